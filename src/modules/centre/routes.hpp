// HTTP routes of the centre module: the centre's strategic areas.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::centre {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::centre
