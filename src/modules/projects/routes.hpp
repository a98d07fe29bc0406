// HTTP routes of the projects module: projects, gates, milestones, reports, documents,
// products, the portfolio and the committee's goal.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::projects {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::projects
