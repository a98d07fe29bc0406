#include "modules/people/service.hpp"

#include <boost/json.hpp>

#include "modules/people/store.hpp"
#include "platform/auth/password.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/log/log.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::people {
namespace {

constexpr long long kFirstLoginWaitSeconds = 30;

std::string SearchKeyOf(const Person& p) {
    return text::SearchKey(p.name_ja + " " + p.name_kana + " " + p.name_en + " " + p.email);
}

// An audit snapshot never carries the organisation object (it has its own history).
boost::json::value Snapshot(const Person& p) {
    Person copy = p;
    copy.organisation.reset();
    auto v = boost::json::value_from(copy);
    v.as_object().erase("organisation");
    return v;
}

void RequireValidPassword(const std::string& field, const std::string& password) {
    if (Utf8Length(password) < auth::kMinPasswordLength)
        throw Invalid(field,
                      "the password must have at least " + std::to_string(auth::kMinPasswordLength) + " characters");
    if (password.size() > 1024) throw Invalid(field, "the password is too long");
}

void RequireActiveOrganisation(db::Tx& tx, const std::optional<std::string>& id, const std::string& field) {
    if (!id) return;
    auto org = store::FindOrganisation(tx, *id);
    if (!org) throw Invalid(field, "no such organisation");
    if (!org->active) throw Invalid(field, "the organisation is deactivated");
}

void RequireEmail(const std::string& email) {
    if (!LooksLikeEmail(email)) throw Invalid("email", "not a valid e-mail address");
}

}  // namespace

Organisation CreateOrganisation(db::Tx& tx, const Actor& actor, const NewOrganisation& in, Seconds now) {
    if (!IsOrganisationKind(in.kind)) throw Invalid("kind", "unknown organisation kind: " + in.kind);
    if (in.name_ja.empty()) throw Invalid("name_ja", "name_ja is required");
    RequireActiveOrganisation(tx, in.parent_id, "parent_id");
    Organisation o;
    o.id = NewId();
    o.parent_id = in.parent_id;
    o.kind = in.kind;
    o.name_ja = in.name_ja;
    o.name_en = in.name_en;
    o.name_kana = text::SearchKey(in.name_kana);
    o.created_at = o.updated_at = now;
    store::InsertOrganisation(tx, o);
    audit::Record(tx, actor, "create", "organisation", o.id, nullptr, boost::json::value_from(o));
    return o;
}

Organisation UpdateOrganisation(db::Tx& tx, const Actor& actor, const std::string& id, const OrganisationPatch& in,
                                Seconds now) {
    auto found = store::FindOrganisation(tx, id);
    if (!found) throw NotFound("organisation");
    Organisation before = *found, o = *found;
    if (in.kind) {
        if (!IsOrganisationKind(*in.kind)) throw Invalid("kind", "unknown organisation kind: " + *in.kind);
        o.kind = *in.kind;
    }
    if (in.name_ja) {
        if (in.name_ja->empty()) throw Invalid("name_ja", "name_ja is required");
        o.name_ja = *in.name_ja;
    }
    if (in.name_en) o.name_en = *in.name_en;
    if (in.name_kana) o.name_kana = text::SearchKey(*in.name_kana);
    if (in.parent_id) {
        const auto& parent = *in.parent_id;
        if (parent && parent != o.parent_id) RequireActiveOrganisation(tx, parent, "parent_id");
        if (CreatesCycle(store::OrganisationParents(tx), id, parent))
            throw Invalid("parent_id", "an organisation cannot be placed under itself or its own sub-organisation");
        o.parent_id = parent;
    }
    if (in.active) {
        if (!*in.active && o.active && store::CountActiveChildren(tx, id) > 0)
            throw Error{ErrorCode::kConflict, "active", "deactivate its sub-organisations first"};
        o.active = *in.active;
    }
    o.updated_at = now;
    store::UpdateOrganisation(tx, o);
    const char* action = (in.active && before.active != o.active) ? (o.active ? "reactivate" : "deactivate") : "update";
    audit::Record(tx, actor, action, "organisation", id, boost::json::value_from(before), boost::json::value_from(o));
    return o;
}

std::vector<Organisation> ListOrganisations(db::Tx& tx, int active) { return store::ListOrganisations(tx, active); }

