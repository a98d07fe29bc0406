#include "modules/exchange/index.hpp"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <optional>
#include <shared_mutex>

namespace renkei::exchange {
namespace {

// BM25 as Xapian's BM25Weight(1.2, 0, 1, 0.75, 0.5) scores it, which the ranking was tuned with
// (k1, b, and the least normalised length; k2 = 0 and k3 = 1 leave a query term's weight as given).
constexpr double kK1 = 1.2, kB = 0.75, kMinNormLength = 0.5;

// Terms are cut at 240 bytes (Xapian's limit, which the documents were built with).
std::string Clip(const std::string& term) { return term.size() > 240 ? term.substr(0, 240) : term; }

std::string UniqueTerm(const std::string& type, const std::string& id) { return "Q" + type + ":" + id; }

}  // namespace

void ReadWriteGate::lock_shared() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !writing_ && writers_waiting_ == 0; });
    ++readers_;
}

void ReadWriteGate::unlock_shared() {
    std::lock_guard lock(mutex_);
    if (--readers_ == 0) changed_.notify_all();
}

void ReadWriteGate::lock() {
    std::unique_lock lock(mutex_);
    ++writers_waiting_;
    changed_.wait(lock, [this] { return !writing_ && readers_ == 0; });
    --writers_waiting_;
    writing_ = true;
}

void ReadWriteGate::unlock() {
    std::lock_guard lock(mutex_);
    writing_ = false;
    changed_.notify_all();
}

double PrefixWeight(char prefix) {
    switch (prefix) {
        case 'C':
            return 2.0;
        case 'B':
            return 0.25;
        default:
            return 1.0;
    }
}

std::string ItemTerm(const std::string& type, const std::string& id) { return UniqueTerm(type, id); }

MatchIndex::MatchIndex() : store_(FreshStore()) {}
MatchIndex::~MatchIndex() = default;

// Documents are numbered in the order they came; a changed document keeps its number, a removed
// one's is not given again (ties rank in this order). A term's postings are in no order: a query
// adds each posting's weight into its document's score.
struct MatchIndex::Store {
    struct Posting {
        uint32_t doc, wdf;
    };
    struct Doc {
        std::string type, id;
        long long updated_at = 0;
        uint64_t analysis = 0;
        uint64_t length = 0;                               // the sum of its terms' wdf
        std::vector<std::pair<uint32_t, uint32_t>> terms;  // (term, wdf) by term; wdf 0: a boolean term
        bool alive = false;
        bool Has(uint32_t term) const {
            auto it = std::lower_bound(terms.begin(), terms.end(), std::pair<uint32_t, uint32_t>{term, 0});
            return it != terms.end() && it->first == term;
        }
    };
    std::unordered_map<std::string, uint32_t> term_ids;
    std::vector<std::string> term_names;
    std::vector<std::vector<Posting>> postings;  // by term
    std::vector<Doc> docs;
    std::unordered_map<std::string, uint32_t> by_item;  // UniqueTerm → its live document
    std::vector<uint32_t> lengths;                      // each document's length, side by side for queries
    uint32_t live = 0;
    uint64_t total_length = 0;

    uint32_t Intern(const std::string& term) {
        auto [it, added] = term_ids.try_emplace(term, static_cast<uint32_t>(term_names.size()));
        if (added) {
            term_names.push_back(term);
            postings.emplace_back();
        }
        return it->second;
    }
    std::optional<uint32_t> Find(const std::string& term) const {
        auto it = term_ids.find(term);
        if (it == term_ids.end() || postings[it->second].empty()) return std::nullopt;
        return it->second;
    }
    size_t TermFrequency(const std::string& term) const {
        auto t = Find(term);
        return t ? postings[*t].size() : 0;
    }

    void Unlink(uint32_t d) {
        Doc& doc = docs[d];
        for (const auto& [t, wdf] : doc.terms) {
            auto& list = postings[t];
            auto it = std::find_if(list.begin(), list.end(), [d](const Posting& p) { return p.doc == d; });
            if (it != list.end()) {
                *it = list.back();
                list.pop_back();
            }
        }
        total_length -= doc.length;
        --live;
        doc = Doc{};
    }

