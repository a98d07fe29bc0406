#include "modules/exchange/index.hpp"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <shared_mutex>
#include <thread>

namespace renkei::exchange {
namespace {

constexpr Xapian::valueno kUpdatedSlot = 0;
// Xapian terms are limited to 245 bytes.
std::string Clip(const std::string& term) { return term.size() > 240 ? term.substr(0, 240) : term; }

std::string UniqueTerm(const std::string& type, const std::string& id) { return "Q" + type + ":" + id; }

// One copy of the index per core that runs queries (memory grows with the index, so at most 4).
size_t CopyCount() { return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4); }

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

MatchIndex::MatchIndex() : copies_(FreshCopies()) {}
MatchIndex::~MatchIndex() = default;

MatchIndex::Copy::Copy() : db(std::make_unique<Xapian::WritableDatabase>(std::string(), Xapian::DB_BACKEND_INMEMORY)) {}
MatchIndex::Copy::~Copy() = default;

MatchIndex::Copies MatchIndex::FreshCopies() {
    Copies copies;
    copies.reserve(CopyCount());
    for (size_t i = 0; i < CopyCount(); ++i) copies.push_back(std::make_unique<Copy>());
    return copies;
}

namespace {

Xapian::Document DocumentOf(const IndexDocument& d) {
    Xapian::Document doc;
    for (const auto& [term, weight] : d.terms) {
        auto wdf = static_cast<Xapian::termcount>(std::lround(weight * 2));
        doc.add_term(Clip(term), std::max<Xapian::termcount>(1, wdf));
    }
    for (const auto& f : d.filters) doc.add_boolean_term(Clip(f));
    std::string unique = UniqueTerm(d.type, d.id);
    doc.add_boolean_term(unique);
    doc.set_data(d.type + "\n" + d.id);
    doc.add_value(kUpdatedSlot, Xapian::sortable_serialise(static_cast<double>(d.updated_at)));
    return doc;
}

}  // namespace

void MatchIndex::Put(const IndexDocument& d) {
    Xapian::Document doc = DocumentOf(d);
    ++version_;
    for (auto& c : copies_) c->db->replace_document(UniqueTerm(d.type, d.id), doc);
}

void MatchIndex::AddTo(Copies& copies, const std::vector<IndexDocument>& docs) {
    // Xapian's objects are not shared between threads: each thread makes its own documents.
    auto fill = [&docs](Xapian::WritableDatabase& db) {
        for (const auto& d : docs) db.replace_document(UniqueTerm(d.type, d.id), DocumentOf(d));
    };
    std::vector<std::thread> threads;
    threads.reserve(copies.size());
    std::vector<std::exception_ptr> failed(copies.size());
    for (size_t i = 1; i < copies.size(); ++i)
        threads.emplace_back([&, i] {
            try {
                fill(*copies[i]->db);
            } catch (...) {
                failed[i] = std::current_exception();
            }
        });
    try {
        fill(*copies.front()->db);
    } catch (...) {
        failed.front() = std::current_exception();
    }
    for (auto& t : threads) t.join();
    for (auto& e : failed)
        if (e) std::rethrow_exception(e);
}

MatchIndex::Copies MatchIndex::Adopt(Copies fresh) {
    ++version_;
    std::swap(copies_, fresh);
    return fresh;
}

void MatchIndex::Remove(const std::string& type, const std::string& id) {
    ++version_;
    for (auto& c : copies_) c->db->delete_document(UniqueTerm(type, id));
}

long long MatchIndex::size() const { return copies_.front()->db->get_doccount(); }

// The ranking part of a query: every term scaled by its weight and kind; only the strongest terms,
// and only those the index has.
std::shared_ptr<const MatchIndex::Chosen> MatchIndex::Choose(const Xapian::WritableDatabase& db,
                                                             const IndexQuery& q) const {
    std::string key;
    if (!q.terms_key.empty()) {
        key = q.terms_key + '\x1d' + std::to_string(q.max_terms);
        std::lock_guard lock(chosen_mutex_);
        if (auto it = chosen_.find(key); it != chosen_.end() && it->second->version == version_) return it->second;
    }
    struct Term {
        std::string term;
        double weight;
        Xapian::doccount df;
        double strength;
    };
    const auto& all_terms = q.shared_terms ? *q.shared_terms : q.terms;
    std::vector<Term> terms;
    terms.reserve(all_terms.size());
    Xapian::doccount docs = std::max<Xapian::doccount>(1, db.get_doccount());
    for (const auto& [term, weight] : all_terms) {
        if (term.empty()) continue;
        double w = weight * PrefixWeight(term[0]);
        if (!(w > 0)) continue;
        std::string clipped = Clip(term);
        // Prefer rare terms when trimming a long query (idf × weight); each term's frequency is
        // looked up once, not at every comparison of the sort.
        Xapian::doccount df = db.get_termfreq(clipped);
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

IndexResult MatchIndex::Run(const IndexQuery& q) const {
    std::shared_lock<ReadWriteGate> reading(writing);
    // A free copy, else wait for the one whose turn it is.
    const size_t n = copies_.size();
    const size_t first = next_copy_.fetch_add(1, std::memory_order_relaxed) % n;
    size_t copy = n;
    std::unique_lock<std::mutex> held;
    for (size_t i = 0; i < n && copy == n; ++i) {
        held = std::unique_lock(copies_[(first + i) % n]->mutex, std::try_to_lock);
        if (held.owns_lock()) copy = (first + i) % n;
    }
    if (copy == n) {
        copy = first;
        held = std::unique_lock(copies_[first]->mutex);
    }
    Xapian::WritableDatabase& db = *copies_[copy]->db;
    IndexResult result;
    const auto& all_terms = q.shared_terms ? *q.shared_terms : q.terms;
    auto chosen = Choose(db, q);
    std::map<std::string, double> query_weight;
    std::vector<Xapian::Query> parts;
    for (const auto& [term, w] : chosen->terms) {
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), w);
        query_weight[term] = w;
    }
    bool ranked = !all_terms.empty();
    if (ranked && parts.empty()) return result;
    Xapian::Query query =
        ranked ? Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()) : Xapian::Query::MatchAll;

