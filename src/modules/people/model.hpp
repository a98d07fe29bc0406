// People and organisations: plain types and the pure rules about them (no I/O).
#pragma once
#include <array>
#include <boost/json/value_from.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/time.hpp"

namespace renkei::people {

// Roles a person may hold (several at once). Wire names; the UI translates them.
// coi_committee: the conflict-of-interest committee (利益相反委員会), which decides COI cases.
inline constexpr std::array<std::string_view, 7> kRoles = {
    "admin", "office", "committee", "clinician", "researcher", "company_researcher", "coi_committee"};
inline constexpr std::array<std::string_view, 7> kOrganisationKinds = {
    "university", "faculty", "department", "hospital", "company", "division", "other"};
inline constexpr std::array<std::string_view, 2> kLanguages = {"ja", "en"};

bool IsRole(std::string_view role);
bool IsOrganisationKind(std::string_view kind);
bool IsLanguage(std::string_view language);
// A plausible address: one '@', a non-empty local part, a dotted domain, no spaces.
bool LooksLikeEmail(std::string_view email);
// The key an address is unique and looked up by: trimmed, ASCII lower case.
std::string EmailKey(std::string_view email);
// Roles sorted, de-duplicated; throws Error{kInvalid,"roles"} for an unknown role.
std::vector<std::string> CanonicalRoles(const std::vector<std::string>& roles);

struct Organisation {
    std::string id;
    std::optional<std::string> parent_id;
    std::string kind;
    std::string name_ja;
    std::string name_en;
    std::string name_kana;  // the reading, full-width katakana; may be empty
    bool active = true;
    Seconds created_at;
    Seconds updated_at;
};

struct Person {
    std::string id;
    std::string email;
    std::string name_ja;
    std::string name_kana;
    std::string name_en;
    std::optional<std::string> organisation_id;
    std::optional<Organisation> organisation;
    std::vector<std::string> roles;
    std::string language = "ja";
    bool active = true;
    Seconds created_at;
    Seconds updated_at;
    bool HasRole(std::string_view role) const;
};

// True if making `new_parent` the parent of `id` would put `id` among its own ancestors.
// `parents` maps every organisation id to its current parent.
bool CreatesCycle(const std::map<std::string, std::optional<std::string>>& parents, const std::string& id,
                  const std::optional<std::string>& new_parent);

// Login throttling with growing delays, never a hard lock-out: the first `free_failures` failures
// in the window cost nothing; after that each further attempt waits `first_wait` seconds after the
// last failure, doubling with every failure up to `max_wait`. Returns the seconds still to wait
// at `now` (0: may try now).
long long LoginWait(int failures, long long last_failure_at, long long now, int free_failures, long long first_wait,
                    long long max_wait);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Organisation& o);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Person& p);

}  // namespace renkei::people
