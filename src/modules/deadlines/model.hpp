// The office's view of deadlines (docs/deadlines.md): every dated obligation of every module in
// one list, by ISO week. Plain types and the pure rules about them (no I/O); model_test.cpp.
#pragma once
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::deadlines {

struct PersonName {
    std::string id, name_ja, name_en;
};
struct ProjectName {
    std::string id, title_ja, title_en;
};
struct Deadline {
    std::string due_on;  // YYYY-MM-DD, Asia/Tokyo
    std::string kind;    // "<module>.<what>": projects.report_due, contracts.expiry, ethics.sae_report, …
    std::string title_ja, title_en, about_ja, about_en;
    std::optional<ProjectName> project;
    std::vector<PersonName> people;  // responsible
    std::string link;                // UI path
    bool legal = false;              // set by a law or a regulation
};
struct Week {
    std::string week_start;  // the Monday, YYYY-MM-DD
    std::vector<Deadline> items;
};

// What the list is narrowed to; "" matches anything. `kind` names a kind ("contracts.expiry") or a
// whole module ("ethics").
struct Filter {
    std::string kind, project_id, person_id;
};
bool Matches(const Deadline& d, const Filter& f);
// The module of a kind: "ethics" for "ethics.sae_report".
std::string_view ModuleOf(std::string_view kind);
// Whether `kind` is a well-formed kind or module name (lower-case letters, digits, '_' and one '.').
bool IsKindText(std::string_view kind);
// The Monday (ISO 8601 weeks start on Monday) of the week holding `date` (YYYY-MM-DD); "" for a
// malformed date.
std::string WeekStart(std::string_view date);
// By date, then kind, then title (a stable order for the same input).
void SortDeadlines(std::vector<Deadline>& items);
// Sorted deadlines grouped into their weeks, weeks in order; weeks without deadlines are left out.
std::vector<Week> ByWeek(const std::vector<Deadline>& sorted);
// The kind's label for the page and the exports: the kinds of projects, contracts and coi by
// name, those of ethics and ip by their module ("倫理審査" / "Ethics"; the title names the step).
std::string KindLabel(std::string_view kind, std::string_view language);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const PersonName& p);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ProjectName& p);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Deadline& d);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Week& w);

}  // namespace renkei::deadlines
