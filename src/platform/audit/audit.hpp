// The audit log: who changed what, before and after, when. Every module writes its record
// through Record() inside the same transaction as the change, so a change and its record
// are stored together or not at all. Reading it is the people module's job (it knows who
// may read and the actors' names).
#pragma once
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/http/message.hpp"
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

struct Filter {
    std::string entity;     // "" = any
    std::string entity_id;  // "" = any
    std::string actor_id;   // "" = any
    long long before_id = 0;  // 0 = newest; otherwise entries with a smaller id (paging)
    int limit = 50;
};
// Newest first.
std::vector<Entry> Query(db::Tx& tx, const Filter& filter);

// Who may see an entry's before/after snapshots: the module that records an entity kind declares
// it, with the same rule as reading the entity itself (a confidential seed's snapshots only to
// whom the seed is shown). A kind nobody declared is redacted for every reader, so a new module's
// records stay closed until it says who may read them. Declared at start-up (route registration).
using ReadPolicy = std::function<bool(db::Tx& tx, const http::Principal& reader, const std::string& entity_id)>;
void DeclareReadPolicy(const std::string& entity, ReadPolicy policy);
// A policy from a module's own read rule: visible when `get` returns, hidden when it throws
// kNotFound or kForbidden (as the entity's own GET would answer the reader).
ReadPolicy Readable(std::function<void(db::Tx&, const http::Principal&, const std::string&)> get);
// The policy of kinds whose snapshots every audit reader (office, admins) may see.
bool OpenToAuditors(db::Tx& tx, const http::Principal& reader, const std::string& entity_id);

enum class Redaction { kNone, kNotEntitled, kUndeclared };
// Applies the policies to entries read for `reader`: a redacted entry keeps who, what and when,
// and loses its snapshots (before/after become null). One decision per entity for the call.
std::vector<Redaction> Redact(db::Tx& tx, const http::Principal& reader, std::vector<Entry>& entries);
std::string_view RedactionName(Redaction r);  // "" / "not_entitled" / "undeclared"

}  // namespace renkei::audit
