// The open call's conflict rules: each kind excludes its pair, from the facts to the assignment.
#include "modules/opencall/model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "modules/opencall/assignment.hpp"

namespace renkei::opencall {
namespace {

TEST(OpenCallModel, EachConflictKindHasOneTextThatReadsBack) {
    std::set<std::string_view> seen;
    for (const auto& [value, text] : TextsOf(ConflictKind{})) {
        EXPECT_EQ(FromText<ConflictKind>(text), value) << text;
        EXPECT_TRUE(seen.insert(text).second) << text;
    }
    EXPECT_EQ(seen.size(), 5U);
    EXPECT_EQ(Text(ConflictKind::kPartnerCoi), "partner_coi");
    for (const auto& [value, text] : TextsOf(RefusalKind{})) EXPECT_EQ(FromText<RefusalKind>(text), value) << text;
}

TEST(OpenCallModel, SimilaritiesBecomeThousandthsRoundedToTheNearest) {
    struct Case {
        double similarity;
        std::int64_t score;
    } cases[] = {{0.0, 0}, {0.7314, 731}, {0.7315, 732}, {1.0, 1000}, {1.7, 1000}, {-0.2, 0}, {std::nan(""), 0}};
    for (const auto& c : cases) EXPECT_EQ(ScoreFromSimilarity(c.similarity), c.score) << c.similarity;
}

// A proposal of applicant "a" (department "cardio") with team member "t" and partner company
// "acme"; each case gives a reviewer who conflicts with it for one reason only.
TEST(OpenCallConflicts, EveryConflictKindExcludesItsPair) {
    const ProposalFacts proposal{{"a", "t"}, {"cardio", "surgery"}, "acme"};
    const ReviewerFacts clean{"x", "neuro", {"other-co"}, {"y"}};
    struct Case {
        const char* name;
        ReviewerFacts reviewer;
        bool office_forbids;
        ConflictKind expected;
    } cases[] = {
        {"the applicant", {"a", "neuro", {}, {}}, false, ConflictKind::kApplicantOrTeam},
        {"a team member", {"t", "neuro", {}, {}}, false, ConflictKind::kApplicantOrTeam},
        {"the applicant's department", {"x", "cardio", {}, {}}, false, ConflictKind::kSameDepartment},
        {"a team member's department", {"x", "surgery", {}, {}}, false, ConflictKind::kSameDepartment},
        {"a COI with the partner company", {"x", "neuro", {"other-co", "acme"}, {}}, false, ConflictKind::kPartnerCoi},
        {"a joint project with the applicant", {"x", "neuro", {}, {"y", "a"}}, false, ConflictKind::kJointProject},
        {"a joint project with a team member", {"x", "neuro", {}, {"t"}}, false, ConflictKind::kJointProject},
        {"forbidden by the office", clean, true, ConflictKind::kOfficeForbidden},
    };
    EXPECT_TRUE(ConflictsBetween(proposal, clean).empty());
    EXPECT_TRUE(ConflictsBetween({{"a"}, {}, ""}, {"x", "", {}, {}}).empty()) << "empty facts never match";
    for (const auto& c : cases) {
        // Reviewer 0 conflicts and is by far the best expert; reviewers 1 and 2 are clean.
        const std::vector<ReviewerFacts> reviewers{c.reviewer, clean, clean};
        std::vector<ReviewPair> forbidden;
        if (c.office_forbids) forbidden.push_back({0, 0});
        const auto conflicts = FindConflicts({proposal}, reviewers, forbidden);
        ASSERT_EQ(conflicts.size(), 1U) << c.name;
        EXPECT_EQ(conflicts[0].kind, c.expected) << c.name;
        EXPECT_EQ(conflicts[0].reviewer, 0) << c.name;

        AssignmentProblem problem{{{"P", 1}}, {{"R0", 3}, {"R1", 3}, {"R2", 3}}, {1000, 10, 20}, conflicts, {}};
        const auto result = SolveAssignment(problem);
        ASSERT_TRUE(result.assignment) << c.name;
        EXPECT_EQ(result.assignment->reviewers_of[0], std::vector<int>{2}) << c.name;
        const auto why = ExplainExclusions(problem, 0);
        ASSERT_EQ(why.size(), 1U) << c.name;
        EXPECT_EQ(why[0].reviewer, 0);
        EXPECT_EQ(why[0].reasons, std::vector<ConflictKind>{c.expected}) << c.name;
    }
}

TEST(OpenCallConflicts, ExplanationListsEveryReasonOfEachExcludedReviewerOnce) {
    const ProposalFacts proposal{{"a"}, {"cardio"}, "acme"};
    const std::vector<ReviewerFacts> reviewers{
        {"r0", "neuro", {}, {}}, {"a", "cardio", {"acme"}, {"a"}}, {"r2", "cardio", {}, {}}};
    AssignmentProblem problem{
        {{"P", 0}}, {{"R0", 1}, {"R1", 1}, {"R2", 1}}, {0, 0, 0}, FindConflicts({proposal}, reviewers, {{0, 2}}), {}};
    problem.conflicts.push_back({0, 2, ConflictKind::kOfficeForbidden});  // given twice: listed once
    const auto why = ExplainExclusions(problem, 0);
    ASSERT_EQ(why.size(), 2U);
    EXPECT_EQ(why[0].reviewer, 1);
    EXPECT_EQ(why[0].reasons, (std::vector<ConflictKind>{ConflictKind::kApplicantOrTeam, ConflictKind::kSameDepartment,
                                                         ConflictKind::kPartnerCoi, ConflictKind::kJointProject}));
    EXPECT_EQ(why[1].reviewer, 2);
    EXPECT_EQ(why[1].reasons,
              (std::vector<ConflictKind>{ConflictKind::kSameDepartment, ConflictKind::kOfficeForbidden}));
    EXPECT_TRUE(ExplainExclusions(problem, 5).empty());
}

}  // namespace
}  // namespace renkei::opencall
