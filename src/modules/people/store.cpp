#include "modules/people/store.hpp"

#include <algorithm>
#include <sstream>

#include "platform/audit/audit.hpp"
#include "platform/db/row.hpp"

namespace renkei::people::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;

constexpr const char* kOrganisationColumns =
    "o.id, o.parent_id, o.kind, o.name_ja, o.name_en, o.active, o.created_at, o.updated_at, o.name_kana";

Organisation ReadOrganisation(const soci::row& r, size_t at) {
    Organisation o;
    o.id = GetString(r, at);
    o.parent_id = GetOptionalString(r, at + 1);
    o.kind = GetString(r, at + 2);
    o.name_ja = GetString(r, at + 3);
    o.name_en = GetString(r, at + 4);
    o.active = GetInt(r, at + 5) != 0;
    o.created_at = FromUnix(GetInt(r, at + 6));
    o.updated_at = FromUnix(GetInt(r, at + 7));
    o.name_kana = GetString(r, at + 8);
    return o;
}

std::vector<std::string> SplitRoles(const std::string& joined) {
    std::vector<std::string> roles;
    std::stringstream in(joined);
    std::string role;
    while (std::getline(in, role, ','))
        if (!role.empty()) roles.push_back(role);
    std::sort(roles.begin(), roles.end());
    return roles;
}

std::string RolesAggregate(db::Engine engine) {
    return engine == db::Engine::kSqlite
               ? "(SELECT group_concat(r.role, ',') FROM person_roles r WHERE r.person_id = p.id)"
               : "(SELECT string_agg(r.role, ',') FROM person_roles r WHERE r.person_id = p.id)";
}

std::string PersonSelect(db::Engine engine) {
    return std::string(
               "SELECT p.id, p.email, p.name_ja, p.name_kana, p.name_en, p.organisation_id, p.language, "
               "p.active, p.created_at, p.updated_at, ") +
           RolesAggregate(engine) + ", " + kOrganisationColumns +
           " FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id ";
}

Person ReadPerson(const soci::row& r) {
    Person p;
    p.id = GetString(r, 0);
    p.email = GetString(r, 1);
    p.name_ja = GetString(r, 2);
    p.name_kana = GetString(r, 3);
    p.name_en = GetString(r, 4);
    p.organisation_id = GetOptionalString(r, 5);
    p.language = GetString(r, 6);
    p.active = GetInt(r, 7) != 0;
    p.created_at = FromUnix(GetInt(r, 8));
    p.updated_at = FromUnix(GetInt(r, 9));
    p.roles = SplitRoles(GetString(r, 10));
    if (!db::IsNull(r, 11)) p.organisation = ReadOrganisation(r, 11);
    return p;
}

std::optional<Person> FirstPerson(soci::rowset<soci::row>& rows) {
    for (const auto& r : rows) return ReadPerson(r);
    return std::nullopt;
}

}  // namespace

void InsertOrganisation(db::Tx& tx, const Organisation& o) {
    soci::indicator parent_ind = o.parent_id ? soci::i_ok : soci::i_null;
    std::string parent = o.parent_id.value_or("");
    int active = o.active ? 1 : 0;
    long long created = ToUnix(o.created_at), updated = ToUnix(o.updated_at);
    tx.sql() << "INSERT INTO organisations (id, parent_id, kind, name_ja, name_en, name_kana, active, created_at, "
                "updated_at) VALUES (:id, :parent, :kind, :ja, :en, :kana, :active, :created, :updated)",
        soci::use(o.id), soci::use(parent, parent_ind), soci::use(o.kind), soci::use(o.name_ja), soci::use(o.name_en),
        soci::use(o.name_kana), soci::use(active), soci::use(created), soci::use(updated);
}

