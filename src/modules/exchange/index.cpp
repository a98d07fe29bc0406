#include "modules/exchange/index.hpp"

#include <xapian.h>

#include <algorithm>
#include <cmath>

namespace renkei::exchange {
namespace {

constexpr Xapian::valueno kUpdatedSlot = 0;
// Xapian terms are limited to 245 bytes.
std::string Clip(const std::string& term) { return term.size() > 240 ? term.substr(0, 240) : term; }

std::string UniqueTerm(const std::string& type, const std::string& id) { return "Q" + type + ":" + id; }

}  // namespace

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

MatchIndex::MatchIndex() { Clear(); }
MatchIndex::~MatchIndex() = default;

void MatchIndex::Clear() {
    db_ = std::make_unique<Xapian::WritableDatabase>(std::string(), Xapian::DB_BACKEND_INMEMORY);
}

void MatchIndex::Put(const IndexDocument& d) {
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
    db_->replace_document(unique, doc);
}

void MatchIndex::Remove(const std::string& type, const std::string& id) { db_->delete_document(UniqueTerm(type, id)); }

long long MatchIndex::size() const { return db_->get_doccount(); }

IndexResult MatchIndex::Run(const IndexQuery& q) const {
    IndexResult result;
    // The ranking part: every term scaled by its weight and kind; only the strongest terms.
    std::vector<std::pair<std::string, double>> terms;
    for (const auto& [term, weight] : q.terms) {
        if (term.empty()) continue;
        double w = weight * PrefixWeight(term[0]);
        if (w > 0) terms.emplace_back(Clip(term), w);
    }
    Xapian::doccount docs = std::max<Xapian::doccount>(1, db_->get_doccount());
    // Prefer rare terms when trimming a long query (idf × weight).
    auto strength = [&](const std::pair<std::string, double>& t) {
        double df = db_->get_termfreq(t.first);
        return t.second * std::log(1.0 + docs / (1.0 + df));
    };
    std::sort(terms.begin(), terms.end(), [&](const auto& a, const auto& b) { return strength(a) > strength(b); });
    if (terms.size() > q.max_terms) terms.resize(q.max_terms);
    std::map<std::string, double> query_weight;
    std::vector<Xapian::Query> parts;
    for (const auto& [term, w] : terms) {
        if (db_->get_termfreq(term) == 0) continue;
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), w);
        query_weight[term] = w;
    }
    bool ranked = !q.terms.empty();
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
    std::vector<Xapian::Query> visible;
    for (const auto& v : q.visible) visible.emplace_back(Clip(v));
    filters.emplace_back(Xapian::Query::OP_OR, visible.begin(), visible.end());
    Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    if (!q.exclude.empty()) {
        std::vector<Xapian::Query> ex;
        for (const auto& e : q.exclude) ex.emplace_back(Clip(e));
        query =
            Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Xapian::Query::OP_OR, ex.begin(), ex.end()));
    }

    Xapian::Enquire enquire(*db_);
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
