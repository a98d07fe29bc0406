// The audit log: who changed what, before and after, when. Every module writes its record
// through Record() inside the same transaction as the change, so a change and its record
// are stored together or not at all. Reading it is the people module's job (it knows who
// may read and the actors' names).
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

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

struct Filter {
    std::string entity;     // "" = any
    std::string entity_id;  // "" = any
    std::string actor_id;   // "" = any
    long long before_id = 0;  // 0 = newest; otherwise entries with a smaller id (paging)
    int limit = 50;
};
// Newest first.
std::vector<Entry> Query(db::Tx& tx, const Filter& filter);

}  // namespace renkei::audit