    std::vector<Xapian::Query> filters;
    for (const auto& m : q.must) filters.emplace_back(m);
    for (const auto& group : q.any_of) {
        std::vector<Xapian::Query> alternatives;
        alternatives.reserve(group.size());
        for (const auto& t : group) alternatives.emplace_back(Clip(t));
        filters.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    if (!q.everyone) {
        std::vector<Xapian::Query> visible;
        for (const auto& v : q.visible) visible.emplace_back(Clip(v));
        filters.emplace_back(Xapian::Query::OP_OR, visible.begin(), visible.end());
    }
    if (!filters.empty()) {
        Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    }
    if (!q.exclude.empty()) {
        std::vector<Xapian::Query> ex;
        for (const auto& e : q.exclude) ex.emplace_back(Clip(e));
        query =
            Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Xapian::Query::OP_OR, ex.begin(), ex.end()));
    }

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    if (!ranked) enquire.set_sort_by_value_then_relevance(kUpdatedSlot, true);
    auto mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, q.offset)),
                                 static_cast<Xapian::doccount>(std::max(0, q.limit)),
                                 static_cast<Xapian::doccount>(std::max(0, q.exact_count_up_to)));
    result.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        IndexHit hit;
        std::string data = it.get_document().get_data();
        auto nl = data.find('\n');
        hit.type = data.substr(0, nl);
        hit.id = nl == std::string::npos ? "" : data.substr(nl + 1);
        hit.weight = it.get_weight();
        hit.percent = it.get_percent();
        if (ranked) {
            for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t)
                hit.matched.push_back(*t);
            std::sort(hit.matched.begin(), hit.matched.end(),
                      [&](const std::string& a, const std::string& b) { return query_weight[a] > query_weight[b]; });
        }
        result.hits.push_back(std::move(hit));
    }
    return result;
}

}  // namespace renkei::exchange