Person CreatePerson(db::Tx& tx, const Actor& actor, const NewPerson& in, Seconds now) {
    RequireEmail(in.email);
    if (in.name_ja.empty()) throw Invalid("name_ja", "name_ja is required");
    if (!IsLanguage(in.language)) throw Invalid("language", "language must be ja or en");
    if (!in.password.empty()) RequireValidPassword("password", in.password);
    RequireActiveOrganisation(tx, in.organisation_id, "organisation_id");
    if (store::FindPersonByEmailKey(tx, EmailKey(in.email)))
        throw Error{ErrorCode::kConflict, "email", "this e-mail address is already in use"};
    Person p;
    p.id = NewId();
    p.email = Trim(in.email);
    p.name_ja = in.name_ja;
    p.name_kana = text::SearchKey(in.name_kana);
    p.name_en = in.name_en;
    p.organisation_id = in.organisation_id;
    p.roles = CanonicalRoles(in.roles);
    p.language = in.language;
    p.created_at = p.updated_at = now;
    std::string hash = !in.password_hash.empty() ? in.password_hash
                       : in.password.empty()     ? ""
                                                 : auth::HashPassword(in.password);
    store::InsertPerson(tx, p, SearchKeyOf(p), hash);
    Person stored = GetPerson(tx, p.id);
    audit::Record(tx, actor, "create", "person", p.id, nullptr, Snapshot(stored));
    return stored;
}

Person UpdatePerson(db::Tx& tx, const Actor& actor, const std::string& id, const PersonPatch& in, Seconds now) {
    Person before = GetPerson(tx, id);
    Person p = before;
    if (in.email) {
        RequireEmail(*in.email);
        auto other = store::FindPersonByEmailKey(tx, EmailKey(*in.email));
        if (other && other->id != id)
            throw Error{ErrorCode::kConflict, "email", "this e-mail address is already in use"};
        p.email = *in.email;
    }
    if (in.name_ja) {
        if (in.name_ja->empty()) throw Invalid("name_ja", "name_ja is required");
        p.name_ja = *in.name_ja;
    }
    if (in.name_kana) p.name_kana = text::SearchKey(*in.name_kana);
    if (in.name_en) p.name_en = *in.name_en;
    if (in.organisation_id) {
        if (*in.organisation_id != p.organisation_id)
            RequireActiveOrganisation(tx, *in.organisation_id, "organisation_id");
        p.organisation_id = *in.organisation_id;
    }
    if (in.roles) p.roles = CanonicalRoles(*in.roles);
    if (in.active) p.active = *in.active;
    bool loses_admin = before.active && before.HasRole("admin") && (!p.active || !p.HasRole("admin"));
    if (loses_admin && store::CountActiveWithRole(tx, "admin") <= 1)
        throw Error{ErrorCode::kConflict, in.active && !*in.active ? "active" : "roles",
                    "Renkei needs at least one active admin"};
    p.updated_at = now;
    store::UpdatePerson(tx, p, SearchKeyOf(p));
    if (before.active && !p.active) store::DeleteSessionsOf(tx, id, "");
    Person stored = GetPerson(tx, id);
    const char* action = (before.active != p.active) ? (p.active ? "reactivate" : "deactivate") : "update";
    audit::Record(tx, actor, action, "person", id, Snapshot(before), Snapshot(stored));
    return stored;
}

Person GetPerson(db::Tx& tx, const std::string& id) {
    auto p = store::FindPerson(tx, id);
    if (!p) throw NotFound("person");
    return *p;
}

std::optional<Person> FindPerson(db::Tx& tx, const std::string& id) { return store::FindPerson(tx, id); }

std::map<std::string, Names> NamesOf(db::Tx& tx, const std::vector<std::string>& ids) {
    std::map<std::string, Names> out;
    for (auto& [id, names] : store::Names(tx, ids)) out[id] = {std::move(names.first), std::move(names.second)};
    return out;
}

namespace {
const Names kNobody;  // an empty id's names
}  // namespace

void NameBook::Load(const std::vector<std::string>& ids) {
    std::vector<std::string> missing;
    for (const auto& id : ids)
        if (!id.empty() && !known_.contains(id)) missing.push_back(id);
    if (missing.empty()) return;
    auto found = NamesOf(tx_, missing);
    for (auto& id : missing) {
        auto it = found.find(id);
        known_.try_emplace(std::move(id), it == found.end() ? Names{} : std::move(it->second));
    }
}

const Names& NameBook::Of(const std::string& id) {
    auto it = known_.find(id);
    if (it != known_.end()) return it->second;
    Load({id});
    it = known_.find(id);
    if (it != known_.end()) return it->second;
    return kNobody;
}

std::optional<Person> FindPersonByEmail(db::Tx& tx, const std::string& email) {
    return store::FindPersonByEmailKey(tx, EmailKey(email));
}

std::vector<Person> ListPeople(db::Tx& tx, const std::string& query, const std::string& role,
                               const std::string& organisation_id, int active) {
    if (!role.empty() && !IsRole(role)) throw Invalid("role", "unknown role: " + role);
    store::PeopleFilter f;
    f.search = text::SearchKey(Trim(query));
    f.role = role;
    f.organisation_id = organisation_id;
    f.active = active;
    return store::ListPeople(tx, f);
}

