// HTTP routes of the people module: session, me, people, organisations, audit log.
#pragma once
#include "platform/config/config.hpp"
#include "platform/http/router.hpp"

namespace renkei::people {

void RegisterRoutes(http::Router& router, const Config& config);

}  // namespace renkei::people
