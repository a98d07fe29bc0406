// The deadlines module (docs/deadlines.md): the office's view of every deadline of every module —
// projects' reports and milestones, contracts' ends, the yearly COI declarations, the legal
// deadlines of ethics and IP — over a range of days, by week, filtered and exported. Each module
// reports its own dated obligations (its ObligationsBetween, with its own rules of who sees what);
// this module names the projects and people once for the whole list, sorts, filters and groups.
// Read-only: nothing is changed or audited. Services take the request's clock reading `now`.
#pragma once
#include <string>
#include <vector>

#include "modules/deadlines/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/office/table.hpp"
#include "platform/time.hpp"

namespace renkei::deadlines {

using Me = auth::Principal;

inline constexpr int kDefaultDays = 90;
inline constexpr int kMaxDays = 366;

struct Query {
    std::string from;  // YYYY-MM-DD; "" = today in Tokyo
    int days = kDefaultDays;
    Filter filter;
};
struct View {
    std::string from, to;  // the range, both days included
    int days = 0, total = 0;
    std::vector<Week> weeks;  // the deadlines that match the filter
    // What the filters may choose from: every kind, project and person of the range (unfiltered).
    std::vector<std::string> kinds;
    std::vector<ProjectName> projects;
    std::vector<PersonName> people;
};
// Office and admins (kForbidden otherwise); kBadRequest naming `from` (not a date) or `days`
// (not 1–366). Admins see no IP deadlines: disclosures are confidential to the office.
View List(db::Tx& tx, const Me& me, const Query& q, Seconds now);
// The view as a table to export (CSV or .xlsx), headers and labels in `language` (ja or en); the
// workbook says the range and the day it was made (`now`).
office::Table Export(const View& v, const std::string& language, Seconds now);

}  // namespace renkei::deadlines
