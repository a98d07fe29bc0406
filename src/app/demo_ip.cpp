// Demo intellectual property (知財, SPEC §5): inventions of the demo projects in every status, each
// with the history it would have had — disclosed from the project, evaluated, decided, filed in
// Japan and under the PCT, registered — one of them licensed to the partner company with revenue
// received and the inventors' rewards (some paid), a year of grace running after a conference
// talk, and a talk at the centre's symposium that comes before a filing (the guard is up). Every
// step goes through the ip service at its moment (given as `now`).
#include <map>
#include <string>
#include <vector>

#include "app/demo_support.hpp"
#include "modules/building/service.hpp"
#include "modules/contracts/service.hpp"
#include "modules/ip/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::app {
namespace {

using std::chrono::days;

Seconds Ago(Seconds now, int d) { return now - days{d}; }
std::string DateAgo(Seconds now, int d) { return TokyoDate(now - days{d}); }

}  // namespace

void LoadIpDemo(db::Tx& tx, Seconds now) {
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    std::map<std::string, std::string> project_by_prefix;
    for (const auto& item : projects::ListProjects(tx, office, {}, now))
        if (auto p = projects::FindProjectForModule(tx, item.summary.project.id))
            project_by_prefix[p->title_ja] = p->id;
    auto project = [&](const std::string& prefix) {
        for (const auto& [title, id] : project_by_prefix)
            if (title.rfind(prefix, 0) == 0) return id;
        return std::string();
    };
    auto disclose = [&](const char* email, const std::string& project_id, const char* title, const char* summary,
                        int days_ago, const std::optional<std::string>& disclosed_on = std::nullopt) {
        ip::InventionInput in;
        in.project_id = project_id;
        in.title = title;
        in.summary = summary;
        in.conceived_on = std::optional<std::string>(DateAgo(now, days_ago + 30));
        if (disclosed_on) in.disclosed_on = std::optional<std::string>(disclosed_on);
        return ip::Disclose(tx, DemoPerson(tx, email), in, Ago(now, days_ago)).invention.id;
    };
    auto decide = [&](const std::string& id, const char* decision, const char* note, int days_ago) {
        ip::StartEvaluation(tx, office, id, Ago(now, days_ago + 14));
        ip::DecisionInput d;
        d.decision = decision;
        d.note = note;
        d.novelty_notes = "J-PlatPat・PubMed で先行技術を調査。同一の構成は見当たらない。";
        ip::Decide(tx, office, id, d, Ago(now, days_ago));
    };
    auto file = [&](const std::string& id, const char* kind, const char* country, const char* number, int days_ago,
                    std::optional<std::string> priority = std::nullopt) {
        ip::FilingInput f;
        f.kind = kind;
        f.country = country;
        f.number = number;
        f.filed_on = DateAgo(now, days_ago);
        f.priority_date = std::move(priority);
        auto v = ip::AddFiling(tx, office, id, f, Ago(now, days_ago));
        return v.invention.filings.back().id;
    };

    ip::RewardRules rules{20000, 50000, 30};
    ip::SetRewardRules(tx, office, rules, Ago(now, 800));

    // The ECG patch (sales stage): the detection algorithm, registered and licensed to JSR.
    auto ecg = project("貼付型ウェアラブル心電図");
    if (!ecg.empty()) {
        auto algo = disclose("tanaka.kenji@renkei.example", ecg, "心電図波形からの発作性心房細動の検出方法",
                             "2週間の連続記録からRR間隔の不規則性とP波の消失を組み合わせて心房細動を検出する。", 720);
        decide(algo, "file", "製品化の中核技術。国内出願ののちPCTを検討。", 700);
        ip::RecordCompanyConsent(tx, DemoPerson(tx, "shimizu.hikaru@renkei.example"), algo, DateAgo(now, 695),
                                 Ago(now, 695));
        auto jp = file(algo, "jp", "JP", "特願2024-123456", 690);
        ip::FilingInput later;
        later.examination_requested_on = DateAgo(now, 400);
        later.registered_on = DateAgo(now, 45);
        ip::UpdateFiling(tx, office, algo, jp, later, Ago(now, 45));
        ip::LicenceInput licence;
        licence.licensee = "JSR株式会社";
        licence.exclusive = true;
        licence.signed_on = DateAgo(now, 640);
        licence.note = "医療機器としての製造販売に関する独占的実施許諾";
        contracts::ListFilter f;
        f.type = "licence";
        for (const auto& c : contracts::List(tx, office, f, now))
            if (c.contract.title.find("心電図解析アルゴリズム") != std::string::npos)
                licence.contract_id = c.contract.id;
        auto licensed = ip::AddLicence(tx, office, algo, licence, Ago(now, 640));
        auto licence_id = licensed.licences.back().id;
        for (const auto& [days_ago, yen] : std::vector<std::pair<int, long long>>{{270, 1500000}, {90, 2400000}}) {
            ip::RevenueInput r;
            r.received_on = DateAgo(now, days_ago);
            r.amount_yen = yen;
            r.note = "ランニングロイヤルティ（四半期）";
            ip::AddRevenue(tx, office, algo, licence_id, r, Ago(now, days_ago));
        }
        // The rewards up to the first revenue were paid; the latest are due.
        for (const auto& row : ip::RewardLedger(tx, office, now).items)
            if (row.reward.invention_id == algo && row.reward.basis_on <= DateAgo(now, 270))
                ip::MarkRewardPaid(tx, office, row.reward.id, AddDays(row.reward.basis_on, 30), now);

        // The electrode's adhesive layer: filed in Japan, then under the PCT claiming it.
        auto layer = disclose("inoue.megumi@renkei.example", ecg, "皮膚刺激を抑える貼付型電極の粘着層構造",
                              "通気孔を持つ二層の粘着層で、2週間の装着でも皮膚炎を起こしにくい。", 420);
        decide(layer, "file", "共同出願（大学50%・企業50%、共同研究契約による）。", 400);
        ip::RecordCompanyConsent(tx, office, layer, DateAgo(now, 392), Ago(now, 390));  // JSR's letter
        auto first = file(layer, "jp", "JP", "特願2025-034567", 380);
        (void)first;
        file(layer, "pct", "WO", "PCT/JP2026/001234", 20, DateAgo(now, 380));
    }

    // The IBD kit: decided to file; the PI's talk at the centre's symposium comes first.
    auto ibd = project("炎症性腸疾患の再燃");
    if (!ibd.empty()) {
        auto panel = disclose("yamada.hanako@renkei.example", ibd, "炎症性腸疾患の再燃を予測する血中タンパク質パネル",
                              "5種類の血中タンパク質の組合せで、3か月以内の再燃を予測する。", 40);
        decide(panel, "file", "早期の国内出願を推奨。学会発表の予定を確認すること。", 12);
        for (const auto& e : building::ListEvents(tx, office, now, now + days{60}))
            if (e.title_ja.find("シンポジウム") != std::string::npos) {
                ip::PublicationInput talk;
                talk.project_id = ibd;
                talk.invention_id = panel;
                talk.kind = "talk";
                talk.title = "血中バイオマーカーによるIBD再燃予測の試み";
                talk.event_id = e.id;
                ip::PlanPublication(tx, DemoPerson(tx, "yamada.hanako@renkei.example"), talk, Ago(now, 2));
                break;
            }
    }

    // The scaffold: under evaluation.
    auto scaffold = project("iPS細胞由来心筋シート");
    if (!scaffold.empty()) {
        auto id = disclose("hayashi.mariko@renkei.example", scaffold, "動物由来成分を含まない心筋シート培養用足場材料",
                           "合成高分子の側鎖設計により、心筋細胞の配向と成熟を促す。", 25);
        ip::StartEvaluation(tx, office, id, Ago(now, 18));
    }

    // The microbiome project: just disclosed, after a conference talk — the year of grace runs.
    auto microbiome = project("腸内細菌叢プロファイル");
    if (!microbiome.empty())
        disclose("kimura.takuya@renkei.example", microbiome, "腸内細菌叢スコアによる免疫療法の奏効予測方法",
                 "便検体の16S解析から算出するスコアで、免疫チェックポイント阻害薬の奏効を予測する。", 6,
                 DateAgo(now, 75));

    // The knee coating: held, then abandoned after the prior art search.
    auto knee = project("人工膝関節");
    if (!knee.empty()) {
        auto held = disclose("yoshida.sho@renkei.example", knee, "摺動面コーティングの積層方法",
                             "ダイヤモンドライクカーボンを二層に積層し摩耗粉を減らす。", 160);
        decide(held, "abandon", "先行文献（US 2019/0123456）に同一の構成が開示されているため出願しない。", 120);
        auto other = disclose("yoshida.sho@renkei.example", knee, "摩耗粉を捕集するインサート形状",
                              "インサートの溝形状で摩耗粉を捕集し、骨溶解を防ぐ。", 60);
        decide(other, "hold", "試作品の評価結果を待って判断する。", 30);
    }
}

}  // namespace renkei::app
