// Reviews into a ranking: each review's weighted score, the optional per-reviewer normalisation,
// each proposal's score and the spread that flags disagreement. Pure (no I/O); see docs/opencall.md.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/opencall/model.hpp"

namespace renkei::opencall {

// The weighted mean of a review's scores over the criteria (weights as given); nullopt when a
// criterion is not scored or the weights add up to nothing.
std::optional<double> WeightedScore(const std::map<std::string, int>& scores, const std::vector<Criterion>& criteria);

struct ScoredReview {
    std::string reviewer_id;
    double weighted = 0;  // as the reviewer scored
    double adjusted = 0;  // after normalisation (= weighted without it)
};

struct ProposalScore {
    std::vector<ScoredReview> reviews;  // submitted ones, in the order given
    std::optional<double> score;        // the mean of the adjusted scores; nullopt without a review
    std::optional<double> spread;       // largest minus smallest adjusted score; nullopt below two reviews
    bool disagreement = false;          // spread above the threshold
};

// A reviewer's scores are normalised only when they reviewed at least this many proposals.
inline constexpr int kMinReviewsToNormalise = 2;

// Scores every proposal that has submitted reviews (others are absent from the map). With
// `normalise`, the weighted scores of each reviewer with at least kMinReviewsToNormalise reviews
// are shifted so that their mean equals the mean of all reviews of the call. `threshold`: a spread above it (in points)
// is a disagreement.
std::map<std::string, ProposalScore> ScoreProposals(const std::vector<Review>& reviews,
                                                    const std::vector<Criterion>& criteria, bool normalise,
                                                    double threshold);

}  // namespace renkei::opencall
