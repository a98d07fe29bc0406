// The committee's pure rules (model.hpp), table-driven: quorum, majority and recusal.
#include "modules/committee/model.hpp"

#include <gtest/gtest.h>

namespace renkei::committee {
namespace {

constexpr auto U = Side::kUniversity;
constexpr auto C = Side::kCompany;
constexpr auto F = Vote::kFor;
constexpr auto A = Vote::kAgainst;
constexpr auto N = Vote::kAbstain;

Seat S(Side side, bool present, std::optional<Vote> vote = std::nullopt, bool recused = false) {
    static int n = 0;
    return Seat{"m" + std::to_string(++n), side, present, recused, vote};
}

TEST(CommitteeRules, QuorumNeeded) {
    struct Row {
        QuorumRule rule;
        int members, needed;
    };
    for (const auto& r : std::vector<Row>{{QuorumRule::kMajority, 6, 4},
                                          {QuorumRule::kMajority, 5, 3},
                                          {QuorumRule::kMajority, 1, 1},
                                          {QuorumRule::kMajority, 0, 1},
                                          {QuorumRule::kTwoThirds, 6, 4},
                                          {QuorumRule::kTwoThirds, 7, 5},
                                          {QuorumRule::kTwoThirds, 3, 2},
                                          {QuorumRule::kTwoThirds, 9, 6}})
        EXPECT_EQ(QuorumNeeded(r.rule, r.members), r.needed) << r.members;
}

TEST(CommitteeRules, OutcomeOfEachRule) {
    struct Row {
        const char* name;
        Rules rules;
        std::vector<Seat> seats;
        Outcome outcome;
        int eligible;
    };
    const Rules simple{QuorumRule::kMajority, true, PassRule::kMajorityOfVotes};
    const Rules no_sides{QuorumRule::kMajority, false, PassRule::kMajorityOfVotes};
    const Rules of_eligible{QuorumRule::kMajority, true, PassRule::kMajorityOfEligible};
    const Rules two_thirds{QuorumRule::kTwoThirds, true, PassRule::kTwoThirdsOfEligible};
    std::vector<Row> rows = {
        {"all six present, 4 for 2 against",
         simple,
         {S(U, true, F), S(U, true, F), S(U, true, A), S(C, true, F), S(C, true, F), S(C, true, A)},
         Outcome::kApproved,
         6},
        {"three present of six: no quorum",
         simple,
         {S(U, true, F), S(U, true, F), S(U, true, F), S(C, false), S(C, false), S(C, false)},
         Outcome::kNoQuorum,
         3},
        {"four present but no company member: no quorum when each side must be present",
         simple,
         {S(U, true, F), S(U, true, F), S(U, true, F), S(U, true, F), S(C, false), S(C, false)},
         Outcome::kNoQuorum,
         4},
        {"the same without the each-side rule passes",
         no_sides,
         {S(U, true, F), S(U, true, F), S(U, true, F), S(U, true, F), S(C, false), S(C, false)},
         Outcome::kApproved,
         4},
        {"a tie fails",
         simple,
         {S(U, true, F), S(U, true, A), S(U, true, F), S(C, true, A), S(C, false), S(C, false)},
         Outcome::kRejected,
         4},
        {"abstentions do not count against a majority of votes",
         simple,
         {S(U, true, F), S(U, true, N), S(U, true, N), S(C, true, N), S(C, false), S(C, false)},
         Outcome::kApproved,
         4},
        {"but they do against a majority of the eligible",
         of_eligible,
         {S(U, true, F), S(U, true, N), S(U, true, N), S(C, true, N), S(C, false), S(C, false)},
         Outcome::kRejected,
         4},
        {"recused company members keep the quorum and do not vote",
         simple,
         {S(U, true, F), S(U, true, F), S(U, true, A), S(C, true, F, true), S(C, true, F, true), S(C, true, A, true)},
         Outcome::kApproved,
         3},
        {"everybody recused: nobody may decide",
         simple,
         {S(U, true, F, true), S(U, true, F, true), S(C, true, F, true), S(C, true, F, true)},
         Outcome::kNobodyEligible,
         0},
        {"an absent member's vote is ignored",
         simple,
         {S(U, true, A), S(U, true, A), S(C, true, F), S(C, false, F), S(C, false, F), S(U, true, F)},
         Outcome::kRejected,
         4},
        {"two thirds of the eligible: 4 of 6 pass",
         two_thirds,
         {S(U, true, F), S(U, true, F), S(U, true, A), S(C, true, F), S(C, true, F), S(C, true, N)},
         Outcome::kApproved,
         6},
        {"two thirds of the eligible: 3 of 5 fail (one not voted)",
         two_thirds,
         {S(U, true, F), S(U, true, F), S(U, true), S(C, true, F), S(C, true, A), S(C, false)},
         Outcome::kRejected,
         5},
        {"no members at all", simple, {}, Outcome::kNoQuorum, 0},
    };
    for (const auto& r : rows) {
        auto t = Count(r.rules, r.seats);
        EXPECT_EQ(t.outcome, r.outcome) << r.name;
        EXPECT_EQ(t.eligible, r.eligible) << r.name;
    }
}

TEST(CommitteeRules, TallyCountsTheEligibleVotesOnly) {
    auto t =
        Count(Rules{}, {S(U, true, F), S(U, true, A), S(U, true), S(C, true, N), S(C, true, F, true), S(C, false, F)});
    EXPECT_EQ(t.members, 6);
    EXPECT_EQ(t.present, 5);
    EXPECT_EQ(t.present_university, 3);
    EXPECT_EQ(t.present_company, 2);
    EXPECT_EQ(t.quorum_needed, 4);
    EXPECT_TRUE(t.quorum);
    EXPECT_EQ(t.eligible, 4);
    EXPECT_EQ(t.votes_for, 1);
    EXPECT_EQ(t.against, 1);
    EXPECT_EQ(t.abstain, 1);
    EXPECT_EQ(t.not_voted, 1);
    EXPECT_EQ(t.outcome, Outcome::kRejected);
}

TEST(CommitteeRules, RecusalReasons) {
    SubjectFacts project{{"pi", "lead"}, {"jsr"}};
    struct Row {
        const char* name;
        MemberFacts member;
        std::vector<RecusalReason> reasons;
    };
    std::vector<Row> rows = {
        {"unrelated university member", {"dean", "", {}}, {}},
        {"a member of the project", {"pi", "", {}}, {RecusalReason::kProjectMember}},
        {"an employee of the partner company", {"exec", "jsr", {}}, {RecusalReason::kPartnerEmployee}},
        {"an employee of another company", {"other", "acme", {}}, {}},
        {"declared a relationship with the partner", {"prof", "", {"acme", "jsr"}}, {RecusalReason::kCoiDeclared}},
        {"declared one with another company only", {"prof2", "", {"acme"}}, {}},
        {"all three at once, in order",
         {"lead", "jsr", {"jsr"}},
         {RecusalReason::kProjectMember, RecusalReason::kPartnerEmployee, RecusalReason::kCoiDeclared}},
    };
    for (const auto& r : rows) EXPECT_EQ(RecusalsFor(project, r.member), r.reasons) << r.name;
    EXPECT_TRUE(RecusalsFor(SubjectFacts{}, {"x", "", {}}).empty());
}

}  // namespace
}  // namespace renkei::committee
