// HTTP routes of the centre's budget: the overview per fiscal year, the plan, spending lines, the
// CSV import with its preview, budget changes, a project's budget, exports (docs/budget.md).
#pragma once
#include "platform/http/router.hpp"

namespace renkei::budget {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::budget
