// Demo ethics review (倫理審査, SPEC §5): the centre's three committees (the School of Medicine's
// ethics committee, the certified review board and the hospital's IRB, whose approvals hold a
// year) with monthly meetings, and protocols of the demo projects in every status and category,
// each with the history it would have had: submissions, revisions, approvals, starts, adverse
// events, enrolment counts and the reports filed. Everything goes through the ethics service,
// each step at its moment in the history (given to the service as `now`).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/demo_support.hpp"
#include "modules/contracts/service.hpp"
#include "modules/ethics/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::app {
namespace {

using std::chrono::days;

std::string Id(db::Tx& tx, const std::string& email) { return DemoPerson(tx, email).person_id; }
Seconds Ago(Seconds now, int d) { return now - days{d}; }
std::string DateAgo(Seconds now, int d) { return TokyoDate(now - days{d}); }

// Monthly meetings on the second Monday from `from_months` ago to `to_months` ahead; the
// submissions close three weeks before.
void PlanMeetings(db::Tx& tx, const auth::Principal& office, const std::string& committee, Seconds now, int from_months,
                  int to_months, unsigned weekday_index) {
    auto today = TokyoDay(now);
    for (int m = -from_months; m <= to_months; ++m) {
        auto ym = std::chrono::year_month{today.year(), today.month()} + std::chrono::months{m};
        Date meets{std::chrono::sys_days{std::chrono::year_month_weekday{
            ym.year(), ym.month(), std::chrono::weekday_indexed{std::chrono::Monday, weekday_index}}}};
        auto meets_on = FormatDate(meets);
        auto cutoff = AddDays(meets_on, -21);
        ethics::AddMeeting(tx, office, committee, meets_on, cutoff, Ago(now, 400));
    }
}

struct Plan {
    const char* project;  // Japanese title prefix
    const char* title;
    const char* category;
    const char* committee;  // institutional | certified | irb
    const char* review_type;
    const char* pi;  // e-mail; "" = the project's PI
    std::vector<const char*> sites;
    int target;
    int created;  // days ago
    // Each step: days ago, status, note.
    std::vector<std::tuple<int, const char*, const char*>> steps;
};

}  // namespace

