// The index and its gate: queries side by side with changes, the strongest terms kept per key only
// while the index is unchanged, and the same answers as Xapian's BM25 (which the ranking was tuned
// with) for random documents, changes and queries.
#include "modules/exchange/index.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>
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
        // The same documents again: the index changes, the answer does not.
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

// A rebuild keeps a document's terms when its texts were analysed the same way: the weights read
// back give the same document, and a different analysis gives nothing.
TEST(MatchIndexTest, ReusedTermsGiveTheSameDocument) {
    MatchIndex index, again;
    IndexDocument d = Doc("a", {{"Wx", 0.7}, {"Wy", 1.3}, {"Cz", 2.0}, {"Zarea", 0.5}, {"Bab", 3.25}});
    d.analysis = 42;
    {
        std::lock_guard writing(index.writing);
        index.Put(d);
        index.Put(Doc("b", {{"Wx", 1.0}, {"Cz", 1.0}}));
    }
    std::map<std::string, double> kept;
    EXPECT_FALSE(index.ReuseTerms("seed", "a", 41, "CZ", kept));
    EXPECT_FALSE(index.ReuseTerms("need", "a", 42, "CZ", kept));
    EXPECT_FALSE(index.ReuseTerms("seed", "b", 0, "CZ", kept)) << "0 names no analysis";
    ASSERT_TRUE(index.ReuseTerms("seed", "a", 42, "CZ", kept));
    EXPECT_EQ(kept.count("Cz") + kept.count("Zarea"), 0u);
    EXPECT_EQ(kept.size(), 3u);
    IndexDocument rebuilt = d;
    rebuilt.terms = kept;
    rebuilt.terms["Cz"] = 2.0;
    rebuilt.terms["Zarea"] = 0.5;
    {
        std::lock_guard writing(again.writing);
        again.Put(rebuilt);
        again.Put(Doc("b", {{"Wx", 1.0}, {"Cz", 1.0}}));
    }
    auto q = Query({{"Wx", 1.0}, {"Wy", 2.0}, {"Cz", 1.0}, {"Bab", 1.0}, {"Zarea", 3.0}});
    EXPECT_EQ(Ids(again.Run(q)), Ids(index.Run(q)));
    EXPECT_EQ(again.Run(q).hits.front().percent, index.Run(q).hits.front().percent);
}

// Xapian as the index used it before (index.cpp until December 2026): the reference.
class XapianReference {
  public:
    void Put(const IndexDocument& d) {
        Xapian::Document doc;
        for (const auto& [term, weight] : d.terms)
            doc.add_term(term, std::max<Xapian::termcount>(1, static_cast<Xapian::termcount>(std::lround(weight * 2))));
        for (const auto& f : d.filters) doc.add_boolean_term(f);
        doc.add_boolean_term(ItemTerm(d.type, d.id));
        doc.set_data(d.type + "\n" + d.id);
        doc.add_value(0, Xapian::sortable_serialise(static_cast<double>(d.updated_at)));
        db_.replace_document(ItemTerm(d.type, d.id), doc);
    }
    void Remove(const std::string& type, const std::string& id) { db_.delete_document(ItemTerm(type, id)); }

    IndexResult Run(const IndexQuery& q) {
        struct Term {
            std::string term;
            double weight, strength;
            Xapian::doccount df;
        };
        std::vector<Term> terms;
        const double docs = std::max<Xapian::doccount>(1, db_.get_doccount());
        for (const auto& [term, weight] : q.terms) {
            double w = weight * PrefixWeight(term[0]);
            Xapian::doccount df = db_.get_termfreq(term);
            terms.push_back(Term{term, w, w * std::log(1.0 + docs / (1.0 + df)), df});
        }
        std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.strength > b.strength; });
        if (terms.size() > q.max_terms) terms.resize(q.max_terms);
        std::map<std::string, double> query_weight;
        std::vector<Xapian::Query> parts;
        for (const auto& t : terms)
            if (t.df != 0) {
                parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term), t.weight);
                query_weight[t.term] = t.weight;
            }
        IndexResult result;
        const bool ranked = !q.terms.empty();
        if (ranked && parts.empty()) return result;
        Xapian::Query query =
            ranked ? Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()) : Xapian::Query::MatchAll;
        std::vector<Xapian::Query> filters;
        for (const auto& m : q.must) filters.emplace_back(m);
        auto any = [](const std::vector<std::string>& group) {
            std::vector<Xapian::Query> alternatives(group.begin(), group.end());
            return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
        };
        for (const auto& group : q.any_of) filters.push_back(any(group));
        if (!q.everyone) filters.push_back(any(q.visible));
        if (!filters.empty())
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
        if (!q.exclude.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, any(q.exclude));
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
        if (!ranked) enquire.set_sort_by_value_then_relevance(0, true);
        auto mset = enquire.get_mset(q.offset, q.limit, db_.get_doccount());
        result.total = mset.get_matches_estimated();
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            IndexHit hit;
            std::string data = it.get_document().get_data();
            hit.type = data.substr(0, data.find('\n'));
            hit.id = data.substr(data.find('\n') + 1);
            hit.weight = it.get_weight();
            hit.percent = it.get_percent();
            if (ranked) {
                for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t)
                    hit.matched.push_back(*t);
                std::sort(hit.matched.begin(), hit.matched.end(), [&](const std::string& a, const std::string& b) {
                    return query_weight[a] > query_weight[b];
                });
            }
            result.hits.push_back(std::move(hit));
        }
        return result;
    }

  private:
    Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

