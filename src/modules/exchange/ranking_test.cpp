// Learning to rank: the features, the trainer (the same history gives the same model) and the
// re-ranking.
#include "modules/exchange/ranking.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace renkei::exchange {
namespace {

// A fixed pseudo-random sequence (an LCG), the same on every machine and library.
struct Sequence {
    uint64_t state;
    double Next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
    }
};

// A synthetic history: per query, 20 candidates in the engine's order (by weight), where what the
// centre found relevant follows shared concepts and the area more than the engine's weight.
std::vector<LabelledList> History(uint64_t seed, int queries) {
    Sequence r{seed};
    std::vector<LabelledList> out;
    for (int q = 0; q < queries; ++q) {
        struct Candidate {
            RankFeatures f;
            double truth;
        };
        std::vector<Candidate> c;
        for (int i = 0; i < 20; ++i) {
            RankFeatures f{};
            double concepts = std::floor(r.Next() * 4), area = r.Next() < 0.4 ? 1 : 0, words = std::floor(r.Next() * 6);
            double truth = 1.2 * concepts + 1.5 * area + 0.2 * words + r.Next();
            f[0] = 0.3 * truth + r.Next() * 2;  // the engine: a noisy view of the truth
            f[2] = std::log1p(concepts);
            f[3] = std::log1p(words);
            f[4] = 0;
            f[5] = std::log1p(std::floor(r.Next() * 3));
            f[6] = area;
            f[7] = r.Next();
            c.push_back({f, truth});
        }
        std::stable_sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.f[0] > b.f[0]; });
        LabelledList l;
        l.key = "need-" + std::to_string(1000 + q);
        for (size_t i = 0; i < c.size(); ++i) {
            auto f = c[i].f;
            f[0] /= c.front().f[0];
            f[1] = 1.0 / (1.0 + static_cast<double>(i));
            l.features.push_back(f);
            l.grades.push_back(c[i].truth > 5.2 ? 2 : c[i].truth > 4.0 ? 1 : 0);
        }
        out.push_back(std::move(l));
    }
    return out;
}

double MeanNdcg(const RankModel& m, const std::vector<LabelledList>& lists) {
    double sum = 0;
    for (const auto& l : lists) {
        std::vector<size_t> order(l.grades.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return m.Score(l.features[a]) > m.Score(l.features[b]); });
        std::vector<int> grades;
        grades.reserve(order.size());
        for (size_t i : order) grades.push_back(l.grades[i]);
        sum += NdcgAt10(grades);
    }
    return sum / static_cast<double>(lists.size());
}

TEST(ExchangeRanking, TheSameHistoryGivesTheSameModel) {
    auto history = History(7, 40);
    Training a = Train(history);
    // The same decisions read in another order (the database's order is not promised).
    std::reverse(history.begin(), history.end());
    Training b = Train(history);
    EXPECT_EQ(ModelText(a.model), ModelText(b.model));
    for (size_t k = 0; k < kRankFeatureCount; ++k) {
        EXPECT_EQ(a.model.weights[k], b.model.weights[k]) << kRankFeatureNames[k];
        EXPECT_EQ(a.model.mean[k], b.model.mean[k]) << kRankFeatureNames[k];
    }
    EXPECT_EQ(a.lists, 40U);
    EXPECT_EQ(a.pairs, b.pairs);
    EXPECT_GT(a.pairs, 100U);
}

TEST(ExchangeRanking, TheModelLearnsWhatTheCentreDecidedAndHoldsOnNewQueries) {
    Training t = Train(History(7, 40));
    EXPECT_GT(t.ndcg_after, t.ndcg_before + 0.05) << t.ndcg_before << " -> " << t.ndcg_after;
    // Queries it never saw, decided the same way.
    auto unseen = History(99, 40);
    double engine = MeanNdcg(EngineOrder(), unseen), learnt = MeanNdcg(t.model, unseen);
    EXPECT_GT(learnt, engine + 0.05) << engine << " -> " << learnt;
    // It learnt that concepts and the area matter here.
    EXPECT_GT(t.model.weights[2], 0);
    EXPECT_GT(t.model.weights[6], 0);
}

TEST(ExchangeRanking, ListsThatSayNothingAreLeftOut) {
    struct Case {
        const char* name;
        std::vector<std::vector<int>> grades;
        size_t lists;
    } cases[] = {
        {"no decisions", {}, 0},
        {"all undecided", {{0, 0, 0}}, 0},
        {"all relevant", {{1, 1}}, 0},
        {"one useful list", {{0, 0}, {0, 1, 0}}, 1},
        {"two useful lists", {{2, 0}, {0, 1}}, 2},
    };
    for (const auto& c : cases) {
        std::vector<LabelledList> lists;
        for (size_t q = 0; q < c.grades.size(); ++q) {
            LabelledList l{"q" + std::to_string(q), {}, c.grades[q]};
            for (size_t i = 0; i < c.grades[q].size(); ++i) {
                RankFeatures f{};
                f[0] = 1.0 / (1.0 + static_cast<double>(i));
                f[1] = f[0];
                l.features.push_back(f);
            }
            lists.push_back(l);
        }
        Training t = Train(lists);
        EXPECT_EQ(t.lists, c.lists) << c.name;
        if (c.lists == 0) EXPECT_EQ(ModelText(t.model), ModelText(EngineOrder())) << c.name;
    }
}

