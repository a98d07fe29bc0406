// The inbox: one list per person of everything asked of them, across modules. Plain types and
// the pure rules about them (no I/O).
#pragma once
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "platform/time.hpp"

namespace renkei::inbox {

// The smallest possible action, done in one click from the inbox: the UI sends `method` to
// `path` (an /api/ path of the module that owns the item) with `body`. The owning endpoint
// checks permission as for any other request; the inbox only describes the action.
struct Action {
    std::string method = "POST";
    std::string path;
    boost::json::value body;  // null: no body
    std::string label_ja, label_en;
};

struct Item {
    std::string id;
    std::string person_id;
    std::string kind;        // "<module>.<what>", e.g. "projects.report_ack"
    std::string source;      // the module that owns it, e.g. "projects"
    std::string source_key;  // what it is about inside that module, e.g. "report:abc"
    std::string title_ja, title_en;
    std::string context_ja, context_en;  // e.g. the project's title
    std::string link;                    // UI path, e.g. "/projects/abc"
    std::optional<std::string> due_on;   // YYYY-MM-DD (Asia/Tokyo)
    std::optional<Action> action;
    std::string state = "open";  // open | done | cancelled
    Seconds created_at;
    std::optional<Seconds> resolved_at;
    std::optional<std::string> resolved_by;
    bool overdue = false;  // computed when read: open and due before today in Tokyo
};

// Open items whose due date lies before `today` are overdue; an item without a date never is.
bool IsOverdue(const Item& item, std::string_view today);
// A one-click action must target the API with a state-changing method; anything else is a bug
// in the module that made it (the UI would otherwise send a request to an arbitrary URL).
bool IsValidAction(const Action& action);
bool IsState(std::string_view state);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Action& a);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Item& item);

}  // namespace renkei::inbox
