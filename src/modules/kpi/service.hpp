// The centre's KPIs (SPEC §8, issue 18; docs/kpi.md): the funnel, the series and their export.
// Read-only; for the office, the committee and admins.
#pragma once
#include <optional>
#include <string>

#include "modules/kpi/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/office/table.hpp"

namespace renkei::kpi {

// The question as the client asked it; every field optional.
struct Query {
    std::optional<std::string> from, to;  // YYYY-MM-DD (default: the current fiscal year, Tokyo)
    std::optional<std::string> area, department, company;
    std::optional<std::string> by;  // month (default) | fiscal_year
};

// kForbidden unless office, committee or admin; kInvalid naming from, to, area, department, company
// or by.
Funnel FunnelOf(db::Tx& tx, const auth::Principal& me, const Query& q, Seconds now);
Series SeriesOf(db::Tx& tx, const auth::Principal& me, const Query& q, Seconds now);
// The funnel and the series as one list, with headers in `language` (ja | en).
office::Table Export(db::Tx& tx, const auth::Principal& me, const Query& q, const std::string& language, Seconds now);

}  // namespace renkei::kpi
