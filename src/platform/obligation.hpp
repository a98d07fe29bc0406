// One dated obligation a module knows of — a report due, a milestone, a contract's end, a legal
// period — in the shape every module hands to the office's view of deadlines (modules/deadlines,
// docs/deadlines.md). A module fills in what is its own (the date, its kind, its words, the ids);
// the deadlines module names the project and the people in one read for the whole list.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace renkei {

struct Obligation {
    std::string due_on;                     // YYYY-MM-DD, Asia/Tokyo
    std::string kind;                       // "<module>.<what>", e.g. "contracts.expiry"
    std::string title_ja, title_en;         // what is due
    std::string about_ja, about_en;         // what it is about: the contract's or protocol's title, …
    std::optional<std::string> project_id;  // the project it belongs to, if any
    std::vector<std::string> people;        // the responsible people's ids
    std::string link;                       // the UI page, e.g. "/contracts/abc"
    bool legal = false;                     // set by a law or a regulation (not by the centre)
};

}  // namespace renkei
