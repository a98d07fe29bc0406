// HTTP routes of the KPI module: the funnel, the series and their export.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::kpi {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::kpi
