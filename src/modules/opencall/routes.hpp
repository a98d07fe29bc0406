// HTTP routes of the open call (学内公募): calls, proposals, attachments, the assignment, reviews,
// the ranking, the selection and the committee's decision (docs/opencall.md).
#pragma once
#include "platform/http/router.hpp"

namespace renkei::opencall {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::opencall
