// Learning to rank: features of the engine's hits, a linear model, its deterministic trainer.
#include "modules/exchange/ranking.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <numeric>

namespace renkei::exchange {
namespace {

// The trainer's settings: enough steps for the loss (convex) to settle on lists of a centre's size;
// the pull back to the engine's order keeps a handful of decisions from overturning it.
constexpr int kSteps = 400;
constexpr double kLearningRate = 0.5;
constexpr double kPull = 0.02;

double Dot(const RankFeatures& a, const RankFeatures& b) {
    double s = 0;
    for (size_t k = 0; k < kRankFeatureCount; ++k) s += a[k] * b[k];
    return s;
}

RankFeatures Standardised(const RankModel& m, const RankFeatures& f) {
    RankFeatures out{};
    for (size_t k = 0; k < kRankFeatureCount; ++k) out[k] = (f[k] - m.mean[k]) / m.scale[k];
    return out;
}

// The grades in the model's order (stable).
std::vector<int> InModelOrder(const RankModel& m, const LabelledList& l) {
    std::vector<size_t> order(l.features.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> score(order.size());
    for (size_t i = 0; i < order.size(); ++i) score[i] = m.Score(l.features[i]);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
    std::vector<int> out;
    out.reserve(order.size());
    for (size_t i : order) out.push_back(l.grades[i]);
    return out;
}

}  // namespace

std::vector<RankFeatures> FeaturesOf(const std::vector<IndexHit>& hits, const std::map<std::string, double>& query) {
    double total = 0;
    for (const auto& [term, w] : query)
        if (!term.empty() && term[0] != 'Z') total += w * PrefixWeight(term[0]);
    double top = 0;
    for (const auto& h : hits) top = std::max(top, h.weight);
    std::vector<RankFeatures> out;
    out.reserve(hits.size());
    for (size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        RankFeatures f{};
        f[0] = top > 0 ? h.weight / top : 0;
        f[1] = 1.0 / (1.0 + static_cast<double>(i));
        int concepts = 0, words = 0, loanwords = 0, bigrams = 0;
        double covered = 0;
        for (const auto& term : h.matched) {
            if (term.empty()) continue;
            switch (term[0]) {
                case 'C':
                    ++concepts;
                    break;
                case 'W':
                    ++words;
                    break;
                case 'P':
                    ++loanwords;
                    break;
                case 'B':
                    ++bigrams;
                    break;
                case 'Z':
                    f[6] = 1;
                    continue;
                default:
                    break;
            }
            if (auto it = query.find(term); it != query.end()) covered += it->second * PrefixWeight(term[0]);
        }
        f[2] = std::log1p(concepts);
        f[3] = std::log1p(words);
        f[4] = std::log1p(loanwords);
        f[5] = std::log1p(bigrams);
        f[7] = total > 0 ? std::min(1.0, covered / total) : 0;
        out.push_back(f);
    }
    return out;
}

double RankModel::Score(const RankFeatures& f) const { return Dot(weights, Standardised(*this, f)); }

RankModel EngineOrder() {
    RankModel m;
    m.mean.fill(0);
    m.scale.fill(1);
    m.weights.fill(0);
    m.weights[0] = 1;
    return m;
}

double NdcgAt10(const std::vector<int>& grades_in_order) {
    double dcg = 0;
    for (size_t i = 0; i < grades_in_order.size() && i < 10; ++i)
        dcg += grades_in_order[i] / std::log2(static_cast<double>(i) + 2.0);
    std::vector<int> ideal = grades_in_order;
    std::sort(ideal.rbegin(), ideal.rend());
    double idcg = 0;
    for (size_t i = 0; i < ideal.size() && i < 10; ++i) idcg += ideal[i] / std::log2(static_cast<double>(i) + 2.0);
    return idcg > 0 ? dcg / idcg : 0;
}

Training Train(std::vector<LabelledList> lists) {
    std::sort(lists.begin(), lists.end(), [](const LabelledList& a, const LabelledList& b) { return a.key < b.key; });
    // Only lists that say something: two candidates of different grades.
    std::erase_if(lists, [](const LabelledList& l) {
        return l.grades.empty() ||
               std::adjacent_find(l.grades.begin(), l.grades.end(), std::not_equal_to<>()) == l.grades.end();
    });
    Training out;
    out.model = EngineOrder();
    out.lists = lists.size();
    if (lists.empty()) return out;

    // Each feature standardised over every candidate, so that one pull suits them all.
    RankModel& m = out.model;
    size_t n = 0;
    RankFeatures sum{}, squares{};
    for (const auto& l : lists)
        for (const auto& f : l.features) {
            ++n;
            for (size_t k = 0; k < kRankFeatureCount; ++k) sum[k] += f[k];
        }
    for (size_t k = 0; k < kRankFeatureCount; ++k) m.mean[k] = sum[k] / static_cast<double>(n);
    for (const auto& l : lists)
        for (const auto& f : l.features)
            for (size_t k = 0; k < kRankFeatureCount; ++k) squares[k] += (f[k] - m.mean[k]) * (f[k] - m.mean[k]);
    for (size_t k = 0; k < kRankFeatureCount; ++k) {
        double sd = std::sqrt(squares[k] / static_cast<double>(n));
        m.scale[k] = sd > 1e-9 ? sd : 1.0;
    }

    // The pairs: the better-graded candidate minus the other, each list's pairs weighing 1 in all.
    struct Pair {
        RankFeatures difference;
        double weight;
    };
    std::vector<Pair> pairs;
    for (const auto& l : lists) {
        size_t first = pairs.size();
        for (size_t i = 0; i < l.grades.size(); ++i)
            for (size_t j = 0; j < l.grades.size(); ++j) {
                if (l.grades[i] <= l.grades[j]) continue;
                RankFeatures a = Standardised(m, l.features[i]), b = Standardised(m, l.features[j]);
                RankFeatures d{};
                for (size_t k = 0; k < kRankFeatureCount; ++k) d[k] = a[k] - b[k];
                pairs.push_back(Pair{d, 0});
            }
        double each = 1.0 / static_cast<double>(pairs.size() - first) / static_cast<double>(lists.size());
        for (size_t p = first; p < pairs.size(); ++p) pairs[p].weight = each;
    }
    out.pairs = pairs.size();

    const RankFeatures prior = EngineOrder().weights;
    for (int step = 0; step < kSteps; ++step) {
        RankFeatures gradient{};
        for (size_t k = 0; k < kRankFeatureCount; ++k) gradient[k] = kPull * (m.weights[k] - prior[k]);
        for (const auto& p : pairs) {
            double s = Dot(m.weights, p.difference);
            double g = -p.weight / (1.0 + std::exp(s));  // d/ds log(1 + e^-s)
            for (size_t k = 0; k < kRankFeatureCount; ++k) gradient[k] += g * p.difference[k];
        }
        for (size_t k = 0; k < kRankFeatureCount; ++k) m.weights[k] -= kLearningRate * gradient[k];
    }

    for (const auto& l : lists) {
        out.ndcg_before += NdcgAt10(l.grades);
        out.ndcg_after += NdcgAt10(InModelOrder(m, l));
    }
    out.ndcg_before /= static_cast<double>(lists.size());
    out.ndcg_after /= static_cast<double>(lists.size());
    return out;
}

void Rerank(const RankModel& model, const std::map<std::string, double>& query, std::vector<IndexHit>& hits) {
    auto features = FeaturesOf(hits, query);
    std::vector<size_t> order(hits.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> score(hits.size());
    for (size_t i = 0; i < hits.size(); ++i) score[i] = model.Score(features[i]);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
    std::vector<IndexHit> out;
    out.reserve(hits.size());
    for (size_t i : order) out.push_back(std::move(hits[i]));
    hits = std::move(out);
}

std::string ModelText(const RankModel& m) {
    boost::json::array features;
    for (size_t k = 0; k < kRankFeatureCount; ++k)
        features.push_back(boost::json::object{
            {"name", kRankFeatureNames[k]}, {"mean", m.mean[k]}, {"scale", m.scale[k]}, {"weight", m.weights[k]}});
    return boost::json::serialize(boost::json::object{{"features", std::move(features)}});
}

bool ParseModel(std::string_view text, RankModel& out) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec || !v.is_object()) return false;
    const auto* features = v.as_object().if_contains("features");
    if (!features || !features->is_array() || features->as_array().size() != kRankFeatureCount) return false;
    RankModel m;
    for (size_t k = 0; k < kRankFeatureCount; ++k) {
        const auto& f = features->as_array()[k];
        if (!f.is_object()) return false;
        const auto& o = f.as_object();
        const auto* name = o.if_contains("name");
        if (!name || !name->is_string() || name->as_string() != kRankFeatureNames[k]) return false;
        for (auto [field, slot] :
             {std::pair{"mean", &m.mean[k]}, std::pair{"scale", &m.scale[k]}, std::pair{"weight", &m.weights[k]}}) {
            const auto* x = o.if_contains(field);
            if (!x || !x->is_number()) return false;
            *slot = x->to_number<double>();
        }
        if (!(m.scale[k] > 0) || !std::isfinite(m.mean[k]) || !std::isfinite(m.weights[k])) return false;
    }
    out = m;
    return true;
}

}  // namespace renkei::exchange
