// Demo conflict-of-interest data (SPEC §5): the COI committee (two steering-committee members
// also sit on it), last fiscal year's declarations for several clinicians and researchers (so
// this year's form is pre-filled), this year's declarations of a few, a case decided with
// measures and one still open, and the office's request to everyone else to declare. The
// thresholds are the defaults of migration 0011. Everything goes through the coi service, as
// people would do it; the demo process registers no hooks, so the projects are checked here.
#include <string>
#include <vector>

#include "app/demo_support.hpp"
#include "modules/coi/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::app {
namespace {

std::string OrgId(db::Tx& tx, const std::string& name_en) {
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.name_en == name_en) return o.id;
    return "";
}

void AddRole(db::Tx& tx, const std::string& email, const std::string& role, Seconds now) {
    auto p = people::FindPersonByEmail(tx, email);
    if (!p) return;
    people::PersonPatch patch;
    auto roles = p->roles;
    roles.push_back(role);
    patch.roles = roles;
    people::UpdatePerson(tx, std::nullopt, p->id, patch, now);
}

struct Row {
    const char* org;  // English name of a registered organisation, or nullptr
    const char* company_name;
    const char* category;
    long long yen;
    const char* note;
};

void Declare(db::Tx& tx, const std::string& email, int fy, const std::vector<Row>& rows, Seconds now) {
    auto me = DemoPerson(tx, email);
    coi::DeclarationInput in;
    in.fiscal_year = fy;
    in.nothing_to_declare = rows.empty();
    for (const auto& r : rows) {
        coi::Relationship x;
        if (r.org) x.organisation_id = OrgId(tx, r.org);
        x.company_name = r.company_name ? r.company_name : "";
        x.category = r.category;
        x.amount_yen = r.yen;
        x.note = r.note;
        in.relationships.push_back(x);
    }
    coi::File(tx, me, in, now);
}

}  // namespace

void LoadCoiDemo(db::Tx& tx, Seconds now) {
    AddRole(tx, "takahashi.hiroshi@renkei.example", "coi_committee", now);
    AddRole(tx, "sato.seiichi@renkei.example", "coi_committee", now);
    const char* jsr = "JSR Corporation";
    const char* jsr_ls = "Life Sciences Business Division";
    const char* meditech = "Shinanomachi Meditech Co., Ltd.";
    int fy = coi::CurrentFiscalYear(now);

    // Last fiscal year: what this year's forms are pre-filled with.
    Declare(tx, "tanaka.kenji@renkei.example", fy - 1,
            {{jsr_ls, nullptr, "consulting", 600'000, "心電図解析の技術顧問（年4回）"},
             {jsr, nullptr, "lecture", 200'000, "社内講演会"}},
            now);
    Declare(tx, "yamada.hanako@renkei.example", fy - 1,
            {{jsr, nullptr, "lecture", 300'000, "学術講演会 2回"},
             {meditech, nullptr, "research_funding", 500'000, "奨学寄附金"}},
            now);
    Declare(tx, "kimura.takuya@renkei.example", fy - 1, {{jsr, nullptr, "research_funding", 800'000, "受託研究"}}, now);
    Declare(tx, "kato.sakura@renkei.example", fy - 1, {{nullptr, "東都製薬株式会社", "gift", 30'000, "学会での記念品"}},
            now);
    Declare(tx, "yoshida.sho@renkei.example", fy - 1, {{meditech, nullptr, "consulting", 400'000, "製品評価の助言"}},
            now);
    Declare(tx, "hayashi.mariko@renkei.example", fy - 1, {}, now);
    Declare(tx, "matsumoto.ryo@renkei.example", fy - 1, {}, now);

    // This fiscal year: Dr Tanaka's consulting for JSR's life-sciences division now reaches the
    // threshold, which opens a case on each of his projects with JSR (JSR's R&D division is the
    // company lead's employer: the same group).
    Declare(tx, "tanaka.kenji@renkei.example", fy,
            {{jsr_ls, nullptr, "consulting", 1'200'000, "心電図解析の技術顧問（月1回）"},
             {jsr, nullptr, "lecture", 150'000, "社内講演会"}},
            now);
    Declare(tx, "yamada.hanako@renkei.example", fy, {{jsr, nullptr, "lecture", 300'000, "学術講演会 2回"}}, now);
    Declare(tx, "kimura.takuya@renkei.example", fy, {}, now);
    Declare(tx, "hayashi.mariko@renkei.example", fy, {}, now);
    coi::ScanAll(tx, std::nullopt, now);

    // The committee decides the case on the ECG patch project with measures; the other waits.
    auto committee = DemoPerson(tx, "takahashi.hiroshi@renkei.example");
    for (const auto& item : coi::ListCases(tx, committee, "open")) {
        if (item.kase.project_title_en.find("atrial fibrillation") == std::string::npos) continue;
        coi::Decide(tx, committee, item.kase.id, "manageable",
                    "・臨床評価のデータ解析は利益相反のない共同研究者（井上 恵）が行う\n"
                    "・学会発表・論文ではJSR株式会社からの顧問料を開示する\n"
                    "・次年度の申告時に顧問契約の継続を再確認する",
                    now);
    }
    // The office asks everyone else to declare for this year.
    coi::AskToDeclare(tx, DemoPerson(tx, "nakamura.yumi@renkei.example"), fy, now);
}

}  // namespace renkei::app
