// HTTP routes of the coi module: thresholds, declarations, cases and the project panel.
// Registering them also installs the coi_cleared gate check and the hook on project changes.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::coi {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::coi
