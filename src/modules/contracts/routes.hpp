#pragma once
#include "platform/http/router.hpp"

namespace renkei::contracts {
// /api/contracts…; also registers the projects gate checks nda_signed and joint_research_agreement.
void RegisterRoutes(http::Router& router);
}  // namespace renkei::contracts