TEST(MatchIndexTest, RanksAsXapiansBm25DidThroughChangesAndFilters) {
    std::mt19937 rng(20261207);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    // A skewed vocabulary: a few words in most documents, most words in few.
    auto word = [&] {
        const char* prefixes = "WWWCPBZ";
        int rank = static_cast<int>(std::pow(300.0, std::uniform_real_distribution<>(0, 1)(rng)));
        return std::string(1, prefixes[rank % 7]) + "t" + std::to_string(rank);
    };
    auto document = [&](int i) {
        IndexDocument d;
        d.type = pick(4) == 0 ? "need" : "seed";
        d.id = "i" + std::to_string(i);
        for (int k = 0, n = 1 + pick(40); k < n; ++k) d.terms[word()] += 0.5 * (1 + pick(6));
        d.filters = {"T" + d.type, pick(5) ? "Sopen" : "Sclosed", "Aarea" + std::to_string(pick(3))};
        d.filters.push_back(pick(6) ? "Vpublic" : "Vcompany:c" + std::to_string(pick(2)));
        d.updated_at = 1000 + pick(50);  // ties, as items saved in the same second
        return d;
    };
    MatchIndex index;
    XapianReference reference;
    auto put = [&](const IndexDocument& d) {
        std::lock_guard writing(index.writing);
        index.Put(d);
        reference.Put(d);
    };
    for (int i = 0; i < 400; ++i) put(document(i));
    int compared = 0, ranked_hits = 0;
    for (int round = 0; round < 300; ++round) {
        // Changes between queries: items edited (keeping their place), removed and added again.
        if (round % 10 == 0) {
            for (int k = 0; k < 20; ++k) put(document(pick(450)));
            for (int k = 0; k < 5; ++k) {
                std::string id = "i" + std::to_string(pick(450));
                std::lock_guard writing(index.writing);
                index.Remove("seed", id);
                index.Remove("need", id);
                reference.Remove("seed", id);
                reference.Remove("need", id);
            }
        }
        IndexQuery q;
        // Some with few words (a search: the filters are looked up in the documents found), most
        // with many (an item's suggestions: the filters are marked from their postings), some none.
        if (round % 7 != 0)
            for (int k = 0, n = round % 3 == 1 ? 1 + pick(3) : 1 + pick(70); k < n; ++k)
                q.terms[word()] = 0.5 + pick(8) * 0.75;
        q.max_terms = round % 3 == 0 ? 60 : 40;
        if (pick(2)) q.must.push_back(pick(2) ? "Tseed" : "Tneed");
        if (pick(3)) q.must.push_back("Sopen");
        if (pick(4) == 0) q.any_of.push_back({"Aarea0", "Aarea2"});
        q.visible = {"Vpublic"};
        if (pick(2)) q.visible.push_back("Vcompany:c1");
        q.everyone = round % 11 == 0;
        if (pick(3) == 0) q.exclude = {ItemTerm("seed", "i" + std::to_string(pick(400))), "Aarea1"};
        q.offset = pick(4) == 0 ? pick(10) : 0;
        q.limit = 1 + pick(50);
        const auto want = reference.Run(q);
        const auto got = index.Run(q);
        SCOPED_TRACE("round " + std::to_string(round));
        ASSERT_EQ(got.total, want.total);
        ASSERT_EQ(got.hits.size(), want.hits.size());
        for (size_t i = 0; i < got.hits.size(); ++i) {
            const auto &g = got.hits[i], &w = want.hits[i];
            ASSERT_NEAR(g.weight, w.weight, 1e-9 * std::max(1.0, w.weight));
            // The same item, unless two weigh the same but for the order of additions.
            if (g.id != w.id) {
                ASSERT_NE(i + 1, got.hits.size());
                EXPECT_NEAR(got.hits[i + 1].weight, g.weight, 1e-9 * std::max(1.0, g.weight));
                continue;
            }
            EXPECT_EQ(g.type, w.type);
            if (!q.terms.empty()) {
                EXPECT_EQ(g.percent, w.percent);
                // Xapian also named the filter terms the document has (weighing nothing: they sort
                // last, and no reason or feature uses them); among terms of the same weight its
                // order is its sort's, the query's order for up to 16 terms.
                std::vector<std::string> ranking_terms;
                for (const auto& t : w.matched)
                    if (q.terms.count(t)) ranking_terms.push_back(t);
                if (w.matched.size() <= 16) {
                    EXPECT_EQ(g.matched, ranking_terms);
                } else {
                    auto sorted = [](std::vector<std::string> v) {
                        std::sort(v.begin(), v.end());
                        return v;
                    };
                    EXPECT_EQ(sorted(g.matched), sorted(ranking_terms));
                }
                ++ranked_hits;
            }
        }
        ++compared;
    }
    EXPECT_EQ(compared, 300);
    EXPECT_GT(ranked_hits, 2000);  // the comparison saw many ranked answers, not empty ones
}

}  // namespace
}  // namespace renkei::exchange
