// The demo's steering committee (paper §5-3: three members from the university, three from JSR)
// with its rules, a second project proposal waiting for it (with the second company), a stage gate
// it approves (the microbiome project into pre-clinical), and its next regular meeting in meeting
// room 3, whose agenda gathered the two waiting proposals and the gate. Each step
// goes through the committee's and the projects' services, as the office would take it.
#include <string>

#include "app/demo_support.hpp"
#include "modules/building/service.hpp"
#include "modules/committee/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/error.hpp"

namespace renkei::app {

void LoadCommitteeDemo(db::Tx& tx, Seconds now) {
    using std::chrono::days;
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    int fy = FiscalYearOf(TokyoDay(now));
    // Two-year terms from the start of last fiscal year.
    const std::string from = std::to_string(fy - 1) + "-04-01", to = std::to_string(fy + 1) + "-03-31";
    struct Seat {
        const char* email;
        const char* side;
    };
    for (const auto& s :
         {Seat{"sato.seiichi@renkei.example", "university"}, Seat{"suzuki.masaki@renkei.example", "university"},
          Seat{"takahashi.hiroshi@renkei.example", "university"}, Seat{"ito.takashi@renkei.example", "company"},
          Seat{"watanabe.mika@renkei.example", "company"}, Seat{"yamamoto.daisuke@renkei.example", "company"}})
        committee::PutMember(tx, office, {DemoPerson(tx, s.email).person_id, s.side, from, to}, now - days{30});

    // A clinician's proposal with the second company, waiting beside the atopic dermatitis one.
    auto yoshida = DemoPerson(tx, "yoshida.sho@renkei.example");
    projects::NewProject p;
    p.kind = "joint";
    p.area_code = "medical_device";
    p.title_ja = "術後せん妄を早期に捉えるベッドサイド・モニタ";
    p.title_en = "A bedside monitor that catches post-operative delirium early";
    p.aims = "高齢患者の術後せん妄を、睡眠と体動のパターンから発症前に捉え、看護師に知らせる。";
    p.public_summary = "手術後の高齢の方に起こる「せん妄」を、ベッドのセンサで早めに見つける共同研究です。";
    p.pi_id = yoshida.person_id;
    p.company_lead_id = DemoPerson(tx, "mori.aya@renkei.example").person_id;
    projects::Propose(tx, yoshida, p, now - days{5});

    // The microbiome project asks to enter pre-clinical work, a gate the committee approves: the
    // office confirms what it checks by hand, the project's lead asks, and the request waits for
    // the meeting below.
    for (const auto& id : projects::ProjectIdsWithStatus(tx, projects::Status::kActive)) {
        auto project = projects::FindProject(tx, id);
        if (!project || project->area_code != "microbiome") continue;
        auto gate = projects::NextGate(tx, office, id, now - days{3});
        if (!gate.to_stage || gate.approver != "committee") continue;
        for (const auto& item : gate.items)
            if (!item.satisfied && !item.automatic)
                projects::Confirm(tx, office, id, item.code, "事務局確認済（デモデータ）", now - days{3});
        if (projects::NextGate(tx, office, id, now - days{3}).passes)
            projects::RequestStage(tx, office, id, std::string(Text(*gate.to_stage)),
                                   "前臨床試験の計画が固まったため、移行を申請します。", now - days{2});
    }

    // The next regular meeting, in meeting room 3, two weeks and two days from now at 18:00.
    committee::NewMeeting m;
    m.kind = "regular";
    auto day = TokyoDay(now + days{16});
    m.title_ja = std::to_string(static_cast<unsigned>(day.month())) + "月 運営委員会（定例）";
    m.title_en = "Steering committee, regular meeting";
    m.starts_at = FromTokyo(day, 18 * 60);
    m.ends_at = FromTokyo(day, 19 * 60 + 30);
    for (const auto& s : building::ListSpaces(tx))
        if (s.code == "1F-MR3") m.space_id = s.id;
    committee::CreateMeeting(tx, office, m, now - days{1});
}

}  // namespace renkei::app
