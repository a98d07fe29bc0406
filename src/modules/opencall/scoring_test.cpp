// Reviews into a ranking (scoring.hpp): the weighted mean over criteria, the per-reviewer
// normalisation and the spread that flags a disagreement.
#include "modules/opencall/scoring.hpp"

#include <gtest/gtest.h>

namespace renkei::opencall {
namespace {

const std::vector<Criterion> kCriteria = {{"novelty", "新規性", "Novelty", 2}, {"feasibility", "実現可能性", "", 1}};

Review Scored(const std::string& proposal, const std::string& reviewer, int novelty, int feasibility) {
    return Review{proposal, reviewer,    {{"novelty", novelty}, {"feasibility", feasibility}},
                  "",       FromUnix(1), FromUnix(1)};
}

TEST(OpenCallScoring, WeightedScoreIsTheWeightedMeanAndNeedsEveryCriterion) {
    EXPECT_DOUBLE_EQ(*WeightedScore({{"novelty", 5}, {"feasibility", 2}}, kCriteria), 4.0);
    EXPECT_FALSE(WeightedScore({{"novelty", 5}}, kCriteria).has_value());
    EXPECT_FALSE(WeightedScore({}, {}).has_value());
}

TEST(OpenCallScoring, ProposalScoreIsTheMeanOfItsReviewsAndDraftsDoNotCount) {
    auto unsubmitted = Scored("p1", "r3", 1, 1);
    unsubmitted.submitted_at.reset();
    auto scores =
        ScoreProposals({Scored("p1", "r1", 5, 5), Scored("p1", "r2", 3, 3), unsubmitted}, kCriteria, false, 1.5);
    ASSERT_EQ(scores.size(), 1u);
    const auto& p1 = scores.at("p1");
    EXPECT_EQ(p1.reviews.size(), 2u);
    EXPECT_DOUBLE_EQ(*p1.score, 4.0);
    EXPECT_DOUBLE_EQ(*p1.spread, 2.0);
    EXPECT_TRUE(p1.disagreement);  // 2 > 1.5
}

TEST(OpenCallScoring, ASpreadAtTheThresholdIsNoDisagreementAndOneReviewHasNoSpread) {
    auto scores = ScoreProposals({Scored("p1", "r1", 4, 4), Scored("p1", "r2", 3, 3), Scored("p2", "r1", 2, 2)},
                                 kCriteria, false, 1.0);
    EXPECT_FALSE(scores.at("p1").disagreement);
    EXPECT_FALSE(scores.at("p2").spread.has_value());
    EXPECT_FALSE(scores.at("p2").disagreement);
}

TEST(OpenCallScoring, NormalisationLiftsTheProposalsOfAStrictReviewer) {
    // r1 gives everything 2, r2 everything 4: without normalisation r1's proposal loses; with it,
    // each reviewer's mean is moved to the call's mean (3) and the two proposals tie.
    std::vector<Review> reviews = {Scored("p1", "r1", 2, 2), Scored("p3", "r1", 2, 2), Scored("p2", "r2", 4, 4),
                                   Scored("p4", "r2", 4, 4)};
    auto raw = ScoreProposals(reviews, kCriteria, false, 1.5);
    EXPECT_LT(*raw.at("p1").score, *raw.at("p2").score);
    auto normalised = ScoreProposals(reviews, kCriteria, true, 1.5);
    EXPECT_DOUBLE_EQ(*normalised.at("p1").score, 3.0);
    EXPECT_DOUBLE_EQ(*normalised.at("p2").score, 3.0);
    EXPECT_DOUBLE_EQ(normalised.at("p1").reviews.front().weighted, 2.0);  // as scored, kept for the page
}

TEST(OpenCallScoring, AReviewerWithOneReviewIsNotNormalised) {
    // r3 reviewed once: their 5 stays 5 (shifting it to the mean would erase the only signal).
    std::vector<Review> reviews = {Scored("p1", "r1", 2, 2), Scored("p2", "r1", 4, 4), Scored("p3", "r3", 5, 5)};
    auto normalised = ScoreProposals(reviews, kCriteria, true, 1.5);
    EXPECT_DOUBLE_EQ(*normalised.at("p3").score, 5.0);
    // r1's mean (3) is moved to the call's mean (11/3).
    EXPECT_NEAR(*normalised.at("p1").score, 2.0 + 11.0 / 3.0 - 3.0, 1e-12);
}

}  // namespace
}  // namespace renkei::opencall