void UpdateOrganisation(db::Tx& tx, const Organisation& o) {
    soci::indicator parent_ind = o.parent_id ? soci::i_ok : soci::i_null;
    std::string parent = o.parent_id.value_or("");
    int active = o.active ? 1 : 0;
    long long updated = ToUnix(o.updated_at);
    tx.sql() << "UPDATE organisations SET parent_id = :parent, kind = :kind, name_ja = :ja, name_en = :en, "
                "name_kana = :kana, active = :active, updated_at = :updated WHERE id = :id",
        soci::use(parent, parent_ind), soci::use(o.kind), soci::use(o.name_ja), soci::use(o.name_en),
        soci::use(o.name_kana), soci::use(active), soci::use(updated), soci::use(o.id);
}

std::optional<Organisation> FindOrganisation(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kOrganisationColumns + " FROM organisations o WHERE o.id = :id",
         soci::use(id));
    for (const auto& r : rows) return ReadOrganisation(r, 0);
    return std::nullopt;
}

std::vector<Organisation> ListOrganisations(db::Tx& tx, int active) {
    std::vector<Organisation> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kOrganisationColumns +
                                 " FROM organisations o WHERE (:active < 0 OR o.active = :active2) "
                                 "ORDER BY o.name_ja, o.id",
         soci::use(active, "active"), soci::use(active, "active2"));
    for (const auto& r : rows) out.push_back(ReadOrganisation(r, 0));
    return out;
}

std::map<std::string, std::optional<std::string>> OrganisationParents(db::Tx& tx) {
    std::map<std::string, std::optional<std::string>> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT id, parent_id FROM organisations");
    for (const auto& r : rows) out[GetString(r, 0)] = GetOptionalString(r, 1);
    return out;
}

int CountActiveChildren(db::Tx& tx, const std::string& id) {
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM organisations WHERE parent_id = :id AND active = 1", soci::use(id), soci::into(n);
    return n;
}

void InsertPerson(db::Tx& tx, const Person& p, const std::string& search_key, const std::string& password_hash) {
    soci::indicator org_ind = p.organisation_id ? soci::i_ok : soci::i_null;
    std::string org = p.organisation_id.value_or("");
    soci::indicator hash_ind = password_hash.empty() ? soci::i_null : soci::i_ok;
    std::string email_key = EmailKey(p.email);
    int active = p.active ? 1 : 0;
    long long created = ToUnix(p.created_at), updated = ToUnix(p.updated_at);
    tx.sql() << "INSERT INTO people (id, email, email_key, name_ja, name_kana, name_en, search_key, organisation_id, "
                "language, password_hash, active, created_at, updated_at) VALUES (:id, :email, :key, :ja, :kana, :en, "
                ":search, :org, :lang, :hash, :active, :created, :updated)",
        soci::use(p.id), soci::use(p.email), soci::use(email_key), soci::use(p.name_ja), soci::use(p.name_kana),
        soci::use(p.name_en), soci::use(search_key), soci::use(org, org_ind), soci::use(p.language),
        soci::use(password_hash, hash_ind), soci::use(active), soci::use(created), soci::use(updated);
    ReplaceRoles(tx, p.id, p.roles);
}

void UpdatePerson(db::Tx& tx, const Person& p, const std::string& search_key) {
    soci::indicator org_ind = p.organisation_id ? soci::i_ok : soci::i_null;
    std::string org = p.organisation_id.value_or("");
    std::string email_key = EmailKey(p.email);
    int active = p.active ? 1 : 0;
    long long updated = ToUnix(p.updated_at);
    tx.sql() << "UPDATE people SET email = :email, email_key = :key, name_ja = :ja, name_kana = :kana, name_en = :en, "
                "search_key = :search, organisation_id = :org, language = :lang, active = :active, "
                "updated_at = :updated WHERE id = :id",
        soci::use(p.email), soci::use(email_key), soci::use(p.name_ja), soci::use(p.name_kana), soci::use(p.name_en),
        soci::use(search_key), soci::use(org, org_ind), soci::use(p.language), soci::use(active), soci::use(updated),
        soci::use(p.id);
    ReplaceRoles(tx, p.id, p.roles);
}

