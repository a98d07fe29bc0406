// Demo contracts: every type, with a realistic history (internal review, negotiation rounds
// with the company, approval, signature, activation, a few expired), so the office's median days
// per stage per type mean something. Created through the contracts service as the office would,
// each step at its moment in the history (given to the service as `now`), spread by each type's
// usual pace.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app/demo_support.hpp"
#include "modules/approvals/service.hpp"
#include "modules/contracts/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/time.hpp"

namespace renkei::app {
namespace {

struct DemoContract {
    const char* type;
    const char* title;
    const char* project;     // Japanese title prefix, or "" for none
    const char* university;  // organisation name_en
    const char* company;
    const char* final_status;
    int ended_days_ago;  // when the last change happened
    double pace;         // multiplies the type's usual days per stage
    const char* purpose;
    long long amount_yen;
    int rounds;
};

// Usual days per stage: draft, internal_review, negotiating, approved, signed (→ active).
std::vector<double> UsualDays(const std::string& type) {
    if (type == "nda") return {3, 5, 12, 3, 2};
    if (type == "joint_research") return {8, 14, 35, 7, 4};
    if (type == "mta") return {4, 7, 16, 4, 3};
    if (type == "collaboration_fee") return {3, 6, 9, 3, 2};
    if (type == "consulting") return {2, 5, 7, 2, 1};
    return {10, 21, 60, 10, 6};  // licence
}

const std::vector<DemoContract>& Contracts() {
    static const std::vector<DemoContract> all = {
        {"nda", "心電図パッチ共同検討に関する秘密保持契約", "貼付型ウェアラブル心電図", "Keio University",
         "JSR Corporation", "active", 800, 1.0, "貼付型心電図パッチの共同検討", 0, 2},
        {"nda", "IBDバイオマーカー探索に関する秘密保持契約", "炎症性腸疾患", "Keio University", "JSR Corporation",
         "active", 420, 1.3, "炎症性腸疾患の血中バイオマーカー探索の検討", 0, 3},
        {"nda", "人工膝関節コーティング技術に関する秘密保持契約", "人工膝関節", "Keio University",
         "Shinanomachi Meditech Co., Ltd.", "active", 200, 0.8, "人工膝関節表面コーティング技術の評価", 0, 2},
        {"nda", "看護記録音声入力の検討に関する秘密保持契約", "看護記録", "Keio University Hospital",
         "Shinanomachi Meditech Co., Ltd.", "expired", 40, 1.1, "看護記録の音声入力システムの検討", 0, 1},
        {"nda", "足場材料サンプル評価に関する秘密保持契約", "", "Keio University", "JSR Corporation", "negotiating", 45,
         1.0, "合成高分子足場材料サンプルの評価", 0, 2},
        {"joint_research", "ウェアラブル心電図パッチの共同研究契約", "貼付型ウェアラブル心電図", "Keio University",
         "JSR Corporation", "active", 700, 1.0, "貼付型ウェアラブル心電図パッチによる心房細動の早期発見", 24000000, 4},
        {"joint_research", "IBD再燃予測診断キットの共同研究契約", "炎症性腸疾患", "Keio University", "JSR Corporation",
         "active", 330, 1.2, "炎症性腸疾患の再燃を予測する血中バイオマーカー診断キットの開発", 18000000, 5},
        {"joint_research", "心筋シート用足場材料の共同研究契約", "iPS細胞由来心筋シート", "Keio University",
         "JSR Corporation", "active", 260, 0.9, "iPS細胞由来心筋シートのための合成高分子足場材料", 15000000, 3},
        {"joint_research", "腸内細菌叢による免疫療法効果予測の共同研究契約", "腸内細菌叢プロファイル",
         "Keio University", "JSR Corporation", "approved", 6, 1.1,
         "腸内細菌叢プロファイルに基づく免疫チェックポイント阻害薬の効果予測", 12000000, 4},
        {"mta", "便検体由来菌株の提供契約", "腸内細菌叢プロファイル", "Keio University", "JSR Corporation", "active",
         150, 1.0, "便検体由来の腸内細菌株（20株）", 0, 2},
        {"mta", "心筋シート評価用細胞の提供契約", "iPS細胞由来心筋シート", "Keio University", "JSR Corporation",
         "active", 380, 1.2, "iPS細胞由来心筋細胞（研究用）", 0, 2},
        {"mta", "角層タンパク質標準試料の受入契約", "", "Keio University", "JSR Corporation", "internal_review", 12,
         1.0, "角層タンパク質の標準試料", 0, 0},
        {"collaboration_fee", "心電図パッチ臨床評価への研究協力費", "貼付型ウェアラブル心電図",
         "Keio University Hospital", "JSR Corporation", "active", 500, 1.0, "心電図パッチの臨床評価への協力", 3000000,
         1},
        {"collaboration_fee", "看護記録音声入力の実証への研究協力費", "看護記録", "Keio University Hospital",
         "Shinanomachi Meditech Co., Ltd.", "active", 90, 0.9, "病棟での音声入力の実証", 1500000, 1},
        {"collaboration_fee", "緑内障AI解析のデータ整備への研究協力費", "眼底OCT画像", "Keio University",
         "Shinanomachi Meditech Co., Ltd.", "draft", 3, 1.0, "OCT画像データの整備", 2000000, 0},
        {"consulting", "ウェアラブル機器の臨床助言に関するコンサルティング契約", "", "Keio University",
         "JSR Corporation", "active", 320, 1.0, "ウェアラブル医療機器の臨床的な使い勝手", 1200000, 1},
        {"consulting", "医療材料の規制対応に関するコンサルティング契約", "", "Keio University",
         "Shinanomachi Meditech Co., Ltd.", "expired", 20, 1.3, "医療材料の薬事規制への対応", 800000, 1},
        {"consulting", "整形外科インプラント評価のコンサルティング契約", "人工膝関節", "Keio University",
         "Shinanomachi Meditech Co., Ltd.", "negotiating", 38, 1.0, "整形外科インプラントの評価方法", 900000, 1},
        {"licence", "心電図解析アルゴリズムのライセンス契約", "貼付型ウェアラブル心電図", "Keio University",
         "JSR Corporation", "active", 640, 1.0, "心房細動検出アルゴリズム（特許出願中）", 5000000, 5},
        {"licence", "テープストリップ検査法のライセンス契約", "", "Keio University", "JSR Corporation", "negotiating",
         70, 1.2, "皮膚テープストリップによる重症度層別化法", 3000000, 3},
    };
    return all;
}

std::string DateOf(long long unix_seconds) { return TokyoDate(FromUnix(unix_seconds)); }

const char* kPath[] = {"draft", "internal_review", "negotiating", "approved", "signed", "active", "expired"};

}  // namespace

void LoadContractsDemo(db::Tx& tx, Seconds at) {
    // The demo runs without the HTTP routes: the contract as the subject of approval chains (its
    // visibility and its approval when its chain completes) is registered here too (idempotent).
    contracts::RegisterApprovalSubject();
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    auto office2 = DemoPerson(tx, "kobayashi.naoko@renkei.example");
    std::map<std::string, std::string> orgs;
    for (auto& o : people::ListOrganisations(tx, -1)) orgs[o.name_en] = o.id;
    std::map<std::string, std::string> project_by_title;
    for (const auto& item : projects::ListProjects(tx, office, {}, at))
        project_by_title[item.summary.project.title_ja] = item.summary.project.id;
    auto find_project = [&](const std::string& prefix) -> std::optional<std::string> {
        if (prefix.empty()) return std::nullopt;
        for (auto& [title, id] : project_by_title)
            if (title.rfind(prefix, 0) == 0) return id;
        return std::nullopt;
    };
    const char* signatories[][2] = {{"慶應義塾長", "伊藤 公平"}, {"代表取締役", "川橋 信夫"}};
    long long now = ToUnix(at);
    int n = 0;
    for (const auto& d : Contracts()) {
        ++n;
        std::string type = d.type;
        auto usual = UsualDays(type);
        int final_index = 0;
        while (std::string(kPath[final_index]) != d.final_status) ++final_index;
        // Days in each stage, varied a little per contract so the medians are not trivial.
        std::vector<double> days;
        days.reserve(5);
        for (int i = 0; i < 5; ++i) days.push_back(usual[i] * d.pace * (0.75 + 0.1 * ((n * 7 + i * 3) % 6)));
        // Timestamps, counted back from the last change.
        std::vector<long long> at(final_index + 1);
        at[final_index] = now - static_cast<long long>(d.ended_days_ago) * 86400;
        for (int i = final_index - 1; i >= 0; --i) {
            double stay = i < 5 ? days[i] : 365.0 * 2;  // active → expired: the term
            at[i] = at[i + 1] - static_cast<long long>(stay * 86400);
        }
        contracts::NewContract in;
        in.type = type;
        in.title = d.title;
        in.project_id = find_project(d.project);
        contracts::Party a, b;
        a.organisation_id = orgs.at(d.university);
        a.role = std::string(d.university) == "Keio University Hospital" ? "hospital" : "university";
        a.signatory_title = signatories[0][0];
        a.signatory_name = signatories[0][1];
        b.organisation_id = orgs.at(d.company);
        b.role = "company";
        b.signatory_title = signatories[1][0];
        b.signatory_name = std::string(d.company) == "JSR Corporation" ? "川橋 信夫" : "信濃町 太郎";
        in.parties = {a, b};
        in.terms.purpose = d.purpose;
        if (d.amount_yen) in.terms.amount_yen = d.amount_yen;
        if (type == "nda") in.terms.confidentiality_years = 3;
        if (type == "joint_research") {
            in.terms.ip_share_university = 50;
            in.terms.ip_share_company = 50;
            in.terms.publication_review_days = 60;
            in.terms.confidentiality_years = 5;
            in.terms.indirect_cost_rate = 30;
            in.terms.payment_schedule = "契約締結後30日以内に年度ごとに支払う";
            in.terms.renewal = "by_agreement";
        }
        if (type == "collaboration_fee") {
            in.terms.indirect_cost_rate = 10;
            in.terms.payment_schedule = "請求書受領後30日以内に一括で支払う";
        }
        if (type == "mta") in.terms.publication_review_days = 30;
        if (type == "consulting" || type == "licence") in.terms.payment_schedule = "四半期ごとに後払い";
        if (type == "licence") in.terms.renewal = "automatic";
        // The term starts at the signature (or a month ahead when not signed yet).
        long long sign_at = final_index >= 4 ? at[4] : now + 30LL * 86400;
        in.terms.starts_on = DateOf(sign_at);
        int years = type == "nda" ? 2 : type == "consulting" ? 1 : 3;
        long long ends = std::string(d.final_status) == "expired"
                             ? at[final_index] - 86400
                             : sign_at + static_cast<long long>(years) * 365 * 86400;
        // Contracts in force were renewed as needed: their term has not ended (one consulting
        // contract ends within weeks, so the office's expiry reminder shows).
        if (std::string(d.final_status) != "expired")
            while (ends < now + 30LL * 86400) ends += 365LL * 86400;
        in.terms.ends_on = DateOf(ends);
        auto id = contracts::Create(tx, office, in, FromUnix(at[0]));
        for (int i = 1; i <= final_index; ++i) {
            std::string to = kPath[i];
            auto& who = to == "approved" ? office2 : office;
            if (to == "approved") {
                // 稟議: asked for a little before the approval (under the default rule: another
                // office member approves), approved by the second office member.
                long long asked = at[i] - std::min<long long>(2 * 86400, (at[i] - at[i - 1]) / 3);
                auto chain = contracts::StartApproval(tx, office, id, FromUnix(asked));
                while (chain.current_step_id)
                    chain = approvals::Decide(tx, office2, *chain.current_step_id, approvals::Decision::kApprove, "",
                                              FromUnix(at[i]));
                continue;
            }
            if (to == "active" || to == "expired") {
                contracts::Transition(tx, who, id, to, to == "active" ? "契約期間の開始" : "契約期間の満了",
                                      std::nullopt, FromUnix(at[i]));
                continue;
            }
            contracts::Transition(tx, who, id, to, "",
                                  to == "signed" ? std::optional<std::string>(DateOf(at[4])) : std::nullopt,
                                  FromUnix(at[i]));
            if (to == "negotiating") {
                long long span = i + 1 <= final_index ? at[i + 1] - at[i] : now - at[i];
                for (int r = 0; r < d.rounds; ++r) {
                    contracts::RoundInput round;
                    round.sent_by = r % 2 == 0 ? "us" : "company";
                    round.waiting_on = r % 2 == 0 ? "company" : "us";
                    long long sent_at = at[i] + span * r / std::max(1, d.rounds);
                    round.sent_on = DateOf(sent_at);
                    round.clauses =
                        r % 2 == 0 ? std::vector<std::string>{"第3条（知的財産権の帰属）", "第5条（研究成果の公表）"}
                                   : std::vector<std::string>{"第5条（研究成果の公表）"};
                    round.summary = r % 2 == 0 ? "学内規程に沿って持分と公表前確認期間を修正した案を送付"
                                               : "企業法務より公表前確認期間の延長を求める修正案を受領";
                    contracts::AddRound(tx, office, id, round, FromUnix(sent_at));
                }
            }
        }
    }
}

}  // namespace renkei::app
