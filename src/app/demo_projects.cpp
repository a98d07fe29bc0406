// Demo projects across the four strategic areas (§5-4) and every stage, with their history:
// stage timelines, milestones, progress reports with acknowledgements, documents' absence aside,
// and one launched product with sales before the committee's goal date of §6. Dates are relative
// to the day the demo is loaded: the product was launched a year and a half ago, the goal date is
// the end of the next fiscal year, milestones fall due in the coming weeks.
// Everything goes through the projects service (so gates, inbox and audit behave as in real
// use); afterwards the timestamps are moved into the past so the timelines read like history.
#include <map>
#include <string>
#include <vector>

#include "app/demo_support.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/time.hpp"

namespace renkei::app {
namespace {

struct DemoProject {
    const char* kind;
    const char* area;
    const char* title_ja;
    const char* title_en;
    const char* aims;
    const char* summary;
    const char* pi;
    const char* lead;
    std::vector<std::string> others;
    const char* target_stage;  // "" = stays proposed
    int started_months_ago;
};

const std::vector<DemoProject>& Projects() {
    static const std::vector<DemoProject> all = {
        {"strategic",
         "medical_device",
         "貼付型ウェアラブル心電図パッチによる心房細動の早期発見",
         "Early detection of atrial fibrillation with a wearable ECG patch",
         "外来患者が自宅で2週間装着できる心電図パッチを開発し、発作性心房細動の検出率を向上させる。",
         "貼るだけの心電計で、見逃されがちな不整脈を見つける共同研究です。",
         "tanaka.kenji@renkei.example",
         "shimizu.hikaru@renkei.example",
         {"inoue.megumi@renkei.example"},
         "sales",
         92},
        {"strategic",
         "precision_medicine",
         "炎症性腸疾患の再燃を予測する血中バイオマーカー診断キット",
         "A blood biomarker kit predicting relapse of inflammatory bowel disease",
         "潰瘍性大腸炎・クローン病患者の再燃を3か月前に予測するバイオマーカーを同定し、診断キットを開発する。",
         "血液検査で炎症性腸疾患の再燃を予測する診断キットの開発です。",
         "yamada.hanako@renkei.example",
         "yamaguchi.naoto@renkei.example",
         {"kimura.takuya@renkei.example"},
         "clinical_study",
         40},
        {"strategic",
         "stem_cell",
         "iPS細胞由来心筋シートのための合成高分子足場材料",
         "Synthetic polymer scaffolds for iPS-derived cardiomyocyte sheets",
         "動物由来成分を含まない培養足場材料を設計し、心筋シートの成熟度と再現性を高める。",
         "再生医療に使う細胞シートを、安全な合成材料で培養する研究です。",
         "hayashi.mariko@renkei.example",
         "shimizu.hikaru@renkei.example",
         {"tanaka.kenji@renkei.example"},
         "pre_clinical",
         30},
        {"strategic",
         "microbiome",
         "腸内細菌叢プロファイルに基づく免疫チェックポイント阻害薬の効果予測",
         "Predicting response to checkpoint inhibitors from the gut microbiome",
         "便検体の菌叢解析から免疫療法の奏効を予測するアルゴリズムを構築する。",
         "腸内細菌のパターンから、がん免疫療法が効く人を予測します。",
         "kimura.takuya@renkei.example",
         "yamaguchi.naoto@renkei.example",
         {"yamada.hanako@renkei.example"},
         "joint_research",
         20},
        {"strategic",
         "medical_device",
         "人工膝関節の摩耗を抑える新規表面コーティング",
         "A new surface coating reducing wear of knee replacements",
         "ポリエチレン摺動面の摩耗粉を半減させるコーティングを開発し、再置換手術を減らす。",
         "人工関節を長持ちさせるコーティング技術の研究です。",
         "yoshida.sho@renkei.example",
         "mori.aya@renkei.example",
         {},
         "feasibility",
         10},
        {"open_call",
         nullptr,
         "眼底OCT画像のAI解析による緑内障進行の予測",
         "Predicting glaucoma progression from OCT images with AI",
         "過去10年分のOCT画像から視野障害の進行を予測するモデルを開発する。",
         "目の断層画像から緑内障の進み方をAIで予測する学内公募研究です。",
         "matsumoto.ryo@renkei.example",
         "mori.aya@renkei.example",
         {},
         "exploration",
         4},
        {"strategic",
         "precision_medicine",
         "アトピー性皮膚炎の重症度を層別化する皮膚テープストリップ検査",
         "Tape-strip testing to stratify atopic dermatitis severity",
         "皮膚表面の角層から採取したタンパク質で重症度と治療反応性を層別化する。",
         "痛みのないテープ検査でアトピー性皮膚炎の治療を選ぶ研究です。",
         "kato.sakura@renkei.example",
         "yamaguchi.naoto@renkei.example",
         {},
         "",
         0},
        {"joint",
         nullptr,
         "看護記録の音声入力による記録時間の短縮",
         "Cutting nursing documentation time with speech input",
         "病棟看護師の記録業務を音声入力で半減させ、患者に向き合う時間を増やす。",
         "看護記録を声で入力して、記録にかかる時間を減らす共同研究です。",
         "inoue.megumi@renkei.example",
         "mori.aya@renkei.example",
         {"suzuki.masaki@renkei.example"},
         "feasibility",
         7},
    };
    return all;
}

// The date (Asia/Tokyo) `days` days from now; negative for the past.
std::string DateIn(int days) {
    auto day = std::chrono::floor<std::chrono::days>(Now() + std::chrono::hours{9}) + std::chrono::days{days};
    std::chrono::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return buf;
}

// The launched product of §6: on the market for about eighteen months.
constexpr int kLaunchedDaysAgo = 540;

// Makes every requirement of the gate into `stage` true, the way people would.
void SatisfyGate(db::Tx& tx, const std::string& id, const std::string& stage, const auth::Principal& pi,
                 const auth::Principal& lead, const auth::Principal& office, int fiscal_year, Seconds now) {
    for (const auto& gate : projects::ListGates(tx)) {
        if (Text(gate.stage) != stage) continue;
        for (const auto& code : gate.requirements) {
            const auto* r = projects::FindRequirement(code);
            if (code == "milestone_plan") {
                projects::AddMilestone(tx, lead, id, "共同研究計画書の確定", lead.person_id, DateIn(45), now);
            } else if (code == "budget_current_fy") {
                projects::ProjectPatch patch;
                patch.budgets = std::vector<projects::Budget>{{fiscal_year - 1, 8'000'000}, {fiscal_year, 12'000'000}};
                projects::Update(tx, office, id, patch, now);
            } else if (code == "acknowledged_report") {
                auto rep = projects::SubmitReport(
                    tx, lead, id, {"計画どおり進捗。中間評価の資料を作成した。", "次段階の準備", "", ""}, now);
                projects::Acknowledge(tx, pi, id, rep.id, now);
            } else if (code == "product_record" || code == "product_launched") {
                projects::SaveProduct(
                    tx, lead, id,
                    {"product", "心電図パッチ「ハートシール」", "HeartSeal ECG patch",
                     "2週間連続装着できる使い捨て心電図パッチ（管理医療機器）", DateIn(-kLaunchedDaysAgo)},
                    now);
            } else if (code == "sales_record") {
                // Monthly sales from the month after the launch up to last month.
                for (int days_ago = kLaunchedDaysAgo - 30; days_ago >= 30; days_ago -= 30)
                    projects::RecordSale(tx, lead, id, {DateIn(-days_ago).substr(0, 7), 3'200'000}, now);
            } else if (r && std::string(r->module) != "projects") {
                projects::Confirm(tx, office, id, code, "事務局確認済（デモデータ）", now);
            }
        }
    }
}

}  // namespace

void LoadProjectsDemo(db::Tx& tx) {
    const Seconds now = Now();  // the demo reads the clock once and passes it on
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    auto office2 = DemoPerson(tx, "kobayashi.naoko@renkei.example");
    auto committee = DemoPerson(tx, "ito.takashi@renkei.example");
    std::string today = DateIn(0);
    int fiscal_year = FiscalYearOf(today);
    // The committee's goal (§6: a product with sales) is dated the end of the next fiscal year.
    projects::SetGoal(tx, office, std::to_string(fiscal_year + 2) + "-03-31", now);
    long long now_unix = ToUnix(now);
    for (const auto& d : Projects()) {
        auto pi = DemoPerson(tx, d.pi), lead = DemoPerson(tx, d.lead);
        projects::NewProject in;
        in.kind = d.kind;
        if (d.area) in.area_code = d.area;
        in.title_ja = d.title_ja;
        in.title_en = d.title_en;
        in.aims = d.aims;
        in.public_summary = d.summary;
        in.pi_id = pi.person_id;
        in.company_lead_id = lead.person_id;
        for (const auto& o : d.others) in.members.push_back({DemoPerson(tx, o).person_id, "co_investigator"});
        auto p = projects::Propose(tx, lead, in, now);
        if (std::string(d.target_stage).empty()) continue;
        projects::Decide(tx, committee, p.id, true, "運営委員会で承認", now);
        int target = projects::StageIndex(d.target_stage);
        for (int s = 1; s <= target; ++s) {
            std::string stage(projects::kStages[s]);
            SatisfyGate(tx, p.id, stage, pi, lead, office, fiscal_year, now);
            auto req = projects::RequestStage(tx, office, p.id, stage, "", now);
            if (req.state == "pending") {
                auto approver = req.approver == "pi"             ? pi
                                : req.approver == "company_lead" ? lead
                                : req.approver == "office"       ? office2
                                                                 : committee;
                projects::DecideStage(tx, approver, p.id, req.id, "approve", "", now);
            }
        }
        // A few reports in the project's rhythm, the newest one waiting for the PI.
        auto r1 = projects::SubmitReport(
            tx, lead, p.id,
            {"評価系を立ち上げ、予備データを取得した。", "症例数を増やして再現性を確認する。", "試薬の納期遅れ", ""},
            now);
        projects::Acknowledge(tx, pi, p.id, r1.id, now);
        projects::SubmitReport(
            tx, lead, p.id,
            {"再現性を確認し、学会抄録を準備した。", "知財部と発明届出の相談。", "", "統計解析の専門家に相談したい"},
            now);
        projects::AddMilestone(tx, lead, p.id, "中間報告書の提出", pi.person_id, DateIn(21), now);

        // Spread the history over the months since the project started.
        long long start = now_unix - static_cast<long long>(d.started_months_ago) * 30 * 86400;
        long long span = now_unix - start - 30 * 86400;
        // The launched product of §6: its sales stage began four months after the launch.
        if (std::string(d.target_stage) == "sales") span = now_unix - (kLaunchedDaysAgo - 120) * 86400LL - start;
        tx.sql() << "UPDATE projects SET created_at = :a, active_since = :b, decided_at = :c WHERE id = :id",
            soci::use(start - 20 * 86400), soci::use(start), soci::use(start), soci::use(p.id);
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT id FROM project_stage_history WHERE project_id = :id ORDER BY at, id",
             soci::use(p.id));
        std::vector<std::string> ids;
        for (const auto& r : rows) ids.push_back(r.get<std::string>(0));
        // Keep the road's order: the history is already sorted by stage within the same second.
        std::vector<std::pair<std::string, int>> ordered;
        {
            soci::rowset<soci::row> st =
                (tx.sql().prepare << "SELECT id, to_stage FROM project_stage_history WHERE project_id = :id",
                 soci::use(p.id));
            for (const auto& r : st)
                ordered.push_back({r.get<std::string>(0), projects::StageIndex(r.get<std::string>(1))});
        }
        std::sort(ordered.begin(), ordered.end(), [](auto& a, auto& b) { return a.second < b.second; });
        long long last = start;
        for (size_t i = 0; i < ordered.size(); ++i) {
            long long at = ordered.size() == 1
                               ? start
                               : start + span * static_cast<long long>(i) /
                                             static_cast<long long>(ordered.size() - 1 ? ordered.size() - 1 : 1);
            if (i == 0) at = start;
            last = at;
            tx.sql() << "UPDATE project_stage_history SET at = :at WHERE id = :id", soci::use(at),
                soci::use(ordered[i].first);
        }
        tx.sql() << "UPDATE projects SET stage_since = :at WHERE id = :id", soci::use(last), soci::use(p.id);
        // Reports: the last two a month apart, ending about three weeks ago.
        long long r_at = now_unix - 55 * 86400;
        soci::rowset<soci::row> reps =
            (tx.sql().prepare << "SELECT id FROM project_reports WHERE project_id = :id ORDER BY submitted_at, id",
             soci::use(p.id));
        std::vector<std::string> rep_ids;
        for (const auto& r : reps) rep_ids.push_back(r.get<std::string>(0));
        for (const auto& rid : rep_ids) {
            auto day = std::chrono::floor<std::chrono::days>(FromUnix(r_at) + std::chrono::hours{9});
            std::chrono::year_month_day ymd{day};
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                          unsigned(ymd.day()));
            std::string on = buf;
            tx.sql() << "UPDATE project_reports SET submitted_at = :at, report_on = :on WHERE id = :id",
                soci::use(r_at), soci::use(on), soci::use(rid);
            r_at += 32 * 86400 / std::max<size_t>(1, rep_ids.size() - 1);
        }
        (void)ids;
    }
}

}  // namespace renkei::app
