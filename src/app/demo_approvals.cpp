// The demo's approval chains (稟議): the office's configuration for joint research agreements by
// amount (below ¥5M the office head; from ¥5M the office head then the centre director; from ¥20M
// the steering committee after them), and two joint research agreements on their way: a ¥30M one
// that both approvers signed off and that now waits for the committee (its next meeting's agenda
// gathers it: LoadCommitteeDemo runs after this), and an ¥8M one waiting for the office head. The
// contracts already approved in the demo's history went through the default rule (another office
// member). Each step goes through the services, as the office and the approvers would take it.
#include <map>
#include <string>

#include "app/demo_support.hpp"
#include "modules/approvals/service.hpp"
#include "modules/contracts/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::app {

void LoadApprovalsDemo(db::Tx& tx, Seconds now) {
    using std::chrono::days;
    using std::chrono::hours;
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    auto head = DemoPerson(tx, "kobayashi.naoko@renkei.example");        // 事務局長
    auto director = DemoPerson(tx, "takahashi.hiroshi@renkei.example");  // センター長
    using approvals::Approver;
    approvals::StepRule office_head{"事務局長", "Head of the office", Approver::kPerson, head.person_id, ""};
    approvals::StepRule centre_director{"センター長", "Centre director", Approver::kPerson, director.person_id, ""};
    approvals::StepRule committee{"運営委員会", "Steering committee", Approver::kCommittee, "", ""};
    auto rule = [&](long long from, std::optional<long long> to, std::vector<approvals::StepRule> steps,
                    const std::string& note) {
        approvals::RuleInput in;
        in.kind = "contract";
        in.subject_type = "joint_research";
        in.amount_from = from;
        in.amount_to = to;
        in.steps = std::move(steps);
        in.note = note;
        approvals::CreateRule(tx, office, in, now - days{60});
    };
    rule(0, 5'000'000, {office_head}, "500万円未満：事務局長の決裁");
    rule(5'000'000, 20'000'000, {office_head, centre_director}, "500万円以上：センター長まで");
    rule(20'000'000, std::nullopt, {office_head, centre_director, committee},
         "2,000万円以上：運営委員会の承認を要する");

    std::map<std::string, std::string> orgs;
    for (auto& o : people::ListOrganisations(tx, -1)) orgs[o.name_en] = o.id;
    auto find_project = [&](const std::string& prefix) -> std::optional<std::string> {
        for (const auto& item : projects::ListProjects(tx, office, {}, now))
            if (item.summary.project.title_ja.rfind(prefix, 0) == 0) return item.summary.project.id;
        return std::nullopt;
    };
    auto negotiating = [&](const std::string& title, const std::string& project, long long amount, const char* purpose,
                           Seconds since) {
        contracts::NewContract in;
        in.type = "joint_research";
        in.title = title;
        in.project_id = find_project(project);
        contracts::Party a, b;
        a.organisation_id = orgs.at("Keio University");
        a.role = "university";
        a.signatory_title = "慶應義塾長";
        a.signatory_name = "伊藤 公平";
        b.organisation_id = orgs.at("JSR Corporation");
        b.role = "company";
        b.signatory_title = "代表取締役";
        b.signatory_name = "川橋 信夫";
        in.parties = {a, b};
        in.terms.purpose = purpose;
        in.terms.amount_yen = amount;
        in.terms.ip_share_university = 50;
        in.terms.ip_share_company = 50;
        in.terms.indirect_cost_rate = 30;
        in.terms.publication_review_days = 60;
        auto id = contracts::Create(tx, office, in, since - days{40});
        contracts::Transition(tx, office, id, "internal_review", "", std::nullopt, since - days{32});
        contracts::Transition(tx, office, id, "negotiating", "", std::nullopt, since - days{20});
        return id;
    };

    // ¥30M: office head and centre director approved; the committee decides at its next meeting.
    auto large = negotiating("次世代心電図解析AIの共同研究契約", "貼付型ウェアラブル心電図", 30'000'000,
                             "心電図パッチの波形から不整脈を判定するAIの共同開発", now - days{6});
    auto chain = contracts::StartApproval(tx, office, large, now - days{6});
    chain = approvals::Decide(tx, head, *chain.current_step_id, approvals::Decision::kApprove,
                              "知財条項・間接経費率を確認しました。", now - days{4} - hours{3});
    approvals::Decide(tx, director, *chain.current_step_id, approvals::Decision::kApprove,
                      "センターとして推進します。運営委員会に付議してください。", now - days{1} - hours{5});

    // ¥8M: waiting for the office head (in her inbox).
    auto mid = negotiating("腸内細菌叢プロファイル解析の共同研究契約（第2期）", "腸内細菌叢プロファイル", 8'000'000,
                           "腸内細菌叢プロファイルに基づく効果予測モデルの検証", now - days{2});
    contracts::StartApproval(tx, office, mid, now - days{2});
}

}  // namespace renkei::app
