// HTTP routes of the notifications module: a person's notifications.
#pragma once
#include "platform/http/router.hpp"

namespace renkei::notifications {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::notifications