void ReplaceRoles(db::Tx& tx, const std::string& person_id, const std::vector<std::string>& roles) {
    tx.sql() << "DELETE FROM person_roles WHERE person_id = :id", soci::use(person_id);
    for (const auto& role : roles)
        tx.sql() << "INSERT INTO person_roles (person_id, role) VALUES (:id, :role)", soci::use(person_id),
            soci::use(role);
}

std::optional<Person> FindPerson(db::Tx& tx, const std::string& id) {
    std::optional<Person> out;
    tx.ForEachCached(PersonSelect(tx.engine()) + "WHERE p.id = :id", {id},
                     [&](const soci::row& r) { out = ReadPerson(r); });
    return out;
}

std::optional<Person> FindPersonByEmailKey(db::Tx& tx, const std::string& email_key) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << PersonSelect(tx.engine()) + "WHERE p.email_key = :key", soci::use(email_key));
    return FirstPerson(rows);
}

std::optional<std::string> PasswordHash(db::Tx& tx, const std::string& person_id) {
    std::string hash;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT password_hash FROM people WHERE id = :id", soci::use(person_id), soci::into(hash, ind);
    if (!tx.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return hash;
}

void SetPasswordHash(db::Tx& tx, const std::string& person_id, const std::string& hash, Seconds at) {
    long long now = ToUnix(at);
    tx.sql() << "UPDATE people SET password_hash = :hash, updated_at = :now WHERE id = :id", soci::use(hash),
        soci::use(now), soci::use(person_id);
}

void SetLanguage(db::Tx& tx, const std::string& person_id, const std::string& language, Seconds at) {
    long long now = ToUnix(at);
    tx.sql() << "UPDATE people SET language = :lang, updated_at = :now WHERE id = :id", soci::use(language),
        soci::use(now), soci::use(person_id);
}

int CountActiveWithRole(db::Tx& tx, const std::string& role) {
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM people p JOIN person_roles r ON r.person_id = p.id "
                "WHERE r.role = :role AND p.active = 1",
        soci::use(role), soci::into(n);
    return n;
}

std::vector<Person> ListPeople(db::Tx& tx, const PeopleFilter& f) {
    std::vector<Person> out;
    std::string like = "%" + db::LikeEscape(f.search) + "%";
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << PersonSelect(tx.engine()) +
                                 "WHERE (:search = '' OR p.search_key LIKE :like ESCAPE '\\') "
                                 "AND (:role = '' OR EXISTS (SELECT 1 FROM person_roles rr WHERE rr.person_id = p.id "
                                 "AND rr.role = :role2)) "
                                 "AND (:org = '' OR p.organisation_id = :org2) "
                                 "AND (:active < 0 OR p.active = :active2) "
                                 "ORDER BY p.name_kana, p.name_ja, p.id LIMIT :limit",
         soci::use(f.search, "search"), soci::use(like, "like"), soci::use(f.role, "role"), soci::use(f.role, "role2"),
         soci::use(f.organisation_id, "org"), soci::use(f.organisation_id, "org2"), soci::use(f.active, "active"),
         soci::use(f.active, "active2"), soci::use(f.limit, "limit"));
    for (const auto& r : rows) out.push_back(ReadPerson(r));
    return out;
}

std::map<std::string, std::pair<std::string, std::string>> Names(db::Tx& tx, const std::vector<std::string>& ids) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (auto& [id, name] : audit::SelectNames(tx, kPersonNames, ids)) out[id] = {name.ja, name.en};
    return out;
}

void InsertSession(db::Tx& tx, const std::string& id, const std::string& person_id, const std::string& csrf,
                   long long created_at, long long expires_at, const std::string& ip, const std::string& user_agent) {
    tx.sql() << "INSERT INTO sessions (id, person_id, csrf_token, created_at, expires_at, client_ip, user_agent) "
                "VALUES (:id, :person, :csrf, :created, :expires, :ip, :ua)",
        soci::use(id), soci::use(person_id), soci::use(csrf), soci::use(created_at), soci::use(expires_at),
        soci::use(ip), soci::use(user_agent);
}

