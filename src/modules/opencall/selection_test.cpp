// The selection within the budget: brute force agrees, the cap excludes, rounding and ties are as
// the header says.
#include "modules/opencall/selection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <tuple>

#include "platform/error.hpp"

namespace renkei::opencall {
namespace {

constexpr std::int64_t kMan = 10'000;  // 万円

// The best selection by enumeration with the same order of preference: score, then fewer yen, then
// the candidate of the smallest id kept (compared over the candidates in id order).
std::vector<int> BruteForce(const std::vector<Candidate>& candidates, const SelectionRules& rules) {
    const auto n = candidates.size();
    std::vector<int> by_id(n);
    std::iota(by_id.begin(), by_id.end(), 0);
    std::sort(by_id.begin(), by_id.end(), [&](int a, int b) {
        return candidates[static_cast<std::size_t>(a)].id < candidates[static_cast<std::size_t>(b)].id;
    });
    std::tuple<std::int64_t, std::int64_t, std::vector<bool>> best{-1, 0, {}};
    std::vector<int> best_set;
    for (unsigned mask = 0; mask < (1U << n); ++mask) {
        std::int64_t score = 0;
        std::int64_t yen = 0;
        std::int64_t units = 0;
        bool ok = true;
        for (std::size_t i = 0; i < n; ++i) {
            if (!((mask >> i) & 1U)) continue;
            const auto& c = candidates[i];
            if (c.requested_yen > rules.per_project_cap_yen) ok = false;
            score += c.score;
            yen += c.requested_yen;
            units += ChargedUnits(c.requested_yen, rules.unit_yen);
        }
        if (!ok || units > rules.total_budget_yen / rules.unit_yen) continue;
        std::vector<bool> kept;
        kept.reserve(n);
        for (int i : by_id) kept.push_back(((mask >> static_cast<unsigned>(i)) & 1U) != 0);
        std::tuple<std::int64_t, std::int64_t, std::vector<bool>> key{score, -yen, kept};
        if (std::get<0>(best) >= 0 && key <= best) continue;
        best = key;
        best_set.clear();
        for (std::size_t i = 0; i < n; ++i)
            if ((mask >> i) & 1U) best_set.push_back(static_cast<int>(i));
    }
    return best_set;
}

TEST(OpenCallSelection, EqualsBruteForceOnRandomSmallCalls) {
    std::mt19937 rng(1919);
    for (int round = 0; round < 200; ++round) {
        const auto n = 1 + rng() % 15;
        std::vector<int> ids(n);
        std::iota(ids.begin(), ids.end(), 0);
        std::shuffle(ids.begin(), ids.end(), rng);
        std::vector<Candidate> candidates;
        candidates.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            // Few distinct scores and amounts, so ties happen; some requests are not whole units.
            const std::int64_t yen = (10 + static_cast<std::int64_t>(rng() % 40)) * 5 * kMan +
                                     (rng() % 4 == 0 ? static_cast<std::int64_t>(rng() % kMan) : 0);
            candidates.push_back({"c" + std::to_string(10 + ids[i]), static_cast<std::int64_t>(rng() % 8) * 250, yen});
        }
        const SelectionRules rules{
            static_cast<std::int64_t>(rng() % 1500) * kMan + static_cast<std::int64_t>(rng() % kMan),
            static_cast<std::int64_t>(100 + rng() % 150) * kMan, kMan};
        const auto selection = SelectWithinBudget(candidates, rules);
        EXPECT_EQ(selection.selected, BruteForce(candidates, rules)) << "round " << round;
        std::int64_t score = 0;
        for (int i : selection.selected) score += candidates[static_cast<std::size_t>(i)].score;
        EXPECT_EQ(selection.total_score, score);
        EXPECT_LE(selection.total_charged_yen, rules.total_budget_yen);
        EXPECT_LE(selection.total_requested_yen, selection.total_charged_yen);
    }
}

TEST(OpenCallSelection, RequestAboveTheCapIsNeverSelected) {
    const std::vector<Candidate> candidates{
        {"best", 5000, 600 * kMan}, {"ok", 100, 500 * kMan}, {"just-over", 4000, 500 * kMan + 1}};
    const auto selection = SelectWithinBudget(candidates, {10'000 * kMan, 500 * kMan, kMan});
    EXPECT_EQ(selection.selected, std::vector<int>{1});
    ASSERT_EQ(selection.ineligible.size(), 2U);
    EXPECT_EQ(selection.ineligible[0].candidate, 0);
    EXPECT_EQ(selection.ineligible[0].reason, Ineligibility::kAboveCap);
    EXPECT_EQ(selection.ineligible[1].candidate, 2);
}

TEST(OpenCallSelection, RequestsAreRoundedUpToUnitsAndTheBudgetDown) {
    EXPECT_EQ(ChargedUnits(1'234'567, kMan), 124);
    EXPECT_EQ(ChargedUnits(1'240'000, kMan), 124);
    EXPECT_EQ(ChargedUnits(0, kMan), 0);
    // ¥1,000,001 is charged ¥1,010,000: two of them need ¥2,020,000.
    const std::vector<Candidate> two{{"a", 10, 1'000'001}, {"b", 10, 1'000'001}};
    EXPECT_EQ(SelectWithinBudget(two, {2'019'999, 5'000'000, kMan}).selected.size(), 1U);
    const auto both = SelectWithinBudget(two, {2'020'000, 5'000'000, kMan});
    EXPECT_EQ(both.selected, (std::vector<int>{0, 1}));
    EXPECT_EQ(both.total_requested_yen, 2'000'002);
    EXPECT_EQ(both.total_charged_yen, 2'020'000);
}

TEST(OpenCallSelection, TiesGoToFewerYenThenToTheSmallerId) {
    struct Case {
        const char* name;
        std::vector<Candidate> candidates;
        std::vector<int> selected;
    } cases[] = {
        {"fewer yen", {{"a", 700, 300 * kMan}, {"b", 700, 200 * kMan}}, {1}},
        {"smaller id", {{"b", 700, 300 * kMan}, {"a", 700, 300 * kMan}}, {1}},
        {"one big or two small of the same score and yen",
         {{"z", 900, 300 * kMan}, {"x", 450, 150 * kMan}, {"y", 450, 150 * kMan}},
         {1, 2}},
        {"a worthless request is left out", {{"a", 0, 10 * kMan}, {"b", 500, 100 * kMan}}, {1}},
    };
    for (const auto& c : cases)
        EXPECT_EQ(SelectWithinBudget(c.candidates, {300 * kMan, 300 * kMan, kMan}).selected, c.selected) << c.name;
}

TEST(OpenCallSelection, BadRulesThrowInvalid) {
    const std::vector<Candidate> one{{"a", 1, kMan}};
    EXPECT_THROW(SelectWithinBudget(one, {kMan, kMan, 0}), Error);
    EXPECT_THROW(SelectWithinBudget(one, {-1, kMan, kMan}), Error);
    EXPECT_THROW(SelectWithinBudget({{"a", 1, -5}}, {kMan, kMan, kMan}), Error);
    EXPECT_THROW(SelectWithinBudget(std::vector<Candidate>(1000, {"a", 1, 1'000'000'000}),
                                    {1'000'000'000'000, 1'000'000'000, 1}),
                 Error);
    EXPECT_TRUE(SelectWithinBudget({}, {kMan, kMan, kMan}).selected.empty());
}

}  // namespace
}  // namespace renkei::opencall
