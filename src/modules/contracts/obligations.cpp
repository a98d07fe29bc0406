// The contracts module's dated obligations for the office's view of deadlines: the end of a
// contract's term (docs/deadlines.md).
#include "modules/contracts/internal.hpp"
#include "modules/contracts/service.hpp"
#include "modules/contracts/store.hpp"

namespace renkei::contracts {

std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to) {
    std::vector<Obligation> out;
    if (!IsOffice(me)) return out;
    for (const auto& c : store::ListContracts(tx, {})) {
        if (!IsInForce(c.status) || !c.terms.ends_on) continue;
        const std::string& ends = *c.terms.ends_on;
        if (ends < from || ends > to) continue;
        Obligation o;
        o.due_on = ends;
        o.kind = "contracts.expiry";
        o.title_ja = "契約期間の満了（更新の確認）";
        o.title_en = "Contract ends (renew?)";
        o.about_ja = std::string(TypeLabelJa(c.type)) + "：" + c.title;
        o.about_en = std::string(TypeLabelEn(c.type)) + ": " + c.title;
        o.project_id = c.project_id;
        if (c.created_by) o.people = {*c.created_by};
        o.link = "/contracts/" + c.id;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace renkei::contracts
