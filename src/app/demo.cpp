// The demo centre: JSR・慶應義塾大学 医学化学イノベーションセンター (JKiC) as the paper
// describes it (§5): the university and its medical school, the hospital, the partner company
// with its divisions, a second company, the six-member steering committee (§5-3), the office,
// clinicians, academic and company researchers. People are fictitious.
#include <map>

#include "app/app.hpp"
#include "modules/centre/service.hpp"
#include "modules/people/service.hpp"
#include "platform/auth/password.hpp"
#include "platform/log/log.hpp"

namespace renkei::app {
namespace {

constexpr const char* kDemoPassword = "renkei-demo-2026";
constexpr const char* kAdminPassword = "renkei-admin-2026";

struct DemoOrganisation {
    const char* key;
    const char* parent;
    const char* kind;
    const char* name_ja;
    const char* name_en;
    const char* name_kana = "";
};

const DemoOrganisation kOrganisations[] = {
    {"keio", nullptr, "university", "慶應義塾大学", "Keio University"},
    {"med", "keio", "faculty", "医学部", "School of Medicine"},
    {"cardio", "med", "department", "循環器内科学教室", "Department of Cardiology"},
    {"gastro", "med", "department", "消化器内科学教室", "Department of Gastroenterology"},
    {"derma", "med", "department", "皮膚科学教室", "Department of Dermatology"},
    {"ortho", "med", "department", "整形外科学教室", "Department of Orthopaedic Surgery"},
    {"ophthal", "med", "department", "眼科学教室", "Department of Ophthalmology"},
    {"micro", "med", "department", "微生物学・免疫学教室", "Department of Microbiology and Immunology"},
    {"physio", "med", "department", "生理学教室", "Department of Physiology"},
    {"campus", "keio", "division", "信濃町キャンパス事務室", "Shinanomachi Campus Office"},
    {"hospital", nullptr, "hospital", "慶應義塾大学病院", "Keio University Hospital"},
    {"nursing", "hospital", "division", "看護部", "Nursing Department"},
    {"jsr", nullptr, "company", "JSR株式会社", "JSR Corporation", "ジェイエスアール"},
    {"jsr_rd", "jsr", "division", "研究開発部", "Research & Development Department"},
    {"jsr_ls", "jsr", "division", "ライフサイエンス事業部", "Life Sciences Business Division"},
    {"meditech", nullptr, "company", "信濃町メディテック株式会社", "Shinanomachi Meditech Co., Ltd.",
     "シナノマチメディテック"},
    {"meditech_dev", "meditech", "division", "製品開発部", "Product Development Department"},
    {"jkic", nullptr, "other", "JSR・慶應義塾大学 医学化学イノベーションセンター",
     "JSR-Keio University Medical and Chemical Innovation Center (JKiC)"},
    {"office", "jkic", "division", "産学医連携支援室", "Industry-Academia-Medicine Collaboration Office"},
};

struct DemoPerson {
    const char* email;
    const char* name_ja;
    const char* name_kana;
    const char* name_en;
    const char* organisation;
    std::vector<std::string> roles;
    const char* who;  // for the README and the start-up banner
};

const std::vector<DemoPerson>& People() {
    static const std::vector<DemoPerson> people = {
        {"admin@renkei.example",
         "システム管理者",
         "システムカンリシャ",
         "System Administrator",
         "office",
         {"admin"},
         "admin"},
        // The steering committee of §5-3: three from the university, three from the company.
        {"sato.seiichi@renkei.example",
         "佐藤 誠一",
         "サトウ セイイチ",
         "Seiichi Sato",
         "med",
         {"committee", "clinician"},
         "committee: dean of the School of Medicine"},
        {"suzuki.masaki@renkei.example",
         "鈴木 正樹",
         "スズキ マサキ",
         "Masaki Suzuki",
         "hospital",
         {"committee", "clinician"},
         "committee: director of the hospital"},
        {"takahashi.hiroshi@renkei.example",
         "高橋 浩",
         "タカハシ ヒロシ",
         "Hiroshi Takahashi",
         "campus",
         {"committee"},
         "committee: head of the Shinanomachi campus office"},
        {"ito.takashi@renkei.example",
         "伊藤 隆",
         "イトウ タカシ",
         "Takashi Ito",
         "jsr",
         {"committee"},
         "committee: JSR executive for R&D"},
        {"watanabe.mika@renkei.example",
         "渡辺 美香",
         "ワタナベ ミカ",
         "Mika Watanabe",
         "jsr_ls",
         {"committee"},
         "committee: JSR executive for life sciences"},
        {"yamamoto.daisuke@renkei.example",
         "山本 大輔",
         "ヤマモト ダイスケ",
         "Daisuke Yamamoto",
         "jsr_rd",
         {"committee", "company_researcher"},
         "committee: JSR head of R&D"},
        // The office (産学医連携支援室).
        {"nakamura.yumi@renkei.example",
         "中村 由美",
         "ナカムラ ユミ",
         "Yumi Nakamura",
         "office",
         {"office"},
         "office staff"},
        {"kobayashi.naoko@renkei.example",
         "小林 直子",
         "コバヤシ ナオコ",
         "Naoko Kobayashi",
         "office",
         {"office"},
         "office staff"},
        // Clinicians and academic researchers.
        {"tanaka.kenji@renkei.example",
         "田中 健二",
         "タナカ ケンジ",
         "Kenji Tanaka",
         "cardio",
         {"clinician"},
         "clinician (cardiology)"},
        {"kato.sakura@renkei.example",
         "加藤 さくら",
         "カトウ サクラ",
         "Sakura Kato",
         "derma",
         {"clinician"},
         "clinician (dermatology)"},
        {"yoshida.sho@renkei.example",
         "吉田 翔",
         "ヨシダ ショウ",
         "Sho Yoshida",
         "ortho",
         {"clinician"},
         "clinician (orthopaedics)"},
        {"yamada.hanako@renkei.example",
         "山田 花子",
         "ヤマダ ハナコ",
         "Hanako Yamada",
         "gastro",
         {"clinician"},
         "clinician (gastroenterology)"},
        {"matsumoto.ryo@renkei.example",
         "松本 亮",
         "マツモト リョウ",
         "Ryo Matsumoto",
         "ophthal",
         {"clinician"},
         "clinician (ophthalmology)"},
        {"inoue.megumi@renkei.example",
         "井上 恵",
         "イノウエ メグミ",
         "Megumi Inoue",
         "nursing",
         {"clinician"},
         "nurse"},
        {"kimura.takuya@renkei.example",
         "木村 拓也",
         "キムラ タクヤ",
         "Takuya Kimura",
         "micro",
         {"researcher"},
         "academic researcher (microbiome)"},
        {"hayashi.mariko@renkei.example",
         "林 真理子",
         "ハヤシ マリコ",
         "Mariko Hayashi",
         "physio",
         {"researcher"},
         "academic researcher (stem cells)"},
        // Company researchers.
        {"shimizu.hikaru@renkei.example",
         "清水 光",
         "シミズ ヒカル",
         "Hikaru Shimizu",
         "jsr_rd",
         {"company_researcher"},
         "company researcher (JSR, materials)"},
        {"yamaguchi.naoto@renkei.example",
         "山口 直人",
         "ヤマグチ ナオト",
         "Naoto Yamaguchi",
         "jsr_ls",
         {"company_researcher"},
         "company researcher (JSR, life sciences)"},
        {"mori.aya@renkei.example",
         "森 彩",
         "モリ アヤ",
         "Aya Mori",
         "meditech_dev",
         {"company_researcher"},
         "company researcher (second company)"},
    };
    return people;
}

}  // namespace

const std::vector<DemoLogin>& DemoLogins() {
    static const std::vector<DemoLogin> logins = [] {
        std::vector<DemoLogin> out;
        for (const auto& p : People())
            out.push_back(
                {p.email, std::string(p.email) == "admin@renkei.example" ? kAdminPassword : kDemoPassword, p.who});
        return out;
    }();
    return logins;
}

// Each loader goes through the services only, with the demo's clock: `now` is read once here,
// and a loader that tells a history passes the moments of that history as the services' `now`.
void LoadBuildingDemo(db::Tx& tx, Seconds now);
void LoadProjectsDemo(db::Tx& tx, Seconds now);   // src/app/demo_projects.cpp
void LoadExchangeDemo(db::Tx& tx, Seconds now);   // src/app/demo_exchange.cpp
void LoadCoiDemo(db::Tx& tx, Seconds now);        // src/app/demo_coi.cpp
void LoadEthicsDemo(db::Tx& tx, Seconds now);     // src/app/demo_ethics.cpp
void LoadIpDemo(db::Tx& tx, Seconds now);         // src/app/demo_ip.cpp
void LoadContractsDemo(db::Tx& tx, Seconds now);  // src/app/demo_contracts.cpp
void LoadOpenCallDemo(db::Tx& tx, Seconds now);   // src/app/demo_opencall.cpp
void LoadApprovalsDemo(db::Tx& tx, Seconds now);  // src/app/demo_approvals.cpp
void LoadCommitteeDemo(db::Tx& tx, Seconds now);  // src/app/demo_committee.cpp
void LoadBudgetDemo(db::Tx& tx, Seconds now);     // src/app/demo_budget.cpp
void LoadSurveysDemo(db::Tx& tx, Seconds now);    // src/app/demo_surveys.cpp

bool LoadDemo(db::Database& db) {
    db::Tx tx(db, db::TxMode::kWrite);
    int loaded = 0;
    tx.sql() << "SELECT COUNT(*) FROM app_settings WHERE name = 'demo_loaded'", soci::into(loaded);
    if (loaded) return false;
    const Seconds now = Now();
    // The people and organisations were registered when the centre opened, before any of the
    // histories the loaders tell.
    const Seconds opened = now - std::chrono::days{6 * 365};

    std::map<std::string, std::string> org_ids;
    for (const auto& o : kOrganisations) {
        people::NewOrganisation in;
        if (o.parent) in.parent_id = org_ids.at(o.parent);
        in.kind = o.kind;
        in.name_ja = o.name_ja;
        in.name_en = o.name_en;
        in.name_kana = o.name_kana;
        org_ids[o.key] = people::CreateOrganisation(tx, std::nullopt, in, opened).id;
    }
    // Every demo person but the admin shares the demo password: hashed once (same argon2id cost),
    // not once per person.
    const std::string demo_hash = auth::HashPassword(kDemoPassword);
    for (const auto& p : People()) {
        people::NewPerson in;
        in.email = p.email;
        in.name_ja = p.name_ja;
        in.name_kana = p.name_kana;
        in.name_en = p.name_en;
        in.organisation_id = org_ids.at(p.organisation);
        in.roles = p.roles;
        if (std::string(p.email) == "admin@renkei.example")
            in.password = kAdminPassword;
        else
            in.password_hash = demo_hash;
        people::CreatePerson(tx, std::nullopt, in, opened);
    }
    // The four strategic research areas of §5-4.
    const centre::StrategicArea areas[] = {
        {"", "precision_medicine", "プレシジョン・メディシン", "Precision Medicine",
         "個人の遺伝情報・バイオマーカーに基づく診断と治療の最適化",
         "Diagnosis and therapy tailored by genetics and biomarkers", 1},
        {"", "stem_cell", "幹細胞生物学・細胞医療", "Stem Cell Biology & Cell Based Medicine",
         "iPS細胞などを用いた再生医療と細胞治療、その培養材料",
         "Regenerative medicine and cell therapy, and the materials to culture cells", 2},
        {"", "microbiome", "マイクロバイオーム", "Microbiome", "腸内細菌叢の解析と、それに基づく診断・治療・食品",
         "Gut microbiota analysis and the diagnostics, therapies and foods built on it", 3},
        {"", "medical_device", "デザインド・メディカルデバイス", "Designed Medical Device",
         "臨床現場のニーズから設計する医療機器と医療材料", "Medical devices and materials designed from clinical needs",
         4},
    };
    for (const auto& a : areas) centre::EnsureArea(tx, a);
    LoadBuildingDemo(tx, now);  // src/app/demo_building.cpp
    LoadProjectsDemo(tx, now);
    LoadExchangeDemo(tx, now);
    LoadCoiDemo(tx, now);
    LoadContractsDemo(tx, now);
    LoadEthicsDemo(tx, now);
    LoadIpDemo(tx, now);
    LoadOpenCallDemo(tx, now);
    LoadApprovalsDemo(tx, now);
    LoadBudgetDemo(tx, now);  // before the committee: its meeting gathers the budget change
    LoadCommitteeDemo(tx, now);
    LoadSurveysDemo(tx, now);
    tx.sql() << "INSERT INTO app_settings (name, value) VALUES ('demo_loaded', '1')";
    tx.Commit();
    return true;
}

}  // namespace renkei::app
