// The selection that an open call proposes to the committee: the proposals with the largest total
// weighted score whose budgets fit the call's total, each within the per-project cap. An exact
// 0/1 knapsack by dynamic programming over budget units. No I/O.
//
// Budget units: money is counted in units of `unit_yen` (10,000 yen by default, 万円, the unit
// of a call's budget table). A request is charged in whole units, rounded up (¥1,234,567 is 124
// units, ¥1,240,000); the call's total is rounded down to whole units. So the selection never
// costs more than the total, and it is the exact optimum whenever the requests and the total are
// multiples of the unit (the call form asks for them in 万円); otherwise it is exact for the
// charged amounts. The per-project cap is checked on the request in yen, before any rounding.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/enum_text.hpp"

namespace renkei::opencall {

inline constexpr std::int64_t kBudgetUnitYen = 10'000;
inline constexpr std::int64_t kMaxSelectionCells = 400'000'000;  // one bit each: 50 MB

struct Candidate {
    std::string id;
    std::int64_t score = 0;          // weighted score in thousandths (model.hpp's kScoreScale)
    std::int64_t requested_yen = 0;  // ≥ 0
};

struct SelectionRules {
    std::int64_t total_budget_yen = 0;
    std::int64_t per_project_cap_yen = 0;  // a request above it is ineligible
    std::int64_t unit_yen = kBudgetUnitYen;
};

enum class Ineligibility {
    kAboveCap,  // the request is above the per-project cap
};
inline constexpr std::array<EnumText<Ineligibility>, 1> kIneligibilityTexts{{
    {Ineligibility::kAboveCap, "above_cap"},
}};
constexpr const auto& TextsOf(Ineligibility) { return kIneligibilityTexts; }

struct Ineligible {
    int candidate = 0;
    Ineligibility reason = Ineligibility::kAboveCap;
};

struct Selection {
    std::vector<int> selected;  // candidates' indices, ascending
    std::vector<Ineligible> ineligible;
    std::int64_t total_score = 0;
    std::int64_t total_requested_yen = 0;  // the sum of the selected requests
    std::int64_t total_charged_yen = 0;    // the same in whole units (≥ the requests; ≤ the total budget)
};

// Whole units charged for `yen`, rounded up.
std::int64_t ChargedUnits(std::int64_t yen, std::int64_t unit_yen);

// The selection with the largest total score whose charged units fit the total budget. Among
// selections of equal score, the one asking fewer yen; among those, the one that keeps the
// candidate of the smallest id (then the next, and so on). A candidate with a score ≤ 0 is never
// worth its money and is not selected unless it costs nothing. Throws Error{kInvalid} for a unit
// ≤ 0, a negative request, total or cap, or a budget too fine for the unit (a table of more than
// kMaxSelectionCells cells: eligible candidates × budget units).
Selection SelectWithinBudget(const std::vector<Candidate>& candidates, const SelectionRules& rules);

}  // namespace renkei::opencall
