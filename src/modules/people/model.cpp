#include "modules/people/model.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "platform/error.hpp"

namespace renkei::people {

bool IsRole(std::string_view role) { return std::find(kRoles.begin(), kRoles.end(), role) != kRoles.end(); }
bool IsOrganisationKind(std::string_view kind) {
    return std::find(kOrganisationKinds.begin(), kOrganisationKinds.end(), kind) != kOrganisationKinds.end();
}
bool IsLanguage(std::string_view l) { return std::find(kLanguages.begin(), kLanguages.end(), l) != kLanguages.end(); }

bool LooksLikeEmail(std::string_view email) {
    if (email.size() < 3 || email.size() > 254) return false;
    auto at = email.find('@');
    if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return false;
    auto domain = email.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
    for (unsigned char c : email)
        if (c <= ' ' || c >= 0x7F) return false;
    return true;
}

std::string EmailKey(std::string_view email) {
    std::string key;
    for (unsigned char c : email) {
        if (c == ' ' || c == '\t') continue;
        key += static_cast<char>(std::tolower(c));
    }
    return key;
}

std::vector<std::string> CanonicalRoles(const std::vector<std::string>& roles) {
    std::set<std::string> unique;
    for (const auto& r : roles) {
        if (!IsRole(r)) throw Invalid("roles", "unknown role: " + r);
        unique.insert(r);
    }
    return {unique.begin(), unique.end()};
}

bool Person::HasRole(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

bool CreatesCycle(const std::map<std::string, std::optional<std::string>>& parents, const std::string& id,
                  const std::optional<std::string>& new_parent) {
    std::optional<std::string> at = new_parent;
    size_t steps = 0;
    while (at) {
        if (*at == id) return true;
        if (++steps > parents.size()) return true;  // an existing loop: refuse rather than spin
        auto it = parents.find(*at);
        if (it == parents.end()) return false;
        at = it->second;
    }
    return false;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Organisation& o) {
    boost::json::object obj{{"id", o.id},
                            {"kind", o.kind},
                            {"name_ja", o.name_ja},
                            {"name_en", o.name_en},
                            {"name_kana", o.name_kana},
                            {"active", o.active},
                            {"created_at", FormatUtc(o.created_at)},
                            {"updated_at", FormatUtc(o.updated_at)}};
    obj["parent_id"] = o.parent_id ? boost::json::value(*o.parent_id) : boost::json::value(nullptr);
    jv = std::move(obj);
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Person& p) {
    boost::json::object obj{{"id", p.id},
                            {"email", p.email},
                            {"name_ja", p.name_ja},
                            {"name_kana", p.name_kana},
                            {"name_en", p.name_en},
                            {"language", p.language},
                            {"active", p.active},
                            {"created_at", FormatUtc(p.created_at)},
                            {"updated_at", FormatUtc(p.updated_at)}};
    obj["organisation_id"] = p.organisation_id ? boost::json::value(*p.organisation_id) : boost::json::value(nullptr);
    obj["organisation"] = p.organisation ? boost::json::value_from(*p.organisation) : boost::json::value(nullptr);
    obj["roles"] = boost::json::value_from(p.roles);
    jv = std::move(obj);
}

long long LoginWait(int failures, long long last_failure_at, long long now, int free_failures, long long first_wait,
                    long long max_wait) {
    if (failures < free_failures) return 0;
    long long wait = first_wait;
    for (int i = free_failures; i < failures && wait < max_wait; ++i) wait *= 2;
    wait = std::min(wait, max_wait);
    return std::max(0LL, last_failure_at + wait - now);
}

}  // namespace renkei::people
