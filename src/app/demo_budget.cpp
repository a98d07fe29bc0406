// The demo's budget for this fiscal year (FY2026 when the demo is loaded in 2026): the plan for the
// four strategic areas and for other research, spending lines on the projects with a budget (one
// month's lines of one project imported from the accounting system's CSV), one project over its
// allocation, whose PI asked for more: the office's rule for budget changes of ¥1M or more asks the
// office head and then the steering committee; the office head has approved, so the committee's
// next meeting gathers the change onto its agenda (smaller changes stop at the office head). Each
// step goes through the budget and approvals services, as the office would take it.
#include <string>

#include "app/demo_support.hpp"
#include "modules/approvals/service.hpp"
#include "modules/budget/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::app {
namespace {

auth::Principal PersonById(db::Tx& tx, const std::string& id) {
    auth::Principal me;
    auto p = people::FindPerson(tx, id);
    if (!p) return me;
    me.person_id = p->id;
    me.roles.insert(p->roles.begin(), p->roles.end());
    me.language = "ja";
    return me;
}

}  // namespace

void LoadBudgetDemo(db::Tx& tx, Seconds now) {
    using std::chrono::days;
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    int fy = FiscalYearOf(TokyoDay(now));
    const std::string first_day = std::to_string(fy) + "-04-01";
    long long elapsed = (TokyoDays(now) - std::chrono::sys_days{*ParseDate(first_day)}).count();
    if (elapsed < 10) elapsed = 10;  // loaded in early April: the lines fall in the first days
    auto day_at = [&](double share) {
        return AddDays(first_day, static_cast<int>(share * static_cast<double>(elapsed - 1)));
    };

    struct Plan {
        const char* area;
        long long yen;
    };
    for (const auto& p :
         {Plan{"precision_medicine", 60'000'000}, Plan{"stem_cell", 50'000'000}, Plan{"microbiome", 40'000'000},
          Plan{"medical_device", 45'000'000}, Plan{"other", 30'000'000}})
        budget::SetPlan(tx, office, fy, p.area, p.yen, now - days{200});

    // The approval chains for budget changes: below ¥1M the office head decides; from ¥1M the
    // steering committee decides after her (the migration's default rule, one committee step,
    // becomes the upper band).
    budget::RegisterApprovalSubject();
    auto head = DemoPerson(tx, "kobayashi.naoko@renkei.example");  // 事務局長
    using approvals::Approver;
    approvals::StepRule office_head{"事務局長", "Head of the office", Approver::kPerson, head.person_id, ""};
    approvals::StepRule committee{"運営委員会", "Steering committee", Approver::kCommittee, "", ""};
    approvals::RuleInput upper;
    upper.kind = "budget_change";
    upper.amount_from = 1'000'000;
    upper.steps = {office_head, committee};
    upper.note = "100万円以上の増減：運営委員会の承認を要する";
    approvals::UpdateRule(tx, office, "default-budget-change", upper, now - days{200});
    approvals::RuleInput lower;
    lower.kind = "budget_change";
    lower.amount_from = 0;
    lower.amount_to = 1'000'000;
    lower.steps = {office_head};
    lower.note = "100万円未満の増減：事務局長の決裁";
    approvals::CreateRule(tx, office, lower, now - days{200});

    // The lines of a year: the share of the allocation each project has spent so far.
    struct Line {
        double when, share;
        const char* category;
        const char* description;
    };
    const Line lines[] = {
        {0.05, 0.20, "personnel", "特任研究員 人件費（4〜6月）"}, {0.25, 0.15, "equipment", "細胞培養用試薬・消耗品"},
        {0.45, 0.06, "travel", "日本再生医療学会 出張旅費"},      {0.60, 0.02, "honoraria", "外部有識者 謝金"},
        {0.80, 0.12, "equipment", "解析用ワークステーション"},
    };
    int index = 0;
    for (const auto& a : projects::AllocationsForModule(tx, fy)) {
        if (a.status != projects::Status::kActive || !a.amount_yen || *a.amount_yen <= 0) continue;
        long long allocated = *a.amount_yen;
        // The lines below spend 55 % of an allocation at factor 1: the first project ends near 109 %
        // (over), the second near 93 % with its imported month (near), the rest about half.
        double factor = index == 0 ? 1.98 : index == 1 ? 1.45 : 0.9;
        if (index == 1) {
            // One month of this project's lines came from the accounting system as CSV.
            std::string csv = "日付,金額,費目,摘要,伝票番号\r\n";
            csv += day_at(0.3) + "," + std::to_string(allocated * 10 / 100) + ",物品費,\"抗体試薬, 2種\",AC-" +
                   std::to_string(fy) + "-0412\r\n";
            csv += day_at(0.32) + "," + std::to_string(allocated * 3 / 100) + ",旅費,学会出張（京都）,AC-" +
                   std::to_string(fy) + "-0413\r\n";
            budget::Import(tx, office, csv, a.project_id, now - days{3});
        }
        for (const auto& l : lines) {
            budget::SpendingInput in;
            in.project_id = a.project_id;
            in.spent_on = day_at(l.when);
            in.amount_yen = static_cast<long long>(static_cast<double>(allocated) * l.share * factor) / 1000 * 1000;
            in.category = l.category;
            in.description = l.description;
            in.reference = "V-" + std::to_string(fy) + "-" + std::to_string(100 + index * 10 + (&l - lines));
            if (in.amount_yen <= 0) continue;
            budget::RecordSpending(tx, office, in, now - days{2});
        }
        if (index == 0) {
            // The project over its allocation: its PI asks the committee for more.
            if (!a.pi_id.empty()) {
                budget::ChangeInput change{a.project_id, fy, allocated * 3 / 2,
                                           "前臨床試験で追加の動物実験が必要となり、試薬価格も改定されたため、"
                                           "今年度の配分の増額を申請します。"};
                auto asked = budget::RequestChange(tx, PersonById(tx, a.pi_id), change, now - days{2});
                if (asked.approval && asked.approval->current_step_id)
                    approvals::Decide(tx, head, *asked.approval->current_step_id, approvals::Decision::kApprove,
                                      "超過の理由と見積りを確認しました。運営委員会に付議します。", now - days{1});
            }
        }
        ++index;
    }
}

}  // namespace renkei::app