    void Put(const IndexDocument& in) {
        std::string unique = UniqueTerm(in.type, in.id);
        uint32_t d = 0;
        if (auto it = by_item.find(unique); it != by_item.end()) {
            d = it->second;
            Unlink(d);
        } else {
            d = static_cast<uint32_t>(docs.size());
            docs.emplace_back();
            lengths.push_back(0);
            by_item.emplace(unique, d);
        }
        Doc& doc = docs[d];
        doc.type = in.type;
        doc.id = in.id;
        doc.updated_at = in.updated_at;
        doc.analysis = in.analysis;
        doc.terms.reserve(in.terms.size() + in.filters.size() + 1);
        for (const auto& [term, weight] : in.terms) {
            auto wdf = static_cast<uint32_t>(std::max(1L, std::lround(weight * 2)));
            doc.terms.emplace_back(Intern(Clip(term)), wdf);
        }
        for (const auto& f : in.filters) doc.terms.emplace_back(Intern(Clip(f)), 0);
        doc.terms.emplace_back(Intern(unique), 0);
        std::sort(doc.terms.begin(), doc.terms.end());
        // A term given twice (a filter repeated, two long terms cut to the same 240 bytes) counts once,
        // with the wdf of both.
        size_t out = 0;
        for (size_t i = 0; i < doc.terms.size(); ++i) {
            if (out > 0 && doc.terms[out - 1].first == doc.terms[i].first)
                doc.terms[out - 1].second += doc.terms[i].second;
            else
                doc.terms[out++] = doc.terms[i];
        }
        doc.terms.resize(out);
        for (const auto& [t, wdf] : doc.terms) {
            postings[t].push_back(Posting{d, wdf});
            doc.length += wdf;
        }
        doc.alive = true;
        lengths[d] = static_cast<uint32_t>(doc.length);
        ++live;
        total_length += doc.length;
    }

    void Remove(const std::string& unique) {
        auto it = by_item.find(unique);
        if (it == by_item.end()) return;
        Unlink(it->second);
        by_item.erase(it);
    }
};

void MatchIndex::StoreDeleter::operator()(Store* store) const { delete store; }

MatchIndex::Fresh MatchIndex::FreshStore() { return Fresh(new Store()); }

void MatchIndex::Put(const IndexDocument& d) {
    ++version_;
    store_->Put(d);
}

void MatchIndex::AddTo(Store& store, const std::vector<IndexDocument>& docs) {
    for (const auto& d : docs) store.Put(d);
}

MatchIndex::Fresh MatchIndex::Adopt(Fresh fresh) {
    ++version_;
    std::swap(store_, fresh);
    return fresh;
}

void MatchIndex::Remove(const std::string& type, const std::string& id) {
    ++version_;
    store_->Remove(UniqueTerm(type, id));
}

long long MatchIndex::size() const { return store_->live; }

bool MatchIndex::ReuseTerms(const std::string& type, const std::string& id, uint64_t analysis, std::string_view except,
                            std::map<std::string, double>& out) const {
    const Store& s = *store_;
    auto it = s.by_item.find(UniqueTerm(type, id));
    if (analysis == 0 || it == s.by_item.end() || s.docs[it->second].analysis != analysis) return false;
    for (const auto& [t, wdf] : s.docs[it->second].terms) {
        const std::string& name = s.term_names[t];
        if (wdf == 0 || name.empty() || except.find(name[0]) != std::string_view::npos) continue;
        out[name] = wdf / 2.0;  // stored as round(weight × 2): the same wdf again
    }
    return true;
}

// The ranking part of a query: every term scaled by its weight and kind; only the strongest terms,
// and only those the index has. The caller holds `writing` shared.
std::shared_ptr<const MatchIndex::Chosen> MatchIndex::Choose(const IndexQuery& q) const {
    std::string key;
    if (!q.terms_key.empty()) {
        key = q.terms_key + '\x1d' + std::to_string(q.max_terms);
        std::lock_guard lock(chosen_mutex_);
        if (auto it = chosen_.find(key); it != chosen_.end() && it->second->version == version_) return it->second;
    }
    struct Term {
        std::string term;
        double weight;
        size_t df;
        double strength;
    };
    const auto& all_terms = q.shared_terms ? *q.shared_terms : q.terms;
    std::vector<Term> terms;
    terms.reserve(all_terms.size());
    const double docs = std::max<double>(1, store_->live);
    for (const auto& [term, weight] : all_terms) {
        if (term.empty()) continue;
        double w = weight * PrefixWeight(term[0]);
        if (!(w > 0)) continue;
        std::string clipped = Clip(term);
        // Prefer rare terms when trimming a long query (idf × weight); each term's frequency is
        // looked up once, not at every comparison of the sort.
        size_t df = store_->TermFrequency(clipped);
        double strength = w * std::log(1.0 + docs / (1.0 + static_cast<double>(df)));
        terms.push_back(Term{std::move(clipped), w, df, strength});
    }
    std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.strength > b.strength; });
    if (terms.size() > q.max_terms) terms.resize(q.max_terms);
    auto chosen = std::make_shared<Chosen>();
    chosen->version = version_;
    for (auto& t : terms)
        if (t.df != 0) chosen->terms.emplace_back(std::move(t.term), t.weight);
    if (!key.empty()) {
        std::lock_guard lock(chosen_mutex_);
        if (chosen_.size() >= 2000) chosen_.clear();  // bounded: emptied when full
        chosen_.insert_or_assign(std::move(key), chosen);
    }
    return chosen;
}

