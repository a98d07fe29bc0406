// The index's copies and its gate: queries side by side with changes, and the strongest terms kept
// per key only while the index is unchanged.
#include "modules/exchange/index.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace renkei::exchange {
namespace {

IndexDocument Doc(const std::string& id, std::map<std::string, double> terms) {
    return IndexDocument{"seed", id, std::move(terms), {"Tseed", "Sopen", "Vpublic"}, 1};
}

IndexQuery Query(std::map<std::string, double> terms) {
    IndexQuery q;
    q.terms = std::move(terms);
    q.must = {"Tseed"};
    q.visible = {"Vpublic"};
    q.limit = 20;
    return q;
}

std::vector<std::string> Ids(const IndexResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id + ":" + std::to_string(h.weight));
    return out;
}

TEST(MatchIndexTest, QueriesRunSideBySideWhileDocumentsChange) {
    MatchIndex index;
    std::vector<IndexDocument> docs;
    docs.reserve(60);
    for (int i = 0; i < 60; ++i)
        docs.push_back(Doc("s" + std::to_string(i), {{"Wcommon", 1.0 + i % 3},
                                                     {"Wrare" + std::to_string(i % 7), 2.0},
                                                     {"Cconcept" + std::to_string(i % 5), 1.0}}));
    {
        std::lock_guard writing(index.writing);
        for (const auto& d : docs) index.Put(d);
    }
    auto q = Query({{"Wcommon", 1.0}, {"Wrare3", 1.0}, {"Cconcept2", 0.5}});
    const auto expected = Ids(index.Run(q));
    ASSERT_FALSE(expected.empty());

    std::atomic<bool> stop{false};
    std::atomic<int> differing{0};
    std::thread writer([&] {
        // The same documents again: every copy changes, the answer does not.
        for (int round = 0; round < 20; ++round) {
            std::lock_guard writing(index.writing);
            for (const auto& d : docs) index.Put(d);
        }
        stop = true;
    });
    std::vector<std::thread> readers;
    readers.reserve(4);
    for (int t = 0; t < 4; ++t) {
        readers.emplace_back([&] {
            int runs = 0;
            while (!stop || runs < 50) {
                if (Ids(index.Run(q)) != expected) ++differing;
                ++runs;
            }
        });
    }
    writer.join();
    for (auto& r : readers) r.join();
    EXPECT_EQ(differing.load(), 0);
}

TEST(MatchIndexTest, KeptTermsFollowChangesOfTheIndex) {
    MatchIndex index;
    {
        std::lock_guard writing(index.writing);
        index.Put(Doc("a", {{"Wx", 1.0}}));
    }
    auto terms =
        std::make_shared<const std::map<std::string, double>>(std::map<std::string, double>{{"Wx", 1.0}, {"Wy", 1.0}});
    IndexQuery q = Query({});
    q.shared_terms = terms;
    q.terms_key = "person";
    EXPECT_EQ(index.Run(q).hits.size(), 1u);  // Wy is in no document yet: not asked
    {
        std::lock_guard writing(index.writing);
        index.Put(Doc("b", {{"Wy", 1.0}}));
    }
    auto after = index.Run(q);
    ASSERT_EQ(after.hits.size(), 2u);
    EXPECT_EQ(Ids(after), Ids(index.Run(Query(*terms))));  // as if asked without a key
}

}  // namespace
}  // namespace renkei::exchange
