// How well people's profiles match texts (the open call's reviewer expertise): tf-idf cosine over
// the engine's analysed terms. See service.hpp: ExpertiseMatrix.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "modules/exchange/analyzer.hpp"
#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"

namespace renkei::exchange {
namespace {

using Terms = std::map<std::string, double>;

void AddTo(Terms& into, const Terms& from) {
    for (const auto& [term, weight] : from) into[term] += weight;
}

// The text's terms: its title counts three times its body, as a seed's title does.
Terms TextTerms(db::Tx& tx, const ExpertiseText& t) {
    Terms terms;
    const auto& analyzer = SharedAnalyzer();
    analyzer.Analyze(t.title, 3.0, terms);
    analyzer.Analyze(t.body, 1.0, terms);
    for (const auto& id : t.need_ids)
        if (auto n = store::FindNeed(tx, id)) AddTo(terms, NeedTerms(*n));
    for (const auto& id : t.seed_ids)
        if (auto s = store::FindSeed(tx, id)) AddTo(terms, SeedTerms(*s));
    return terms;
}

// Sublinear term frequency times inverse document frequency, normalised to length 1.
Terms Weighted(const Terms& terms, const std::map<std::string, int>& df, double documents) {
    Terms out;
    double norm = 0;
    for (const auto& [term, tf] : terms) {
        if (tf <= 0) continue;
        auto it = df.find(term);
        double idf = std::log(1.0 + documents / (it == df.end() ? 1.0 : it->second));
        double w = (1.0 + std::log(tf)) * idf;
        if (w <= 0) continue;
        out[term] = w;
        norm += w * w;
    }
    norm = std::sqrt(norm);
    if (norm > 0)
        for (auto& [term, w] : out) w /= norm;
    return out;
}

double Cosine(const Terms& a, const Terms& b) {
    const Terms& small = a.size() <= b.size() ? a : b;
    const Terms& large = a.size() <= b.size() ? b : a;
    double dot = 0;
    for (const auto& [term, w] : small)
        if (auto it = large.find(term); it != large.end()) dot += w * it->second;
    return std::min(1.0, std::max(0.0, dot));
}

}  // namespace

std::vector<double> ExpertiseMatrix(db::Tx& tx, const std::vector<ExpertiseText>& texts,
                                    const std::vector<std::string>& person_ids, Seconds now) {
    SyncIndex(tx, now);  // first: the texts are analysed with the concepts the office has added
    std::vector<Terms> text_terms;
    text_terms.reserve(texts.size());
    for (const auto& t : texts) text_terms.push_back(TextTerms(tx, t));
    std::vector<Terms> profile_terms;
    profile_terms.reserve(person_ids.size());
    for (const auto& id : person_ids) {
        auto profile = store::FindProfile(tx, id);
        profile_terms.push_back(profile ? ProfileTerms(*profile) : Terms{});
    }
    std::map<std::string, int> df;
    for (const auto* list : {&text_terms, &profile_terms})
        for (const auto& terms : *list)
            for (const auto& entry : terms) ++df[entry.first];
    auto documents = static_cast<double>(text_terms.size() + profile_terms.size());
    for (auto& t : text_terms) t = Weighted(t, df, documents);
    for (auto& p : profile_terms) p = Weighted(p, df, documents);
    std::vector<double> out(texts.size() * person_ids.size(), 0.0);
    for (size_t t = 0; t < text_terms.size(); ++t)
        for (size_t p = 0; p < profile_terms.size(); ++p)
            out[t * person_ids.size() + p] = Cosine(text_terms[t], profile_terms[p]);
    return out;
}

}  // namespace renkei::exchange
