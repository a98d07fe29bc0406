// Demo projects across the four strategic areas (§5-4) and every stage, with their history:
// stage timelines, milestones, progress reports with acknowledgements, documents' absence aside,
// and one launched product with sales before the committee's goal date of §6. Dates are relative
// to the day the demo is loaded: the product was launched a year and a half ago, the goal date is
// the end of the next fiscal year, milestones fall due in the coming weeks.
// Everything goes through the projects service (so gates, inbox and audit behave as in real
// use), each step at its moment in the history: the service is given that moment as `now`.
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

// The date (Asia/Tokyo) `days` days after `now`; negative for the past.
std::string DateIn(Seconds now, int days) { return TokyoDate(now + std::chrono::days{days}); }

// The launched product of §6: on the market for about eighteen months.
constexpr int kLaunchedDaysAgo = 540;

// Monthly sales from the month after the launch up to last month, each recorded a month later;
// only those recorded after `from` and by `until`.
void RecordSales(db::Tx& tx, const auth::Principal& lead, const std::string& id, Seconds now, Seconds from,
                 Seconds until) {
    for (int days_ago = kLaunchedDaysAgo - 30; days_ago >= 30; days_ago -= 30) {
        Seconds at = now - std::chrono::days{days_ago - 30};
        if (at <= from || at > until) continue;
        projects::RecordSale(tx, lead, id, {DateIn(now, -days_ago).substr(0, 7), 3'200'000}, at);
    }
}

// Makes every requirement of the gate into `stage` true, the way people would, at `at`; dates
// people choose are counted from the demo's `now`.
void SatisfyGate(db::Tx& tx, const std::string& id, const std::string& stage, const auth::Principal& pi,
                 const auth::Principal& lead, const auth::Principal& office, int first_fy, int fiscal_year, Seconds now,
                 Seconds at) {
    for (const auto& gate : projects::ListGates(tx)) {
        if (Text(gate.stage) != stage) continue;
        for (const auto& code : gate.requirements) {
            const auto* r = projects::FindRequirement(code);
            if (code == "milestone_plan") {
                projects::AddMilestone(tx, lead, id, "共同研究計画書の確定", lead.person_id, DateIn(now, 45), at);
            } else if (code == "budget_current_fy") {
                projects::ProjectPatch patch;
                // Every fiscal year since the project started, last year's a little smaller.
                std::vector<projects::Budget> budgets;
                for (int y = std::min(first_fy, fiscal_year - 1); y <= fiscal_year; ++y)
                    budgets.push_back({y, y == fiscal_year - 1 ? 8'000'000 : 12'000'000});
                patch.budgets = budgets;
                projects::Update(tx, office, id, patch, at);
            } else if (code == "acknowledged_report") {
                auto rep = projects::SubmitReport(
                    tx, lead, id, {"計画どおり進捗。中間評価の資料を作成した。", "次段階の準備", "", ""}, at);
                projects::Acknowledge(tx, pi, id, rep.id, at);
            } else if (code == "product_record" || code == "product_launched") {
                projects::SaveProduct(
                    tx, lead, id,
                    {"product", "心電図パッチ「ハートシール」", "HeartSeal ECG patch",
                     "2週間連続装着できる使い捨て心電図パッチ（管理医療機器）", DateIn(now, -kLaunchedDaysAgo)},
                    at);
            } else if (code == "sales_record") {
                RecordSales(tx, lead, id, now, now - std::chrono::days{kLaunchedDaysAgo}, at);
            } else if (r && std::string(r->module) != "projects") {
                projects::Confirm(tx, office, id, code, "事務局確認済（デモデータ）", at);
            }
        }
    }
}

}  // namespace

void LoadProjectsDemo(db::Tx& tx, Seconds now) {
    using std::chrono::days;
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    auto office2 = DemoPerson(tx, "kobayashi.naoko@renkei.example");
    auto committee = DemoPerson(tx, "ito.takashi@renkei.example");
    int fiscal_year = FiscalYearOf(DateIn(now, 0));
    // The committee's goal (§6: a product with sales) is dated the end of the next fiscal year.
    projects::SetGoal(tx, office, std::to_string(fiscal_year + 2) + "-03-31", now);
    for (const auto& d : Projects()) {
        auto pi = DemoPerson(tx, d.pi), lead = DemoPerson(tx, d.lead);
        // The project started (the committee's approval) `started_months_ago`; it was proposed
        // twenty days before. Its stages are spread evenly from the start to a month ago (the
        // launched product of §6 reached its sales stage four months after the launch).
        const Seconds start = now - days{30L * d.started_months_ago};
        const Seconds last_stage = std::max(
            start, std::string(d.target_stage) == "sales" ? now - days{kLaunchedDaysAgo - 120} : now - days{30});
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
        bool stays_proposed = std::string(d.target_stage).empty();
        auto p = projects::Propose(tx, lead, in, stays_proposed ? now : start - days{20});
        if (stays_proposed) continue;
        projects::Decide(tx, committee, p.id, true, "運営委員会で承認", start);
        int target = projects::StageIndex(d.target_stage);
        for (int s = 1; s <= target; ++s) {
            const Seconds at = start + (last_stage - start) * s / target;
            std::string stage(projects::kStages[s]);
            SatisfyGate(tx, p.id, stage, pi, lead, office, FiscalYearOf(TokyoDate(start)), fiscal_year, now, at);
            auto req = projects::RequestStage(tx, office, p.id, stage, "", at);
            if (req.state == "pending") {
                auto approver = req.approver == "pi"             ? pi
                                : req.approver == "company_lead" ? lead
                                : req.approver == "office"       ? office2
                                                                 : committee;
                projects::DecideStage(tx, approver, p.id, req.id, "approve", "", at);
            }
        }
        if (std::string(d.target_stage) == "sales") RecordSales(tx, lead, p.id, now, last_stage, now);
        // Reports in the project's rhythm: the last two a month apart, the newest one waiting for
        // the PI.
        auto r1 = projects::SubmitReport(
            tx, lead, p.id,
            {"評価系を立ち上げ、予備データを取得した。", "症例数を増やして再現性を確認する。", "試薬の納期遅れ", ""},
            now - days{55});
        projects::Acknowledge(tx, pi, p.id, r1.id, now - days{53});
        projects::SubmitReport(
            tx, lead, p.id,
            {"再現性を確認し、学会抄録を準備した。", "知財部と発明届出の相談。", "", "統計解析の専門家に相談したい"},
            now - days{23});
        projects::AddMilestone(tx, lead, p.id, "中間報告書の提出", pi.person_id, DateIn(now, 21), now - days{23});
    }
}

}  // namespace renkei::app