// Which documents meet every clause (a term, or any of a group of terms), as bits: from the postings
// of the rarest clause, each further clause moving on those it has (once, though a document has two
// terms of a group). Kept per clause set until the index changes: a viewer's searches and an item
// type's suggestions ask the same filters again and again.
std::shared_ptr<const MatchIndex::Filter> MatchIndex::FilterOf(
    const std::vector<std::vector<uint32_t>>& clauses) const {
    std::string key;
    for (const auto& c : clauses) {
        for (uint32_t t : c) key += std::to_string(t) + '|';
        key += ';';
    }
    {
        std::lock_guard lock(filters_mutex_);
        if (auto it = filters_.find(key); it != filters_.end() && it->second->version == version_) return it->second;
    }
    const Store& s = *store_;
    auto filter = std::make_shared<Filter>();
    filter->version = version_;
    filter->bits.assign((s.docs.size() + 63) / 64, 0);
    auto set = [&filter](uint32_t d) { filter->bits[d >> 6] |= uint64_t{1} << (d & 63); };
    if (clauses.empty()) {
        for (uint32_t d = 0; d < s.docs.size(); ++d)
            if (s.docs[d].alive) set(d);
    } else {
        std::vector<uint8_t> met(s.docs.size(), 0);
        std::vector<uint32_t> candidates;
        for (uint32_t t : clauses.front())
            for (const auto& p : s.postings[t])
                if (!met[p.doc]) {
                    met[p.doc] = 1;
                    candidates.push_back(p.doc);
                }
        uint8_t level = 1;
        for (size_t c = 1; c < clauses.size(); ++c, ++level)
            for (uint32_t t : clauses[c])
                for (const auto& p : s.postings[t])
                    if (met[p.doc] == level) met[p.doc] = static_cast<uint8_t>(level + 1);
        for (uint32_t d : candidates)
            if (met[d] == level) set(d);
    }
    std::lock_guard lock(filters_mutex_);
    if (filters_.size() >= 256) filters_.clear();  // bounded: emptied when full
    filters_.insert_or_assign(std::move(key), filter);
    return filter;
}

