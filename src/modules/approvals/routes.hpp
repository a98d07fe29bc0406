// HTTP routes of the approval chains (稟議, docs/approvals.md): the office's rules, a chain, the
// approvers' decisions, what awaits the caller.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::approvals {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::approvals
