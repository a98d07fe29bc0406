// Learning to rank from the centre's decisions (docs/exchange.md "Learning from the centre's
// decisions"): the decided (need, seed) pairs are read from the database, each decided need's
// candidates are asked of the index as its suggestions are, and the trainer (ranking.hpp) learns
// a model from them. The run is kept, audited, and adopted when it ranks the decisions at least
// as well as the engine alone.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <map>
#include <set>

#include "modules/exchange/internal.hpp"
#include "modules/exchange/ranking.hpp"
#include "modules/exchange/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/log/log.hpp"

namespace renkei::exchange {
extern const char* const kShippedRanker;  // data/matching/ranker.json, compiled in

namespace {

// How many of the engine's candidates a decided need's list holds, and the least a model needs.
constexpr int kCandidates = 50;
constexpr size_t kLeastLists = 3;

using PairKey = std::pair<std::string, std::string>;  // need, seed

// What the centre decided about each pair: 0 not relevant, 1 relevant, 2 led to a project.
// An introduction between a need and a seed: declined or no follow-up 0, accepted 1 (a meeting, a
// proposal), a project started 2. The office's judgment decides between 0 and 1 (a project stays 2).
std::map<PairKey, int> Decisions(db::Tx& tx) {
    std::map<PairKey, int> grade;
    for (const auto& i : store::DecidedIntroductions(tx)) {
        PairKey key;
        if (i.item_type == "need" && i.via_type == "seed")
            key = {i.item_id, i.via_id};
        else if (i.item_type == "seed" && i.via_type == "need")
            key = {i.via_id, i.item_id};
        else
            continue;
        int g = 1;
        if (i.status == IntroductionStatus::kDeclined || i.outcome == Outcome::kNoFollowUp) g = 0;
        if (i.outcome == Outcome::kProjectStarted || i.project_id) g = 2;
        auto [it, fresh] = grade.try_emplace(key, g);
        if (!fresh) it->second = std::max(it->second, g);
    }
    for (const auto& j : store::AllJudgments(tx)) {
        int& g = grade.try_emplace({j.need_id, j.seed_id}, 0).first->second;
        if (j.relevant)
            g = std::max(g, 1);
        else if (g < 2)
            g = 0;
    }
    return grade;
}

// A decided need's list: the engine's first candidates among open seeds (as its suggestions ask),
// with every decided seed the engine finds at all, in the engine's order.
std::optional<LabelledList> ListOf(db::Tx& tx, const std::string& need_id, const std::map<std::string, int>& decided,
                                   Seconds now) {
    auto need = store::FindNeed(tx, need_id);
    if (!need) return std::nullopt;
    SyncIndex(tx, now);  // first: the need's terms are analysed with the dictionary the index has
    IndexQuery q;
    q.terms = NeedTerms(*need);
    if (q.terms.empty()) return std::nullopt;
    if (!need->area.empty()) q.terms[AreaTerm(need->area)] += AreaQueryWeight();
    q.max_terms = kItemQueryTerms;
    q.must = {"Tseed", "Sopen"};
    q.exclude = {"U" + need->author_id};
    q.everyone = true;
    q.limit = kCandidates;
    auto hits = SharedIndex().Run(q).hits;
    std::set<std::string> seen;
    for (const auto& h : hits) seen.insert(h.id);
    std::vector<std::string> missing;
    for (const auto& [seed, g] : decided)
        if (!seen.count(seed)) missing.push_back(ItemTerm("seed", seed));
    if (!missing.empty()) {
        q.must = {"Tseed"};
        q.any_of = {missing};
        q.limit = static_cast<int>(missing.size());
        for (auto& h : SharedIndex().Run(q).hits) hits.push_back(std::move(h));
        std::stable_sort(hits.begin(), hits.end(),
                         [](const IndexHit& a, const IndexHit& b) { return a.weight > b.weight; });
    }
    LabelledList l;
    // The trainer takes the lists in key order: by title first, so that the same decisions loaded
    // afresh (new ids) give the same model to the last bit (bench/matching --save-model).
    l.key = need->title + '\x1f' + need_id;
    l.features = FeaturesOf(hits, q.terms);
    for (const auto& h : hits) {
        auto it = decided.find(h.id);
        l.grades.push_back(it == decided.end() ? 0 : it->second);
    }
    return l;
}

boost::json::object Summary(const RankingRun& r) {
    boost::json::object weights;
    for (const auto& [name, w] : r.weights) weights[name] = w;
    return {
        {"decisions", r.decisions},   {"lists", r.lists},     {"pairs", r.pairs},   {"ndcg_before", r.ndcg_before},
        {"ndcg_after", r.ndcg_after}, {"adopted", r.adopted}, {"reason", r.reason}, {"weights", std::move(weights)}};
}

RankingRun RunOf(const store::RankModelRow& row) {
    RankingRun r;
    r.id = row.id;
    r.trained_at = row.trained_at;
    r.trained_by = row.trained_by;
    r.adopted = row.adopted;
    boost::system::error_code ec;
    auto v = boost::json::parse(row.summary, ec);
    if (ec || !v.is_object()) return r;
    const auto& o = v.as_object();
    auto number = [&](const char* k) {
        const auto* x = o.if_contains(k);
        return x && x->is_number() ? x->to_number<double>() : 0.0;
    };
    r.decisions = static_cast<size_t>(number("decisions"));
    r.lists = static_cast<size_t>(number("lists"));
    r.pairs = static_cast<size_t>(number("pairs"));
    r.ndcg_before = number("ndcg_before");
    r.ndcg_after = number("ndcg_after");
    if (const auto* reason = o.if_contains("reason"); reason && reason->is_string()) r.reason = reason->as_string();
    if (const auto* w = o.if_contains("weights"); w && w->is_object())
        for (const auto& [name, value] : w->as_object())
            if (value.is_number()) r.weights.emplace_back(std::string(name), value.to_number<double>());
    return r;
}

}  // namespace

RankingRun TrainRanking(db::Tx& tx, const std::optional<std::string>& actor_id, Seconds now) {
    auto decisions = Decisions(tx);
    std::map<std::string, std::map<std::string, int>> by_need;
    for (const auto& [key, g] : decisions) by_need[key.first][key.second] = g;
    std::vector<LabelledList> lists;
    for (const auto& [need_id, decided] : by_need) {
        bool any_relevant = std::any_of(decided.begin(), decided.end(), [](const auto& d) { return d.second > 0; });
        if (!any_relevant) continue;  // nothing to rank above the rest
        if (auto l = ListOf(tx, need_id, decided, now)) lists.push_back(std::move(*l));
    }
    Training t = Train(std::move(lists));
    RankingRun run;
    run.trained_at = now;
    run.trained_by = actor_id;
    run.decisions = decisions.size();
    run.lists = t.lists;
    run.pairs = t.pairs;
    run.ndcg_before = t.ndcg_before;
    run.ndcg_after = t.ndcg_after;
    for (size_t k = 0; k < kRankFeatureCount; ++k)
        run.weights.emplace_back(std::string(kRankFeatureNames[k]), t.model.weights[k]);
    if (t.lists < kLeastLists) {
        run.reason = "too few decisions: " + std::to_string(t.lists) +
                     " needs with a relevant seed among others (at least " + std::to_string(kLeastLists) +
                     " are needed)";
        run.weights.clear();
        return run;  // nothing kept: there was nothing to learn
    }
    run.adopted = t.ndcg_after >= t.ndcg_before;
    if (!run.adopted) run.reason = "the model ranked the decisions worse than the engine alone";
    run.id = NewId();
    store::InsertRankModel(
        tx, {run.id, now, actor_id, run.adopted, ModelText(t.model), boost::json::serialize(Summary(run))});
    audit::Record(tx, actor_id, "train", "exchange_ranking", run.id, nullptr, Summary(run));
    return run;
}

std::optional<RankingRun> LatestRanking(db::Tx& tx, const auth::Principal& me) {
    if (!IsOffice(me)) throw Forbidden("only the office sees how suggestions are ranked");
    auto row = store::LatestRankModel(tx, false);
    if (!row) return std::nullopt;
    return RunOf(*row);
}

std::optional<RankModel> AdoptedRankModel(db::Tx& tx) {
    RankModel m;
    if (auto row = store::LatestRankModel(tx, true); row && ParseModel(row->model, m)) return m;
    if (const auto& shipped = ShippedRankModel()) return shipped;
    return std::nullopt;
}

const std::optional<RankModel>& ShippedRankModel() {
    static const std::optional<RankModel> shipped = []() -> std::optional<RankModel> {
        const char* off = std::getenv("RENKEI_NO_SHIPPED_RANKER");
        if (off && *off && std::string_view(off) != "0") return std::nullopt;
        RankModel m;
        if (!ParseModel(kShippedRanker, m)) {
            log::Warn("data/matching/ranker.json is not a model of this version; suggestions keep the engine's order");
            return std::nullopt;
        }
        return m;
    }();
    return shipped;
}

}  // namespace renkei::exchange
