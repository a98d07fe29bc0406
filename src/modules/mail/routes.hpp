// HTTP routes of the mail module (docs/mail.md): a person's mail preferences, the office's
// defaults and outbox, and the forgotten-password link (POST /api/session/reset).
#pragma once
#include "platform/config/config.hpp"
#include "platform/http/router.hpp"

namespace renkei::mail {

void RegisterRoutes(http::Router& router, const Config& config);

}  // namespace renkei::mail
