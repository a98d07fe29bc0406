// The knapsack, exactly: best[b] is the best (score, −yen) over the candidates not yet decided
// with b budget units, computed from the last candidate (in id order) to the first, with one bit
// per (candidate, b) saying whether taking the candidate is at least as good as leaving it. Read
// back from the first candidate, a tie takes the candidate: that is the tie-break of the header.
#include "modules/opencall/selection.hpp"

#include <algorithm>
#include <numeric>

#include "platform/error.hpp"

namespace renkei::opencall {
namespace {

// Compared lexicographically: more score first, then fewer yen (a larger −yen).
struct Value {
    std::int64_t score = 0;
    std::int64_t minus_yen = 0;
    friend auto operator<=>(const Value&, const Value&) = default;
    Value operator+(const Value& other) const { return {score + other.score, minus_yen + other.minus_yen}; }
};

}  // namespace

std::int64_t ChargedUnits(std::int64_t yen, std::int64_t unit_yen) { return (yen + unit_yen - 1) / unit_yen; }

Selection SelectWithinBudget(const std::vector<Candidate>& candidates, const SelectionRules& rules) {
    if (rules.unit_yen <= 0) throw Invalid("unit_yen", "the budget unit must be positive");
    if (rules.total_budget_yen < 0) throw Invalid("total_budget_yen", "the total budget must not be negative");
    if (rules.per_project_cap_yen < 0) throw Invalid("per_project_cap_yen", "the per-project cap must not be negative");
    Selection selection;
    std::vector<int> order;  // the eligible candidates, by id
    order.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto& c = candidates[i];
        if (c.requested_yen < 0) throw Invalid("requested_yen", "a requested budget must not be negative");
        if (c.requested_yen > rules.per_project_cap_yen)
            selection.ineligible.push_back({static_cast<int>(i), Ineligibility::kAboveCap});
        else
            order.push_back(static_cast<int>(i));
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto& ca = candidates[static_cast<std::size_t>(a)];
        const auto& cb = candidates[static_cast<std::size_t>(b)];
        return ca.id != cb.id ? ca.id < cb.id : a < b;
    });

    std::vector<std::int64_t> units;
    units.reserve(order.size());
    for (int i : order)
        units.push_back(ChargedUnits(candidates[static_cast<std::size_t>(i)].requested_yen, rules.unit_yen));
    // More budget than all requests together changes nothing: the table stops at their sum.
    const std::int64_t capacity =
        std::min(rules.total_budget_yen / rules.unit_yen, std::accumulate(units.begin(), units.end(), std::int64_t{0}));
    const auto n = order.size();
    const auto width = static_cast<std::size_t>(capacity) + 1;
    if (static_cast<double>(n) * static_cast<double>(width) > static_cast<double>(kMaxSelectionCells))
        throw Invalid("unit_yen", "the budget is too large for its unit: choose a larger budget unit");

    const std::size_t words = (width + 63) / 64;
    std::vector<std::uint64_t> take(n * words, 0);
    std::vector<Value> best(width);  // after the loop over i: the candidates i.. in id order
    std::vector<Value> next(width);
    for (std::size_t i = n; i-- > 0;) {
        const auto& c = candidates[static_cast<std::size_t>(order[i])];
        const Value gain{c.score, -c.requested_yen};
        const auto w = static_cast<std::size_t>(units[i]);
        for (std::size_t b = 0; b < width; ++b) {
            next[b] = best[b];
            if (w > b) continue;
            const Value with = gain + best[b - w];
            if (with >= best[b]) {
                next[b] = with;
                take[i * words + b / 64] |= std::uint64_t{1} << (b % 64);
            }
        }
        std::swap(best, next);
    }

    auto b = static_cast<std::size_t>(capacity);
    for (std::size_t i = 0; i < n; ++i) {
        if (!((take[i * words + b / 64] >> (b % 64)) & 1U)) continue;
        const auto& c = candidates[static_cast<std::size_t>(order[i])];
        selection.selected.push_back(order[i]);
        selection.total_score += c.score;
        selection.total_requested_yen += c.requested_yen;
        selection.total_charged_yen += units[i] * rules.unit_yen;
        b -= static_cast<std::size_t>(units[i]);
    }
    std::sort(selection.selected.begin(), selection.selected.end());
    return selection;
}

}  // namespace renkei::opencall