void ResetPassword(db::Tx& tx, const Actor& actor, const std::string& id, const std::string& password, Seconds now) {
    GetPerson(tx, id);
    RequireValidPassword("password", password);
    store::SetPasswordHash(tx, id, auth::HashPassword(password), now);
    store::DeleteSessionsOf(tx, id, "");
    audit::Record(tx, actor, "password_reset", "person", id, nullptr, nullptr);
}

void ChangeOwnPassword(db::Tx& tx, const std::string& person_id, const std::string& current,
                       const std::string& replacement, const std::string& keep_session_id, Seconds now) {
    auto hash = store::PasswordHash(tx, person_id);
    if (!hash || !auth::VerifyPassword(*hash, current))
        throw Invalid("current_password", "the current password is not correct");
    RequireValidPassword("new_password", replacement);
    store::SetPasswordHash(tx, person_id, auth::HashPassword(replacement), now);
    store::DeleteSessionsOf(tx, person_id, keep_session_id);
    audit::Record(tx, person_id, "password_change", "person", person_id, nullptr, nullptr);
}

Person SetOwnLanguage(db::Tx& tx, const std::string& person_id, const std::string& language, Seconds now) {
    if (!IsLanguage(language)) throw Invalid("language", "language must be ja or en");
    Person before = GetPerson(tx, person_id);
    store::SetLanguage(tx, person_id, language, now);
    Person after = GetPerson(tx, person_id);
    audit::Record(tx, person_id, "update", "person", person_id, Snapshot(before), Snapshot(after));
    return after;
}

LoginResult Login(db::Database& db, const Config& config, const std::string& email, const std::string& password,
                  const std::string& client_ip, const std::string& user_agent, Seconds at) {
    std::string key = EmailKey(email);
    long long now = ToUnix(at);
    long long window = 60LL * config.login_window_minutes;
    // Three counts, each with growing delays: this account from this address, this address for any
    // account, this account from any address. A person signing in from an address they signed in
    // from before is held up only by the first, so failures others cause elsewhere (a guessing
    // attacker, a shared proxy) never lock them out.
    const std::string pair_key = "pair:" + key + " " + client_ip, ip_key = "ip:" + client_ip,
                      account_key = "email:" + key;
    std::optional<Person> person;
    std::optional<std::string> hash;
    {
        db::Tx tx(db, db::TxMode::kRead);
        person = store::FindPersonByEmailKey(tx, key);
        if (person) hash = store::PasswordHash(tx, person->id);
        bool known = person && store::KnownLoginAddress(tx, person->id, client_ip);
        auto wait_for = [&](const std::string& subject, int free_failures) {
            auto f = store::RecentLoginFailures(tx, subject, now - window);
            return LoginWait(f.count, f.last_at, now, free_failures, kFirstLoginWaitSeconds, window);
        };
        long long wait = wait_for(pair_key, config.login_max_failures);
        if (!known)
            wait = std::max({wait, wait_for(ip_key, config.login_max_failures * 10),
                             wait_for(account_key, config.login_max_failures * 4)});
        if (wait > 0)
            throw Error{ErrorCode::kTooManyRequests, "",
                        "too many failed sign-ins; wait " + std::to_string(wait) + " seconds and try again",
                        static_cast<int>(wait)};
    }
    bool ok = auth::VerifyPassword(hash ? *hash : auth::DummyHash(), password) && person && hash && person->active;
    db::Tx tx(db, db::TxMode::kWrite);
    if (!ok) {
        for (const auto& subject : {pair_key, ip_key, account_key}) store::InsertLoginFailure(tx, subject, now);
        tx.Commit();
        log::Info("login failed for an account (ip={})", client_ip);
        throw Error{ErrorCode::kUnauthenticated, "", "wrong e-mail address or password"};
    }
    store::ClearLoginFailures(tx, pair_key);
    store::ClearLoginFailures(tx, account_key);
    store::RememberLoginAddress(tx, person->id, client_ip, now);
    LoginResult result{NewToken(), NewToken(), *person};
    store::InsertSession(tx, TokenHash(result.token), person->id, result.csrf_token, now,
                         now + 3600LL * config.session_hours, client_ip, user_agent.substr(0, 300));
    tx.Commit();
    return result;
}

void Logout(db::Tx& tx, const std::string& session_id) { store::DeleteSession(tx, session_id); }

