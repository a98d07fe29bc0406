// The ethics module's dated obligations for the office's view of deadlines: the legal deadlines
// of the protocols, as on the module's own deadlines page (docs/deadlines.md).
#include "modules/ethics/service.hpp"

namespace renkei::ethics {

std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                           Seconds now) {
    auto rows = DeadlinesBetween(tx, me, from, to, false, now);
    std::vector<Obligation> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        const auto& d = row.deadline;
        if (d.filed_on) continue;
        Obligation o;
        o.due_on = d.due_on;
        o.kind = "ethics." + d.kind;
        o.title_ja = d.label_ja.empty() ? d.kind : d.label_ja;
        o.title_en = d.label_en.empty() ? d.kind : d.label_en;
        o.about_ja = row.protocol_title_ja;
        o.about_en = row.protocol_title_en.empty() ? row.protocol_title_ja : row.protocol_title_en;
        if (!row.project_id.empty()) o.project_id = row.project_id;
        if (!row.pi.id.empty()) o.people = {row.pi.id};
        o.link = "/ethics/protocols/" + d.protocol_id;
        o.legal = true;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace renkei::ethics
