// The exchange's HTTP routes under /api/exchange/.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::exchange {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::exchange
