#include "app/app.hpp"

#include "modules/approvals/routes.hpp"
#include "modules/budget/routes.hpp"
#include "modules/building/routes.hpp"
#include "modules/centre/routes.hpp"
#include "modules/coi/routes.hpp"
#include "modules/committee/routes.hpp"
#include "modules/contracts/routes.hpp"
#include "modules/deadlines/routes.hpp"
#include "modules/ethics/routes.hpp"
#include "modules/exchange/routes.hpp"
#include "modules/inbox/routes.hpp"
#include "modules/ip/routes.hpp"
#include "modules/kpi/routes.hpp"
#include "modules/mail/routes.hpp"
#include "modules/mail/service.hpp"
#include "modules/notifications/routes.hpp"
#include "modules/opencall/routes.hpp"
#include "modules/people/routes.hpp"
#include "modules/projects/routes.hpp"
#include "modules/surveys/routes.hpp"

namespace renkei::app {

void InstallMail(const Config& config) {
    mail::Options options;
    options.public_url = config.public_url.empty() ? "http://" + config.listen : config.public_url;
    options.digest_hour = config.digest_hour;
    mail::Install(options);
}

void RegisterAllRoutes(http::Router& router, const Config& config) {
    people::RegisterRoutes(router, config);
    exchange::RegisterRoutes(router);
    centre::RegisterRoutes(router);
    projects::RegisterRoutes(router);
    inbox::RegisterRoutes(router);
    building::RegisterRoutes(router);
    notifications::RegisterRoutes(router);
    coi::RegisterRoutes(router);
    contracts::RegisterRoutes(router);
    ethics::RegisterRoutes(router);
    ip::RegisterRoutes(router);
    mail::RegisterRoutes(router, config);
    deadlines::RegisterRoutes(router);
    opencall::RegisterRoutes(router);
    committee::RegisterRoutes(router);
    approvals::RegisterRoutes(router);
    kpi::RegisterRoutes(router);
    budget::RegisterRoutes(router);
    surveys::RegisterRoutes(router);
}

}  // namespace renkei::app
