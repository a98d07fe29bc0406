// HTTP routes of the ip module (docs/ip.md). So far the deadline calculator the rules can be
// checked with from outside: POST /api/ip/deadlines/compute.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::ip {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::ip
