// The people module's SQL: organisations, people, roles, sessions, login failures.
// Free functions, transaction first; absence is a value (std::nullopt / 0 rows), never thrown.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/people/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::people::store {

// The audit log's names (audit::NamesFromTable): id, Japanese and English name.
inline constexpr const char* kPersonNames = "SELECT id, name_ja, name_en FROM people WHERE id IN";
inline constexpr const char* kOrganisationNames = "SELECT id, name_ja, name_en FROM organisations WHERE id IN";

void InsertOrganisation(db::Tx& tx, const Organisation& o);
void UpdateOrganisation(db::Tx& tx, const Organisation& o);
std::optional<Organisation> FindOrganisation(db::Tx& tx, const std::string& id);
// active: 1 only active, 0 only inactive, -1 all. Ordered by Japanese name.
std::vector<Organisation> ListOrganisations(db::Tx& tx, int active);
std::map<std::string, std::optional<std::string>> OrganisationParents(db::Tx& tx);
int CountActiveChildren(db::Tx& tx, const std::string& id);

// `search_key` is the normalised text the people search matches against.
void InsertPerson(db::Tx& tx, const Person& p, const std::string& search_key, const std::string& password_hash);
void UpdatePerson(db::Tx& tx, const Person& p, const std::string& search_key);
void ReplaceRoles(db::Tx& tx, const std::string& person_id, const std::vector<std::string>& roles);
std::optional<Person> FindPerson(db::Tx& tx, const std::string& id);
std::optional<Person> FindPersonByEmailKey(db::Tx& tx, const std::string& email_key);
std::optional<std::string> PasswordHash(db::Tx& tx, const std::string& person_id);
void SetPasswordHash(db::Tx& tx, const std::string& person_id, const std::string& hash, Seconds now);
void SetLanguage(db::Tx& tx, const std::string& person_id, const std::string& language, Seconds now);
int CountActiveWithRole(db::Tx& tx, const std::string& role);

struct PeopleFilter {
    std::string search;  // normalised search key, "" = any
    std::string role;
    std::string organisation_id;
    int active = 1;  // 1, 0, -1 = all
    int limit = 500;
};
std::vector<Person> ListPeople(db::Tx& tx, const PeopleFilter& f);
// id -> (name_ja, name_en) for the given ids.
std::map<std::string, std::pair<std::string, std::string>> Names(db::Tx& tx, const std::vector<std::string>& ids);

struct SessionRow {
    std::string person_id;
    std::string csrf_token;
    long long expires_at = 0;
    bool person_active = false;
    std::string language;
    std::vector<std::string> roles;
};
void InsertSession(db::Tx& tx, const std::string& id, const std::string& person_id, const std::string& csrf,
                   long long created_at, long long expires_at, const std::string& ip, const std::string& user_agent);
std::optional<SessionRow> FindSession(db::Tx& tx, const std::string& id);
int DeleteSession(db::Tx& tx, const std::string& id);
// Ends every session of the person except `except_id` ("" = all).
int DeleteSessionsOf(db::Tx& tx, const std::string& person_id, const std::string& except_id);

struct LoginFailures {
    int count = 0;
    long long last_at = 0;
};
LoginFailures RecentLoginFailures(db::Tx& tx, const std::string& subject, long long since);
bool KnownLoginAddress(db::Tx& tx, const std::string& person_id, const std::string& address);
void RememberLoginAddress(db::Tx& tx, const std::string& person_id, const std::string& address, long long at);
void InsertLoginFailure(db::Tx& tx, const std::string& subject, long long at);
void ClearLoginFailures(db::Tx& tx, const std::string& subject);

// Forgotten passwords: single-use links, stored as the token's hash.
void InsertPasswordReset(db::Tx& tx, const std::string& token_hash, const std::string& person_id, long long now,
                         long long expires_at);
// The person of an unused, unexpired reset token.
std::optional<std::string> PersonForReset(db::Tx& tx, const std::string& token_hash, long long now);
// Marks the token used; false when it was used (or expired) meanwhile.
bool UseReset(db::Tx& tx, const std::string& token_hash, long long now);
// Every other open link of the person stops working (a new password was set).
void EndResetsOf(db::Tx& tx, const std::string& person_id, long long now);

}  // namespace renkei::people::store
