// The open call's dated obligations for the office's view of deadlines (docs/deadlines.md): each
// open call's closing date, with the applicants whose proposals are still drafts.
#include "modules/opencall/internal.hpp"
#include "modules/opencall/store.hpp"

namespace renkei::opencall {

std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to) {
    std::vector<Obligation> out;
    if (!me.HasAnyRole({"office", "admin"})) return out;
    for (const auto& c : store::ListCalls(tx, false, "open")) {
        if (c.closes_on < from || c.closes_on > to) continue;
        Obligation o;
        o.due_on = c.closes_on;
        o.kind = "opencall.closing";
        o.title_ja = "学内公募の締切";
        o.title_en = "Open call closes";
        o.about_ja = c.title_ja;
        o.about_en = c.title_en.empty() ? c.title_ja : c.title_en;
        for (const auto& p : store::ListProposals(tx, c.id))
            if (p.status == ProposalStatus::kDraft) o.people.push_back(p.applicant.id);
        o.link = "/opencall/" + c.id;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace renkei::opencall
