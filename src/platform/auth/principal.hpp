// Who is calling: the signed-in person a service acts for. Filled in by the router's
// authenticator; services take it without pulling in the HTTP layer.
#pragma once
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

namespace renkei::auth {

struct Principal {
    std::string person_id;
    std::string session_id;  // hash of the session token
    std::set<std::string> roles;
    std::string language;
    std::string csrf_token;  // of this session, for responses that hand it back to the UI
    bool HasRole(std::string_view role) const { return roles.count(std::string(role)) > 0; }
    bool HasAnyRole(std::initializer_list<std::string_view> any) const {
        for (auto r : any)
            if (HasRole(r)) return true;
        return false;
    }
};

}  // namespace renkei::auth