std::optional<ResetTicket> StartPasswordReset(db::Tx& tx, const Config& config, const std::string& email,
                                              const std::string& client_ip, Seconds at) {
    long long now = ToUnix(at);
    long long window = 60LL * config.login_window_minutes;
    // A few links per address and window (a mailbox is not flooded), more per client; counted
    // for unknown addresses too, so the answer says nothing about which exist.
    const std::string address_key = "reset:" + EmailKey(email), ip_key = "reset-ip:" + client_ip;
    for (const auto& [subject, allowed] :
         {std::pair{address_key, 3}, std::pair{ip_key, std::max(10, config.login_max_failures * 4)}}) {
        auto f = store::RecentLoginFailures(tx, subject, now - window);
        if (f.count >= allowed) {
            long long wait = std::max(1LL, f.last_at + window - now);
            throw Error{ErrorCode::kTooManyRequests, "",
                        "too many reset requests; wait " + std::to_string(wait) + " seconds and try again",
                        static_cast<int>(wait)};
        }
    }
    store::InsertLoginFailure(tx, address_key, now);
    store::InsertLoginFailure(tx, ip_key, now);
    auto person = store::FindPersonByEmailKey(tx, EmailKey(email));
    if (!person || !person->active) return std::nullopt;
    ResetTicket ticket{*person, NewToken()};
    store::InsertPasswordReset(tx, TokenHash(ticket.token), person->id, now, now + 60LL * kResetLinkMinutes);
    audit::Record(tx, std::nullopt, "password_reset_request", "person", person->id, nullptr, nullptr);
    return ticket;
}

void FinishPasswordReset(db::Database& db, const std::string& token, const std::string& password, Seconds at) {
    long long now = ToUnix(at);
    const std::string hash = token.empty() || token.size() > 100 ? "" : TokenHash(token);
    auto invalid = [] { return Invalid("token", "this link is not valid any more; ask for a new one"); };
    {
        db::Tx tx(db, db::TxMode::kRead);
        if (hash.empty() || !store::PersonForReset(tx, hash, now)) throw invalid();
    }
    RequireValidPassword("password", password);
    std::string new_hash = auth::HashPassword(password);
    db::Tx tx(db, db::TxMode::kWrite);
    auto person = store::PersonForReset(tx, hash, now);
    if (!person || !store::UseReset(tx, hash, now)) throw invalid();
    store::SetPasswordHash(tx, *person, new_hash, at);
    store::DeleteSessionsOf(tx, *person, "");
    store::EndResetsOf(tx, *person, now);
    store::ClearLoginFailures(tx, "email:" + EmailKey(GetPerson(tx, *person).email));
    audit::Record(tx, std::nullopt, "password_reset", "person", *person, nullptr, nullptr);
    tx.Commit();
}

auth::Principal Authenticate(db::Tx& tx, const Credentials& credentials, Seconds now) {
    const auto& token = credentials.session_token;
    if (!token || token->empty()) throw Error{ErrorCode::kUnauthenticated, "", "sign in first"};
    std::string id = TokenHash(*token);
    auto session = store::FindSession(tx, id);
    if (!session || !session->person_active || session->expires_at <= ToUnix(now))
        throw Error{ErrorCode::kUnauthenticated, "", "your session has ended; sign in again"};
    if (!credentials.safe_method && !SecureEquals(credentials.csrf_header, session->csrf_token))
        throw Error{ErrorCode::kForbidden, "", "missing or wrong X-CSRF-Token header"};
    auth::Principal p;
    p.person_id = session->person_id;
    p.session_id = id;
    p.csrf_token = session->csrf_token;
    p.roles.insert(session->roles.begin(), session->roles.end());
    p.language = session->language;
    return p;
}

std::map<std::string, audit::Name> AuditNames(db::Tx& tx, const std::vector<std::string>& person_ids) {
    return audit::SelectNames(tx, store::kPersonNames, person_ids);
}

std::vector<AuditEntryView> ReadAuditLog(db::Tx& tx, const auth::Principal& reader, const audit::Filter& filter,
                                         Seconds now) {
    if (!reader.HasAnyRole({"admin", "office"})) throw Forbidden("only the office and admins may read the audit log");
    auto entries = audit::Query(tx, filter);
    auto redactions = audit::Redact(tx, reader, entries, now);
    std::vector<std::string> actor_ids;
    for (const auto& e : entries)
        if (e.actor_id) actor_ids.push_back(*e.actor_id);
    auto names = store::Names(tx, actor_ids);
    auto entity_names = audit::EntityNames(tx, entries, redactions);
    std::vector<AuditEntryView> out;
    for (size_t i = 0; i < entries.size(); ++i) {
        auto& e = entries[i];
        AuditEntryView v{std::move(e), std::nullopt, redactions[i], std::move(entity_names[i])};
        if (v.entry.actor_id) {
            auto it = names.find(*v.entry.actor_id);
            if (it != names.end()) v.actor_names = it->second;
        }
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace renkei::people
