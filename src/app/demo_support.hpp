// What the demo loaders share: acting as a demo person.
#pragma once
#include <string>

#include "modules/people/service.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"

namespace renkei::app {

// The demo person with this e-mail address, with the roles stored for them, writing in Japanese.
inline auth::Principal DemoPerson(db::Tx& tx, const std::string& email) {
    auto p = people::FindPersonByEmail(tx, email);
    auth::Principal me;
    if (!p) return me;
    me.person_id = p->id;
    me.roles.insert(p->roles.begin(), p->roles.end());
    me.language = "ja";
    return me;
}

}  // namespace renkei::app
