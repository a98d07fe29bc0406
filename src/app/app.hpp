// Wires the modules into one server: their routes, and the demo centre.
#pragma once
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace renkei::app {

void RegisterAllRoutes(http::Router& router, const Config& config);
// Mail: the links' address and the digest hour; the inbox and notifications start being mailed.
// Before serving or running the periodic tasks.
void InstallMail(const Config& config);

struct DemoLogin {
    const char* email;
    const char* password;
    const char* who;
};
// Loads the demo centre of the paper once; later calls change nothing and return false.
bool LoadDemo(db::Database& db);
const std::vector<DemoLogin>& DemoLogins();

}  // namespace renkei::app
