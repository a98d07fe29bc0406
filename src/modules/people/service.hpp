// The people module's rules: organisations, people, roles, passwords, sessions and who may
// read the audit log. Every change writes its audit record in the caller's transaction.
// `actor` is the signed-in person making the change, or nullopt for the command line. `now` is the
// caller's clock reading (the request's http::Call::now); the module never reads the clock itself.
#pragma once
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/people/model.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"

namespace renkei::people {

using Actor = std::optional<std::string>;

struct NewOrganisation {
    std::optional<std::string> parent_id;
    std::string kind, name_ja, name_en, name_kana;
};
struct OrganisationPatch {
    std::optional<std::optional<std::string>> parent_id;
    std::optional<std::string> kind, name_ja, name_en, name_kana;
    std::optional<bool> active;
};
Organisation CreateOrganisation(db::Tx& tx, const Actor& actor, const NewOrganisation& in, Seconds now);
// Throws kNotFound, kInvalid (parent_id: unknown or a cycle), kConflict (deactivating with active children).
Organisation UpdateOrganisation(db::Tx& tx, const Actor& actor, const std::string& id, const OrganisationPatch& in,
                                Seconds now);
std::vector<Organisation> ListOrganisations(db::Tx& tx, int active);

struct NewPerson {
    std::string email, name_ja, name_kana, name_en;
    std::optional<std::string> organisation_id;
    std::vector<std::string> roles;
    std::string password;  // empty: the person cannot log in until a password is set
    // Instead of `password`: an argon2id hash made once for many people (the demo centre's
    // shared demo password). Never filled from a request.
    std::string password_hash;
    std::string language = "ja";
};
struct PersonPatch {
    std::optional<std::string> email, name_ja, name_kana, name_en;
    std::optional<std::optional<std::string>> organisation_id;
    std::optional<std::vector<std::string>> roles;
    std::optional<bool> active;
};
// Throws kInvalid naming the field, kConflict (field email) for a taken address.
Person CreatePerson(db::Tx& tx, const Actor& actor, const NewPerson& in, Seconds now);
// Deactivating ends the person's sessions. The last active admin cannot be deactivated or
// lose the admin role (kConflict).
Person UpdatePerson(db::Tx& tx, const Actor& actor, const std::string& id, const PersonPatch& in, Seconds now);
// Throws kNotFound; FindPerson says "no such person" with nullopt instead.
Person GetPerson(db::Tx& tx, const std::string& id);
std::optional<Person> FindPerson(db::Tx& tx, const std::string& id);
struct Names {
    std::string name_ja, name_en;
};
// Names of many people in one query, for lists; an id nobody has is absent from the map.
std::map<std::string, Names> NamesOf(db::Tx& tx, const std::vector<std::string>& ids);
// The names a request shows, read in batches: Load the ids of a whole list first (one query),
// then Of(id) answers from memory. Of an id not loaded reads it alone; an id nobody has gets
// empty names. Lives as long as the request's transaction.
class NameBook {
  public:
    explicit NameBook(db::Tx& tx) : tx_(tx) {}
    void Load(const std::vector<std::string>& ids);
    const Names& Of(const std::string& id);

  private:
    db::Tx& tx_;
    std::map<std::string, Names, std::less<>> known_;
};
std::optional<Person> FindPersonByEmail(db::Tx& tx, const std::string& email);
std::vector<Person> ListPeople(db::Tx& tx, const std::string& query, const std::string& role,
                               const std::string& organisation_id, int active);
// Sets a new password chosen by an admin and ends the person's sessions.
void ResetPassword(db::Tx& tx, const Actor& actor, const std::string& id, const std::string& password, Seconds now);
// The person's own change; their other sessions end, `keep_session_id` (the one asking) stays.
// Throws kInvalid (current_password) when the current password is wrong.
void ChangeOwnPassword(db::Tx& tx, const std::string& person_id, const std::string& current,
                       const std::string& replacement, const std::string& keep_session_id, Seconds now);
Person SetOwnLanguage(db::Tx& tx, const std::string& person_id, const std::string& language, Seconds now);

struct LoginResult {
    std::string token;  // goes into the cookie, never stored
    std::string csrf_token;
    Person person;
};
// Checks the password outside any write lock (argon2id is slow on purpose), records failures
// for throttling, and opens a session. Throws kUnauthenticated or kTooManyRequests.
LoginResult Login(db::Database& db, const Config& config, const std::string& email, const std::string& password,
                  const std::string& client_ip, const std::string& user_agent, Seconds now);
void Logout(db::Tx& tx, const std::string& session_id);

// ---- a forgotten password ----
// A reset link works once, for this long.
inline constexpr int kResetLinkMinutes = 60;
struct ResetTicket {
    Person person;
    std::string token;  // goes into the link, never stored
};
// Starts a reset for `email`: a new single-use token when the address belongs to an active person,
// nullopt otherwise (the caller answers the same either way). Throttled like sign-ins, by address
// and by client, whether the address exists or not: throws kTooManyRequests.
std::optional<ResetTicket> StartPasswordReset(db::Tx& tx, const Config& config, const std::string& email,
                                              const std::string& client_ip, Seconds now);
// Sets the password from a reset link and ends all the person's sessions and other links.
// Throws kInvalid naming "token" (unknown, used or expired) or "password" (too short). Hashes the
// password outside any write transaction, like Login.
void FinishPasswordReset(db::Database& db, const std::string& token, const std::string& password, Seconds now);
// The cookie that carries the session token.
inline constexpr const char* kSessionCookie = "renkei_session";
// What a request brings to prove who sent it.
struct Credentials {
    std::optional<std::string> session_token;  // the kSessionCookie cookie
    std::string csrf_header;                   // X-CSRF-Token
    bool safe_method = true;                   // GET, HEAD, OPTIONS: no CSRF check
};
// Resolves the session token; for a state-changing request also checks the CSRF token.
// Throws kUnauthenticated or kForbidden.
auth::Principal Authenticate(db::Tx& tx, const Credentials& credentials, Seconds now);

struct AuditEntryView {
    audit::Entry entry;
    std::optional<std::pair<std::string, std::string>> actor_names;
    audit::Redaction redaction = audit::Redaction::kNone;  // snapshots withheld from this reader
    std::optional<audit::Name> entity_name;                // never for a redacted entry
};
// People's names by id for the audit log (a kind whose entity id is a person: profile,
// calendar_token), in one query.
std::map<std::string, audit::Name> AuditNames(db::Tx& tx, const std::vector<std::string>& person_ids);
// Admin and office only (kForbidden otherwise). Each entry's snapshots are shown only when the
// reader may see the entity it describes (audit::Redact); otherwise the entry says so.
std::vector<AuditEntryView> ReadAuditLog(db::Tx& tx, const auth::Principal& reader, const audit::Filter& filter,
                                         Seconds now);

}  // namespace renkei::people
