// The audit log: who changed what, before and after, when. Every module writes its record
// through Record() inside the same transaction as the change, so a change and its record
// are stored together or not at all. Reading it is the people module's job (it knows who
// may read and the actors' names).
#pragma once
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/time.hpp"

namespace renkei::audit {

struct Entry {
    long long id = 0;
    Seconds at;
    std::optional<std::string> actor_id;  // nullopt: the system or the command line
    std::string action;                   // create, update, deactivate, ...
    std::string entity;                   // person, organisation, ...
    std::string entity_id;
    boost::json::value before;  // null when the entity did not exist before
    boost::json::value after;   // null when it no longer exists
    std::string request_id;
};

void Record(db::Tx& tx, const std::optional<std::string>& actor_id, const std::string& action,
            const std::string& entity, const std::string& entity_id, const boost::json::value& before,
            const boost::json::value& after);

// Reads of personal data (a COI declaration opened) are recorded beside the changes, and the
// log shows them apart: one page view is not a change.
bool IsRead(std::string_view action);  // "read"

enum class Shown { kChanges, kReads, kAll };
// "changes" / "reads" / "all"; nullopt for anything else.
std::optional<Shown> ShownFromName(std::string_view name);

struct Filter {
    Shown shown = Shown::kChanges;
    std::string entity;       // "" = any
    std::string entity_id;    // "" = any
    std::string actor_id;     // "" = any
    long long before_id = 0;  // 0 = newest; otherwise entries with a smaller id (paging)
    int limit = 50;
};
// Newest first.
std::vector<Entry> Query(db::Tx& tx, const Filter& filter);

// Who may see an entry's before/after snapshots: the module that records an entity kind declares
// it, with the same rule as reading the entity itself (a confidential seed's snapshots only to
// whom the seed is shown). A kind nobody declared is redacted for every reader, so a new module's
// records stay closed until it says who may read them. Declared at start-up (route registration).
// `now`: when the log is read (the request's clock reading), for rules that depend on time.
using ReadPolicy =
    std::function<bool(db::Tx& tx, const auth::Principal& reader, const std::string& entity_id, Seconds now)>;
void DeclareReadPolicy(const std::string& entity, ReadPolicy policy);
// A policy from a module's own read rule: visible when `get` returns, hidden when it throws
// kNotFound or kForbidden (as the entity's own GET would answer the reader).
ReadPolicy Readable(std::function<void(db::Tx&, const auth::Principal&, const std::string&)> get);
// The policy of kinds whose snapshots every audit reader (office, admins) may see.
bool OpenToAuditors(db::Tx& tx, const auth::Principal& reader, const std::string& entity_id, Seconds now);

enum class Redaction { kNone, kNotEntitled, kUndeclared };
// Applies the policies to entries read for `reader`: a redacted entry keeps who, what and when,
// and loses its snapshots (before/after become null). One decision per entity for the call.
std::vector<Redaction> Redact(db::Tx& tx, const auth::Principal& reader, std::vector<Entry>& entries, Seconds now);
std::string_view RedactionName(Redaction r);  // "" / "not_entitled" / "undeclared"

// What the log calls an entity for its readers: a person's or organisation's name, a title.
struct Name {
    std::string ja;
    std::string en;
};
// The names of entities of one kind, by id, in one query for all ids. Ids without a row are
// simply absent. Declared at start-up by the module that owns the kind.
using NameLookup = std::function<std::map<std::string, Name>(db::Tx& tx, const std::vector<std::string>& ids)>;
void DeclareNames(const std::string& entity, NameLookup lookup);
// A lookup of the form "SELECT id, <ja>, <en> FROM <table> WHERE id IN" — the caller's fixed
// text, to which the bound list "(:p0, :p1, ...)" is appended.
NameLookup NamesFromTable(std::string select_where_id_in);
// Runs such a query for `ids` (duplicates and empty ids skipped; nothing run when none are left).
std::map<std::string, Name> SelectNames(db::Tx& tx, const std::string& select_where_id_in,
                                        const std::vector<std::string>& ids);
// The name of each entry's entity, or nullopt: for entries the reader may see (Redaction::kNone)
// of a kind that declared its names, one lookup per kind for the whole page. A redacted entry
// never gets a name, so a confidential seed's title stays hidden from whom the seed is hidden.
std::vector<std::optional<Name>> EntityNames(db::Tx& tx, const std::vector<Entry>& entries,
                                             const std::vector<Redaction>& redactions);

}  // namespace renkei::audit
