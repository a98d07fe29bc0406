// HTTP routes of the deadlines module (docs/deadlines.md): GET /api/deadlines, the office's view of
// every module's deadlines by week, as JSON, CSV or .xlsx.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::deadlines {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::deadlines
