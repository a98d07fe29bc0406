// HTTP routes of the inbox module: a person's inbox.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::inbox {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::inbox
