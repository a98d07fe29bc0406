// HTTP routes of the building module: spaces, bookings, calendar feeds, events.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::building {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::building