TEST(ExchangeRanking, FeaturesComeFromTheEnginesAnswer) {
    std::map<std::string, double> query = {{"Ccardio", 1.0}, {"Wheart", 2.0}, {"Bhe", 4.0}, {"Zmedical_device", 24.0}};
    // Weights: C counts twice, B a quarter: 2 + 2 + 1 = 5 in all (the area aside).
    std::vector<IndexHit> hits = {
        {"seed", "a", 10.0, 100, {"Ccardio", "Wheart", "Zmedical_device"}},
        {"seed", "b", 5.0, 50, {"Bhe"}},
        {"seed", "c", 2.5, 25, {}},
    };
    auto f = FeaturesOf(hits, query);
    ASSERT_EQ(f.size(), 3U);
    struct Case {
        size_t hit, feature;
        double expected;
    } cases[] = {
        {0, 0, 1.0},         {1, 0, 0.5},     {2, 0, 0.25},         // engine
        {0, 1, 1.0},         {1, 1, 0.5},     {2, 1, 1.0 / 3},      // engine_rank
        {0, 2, std::log(2)}, {1, 2, 0},       {0, 3, std::log(2)},  // concepts, words
        {1, 5, std::log(2)}, {0, 6, 1},       {1, 6, 0},            // bigrams, area
        {0, 7, 4.0 / 5},     {1, 7, 1.0 / 5}, {2, 7, 0},            // coverage
    };
    for (const auto& c : cases)
        EXPECT_NEAR(f[c.hit][c.feature], c.expected, 1e-12) << "hit " << c.hit << " " << kRankFeatureNames[c.feature];
    EXPECT_TRUE(FeaturesOf({}, query).empty());
}

TEST(ExchangeRanking, RerankingFollowsTheModelAndTheEngineOnTies) {
    std::map<std::string, double> query = {{"Ccardio", 1.0}, {"Wheart", 1.0}};
    std::vector<IndexHit> hits = {
        {"seed", "words", 10.0, 100, {"Wheart"}},
        {"seed", "concept", 9.0, 90, {"Ccardio"}},
        {"seed", "tie", 9.0, 90, {"Ccardio"}},
    };
    auto engine = hits;
    Rerank(EngineOrder(), query, engine);
    EXPECT_EQ(engine[0].id, "words");
    EXPECT_EQ(engine[1].id, "concept");
    EXPECT_EQ(engine[2].id, "tie");
    RankModel concepts = EngineOrder();
    concepts.weights[2] = 5;  // concepts over the engine's weight
    Rerank(concepts, query, hits);
    EXPECT_EQ(hits[0].id, "concept");
    EXPECT_EQ(hits[1].id, "tie");
    EXPECT_EQ(hits[2].id, "words");
}

TEST(ExchangeRanking, AModelIsReadBackAsWritten) {
    Training t = Train(History(3, 10));
    RankModel back;
    ASSERT_TRUE(ParseModel(ModelText(t.model), back));
    // JSON's decimals: the same to far below what changes an order.
    for (size_t k = 0; k < kRankFeatureCount; ++k) {
        EXPECT_NEAR(back.weights[k], t.model.weights[k], 1e-12 * std::abs(t.model.weights[k]));
        EXPECT_NEAR(back.mean[k], t.model.mean[k], 1e-12 * std::abs(t.model.mean[k]));
        EXPECT_NEAR(back.scale[k], t.model.scale[k], 1e-12 * std::abs(t.model.scale[k]));
    }
    struct Case {
        const char* name;
        std::string text;
    } bad[] = {
        {"not JSON", "{"},
        {"no features", "{}"},
        {"too few", R"({"features":[{"name":"engine","mean":0,"scale":1,"weight":1}]})"},
        {"another feature",
         [] {
             auto s = ModelText(EngineOrder());
             return s.replace(s.find("coverage"), 8, "novelty1");
         }()},
        {"scale zero",
         [] {
             auto s = ModelText(EngineOrder());
             return s.replace(s.find("\"scale\":1"), 9, "\"scale\":0");
         }()},
    };
    for (const auto& c : bad) {
        RankModel m = EngineOrder();
        EXPECT_FALSE(ParseModel(c.text, m)) << c.name;
    }
}

TEST(ExchangeRanking, NdcgAtTen) {
    struct Case {
        std::vector<int> grades;
        double expected;
    } cases[] = {
        {{}, 0},
        {{0, 0}, 0},
        {{2, 1, 0}, 1},
        {{0, 2}, (2 / std::log2(3)) / 2},
        {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0},  // past the tenth counts for nothing
    };
    for (const auto& c : cases) EXPECT_NEAR(NdcgAt10(c.grades), c.expected, 1e-12);
}

}  // namespace
}  // namespace renkei::exchange
