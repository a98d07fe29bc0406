#include "app/app.hpp"

#include "modules/building/routes.hpp"
#include "modules/centre/service.hpp"
#include "modules/notifications/service.hpp"
#include "modules/people/routes.hpp"

namespace renkei::app {

void RegisterAllRoutes(http::Router& router, const Config& config) {
    people::RegisterRoutes(router, config);
    centre::RegisterRoutes(router);
    building::RegisterRoutes(router);
    notifications::RegisterRoutes(router);
}

}  // namespace renkei::app
