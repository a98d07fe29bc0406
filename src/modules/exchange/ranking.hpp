// Learning to rank from the centre's own decisions (issue 16, docs/exchange.md "Learning from the
// centre's decisions"): what a suggestion looks like to the learner (its features), the linear
// model over them, the trainer and the re-ranking. Pure: no database, no clock — the same lists
// give the same model, bit for bit.
#pragma once
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "modules/exchange/index.hpp"

namespace renkei::exchange {

// What the learner sees of one hit of a query, all from the engine's answer:
//   engine       its weight over the first hit's (1 for the first)
//   engine_rank  1 / (1 + its place in the engine's order)
//   concepts, words, loanwords, bigrams  log(1 + how many of the query's terms of that kind it has)
//   area         1 when it shares the query's area
//   coverage     the share of the query's weight (areas aside) that it has
inline constexpr size_t kRankFeatureCount = 8;
inline constexpr std::array<std::string_view, kRankFeatureCount> kRankFeatureNames = {
    "engine", "engine_rank", "concepts", "words", "loanwords", "bigrams", "area", "coverage"};
using RankFeatures = std::array<double, kRankFeatureCount>;

// The features of each hit, in the hits' order; `query` is what was asked (the terms with their weights).
std::vector<RankFeatures> FeaturesOf(const std::vector<IndexHit>& hits, const std::map<std::string, double>& query);

// A linear model over standardised features: score = Σ weight·(feature − mean)/scale.
struct RankModel {
    RankFeatures mean{}, scale{}, weights{};
    double Score(const RankFeatures& f) const;
};

// The engine's own order: the engine's weight alone. Training starts here and is pulled back to it,
// so that a few decisions move the ranking a little and many move it more.
RankModel EngineOrder();

// One query's candidates as the engine ranked them, with what the centre decided about each
// (grade 0: not relevant or undecided, 1: relevant, 2: led to a project). `key` orders the lists.
struct LabelledList {
    std::string key;
    std::vector<RankFeatures> features;
    std::vector<int> grades;
};

struct Training {
    RankModel model;
    size_t lists = 0;  // lists with at least one pair of different grades
    size_t pairs = 0;  // candidate pairs the model learnt from
    // nDCG@10 of those lists in the engine's order and in the model's (on the lists it learnt from).
    double ndcg_before = 0, ndcg_after = 0;
};

// Pairwise logistic regression (RankNet with a linear scorer): full-batch gradient descent for a
// fixed number of steps from EngineOrder(), each list weighing the same, with an L2 pull back to
// EngineOrder(). Deterministic: the lists are taken in `key` order.
Training Train(std::vector<LabelledList> lists);

// nDCG@10 of grades in a given order.
double NdcgAt10(const std::vector<int>& grades_in_order);

// The hits in the model's order (stable: equal scores keep the engine's order).
void Rerank(const RankModel& model, const std::map<std::string, double>& query, std::vector<IndexHit>& hits);

// A model as text (JSON: feature names with mean, scale and weight) and back; Parse returns false
// when the text names other features than kRankFeatureNames (a model from another version).
std::string ModelText(const RankModel& m);
bool ParseModel(std::string_view text, RankModel& out);

}  // namespace renkei::exchange