IndexResult MatchIndex::Run(const IndexQuery& q) const {
    std::shared_lock<ReadWriteGate> reading(writing);
    const Store& s = *store_;
    IndexResult result;
    const auto& all_terms = q.shared_terms ? *q.shared_terms : q.terms;
    const bool ranked = !all_terms.empty();
    auto chosen = Choose(q);
    if (ranked && chosen->terms.empty()) return result;

    // The filters, as terms of the index: each clause a term, or any of a group of terms; a
    // required term the index lacks lets nothing through.
    std::vector<std::vector<uint32_t>> clauses;
    for (const auto& m : q.must) {
        auto t = s.Find(m);
        if (!t) return result;
        clauses.push_back({*t});
    }
    auto group_of = [&s](const std::vector<std::string>& terms) {
        std::vector<uint32_t> ids;
        for (const auto& term : terms)
            if (auto t = s.Find(Clip(term))) ids.push_back(*t);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    };
    for (const auto& g : q.any_of) clauses.push_back(group_of(g));
    if (!q.everyone) clauses.push_back(group_of(q.visible));
    for (const auto& c : clauses)
        if (c.empty()) return result;
    auto postings_of = [&s](const std::vector<uint32_t>& clause) {
        size_t n = 0;
        for (uint32_t t : clause) n += s.postings[t].size();
        return n;
    };
    std::sort(clauses.begin(), clauses.end(), [&](const auto& a, const auto& b) {
        const size_t na = postings_of(a), nb = postings_of(b);
        return na != nb ? na < nb : a < b;
    });
    clauses.erase(std::unique(clauses.begin(), clauses.end()), clauses.end());

    // The documents the filters let through, less the excluded (this query's own copy).
    thread_local std::vector<uint64_t> allowed;
    allowed = FilterOf(clauses)->bits;
    for (uint32_t t : group_of(q.exclude))
        for (const auto& p : s.postings[t]) allowed[p.doc >> 6] &= ~(uint64_t{1} << (p.doc & 63));
    auto passes = [](uint32_t d) { return (allowed[d >> 6] >> (d & 63)) & 1; };

    struct Candidate {
        double weight;
        uint32_t doc;
    };
    thread_local std::vector<Candidate> found;  // kept between queries: no allocation for each
    found.clear();
    std::vector<std::pair<uint32_t, double>> query;  // (term, weight) of the ranking part, by name
    if (ranked) {
        // Each term's BM25 weight (as Xapian's: a term in most documents still counts a little)
        // added into the scores of the documents the filters let through.
        thread_local std::vector<double> score;
        thread_local std::vector<uint32_t> docs;
        if (score.size() < s.docs.size()) score.resize(s.docs.size(), 0.0);
        docs.clear();
        struct ResetScores {  // the scores are left all zero for the next query, whatever happens
            ~ResetScores() {
                for (uint32_t d : docs) score[d] = 0;
            }
        } reset_scores;
        const double n = s.live;
        const double average = s.live ? static_cast<double>(s.total_length) / n : 0;
        const double length_factor = average != 0 ? 1 / average : 0;
        for (const auto& [term, factor] : chosen->terms) {
            auto t = s.Find(term);
            if (!t) continue;
            query.emplace_back(*t, factor);
            const auto& list = s.postings[*t];
            const double tf = static_cast<double>(list.size());
            double tw = (n - tf + 0.5) / (tf + 0.5);
            if (tw < 2) tw = tw * 0.5 + 1;
            const double term_weight = std::log(tw) * factor;
            for (const auto& p : list) {
                if (p.wdf == 0 || !passes(p.doc)) continue;    // (a ranking term is never a filter's)
                if (score[p.doc] == 0) docs.push_back(p.doc);  // every weight added is above 0
                const double length = std::max(static_cast<double>(s.lengths[p.doc]) * length_factor, kMinNormLength);
                const double wdf = p.wdf;
                score[p.doc] += term_weight * (wdf / (kK1 * (length * kB + (1 - kB)) + wdf)) * (kK1 + 1);
            }
        }
        found.reserve(docs.size());
        for (uint32_t d : docs) found.push_back(Candidate{score[d], d});
        std::sort(query.begin(), query.end(),
                  [&s](const auto& a, const auto& b) { return s.term_names[a.first] < s.term_names[b.first]; });
    } else {
        // Every document the filters let through, newest first.
        for (size_t w = 0; w < allowed.size(); ++w)
            for (uint64_t bits = allowed[w]; bits; bits &= bits - 1)
                found.push_back(Candidate{0, static_cast<uint32_t>(w * 64 + std::countr_zero(bits))});
    }
    result.total = static_cast<long long>(found.size());
    auto better = [&s, ranked](const Candidate& a, const Candidate& b) {
        if (ranked) {
            if (a.weight != b.weight) return a.weight > b.weight;
        } else if (s.docs[a.doc].updated_at != s.docs[b.doc].updated_at) {
            return s.docs[a.doc].updated_at > s.docs[b.doc].updated_at;
        }
        return a.doc < b.doc;
    };
    const size_t offset = static_cast<size_t>(std::max(0, q.offset));
    const size_t end = std::min(found.size(), offset + static_cast<size_t>(std::max(0, q.limit)));
    if (offset >= end) return result;
    // The best document's share of the query's terms scales the percentages (as Xapian's do).
    double percent_factor = 0;
    if (ranked) {
        auto best = std::min_element(found.begin(), found.end(), better);
        size_t best_terms = 0;
        for (const auto& [t, w] : query) best_terms += s.docs[best->doc].Has(t) ? 1 : 0;
        if (best->weight > 0 && !query.empty())
            percent_factor = static_cast<double>(best_terms) / static_cast<double>(query.size()) / best->weight;
    }
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(end), found.end(), better);
    for (size_t i = offset; i < end; ++i) {
        const auto& doc = s.docs[found[i].doc];
        IndexHit hit;
        hit.type = doc.type;
        hit.id = doc.id;
        hit.weight = found[i].weight;
        if (ranked) {
            double v = found[i].weight * percent_factor + 100.0 * DBL_EPSILON;
            hit.percent = std::clamp(static_cast<int>(v * 100.0), 0, 100);
            if (hit.percent == 0 && found[i].weight > 0) hit.percent = 1;
            // The query's terms it has, by weight, then by name (as Xapian gave them; its filter terms,
            // which weigh nothing, are left out).
            std::vector<std::pair<uint32_t, double>> matched;
            for (const auto& tw : query)
                if (doc.Has(tw.first)) matched.push_back(tw);
            std::stable_sort(matched.begin(), matched.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
            for (const auto& [t, w] : matched) hit.matched.push_back(s.term_names[t]);
        } else {
            hit.percent = 100;
        }
        result.hits.push_back(std::move(hit));
    }
    return result;
}

}  // namespace renkei::exchange
