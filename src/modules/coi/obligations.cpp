// The coi module's dated obligations for the office's view of deadlines: the yearly declarations
// still missing (docs/deadlines.md).
#include <chrono>

#include "modules/coi/service.hpp"
#include "modules/coi/store.hpp"

namespace renkei::coi {

std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                           Seconds now) {
    std::vector<Obligation> out;
    if (!me.HasRole("office") && !me.HasRole("coi_committee")) return out;
    int current = CurrentFiscalYear(now);
    for (int fy = current - 1; fy <= current + 1; ++fy) {
        auto opened = store::RoundOpened(tx, fy);
        if (!opened) continue;
        std::string due = TokyoDate(*opened + std::chrono::days{kDeclarationDays});
        if (due < from || due > to) continue;
        auto status = DeclarationStatus(tx, me, fy);
        Obligation o;
        for (const auto& row : status.people)
            if (row.must_declare && !row.declaration) o.people.push_back(row.person.id);
        if (o.people.empty()) continue;  // everyone has declared
        std::string year = std::to_string(fy);
        o.due_on = due;
        o.kind = "coi.declaration";
        o.title_ja = year + "年度の利益相反自己申告（未申告 " + std::to_string(o.people.size()) + "名）";
        o.title_en = "COI declarations for FY" + year + " (" + std::to_string(o.people.size()) + " missing)";
        o.about_ja = "利益相反マネジメント";
        o.about_en = "Conflict of interest";
        o.link = "/coi/management";
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace renkei::coi