void LoadEthicsDemo(db::Tx& tx, Seconds now) {
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");
    auto office2 = DemoPerson(tx, "kobayashi.naoko@renkei.example");
    auto chair = DemoPerson(tx, "sato.seiichi@renkei.example");

    ethics::CommitteeInput in;
    in.name_ja = "慶應義塾大学医学部倫理委員会";
    in.name_en = "Keio University School of Medicine Ethics Committee";
    in.kind = "institutional";
    in.member_ids =
        std::vector<std::string>{Id(tx, "sato.seiichi@renkei.example"), Id(tx, "takahashi.hiroshi@renkei.example")};
    auto institutional = ethics::CreateCommittee(tx, office, in, Ago(now, 420)).committee.id;
    in.name_ja = "慶應義塾臨床研究審査委員会（認定臨床研究審査委員会）";
    in.name_en = "Keio Certified Review Board";
    in.kind = "certified";
    in.certification_no = "CRB3200099";
    in.member_ids =
        std::vector<std::string>{Id(tx, "suzuki.masaki@renkei.example"), Id(tx, "sato.seiichi@renkei.example")};
    auto certified = ethics::CreateCommittee(tx, office, in, Ago(now, 420)).committee.id;
    in.name_ja = "慶應義塾大学病院治験審査委員会";
    in.name_en = "Keio University Hospital Institutional Review Board";
    in.kind = "institutional";
    in.certification_no = "";
    in.approval_valid_months = std::optional<int>{12};  // 継続審査: at least once a year
    in.member_ids =
        std::vector<std::string>{Id(tx, "suzuki.masaki@renkei.example"), Id(tx, "takahashi.hiroshi@renkei.example")};
    auto irb = ethics::CreateCommittee(tx, office, in, Ago(now, 420)).committee.id;
    PlanMeetings(tx, office, institutional, now, 13, 4, 2);
    PlanMeetings(tx, office, certified, now, 13, 4, 3);
    PlanMeetings(tx, office, irb, now, 13, 4, 1);
    std::map<std::string, std::string> committees{
        {"institutional", institutional}, {"certified", certified}, {"irb", irb}};
    std::map<std::string, auth::Principal> reviewers{{"institutional", chair},
                                                     {"certified", DemoPerson(tx, "suzuki.masaki@renkei.example")},
                                                     {"irb", DemoPerson(tx, "suzuki.masaki@renkei.example")}};

    std::map<std::string, projects::Project> by_title;
    for (const auto& item : projects::ListProjects(tx, office, {}, now))
        if (auto p = projects::FindProjectForModule(tx, item.summary.project.id)) by_title[p->title_ja] = *p;
    auto project_of = [&](const std::string& prefix) -> const projects::Project* {
        for (const auto& [title, p] : by_title)
            if (title.rfind(prefix, 0) == 0) return &p;
        return nullptr;
    };

    const std::vector<Plan> plans = {
        {"貼付型ウェアラブル心電図",
         "貼付型心電図パッチ装着患者の皮膚所見に関する観察研究",
         "observational",
         "institutional",
         "expedited",
         "",
         {"慶應義塾大学病院"},
         200,
         900,
         {{880, "submitted", ""},
          {855, "approved", ""},
          {840, "active", ""},
          {250, "completed", "目標症例数に到達し、データ収集を終了した。"}}},
        {"貼付型ウェアラブル心電図",
         "第二世代心電図パッチによる発作性心房細動検出能を検証する特定臨床研究",
         "specified_clinical",
         "certified",
         "full",
         "",
         {"慶應義塾大学病院", "東京都済生会中央病院"},
         120,
         520,
         {{500, "submitted", ""},
          {470, "revisions_requested", "同意説明文書に装着中の入浴に関する注意を追記すること。"},
          {462, "submitted", "指摘事項を反映した。"},
          {440, "approved", ""},
          {410, "active", ""}}},
        {"炎症性腸疾患",
         "炎症性腸疾患の再燃予測バイオマーカーに関する前向き観察研究",
         "observational",
         "institutional",
         "full",
         "",
         {"慶應義塾大学病院"},
         300,
         560,
         {{540, "submitted", ""}, {505, "approved", ""}, {495, "active", ""}}},
        {"炎症性腸疾患",
         "再燃予測診断キットの臨床性能を評価する治験",
         "clinical_trial",
         "irb",
         "full",
         "",
         {"慶應義塾大学病院"},
         150,
         30,
         {{12, "submitted", ""}}},
        {"iPS細胞由来心筋シート",
         "心筋シート評価のための患者由来iPS細胞の樹立に関する研究",
         "interventional",
         "institutional",
         "full",
         "",
         {"慶應義塾大学病院"},
         20,
         6,
         {}},
        {"腸内細菌叢プロファイル",
         "免疫チェックポイント阻害薬投与患者の便検体収集研究",
         "observational",
         "institutional",
         "full",
         "",
         {"慶應義塾大学病院"},
         80,
         70,
         {{55, "submitted", ""}, {24, "revisions_requested", "検体の保管期間と廃棄方法を研究計画書に明記すること。"}}},
        {"人工膝関節",
         "人工膝関節置換術後の摩耗粉測定に関する介入研究",
         "interventional",
         "institutional",
         "full",
         "",
         {"慶應義塾大学病院"},
         40,
         300,
         {{285, "submitted", ""},
          {250, "approved", ""},
          {240, "active", ""},
          {60, "suspended", "重篤な有害事象の報告を受け、原因の評価が終わるまで新規登録を中断する。"}}},
        {"看護記録",
         "音声入力による看護記録時間の比較研究",
         "interventional",
         "institutional",
         "expedited",
         "",
         {"慶應義塾大学病院"},
         60,
         60,
         {{45, "submitted", ""}, {18, "approved", ""}}},
        {"眼底OCT画像",
         "緑内障患者の視野検査データの前向き収集",
         "observational",
         "institutional",
         "full",
         "",
         {"慶應義塾大学病院"},
         500,
         120,
         {{110, "submitted", ""}, {90, "withdrawn", "後ろ向き研究に切り替えるため取り下げる。"}}},
        {"眼底OCT画像",
         "過去10年分の眼底OCT画像を用いた後ろ向き観察研究",
         "observational",
         "institutional",
         "expedited",
         "",
         {"慶應義塾大学病院"},
         3000,
         85,
         {{80, "submitted", ""}, {62, "approved", ""}, {58, "active", ""}}},
    };

    for (const auto& plan : plans) {
        const auto* project = project_of(plan.project);
        if (!project) continue;
        const auto* pi = project->WithRole("pi");
        // Act as the protocol's PI: the project's, unless the plan names another.
        auth::Principal actor = office;
        if (plan.pi[0])
            actor = DemoPerson(tx, plan.pi);
        else if (pi)
            if (auto person = people::FindPerson(tx, pi->person.id)) actor = DemoPerson(tx, person->email);
        ethics::ProtocolInput pin;
        pin.project_id = project->id;
        pin.category = plan.category;
        pin.committee_id = committees[plan.committee];
        pin.review_type = plan.review_type;
        pin.title_ja = plan.title;
        std::vector<std::string> sites(plan.sites.begin(), plan.sites.end());
        pin.sites = sites;
        int start_in = plan.steps.empty() ? 60 : 0;
        for (const auto& [ago, status, note] : plan.steps)
            if (std::string(status) == "active") start_in = -ago;
        if (start_in == 0) start_in = plan.steps.empty() ? 60 : -std::get<0>(plan.steps.back()) + 30;
        pin.planned_start = std::optional<std::string>{TokyoDate(now + days{start_in})};
        pin.planned_end = std::optional<std::string>{TokyoDate(now + days{start_in + 730})};
        pin.target_enrolment = std::optional<int>{plan.target};
        auto id = ethics::CreateProtocol(tx, actor, pin, Ago(now, plan.created)).protocol.id;
        const auto& reviewer = reviewers[plan.committee];
        int approvals = 0;
        for (const auto& [ago, status, note] : plan.steps) {
            std::string s = status;
            auto at = Ago(now, ago);
            if (s == "active" && std::string(plan.category) == "specified_clinical") {
                ethics::ProtocolInput jrct;
                jrct.jrct_id = "jRCTs032200" + std::to_string(100 + ago % 900);
                jrct.jrct_registered_on = std::optional<std::string>{DateAgo(now, ago + 5)};
                ethics::UpdateProtocol(tx, actor, id, jrct, at);
            }
            ethics::StatusChange change;
            change.status = s;
            change.note = note;
            if (s == "approved")
                change.approval_no = std::string(plan.committee == std::string("certified") ? "CRB" : "") + "2025-" +
                                     std::to_string(100 + (++approvals) * 7 + ago % 50);
            bool review_side = s == "revisions_requested" || s == "approved" || s == "suspended";
            ethics::MoveProtocol(tx, review_side ? (ago % 2 ? reviewer : office2) : actor, id, change, at);
        }
        auto view = ethics::ReadProtocol(tx, office, id, now);
        const auto& p = view.protocol;
        if (p.activated_on) {
            auto until = p.completed_on ? *p.completed_on : TokyoDate(now);
            int months = 0;
            for (auto day = AddDays(*p.activated_on, 30); day <= until; day = AddDays(day, 30)) ++months;
            int n = 0;
            for (auto day = AddDays(*p.activated_on, 30); day <= until; day = AddDays(day, 30)) {
                ++n;
                int enrolled = plan.target * n / std::max(months + (p.completed_on ? 0 : 4), 1);
                ethics::RecordEnrolment(tx, actor, id, {day, std::min(enrolled, plan.target)},
                                        FromTokyo(*ParseDate(day), 600));
            }
        }
    }

    // Adverse events, as the PIs entered them.
    auto protocols = ethics::ListProtocols(tx, office, {}, now);
    auto find = [&](const std::string& prefix) -> std::string {
        for (const auto& v : protocols)
            if (v.protocol.title_ja.rfind(prefix, 0) == 0) return v.protocol.id;
        return "";
    };
    auto tanaka = DemoPerson(tx, "tanaka.kenji@renkei.example");
    auto yoshida = DemoPerson(tx, "yoshida.sho@renkei.example");
    if (auto ecg = find("第二世代心電図パッチ"); !ecg.empty()) {
        ethics::AdverseEventInput e;
        e.learned_on = DateAgo(now, 150);
        e.occurred_on = DateAgo(now, 151);
        e.seriousness = "serious";
        e.expected = false;
        e.unapproved = true;
        e.summary = "装着部位の重度の接触皮膚炎により入院（3日間）。回復。";
        ethics::AddAdverseEvent(tx, tanaka, ecg, e, Ago(now, 150));
        e.learned_on = DateAgo(now, 4);
        e.occurred_on = DateAgo(now, 5);
        e.summary = "装着中の失神により入院。因果関係を評価中。";
        ethics::AddAdverseEvent(tx, tanaka, ecg, e, Ago(now, 4));
        e.learned_on = DateAgo(now, 30);
        e.occurred_on = DateAgo(now, 31);
        e.seriousness = "non_serious";
        e.expected = true;
        e.summary = "装着部位の軽度の発赤。";
        ethics::AddAdverseEvent(tx, tanaka, ecg, e, Ago(now, 30));
    }
    if (auto knee = find("人工膝関節置換術後"); !knee.empty()) {
        ethics::AdverseEventInput e;
        e.learned_on = DateAgo(now, 64);
        e.occurred_on = DateAgo(now, 66);
        e.seriousness = "life_threatening";
        e.expected = false;
        e.unapproved = false;
        e.summary = "術後の肺塞栓症。集中治療により回復。";
        ethics::AddAdverseEvent(tx, yoshida, knee, e, Ago(now, 64));
    }

    // Consent-form versions and amendments, each with its own review.
    auto consent_doc = [](const std::string& title, int version, const std::string& change) {
        using contracts::documents::Paragraph;
        return contracts::documents::Package(
            Paragraph("研究への参加についての説明文書（第" + std::to_string(version) + "版）", "Title") +
                Paragraph("研究課題名：" + title) +
                Paragraph("この説明文書は、研究の目的、方法、予想される利益と不利益、参加しない自由について説明するもの"
                          "です。") +
                Paragraph("改訂の内容：" + change),
            "同意説明文書 第" + std::to_string(version) + "版", title);
    };
    auto submit = [&](const auth::Principal& who, const std::string& protocol, const char* kind,
                      const std::string& summary, const std::string& bytes, int ago) {
        ethics::AmendmentInput a;
        a.kind = kind;
        a.summary = summary;
        if (!bytes.empty()) a.filename = std::string(kind) == "consent" ? "consent.docx" : "amendment.docx";
        a.bytes = bytes;
        auto view = ethics::SubmitAmendment(tx, who, protocol, a, Ago(now, ago));
        return view.protocol.amendments;
    };
    auto decide = [&](const auth::Principal& who, const std::string& protocol, const char* kind, int number,
                      const char* status, const char* note, int ago) {
        auto view = ethics::ReadProtocol(tx, office, protocol, Ago(now, ago));
        for (const auto& a : view.protocol.amendments)
            if (Text(a.kind) == kind && a.number == number)
                ethics::MoveAmendment(tx, who, protocol, a.id, status, note, Ago(now, ago));
    };
    auto crb_member = DemoPerson(tx, "suzuki.masaki@renkei.example");
    if (auto ecg = find("第二世代心電図パッチ"); !ecg.empty()) {
        const std::string title = "第二世代心電図パッチによる発作性心房細動検出能を検証する特定臨床研究";
        submit(tanaka, ecg, "consent", "初版", consent_doc(title, 1, "初版"), 505);
        decide(crb_member, ecg, "consent", 1, "approved", "", 440);
        submit(tanaka, ecg, "amendment", "実施医療機関に東京都済生会中央病院を追加する", "", 330);
        decide(crb_member, ecg, "amendment", 1, "approved", "", 300);
        submit(tanaka, ecg, "consent", "装着中の入浴とシャワーに関する注意を追記",
               consent_doc(title, 2, "入浴時の注意を追記"), 230);
        decide(crb_member, ecg, "consent", 2, "revisions_requested", "図を追加して分かりやすくすること。", 215);
        decide(tanaka, ecg, "consent", 2, "submitted", "図を追加した。", 208);
        decide(crb_member, ecg, "consent", 2, "approved", "", 190);
    }
    if (auto ibd = find("炎症性腸疾患の再燃予測"); !ibd.empty()) {
        auto yamada = DemoPerson(tx, "yamada.hanako@renkei.example");
        submit(yamada, ibd, "amendment", "目標症例数を300例から360例に変更し、採血時点を1点追加する", "", 5);
    }

    // The reports that fell due were filed a few days early, except the IBD study's last progress
    // report, which the office is chasing (overdue).
    for (const auto& v : ethics::ListProtocols(tx, office, {}, now)) {
        auto full = ethics::ReadProtocol(tx, office, v.protocol.id, now);
        bool chased = full.protocol.title_ja.rfind("炎症性腸疾患の再燃予測", 0) == 0;
        for (const auto& d : full.deadlines) {
            if (d.filed_on || d.kind == "jrct_registration") continue;
            if (chased && d.kind == "periodic_report" && d.due_on > TokyoDate(now - days{200})) continue;
            if (d.due_on > TokyoDate(now - days{3})) continue;
            ethics::Report r{d.kind, d.subject_id, d.due_on, AddDays(d.due_on, -3)};
            if (r.filed_on > TokyoDate(now)) r.filed_on = TokyoDate(now);
            ethics::FileReport(tx, office, v.protocol.id, r, now);
        }
    }
    ethics::SyncAllInboxes(tx, now);
}

}  // namespace renkei::app
