// The demo's open call (学内公募, paper §5-4): this fiscal year's call for academics' proposals,
// open for three more weeks, with its criteria and reviewer pool; two proposals submitted and one
// still a draft. Each step goes through the open call's service, as the office and the applicants
// would take it.
#include <string>
#include <vector>

#include "app/demo_support.hpp"
#include "modules/opencall/service.hpp"

namespace renkei::app {

void LoadOpenCallDemo(db::Tx& tx, Seconds now) {
    using std::chrono::days;
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    int fy = FiscalYearOf(TokyoDay(now));
    opencall::CallInput call;
    call.title_ja = std::to_string(fy) + "年度 学内公募「臨床ニーズから始める共同研究」";
    call.title_en = "FY" + std::to_string(fy) + " open call: joint research that starts from a clinical need";
    call.theme =
        "臨床現場で困っていることを起点に、JSR の材料・計測技術と組み合わせて2年以内に試作と臨床での評価まで進める"
        "研究を募集します。企業側の共同研究者(company lead)を必ず記入してください。";
    call.areas = {"medical_device", "precision_medicine"};
    call.total_budget_yen = 30'000'000;
    call.per_project_cap_yen = 10'000'000;
    call.opens_on = TokyoDate(now - days{14});
    call.closes_on = TokyoDate(now + days{21});
    call.reviews_per_proposal = 2;
    call.disagreement_milli = 1500;
    call.normalise = true;
    call.criteria = {{"novelty", "新規性", "Novelty", 30},
                     {"clinical", "臨床的意義", "Clinical significance", 30},
                     {"feasibility", "実現可能性", "Feasibility", 20},
                     {"commercial", "事業化の見込み", "Commercial prospects", 20}};
    for (const char* email :
         {"sato.seiichi@renkei.example", "suzuki.masaki@renkei.example", "kimura.takuya@renkei.example",
          "hayashi.mariko@renkei.example", "matsumoto.ryo@renkei.example", "yamada.hanako@renkei.example"})
        call.reviewers.push_back({DemoPerson(tx, email).person_id, 3});
    auto created = opencall::CreateCall(tx, office, call, now - days{15});
    opencall::OpenCall(tx, office, created.call.id, now - days{14});

    struct Demo {
        const char* applicant;
        const char* lead;
        const char* title_ja;
        const char* title_en;
        const char* aims;
        long long yen;
        bool submit;
    };
    const Demo proposals[] = {
        {"kato.sakura@renkei.example", "shimizu.hikaru@renkei.example", "夜間の掻破行動を測るウェアラブルセンサ",
         "A wearable sensor that measures night-time scratching",
         "アトピー性皮膚炎の患者は夜間に無意識に掻いてしまい、睡眠と治療効果の評価が難しい。手首に着ける"
         "柔らかいセンサで掻破の回数と時間を測り、外来で治療効果を客観的に評価できるようにする。",
         8'000'000, true},
        {"tanaka.kenji@renkei.example", "yamaguchi.naoto@renkei.example", "心不全患者の在宅での体液貯留を早期に捉える",
         "Catching fluid retention at home in heart failure",
         "心不全の再入院の多くは体液貯留の悪化に気づくのが遅れることによる。体重と下腿の浮腫を自宅で毎日"
         "測り、悪化の兆しを外来に知らせる仕組みを作る。",
         9'500'000, true},
        {"yoshida.sho@renkei.example", "mori.aya@renkei.example", "人工膝関節術後の歩行を自宅で評価する",
         "Assessing walking at home after knee replacement",
         "術後リハビリの進み具合を、通院の間も自宅で測れるようにする。", 6'000'000, false},
    };
    for (const auto& d : proposals) {
        auto applicant = DemoPerson(tx, d.applicant);
        opencall::ProposalInput in;
        in.title_ja = d.title_ja;
        in.title_en = d.title_en;
        in.aims = d.aims;
        in.company_lead_id = DemoPerson(tx, d.lead).person_id;
        in.budgets = {{fy + 1, d.yen}};
        auto p = opencall::CreateProposal(tx, applicant, created.call.id, in, now - days{7});
        if (d.submit) opencall::SubmitProposal(tx, applicant, p.proposal.id, now - days{3});
    }
}

}  // namespace renkei::app
