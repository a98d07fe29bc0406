// The office's relevance judgments on suggestions: one click says whether a seed is relevant for
// a need. The suggestions read them (matching.cpp); here they are made, cleared and listed.
#include <boost/json.hpp>

#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"

namespace renkei::exchange {
namespace {

std::string EntityId(const std::string& need_id, const std::string& seed_id) { return need_id + ":" + seed_id; }

// The office or an admin, and both items visible to them (the seed's teaser is enough).
void CheckJudge(db::Tx& tx, const auth::Principal& me, const std::string& need_id, const std::string& seed_id,
                Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office judges suggestions");
    Viewer v = ViewerOf(tx, me, now);
    LoadNeedFor(tx, v, need_id);
    LoadSeedFor(tx, v, seed_id);
}

void Name(people::NameBook& names, Judgment& j) {
    const auto& n = names.Of(j.judged_by);
    j.judged_by_name_ja = n.name_ja;
    j.judged_by_name_en = n.name_en;
}

// What the audit log keeps of a judgment: the pair and the answer (names come from the log).
boost::json::value Snapshot(const Judgment& j) {
    return boost::json::object{{"need_id", j.need_id},
                               {"seed_id", j.seed_id},
                               {"relevant", j.relevant},
                               {"judged_by", j.judged_by},
                               {"judged_at", FormatUtc(j.judged_at)}};
}

}  // namespace

Judgment JudgePair(db::Tx& tx, const auth::Principal& me, const std::string& need_id, const std::string& seed_id,
                   bool relevant, Seconds now) {
    CheckJudge(tx, me, need_id, seed_id, now);
    auto before = store::FindJudgment(tx, need_id, seed_id);
    Judgment j{need_id, seed_id, relevant, me.person_id, now, "", ""};
    store::SaveJudgment(tx, j);
    audit::Record(tx, me.person_id, "judge", "exchange_judgment", EntityId(need_id, seed_id),
                  before ? Snapshot(*before) : boost::json::value(nullptr), Snapshot(j));
    people::NameBook names(tx);
    Name(names, j);
    return j;
}

void ClearJudgment(db::Tx& tx, const auth::Principal& me, const std::string& need_id, const std::string& seed_id,
                   Seconds now) {
    CheckJudge(tx, me, need_id, seed_id, now);
    auto before = store::FindJudgment(tx, need_id, seed_id);
    if (!before) return;
    store::DeleteJudgment(tx, need_id, seed_id);
    audit::Record(tx, me.person_id, "delete", "exchange_judgment", EntityId(need_id, seed_id), Snapshot(*before),
                  nullptr);
}

namespace {

// One side's judgments with the other side's items as the viewer may see them (`find` loads one).
template <class Out, class Find>
std::vector<Out> JudgedItems(db::Tx& tx, const Viewer& v, std::vector<Judgment> judgments, Find find) {
    std::vector<std::string> judges;
    judges.reserve(judgments.size());
    for (const auto& j : judgments) judges.push_back(j.judged_by);
    people::NameBook names(tx);
    names.Load(judges);
    std::vector<Out> out;
    for (auto& j : judgments) {
        auto item = find(j);
        if (!item) continue;
        auto disclosure = DisclosureFor(v, *item);
        if (disclosure == Disclosure::kNone) continue;
        if (disclosure == Disclosure::kTeaser) *item = Redact(std::move(*item));
        Name(names, j);
        out.push_back(Out{std::move(j), std::move(*item)});
    }
    return out;
}

}  // namespace

std::vector<JudgedSeed> NeedJudgments(db::Tx& tx, const auth::Principal& me, const std::string& need_id, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office judges suggestions");
    Viewer v = ViewerOf(tx, me, now);
    LoadNeedFor(tx, v, need_id);
    return JudgedItems<JudgedSeed>(tx, v, store::JudgmentsOfNeed(tx, need_id),
                                   [&](const Judgment& j) { return store::FindSeed(tx, j.seed_id); });
}

std::vector<JudgedNeed> SeedJudgments(db::Tx& tx, const auth::Principal& me, const std::string& seed_id, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office judges suggestions");
    Viewer v = ViewerOf(tx, me, now);
    LoadSeedFor(tx, v, seed_id);
    return JudgedItems<JudgedNeed>(tx, v, store::JudgmentsOfSeed(tx, seed_id),
                                   [&](const Judgment& j) { return store::FindNeed(tx, j.need_id); });
}

}  // namespace renkei::exchange
