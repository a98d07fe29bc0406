// HTTP routes of the ethics module (docs/ethics.md): committees and meetings, templates,
// protocols with their statuses, documents, enrolment, adverse events and reports, deadlines,
// rules and turnaround. Registering them also installs the ethics_protocol_approved gate check.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::ethics {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::ethics
