// What the centre's budget module (modules/budget, docs/budget.md) reads and changes of projects:
// each project's allocation for a fiscal year (its budget), and the committee's decision on a
// budget change.
#include <algorithm>

#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::projects {

std::vector<Allocation> AllocationsForModule(db::Tx& tx, int fiscal_year) {
    auto budgets = store::BudgetsOfYear(tx, fiscal_year);
    std::vector<Allocation> out;
    for (const auto& p : store::ListProjects(tx, {})) {
        if (p.status != Status::kActive && p.status != Status::kClosed) continue;
        Allocation a{p.id, p.kind, p.area_code, p.title_ja, p.title_en, p.status, std::nullopt, "", ""};
        if (auto it = budgets.find(p.id); it != budgets.end()) a.amount_yen = it->second;
        if (const auto* pi = p.WithRole("pi")) a.pi_id = pi->person.id;
        if (const auto* lead = p.WithRole("company_lead")) a.company_lead_id = lead->person.id;
        out.push_back(std::move(a));
    }
    std::sort(out.begin(), out.end(), [](const Allocation& a, const Allocation& b) {
        return std::tie(a.title_ja, a.project_id) < std::tie(b.title_ja, b.project_id);
    });
    return out;
}

Project SetAllocationForModule(db::Tx& tx, const std::optional<std::string>& actor, const std::string& id,
                               int fiscal_year, long long amount_yen, const std::string& reason, Seconds now) {
    if (fiscal_year < 2000 || fiscal_year > 2100) throw Invalid("fiscal_year", "fiscal_year must be 2000–2100");
    if (amount_yen < 0 || amount_yen > kMaxYen) throw Invalid("amount_yen", "amount_yen is out of range");
    auto p = Load(tx, id);
    std::string why = CheckText("reason", reason, 1000, false, true);
    auto before = Snapshot(p);
    auto it =
        std::find_if(p.budgets.begin(), p.budgets.end(), [&](const Budget& b) { return b.fiscal_year == fiscal_year; });
    if (it == p.budgets.end()) {
        p.budgets.push_back({fiscal_year, amount_yen});
        std::sort(p.budgets.begin(), p.budgets.end(),
                  [](const Budget& a, const Budget& b) { return a.fiscal_year < b.fiscal_year; });
    } else {
        it->amount_yen = amount_yen;
    }
    store::ReplaceBudgets(tx, p.id, p.budgets);
    p.updated_at = now;
    auto after = Snapshot(p);
    if (after.is_object()) after.as_object()["reason"] = why;
    audit::Record(tx, actor, "allocate", "project", p.id, before, after);
    return p;
}

}  // namespace renkei::projects