std::optional<SessionRow> FindSession(db::Tx& tx, const std::string& id) {
    std::optional<SessionRow> out;
    tx.ForEachCached("SELECT s.person_id, s.csrf_token, s.expires_at, p.active, p.language, " +
                         RolesAggregate(tx.engine()) +
                         " FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.id = :id",
                     {id}, [&](const soci::row& r) {
                         SessionRow s;
                         s.person_id = GetString(r, 0);
                         s.csrf_token = GetString(r, 1);
                         s.expires_at = GetInt(r, 2);
                         s.person_active = GetInt(r, 3) != 0;
                         s.language = GetString(r, 4);
                         s.roles = SplitRoles(GetString(r, 5));
                         out = std::move(s);
                     });
    return out;
}

int DeleteSession(db::Tx& tx, const std::string& id) {
    soci::statement st = (tx.sql().prepare << "DELETE FROM sessions WHERE id = :id", soci::use(id));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

int DeleteSessionsOf(db::Tx& tx, const std::string& person_id, const std::string& except_id) {
    soci::statement st = (tx.sql().prepare << "DELETE FROM sessions WHERE person_id = :id AND id <> :except",
                          soci::use(person_id, "id"), soci::use(except_id, "except"));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

LoginFailures RecentLoginFailures(db::Tx& tx, const std::string& subject, long long since) {
    LoginFailures f;
    long long last = 0;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT COUNT(*), MAX(at) FROM login_failures WHERE subject = :s AND at >= :since", soci::use(subject),
        soci::use(since), soci::into(f.count), soci::into(last, ind);
    if (ind == soci::i_ok) f.last_at = last;
    return f;
}

bool KnownLoginAddress(db::Tx& tx, const std::string& person_id, const std::string& address) {
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM login_addresses WHERE person_id = :p AND address = :a", soci::use(person_id),
        soci::use(address), soci::into(n);
    return n > 0;
}

void RememberLoginAddress(db::Tx& tx, const std::string& person_id, const std::string& address, long long at) {
    tx.sql() << "INSERT INTO login_addresses (person_id, address, last_at) VALUES (:p, :a, :at) "
                "ON CONFLICT (person_id, address) DO UPDATE SET last_at = excluded.last_at",
        soci::use(person_id), soci::use(address), soci::use(at);
}

void InsertLoginFailure(db::Tx& tx, const std::string& subject, long long at) {
    tx.sql() << "INSERT INTO login_failures (subject, at) VALUES (:s, :at)", soci::use(subject), soci::use(at);
}

void ClearLoginFailures(db::Tx& tx, const std::string& subject) {
    tx.sql() << "DELETE FROM login_failures WHERE subject = :s", soci::use(subject);
}

void InsertPasswordReset(db::Tx& tx, const std::string& token_hash, const std::string& person_id, long long now,
                         long long expires_at) {
    tx.sql() << "INSERT INTO password_resets (token_hash, person_id, created_at, expires_at) "
                "VALUES (:h, :p, :now, :exp)",
        soci::use(token_hash), soci::use(person_id), soci::use(now), soci::use(expires_at);
}

std::optional<std::string> PersonForReset(db::Tx& tx, const std::string& token_hash, long long now) {
    std::string person;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT person_id FROM password_resets WHERE token_hash = :h AND used_at IS NULL AND expires_at > :now",
        soci::use(token_hash), soci::use(now), soci::into(person, ind);
    if (!tx.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return person;
}

bool UseReset(db::Tx& tx, const std::string& token_hash, long long now) {
    soci::statement st = (tx.sql().prepare << "UPDATE password_resets SET used_at = :now "
                                              "WHERE token_hash = :h AND used_at IS NULL AND expires_at > :now2",
                          soci::use(now, "now"), soci::use(token_hash, "h"), soci::use(now, "now2"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void EndResetsOf(db::Tx& tx, const std::string& person_id, long long now) {
    tx.sql() << "UPDATE password_resets SET used_at = :now WHERE person_id = :p AND used_at IS NULL", soci::use(now),
        soci::use(person_id);
}

}  // namespace renkei::people::store
