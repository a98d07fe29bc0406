// The ip module's dated obligations for the office's view of deadlines: the legal deadlines of
// the inventions (docs/deadlines.md), computed as for the module's own deadlines page.
#include "modules/ip/internal.hpp"
#include "modules/ip/store.hpp"

namespace renkei::ip {

namespace detail {

namespace {

constexpr KindLabel kKindLabels[] = {
    {DeadlineKind::kParisPriority, "パリ優先期限", "Paris priority deadline"},
    {DeadlineKind::kPctNationalPhase, "国内移行期限", "PCT national phase deadline"},
    {DeadlineKind::kJpExaminationRequest, "審査請求期限", "Request for examination deadline"},
    {DeadlineKind::kGracePeriodFiling, "新規性喪失の例外による出願期限", "Filing deadline under the grace period"},
    {DeadlineKind::kGracePeriodProof, "例外適用の証明書提出期限", "Grace period proof deadline"},
};

}  // namespace

const KindLabel& LabelOf(DeadlineKind k) {
    for (const auto& l : kKindLabels)
        if (l.kind == k) return l;
    return kKindLabels[0];
}

}  // namespace detail

std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                           Seconds now) {
    auto rows = DeadlinesBetween(tx, me, from, to, now);  // checks the range; the caller's inventions only
    std::map<std::string, Invention> inventions;
    for (auto& inv : store::Inventions(tx, std::nullopt)) inventions.emplace(inv.id, std::move(inv));
    std::vector<Obligation> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        const auto& label = detail::LabelOf(row.deadline.kind);
        const auto& rule = EntryOf(row.deadline.kind);
        Obligation o;
        o.due_on = row.deadline.due_on;
        o.kind = "ip." + std::string(rule.text);
        o.title_ja = label.ja;
        o.title_en = label.en;
        o.about_ja = row.title;
        o.about_en = row.title;
        if (!row.project_id.empty()) o.project_id = row.project_id;
        auto inv = inventions.find(row.invention_id);
        if (inv != inventions.end()) {
            o.people.reserve(inv->second.inventors.size());
            for (const auto& i : inv->second.inventors) o.people.push_back(i.person.id);
        }
        o.link = detail::InventionPage(row.invention_id, "filings");
        o.legal = true;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace renkei::ip
