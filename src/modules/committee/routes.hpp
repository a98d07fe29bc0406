// HTTP routes of the steering committee (運営委員会): members, rules, meetings with their agenda,
// attendance, recusals, votes, decisions, minutes and written resolutions (docs/committee.md).
#pragma once
#include "platform/http/router.hpp"

namespace renkei::committee {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::committee
