// The optimal assignment: pins, refusals that name the proposal, the optimum against greedy and
// against brute force, and loads within caps.
#include "modules/opencall/assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <functional>
#include <random>
#include <set>

#include "platform/error.hpp"

namespace renkei::opencall {
namespace {

// "P7": built by appending (GCC 12 warns falsely about "P" + std::string, bug 105329).
std::string Name(char prefix, int index) {
    std::string name(1, prefix);
    name += std::to_string(index);
    return name;
}

// Proposals P0.. each needing `reviews`, reviewers R0.. each with `cap`, expertise row-major.
AssignmentProblem Problem(int proposals, int reviews, int reviewers, int cap, std::vector<std::int64_t> expertise) {
    AssignmentProblem problem;
    problem.proposals.reserve(static_cast<std::size_t>(proposals));
    problem.reviewers.reserve(static_cast<std::size_t>(reviewers));
    for (int p = 0; p < proposals; ++p) problem.proposals.push_back({Name('P', p), reviews});
    for (int r = 0; r < reviewers; ++r) problem.reviewers.push_back({Name('R', r), cap});
    problem.expertise = std::move(expertise);
    return problem;
}

// Checks every constraint of the problem on the assignment; returns its total expertise.
std::int64_t ExpectValid(const AssignmentProblem& problem, const Assignment& a) {
    std::set<std::pair<int, int>> forbidden;
    for (const auto& c : problem.conflicts) forbidden.insert({c.proposal, c.reviewer});
    std::vector<int> loads(problem.reviewers.size(), 0);
    std::int64_t total = 0;
    for (std::size_t p = 0; p < problem.proposals.size(); ++p) {
        const auto& mine = a.reviewers_of[p];
        EXPECT_EQ(static_cast<int>(mine.size()), problem.proposals[p].reviews) << "proposal " << p;
        EXPECT_EQ(std::set<int>(mine.begin(), mine.end()).size(), mine.size()) << "distinct reviewers";
        for (int r : mine) {
            EXPECT_FALSE(forbidden.contains({static_cast<int>(p), r})) << "forbidden pair " << p << "/" << r;
            ++loads[static_cast<std::size_t>(r)];
            total += problem.Expertise(static_cast<int>(p), r);
        }
    }
    for (const auto& pin : problem.pinned) {
        const auto& mine = a.reviewers_of[static_cast<std::size_t>(pin.proposal)];
        EXPECT_NE(std::find(mine.begin(), mine.end(), pin.reviewer), mine.end()) << "pin kept";
    }
    for (std::size_t r = 0; r < problem.reviewers.size(); ++r) {
        EXPECT_LE(loads[r], problem.reviewers[r].load_cap) << "reviewer " << r;
        EXPECT_EQ(loads[r], a.loads[r]);
    }
    EXPECT_EQ(total, a.total_expertise);
    return total;
}

TEST(OpenCallAssignment, OptimumBeatsGreedyWhereGreedyIsSuboptimal) {
    // Greedy takes the best pair first (P0-R0, 10) and is left with P1-R1 (1): 11.
    // The optimum gives P0 its second choice: P0-R1 9 + P1-R0 9 = 18.
    const auto problem = Problem(2, 1, 2, 1, {10, 9, 9, 1});
    std::vector<std::tuple<std::int64_t, int, int>> pairs;
    pairs.reserve(4);
    for (int p = 0; p < 2; ++p)
        for (int r = 0; r < 2; ++r) pairs.emplace_back(problem.Expertise(p, r), p, r);
    std::sort(pairs.rbegin(), pairs.rend());
    std::int64_t greedy = 0;
    std::set<int> used_p;
    std::set<int> used_r;
    for (const auto& [s, p, r] : pairs) {
        if (used_p.contains(p) || used_r.contains(r)) continue;
        greedy += s;
        used_p.insert(p);
        used_r.insert(r);
    }
    EXPECT_EQ(greedy, 11);

    const auto result = SolveAssignment(problem);
    ASSERT_TRUE(result.assignment);
    EXPECT_EQ(ExpectValid(problem, *result.assignment), 18);
    EXPECT_EQ(result.assignment->reviewers_of, (std::vector<std::vector<int>>{{1}, {0}}));
}

TEST(OpenCallAssignment, PinnedPairIsKeptEvenWhenItsExpertiseIsLow) {
    auto problem = Problem(2, 2, 4, 1,
                           {900, 800, 700, 10,  //
                            950, 850, 600, 20});
    problem.pinned = {{0, 3}, {0, 3}};  // given twice: counts once
    const auto result = SolveAssignment(problem);
    ASSERT_TRUE(result.assignment) << Describe(result.refusals.at(0), problem);
    ExpectValid(problem, *result.assignment);
    EXPECT_EQ(result.assignment->reviewers_of[0], (std::vector<int>{2, 3}));
    EXPECT_EQ(result.assignment->reviewers_of[1], (std::vector<int>{0, 1}));
    EXPECT_EQ(result.assignment->total_expertise, 700 + 10 + 950 + 850);
}

TEST(OpenCallAssignment, PinnedPairThatIsAlsoForbiddenIsRefusedWithTheReason) {
    auto problem = Problem(2, 1, 3, 2, std::vector<std::int64_t>(6, 100));
    problem.conflicts = {{1, 2, ConflictKind::kPartnerCoi}, {1, 2, ConflictKind::kOfficeForbidden}};
    problem.pinned = {{0, 0}, {1, 2}};
    const auto result = SolveAssignment(problem);
    EXPECT_FALSE(result.assignment);
    ASSERT_EQ(result.refusals.size(), 1U);
    const auto& refusal = result.refusals[0];
    EXPECT_EQ(refusal.kind, RefusalKind::kPinnedPairForbidden);
    EXPECT_EQ(refusal.proposal, 1);
    EXPECT_EQ(refusal.reviewer, 2);
    EXPECT_EQ(refusal.conflict, ConflictKind::kPartnerCoi);
    EXPECT_EQ(Describe(refusal, problem),
              "the pin of reviewer R2 to proposal P1 is refused: the pair is forbidden (partner_coi)");
}

TEST(OpenCallAssignment, PinsBeyondTheReviewsOrTheLoadCapAreRefused) {
    auto problem = Problem(3, 1, 3, 1, std::vector<std::int64_t>(9, 100));
    problem.pinned = {{0, 0}, {0, 1}, {1, 2}, {2, 2}};
    const auto result = SolveAssignment(problem);
    EXPECT_FALSE(result.assignment);
    ASSERT_EQ(result.refusals.size(), 2U);
    EXPECT_EQ(result.refusals[0].kind, RefusalKind::kTooManyPins);
    EXPECT_EQ(result.refusals[0].proposal, 0);
    EXPECT_EQ(result.refusals[1].kind, RefusalKind::kPinsAboveLoadCap);
    EXPECT_EQ(result.refusals[1].reviewer, 2);
    EXPECT_EQ(Describe(result.refusals[1], problem), "reviewer R2 is pinned to 2 proposals but may review only 1");
}

TEST(OpenCallAssignment, InfeasibleInstancesNameTheProposalThatCannotBeServed) {
    struct Case {
        const char* name;
        AssignmentProblem problem;
        RefusalKind kind;
        std::vector<int> proposals;  // named by the refusals, in order
        const char* message;         // of the first refusal
    };
    // P1 conflicts with R1 and R2: one eligible reviewer for two reviews.
    auto few = Problem(2, 2, 3, 2, std::vector<std::int64_t>(6, 50));
    few.conflicts = {{1, 1, ConflictKind::kSameDepartment}, {1, 2, ConflictKind::kApplicantOrTeam}};
    // Three proposals of two reviews, three reviewers of one: 6 needed, 3 allowed.
    auto short_caps = Problem(3, 2, 3, 1, std::vector<std::int64_t>(9, 50));
    // P0 and P1 may only have R0 and R1 (cap 1 each) but need two reviews each; R2 has room but
    // conflicts with both, and serves P2. Each alone looks feasible; together they are not.
    auto group = Problem(3, 2, 4, 1, std::vector<std::int64_t>(12, 50));
    group.reviewers[2].load_cap = 4;
    group.reviewers[3].load_cap = 4;
    group.conflicts = {{0, 2, ConflictKind::kJointProject},
                       {1, 2, ConflictKind::kJointProject},
                       {0, 3, ConflictKind::kPartnerCoi},
                       {1, 3, ConflictKind::kPartnerCoi}};
    Case cases[] = {
        {"too few eligible reviewers",
         few,
         RefusalKind::kTooFewEligibleReviewers,
         {1},
         "proposal P1 needs 2 more reviewers but only 1 have no conflict with it and room left"},
        {"caps short",
         short_caps,
         RefusalKind::kCapacityShort,
         {-1},
         "the call needs 6 reviews but the reviewers' load caps allow only 3"},
        {"a group short",
         group,
         RefusalKind::kEligibleReviewersFull,
         {0, 1},
         "proposal P0 cannot get its reviewers: with the other proposals that share its eligible reviewers it "
         "needs 4 reviews, and those reviewers have room for only 2"},
    };
    for (const auto& c : cases) {
        const auto result = SolveAssignment(c.problem);
        EXPECT_FALSE(result.assignment) << c.name;
        std::vector<int> named;
        for (const auto& r : result.refusals) {
            EXPECT_EQ(r.kind, c.kind) << c.name;
            named.push_back(r.proposal);
        }
        EXPECT_EQ(named, c.proposals) << c.name;
        ASSERT_FALSE(result.refusals.empty()) << c.name;
        EXPECT_EQ(Describe(result.refusals[0], c.problem), c.message) << c.name;
    }
}

TEST(OpenCallAssignment, MalformedProblemsThrowInvalid) {
    auto wrong_matrix = Problem(2, 1, 2, 1, {1, 2, 3});
    EXPECT_THROW(SolveAssignment(wrong_matrix), Error);
    auto negative = Problem(1, 1, 1, 1, {-1});
    EXPECT_THROW(SolveAssignment(negative), Error);
    auto outside = Problem(1, 1, 1, 1, {1});
    outside.pinned = {{0, 1}};
    EXPECT_THROW(SolveAssignment(outside), Error);
}

TEST(OpenCallAssignment, NothingToReviewIsAnEmptyAssignment) {
    const auto result = SolveAssignment(Problem(2, 0, 1, 0, {5, 5}));
    ASSERT_TRUE(result.assignment);
    EXPECT_EQ(result.assignment->total_expertise, 0);
    EXPECT_TRUE(SolveAssignment(AssignmentProblem{}).assignment);
}

// The best total over every assignment, by enumeration; std::nullopt when there is none.
std::optional<std::int64_t> BruteForce(const AssignmentProblem& problem) {
    const auto n_p = problem.proposals.size();
    const auto n_r = problem.reviewers.size();
    std::set<std::pair<int, int>> forbidden;
    for (const auto& c : problem.conflicts) forbidden.insert({c.proposal, c.reviewer});
    std::optional<std::int64_t> best;
    std::vector<int> loads(n_r, 0);
    std::function<void(std::size_t, std::int64_t)> go = [&](std::size_t p, std::int64_t total) {
        if (p == n_p) {
            if (!best || total > *best) best = total;
            return;
        }
        for (unsigned mask = 0; mask < (1U << n_r); ++mask) {
            if (std::popcount(mask) != problem.proposals[p].reviews) continue;
            bool ok = true;
            std::int64_t gain = 0;
            for (std::size_t r = 0; r < n_r && ok; ++r) {
                const bool chosen = (mask >> r) & 1U;
                const bool pinned =
                    std::find(problem.pinned.begin(), problem.pinned.end(),
                              ReviewPair{static_cast<int>(p), static_cast<int>(r)}) != problem.pinned.end();
                if (pinned && !chosen) ok = false;
                if (!chosen) continue;
                if (forbidden.contains({static_cast<int>(p), static_cast<int>(r)}) ||
                    loads[r] >= problem.reviewers[r].load_cap)
                    ok = false;
                gain += problem.Expertise(static_cast<int>(p), static_cast<int>(r));
            }
            if (!ok) continue;
            for (std::size_t r = 0; r < n_r; ++r) loads[r] += static_cast<int>((mask >> r) & 1U);
            go(p + 1, total + gain);
            for (std::size_t r = 0; r < n_r; ++r) loads[r] -= static_cast<int>((mask >> r) & 1U);
        }
    };
    go(0, 0);
    return best;
}

TEST(OpenCallAssignment, EqualsBruteForceAndKeepsLoadsWithinCapsOnRandomSmallCalls) {
    std::mt19937 rng(19);
    int feasible = 0;
    for (int round = 0; round < 300; ++round) {
        const int n_p = 1 + static_cast<int>(rng() % 4);
        const int n_r = 2 + static_cast<int>(rng() % 4);
        AssignmentProblem problem;
        for (int p = 0; p < n_p; ++p) problem.proposals.push_back({Name('P', p), 1 + static_cast<int>(rng() % 2)});
        for (int r = 0; r < n_r; ++r) problem.reviewers.push_back({Name('R', r), static_cast<int>(rng() % 4)});
        problem.expertise.reserve(static_cast<std::size_t>(n_p) * static_cast<std::size_t>(n_r));
        for (int i = 0; i < n_p * n_r; ++i) problem.expertise.push_back(static_cast<std::int64_t>(rng() % 1001));
        for (int p = 0; p < n_p; ++p)
            for (int r = 0; r < n_r; ++r) {
                if (rng() % 6 == 0)
                    problem.conflicts.push_back({p, r, ConflictKind::kOfficeForbidden});
                else if (rng() % 12 == 0)
                    problem.pinned.push_back({p, r});
            }
        const auto expected = BruteForce(problem);
        const auto result = SolveAssignment(problem);
        ASSERT_EQ(result.assignment.has_value(), expected.has_value()) << "round " << round;
        EXPECT_EQ(result.refusals.empty(), expected.has_value()) << "round " << round;
        if (!expected) continue;
        ++feasible;
        EXPECT_EQ(ExpectValid(problem, *result.assignment), *expected) << "round " << round;
    }
    EXPECT_GT(feasible, 100);
}

// The solver first looks at each proposal's best few reviewers (four per review needed, plus
// four). P0 loves R0..R7 (1000) and R8 a little less (999); P1..P8 each love one of R0..R7 (1000)
// and like R9..R20 (500). Within the short lists P0 takes one of R0..R7 and pushes a P_i to 500
// (8500); the optimum gives P0 its ninth choice (8999). The optimality check must find that pair.
TEST(OpenCallAssignment, OptimumMayLieBeyondTheFirstShortLists) {
    const int n_reviewers = 21;
    auto problem = Problem(9, 1, n_reviewers, 1, std::vector<std::int64_t>(std::size_t{9} * n_reviewers, 0));
    auto at = [&](int p, int r) -> std::int64_t& {
        return problem.expertise[static_cast<std::size_t>(p) * n_reviewers + static_cast<std::size_t>(r)];
    };
    for (int r = 0; r < 8; ++r) at(0, r) = 1000;
    at(0, 8) = 999;
    for (int p = 1; p <= 8; ++p) {
        at(p, p - 1) = 1000;
        for (int r = 9; r < n_reviewers; ++r) at(p, r) = 500;
    }
    const auto result = SolveAssignment(problem);
    ASSERT_TRUE(result.assignment);
    EXPECT_EQ(ExpectValid(problem, *result.assignment), 8999);
    EXPECT_EQ(result.assignment->reviewers_of[0], std::vector<int>{8});
}

constexpr std::int64_t kNone = -1;

// One review each and caps of 0 or 1: the exact optimum by dynamic programming over the set of
// reviewers used, independent of the flow.
std::optional<std::int64_t> SubsetDp(const AssignmentProblem& problem) {
    const auto n_p = problem.proposals.size();
    const auto n_r = problem.reviewers.size();
    std::set<std::pair<int, int>> forbidden;
    for (const auto& c : problem.conflicts) forbidden.insert({c.proposal, c.reviewer});
    std::vector<std::int64_t> best(std::size_t{1} << n_r, kNone);
    best[0] = 0;
    for (std::size_t p = 0; p < n_p; ++p) {
        std::vector<std::int64_t> next(best.size(), kNone);
        for (std::size_t mask = 0; mask < best.size(); ++mask) {
            if (best[mask] == kNone) continue;
            for (std::size_t r = 0; r < n_r; ++r) {
                if ((mask >> r) & 1U || problem.reviewers[r].load_cap < 1 ||
                    forbidden.contains({static_cast<int>(p), static_cast<int>(r)}))
                    continue;
                auto& slot = next[mask | (std::size_t{1} << r)];
                slot = std::max(slot, best[mask] + problem.Expertise(static_cast<int>(p), static_cast<int>(r)));
            }
        }
        best = std::move(next);
    }
    const auto top = *std::max_element(best.begin(), best.end());
    return top == kNone ? std::nullopt : std::optional<std::int64_t>(top);
}

// Eight proposals want the same few popular reviewers, some of whom are full (cap 0): the first
// round's short lists miss pairs of the optimum, which the optimality check must add back.
TEST(OpenCallAssignment, EqualsAnExactDpWhenTheFirstShortListsAreNotEnough) {
    std::mt19937 rng(2026);
    for (int round = 0; round < 40; ++round) {
        const int n_p = 8;
        const int n_r = 15;
        AssignmentProblem problem = Problem(n_p, 1, n_r, 1, {});
        for (auto& reviewer : problem.reviewers) reviewer.load_cap = static_cast<int>(rng() % 4 != 0);
        problem.expertise.reserve(static_cast<std::size_t>(n_p) * static_cast<std::size_t>(n_r));
        for (int p = 0; p < n_p; ++p)
            for (int r = 0; r < n_r; ++r)
                problem.expertise.push_back(r < 10 ? 600 + static_cast<std::int64_t>(rng() % 400)
                                                   : static_cast<std::int64_t>(rng() % 700));
        for (int p = 0; p < n_p; ++p)
            for (int r = 0; r < n_r; ++r)
                if (rng() % 10 == 0) problem.conflicts.push_back({p, r, ConflictKind::kSameDepartment});
        const auto expected = SubsetDp(problem);
        const auto result = SolveAssignment(problem);
        ASSERT_EQ(result.assignment.has_value(), expected.has_value()) << "round " << round;
        if (expected) {
            EXPECT_EQ(ExpectValid(problem, *result.assignment), *expected) << "round " << round;
        }
    }
}

}  // namespace
}  // namespace renkei::opencall
