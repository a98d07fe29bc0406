#include "modules/opencall/scoring.hpp"

#include <algorithm>

namespace renkei::opencall {

std::optional<double> WeightedScore(const std::map<std::string, int>& scores, const std::vector<Criterion>& criteria) {
    double sum = 0, weights = 0;
    for (const auto& c : criteria) {
        auto it = scores.find(c.code);
        if (it == scores.end()) return std::nullopt;
        sum += c.weight * static_cast<double>(it->second);
        weights += c.weight;
    }
    if (weights <= 0) return std::nullopt;
    return sum / weights;
}

std::map<std::string, ProposalScore> ScoreProposals(const std::vector<Review>& reviews,
                                                    const std::vector<Criterion>& criteria, bool normalise,
                                                    double threshold) {
    struct Row {
        const Review* review;
        double weighted;
    };
    std::vector<Row> rows;
    for (const auto& r : reviews) {
        if (!r.submitted_at) continue;
        if (auto w = WeightedScore(r.scores, criteria)) rows.push_back({&r, *w});
    }
    std::map<std::string, double> shift;  // per reviewer: what normalisation adds
    if (normalise && !rows.empty()) {
        double total = 0;
        std::map<std::string, std::pair<double, int>> by_reviewer;
        for (const auto& row : rows) {
            total += row.weighted;
            auto& [sum, count] = by_reviewer[row.review->reviewer_id];
            sum += row.weighted;
            ++count;
        }
        double overall = total / static_cast<double>(rows.size());
        // One review says nothing about how strict its reviewer is: only reviewers with at least
        // kMinReviewsToNormalise reviews are shifted.
        for (const auto& [reviewer, sum_count] : by_reviewer)
            if (sum_count.second >= kMinReviewsToNormalise)
                shift[reviewer] = overall - sum_count.first / sum_count.second;
    }
    std::map<std::string, ProposalScore> out;
    for (const auto& row : rows) {
        double adjusted = row.weighted;
        if (auto it = shift.find(row.review->reviewer_id); it != shift.end()) adjusted += it->second;
        out[row.review->proposal_id].reviews.push_back({row.review->reviewer_id, row.weighted, adjusted});
    }
    for (auto& [id, p] : out) {
        double sum = 0, low = p.reviews.front().adjusted, high = low;
        for (const auto& r : p.reviews) {
            sum += r.adjusted;
            low = std::min(low, r.adjusted);
            high = std::max(high, r.adjusted);
        }
        p.score = sum / static_cast<double>(p.reviews.size());
        if (p.reviews.size() >= 2) {
            p.spread = high - low;
            p.disagreement = *p.spread > threshold;
        }
    }
    return out;
}

}  // namespace renkei::opencall
