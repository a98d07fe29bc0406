// The steering committee over HTTP (issue 18, docs/committee.md): a meeting's agenda gathers the
// waiting proposals, members with a conflict are recused automatically and say why, votes count
// under the quorum and majority rules, the decision takes effect in the same request (an approved
// proposal is an active project at once), nothing happens without a quorum, a member's own
// recusal withdraws their vote, written resolutions, and the minutes as .docx.
// Who may call each route is in authz_matrix.txt [committee]; the rules alone in
// src/modules/committee/model_test.cpp.
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

using namespace std::chrono;

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

// Asia/Tokyo wall-clock time `days` from today at `hour`:00, RFC 3339.
std::string At(int days, int hour) {
    year_month_day d{floor<std::chrono::days>(system_clock::now() + hours{9}) + std::chrono::days{days}};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:00:00+09:00", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), hour);
    return buf;
}

class CommitteeApi : public ApiTest {
  protected:
    void World() {
        cardiology = Org("循環器内科", "department");
        company_a = Org("JSR株式会社", "company");
        division_a = Org("研究開発部", "division", company_a);
        company_b = Org("信濃町メディテック株式会社", "company");
        ids["office"] = Person("office@cm.example", {"office"}, "");
        ids["u1"] = Person("u1@cm.example", {"committee", "clinician"}, cardiology);
        ids["u2"] = Person("u2@cm.example", {"committee", "clinician"}, cardiology);
        ids["u3"] = Person("u3@cm.example", {"committee"}, "");
        ids["c1"] = Person("c1@cm.example", {"committee"}, division_a);
        ids["c2"] = Person("c2@cm.example", {"committee"}, company_a);
        ids["c3"] = Person("c3@cm.example", {"committee"}, company_b);
        ids["pi"] = Person("pi@cm.example", {"clinician"}, cardiology);
        ids["lead_a"] = Person("lead-a@cm.example", {"company_researcher"}, company_a);
        ids["lead_b"] = Person("lead-b@cm.example", {"company_researcher"}, company_b);
        for (const char* name : {"office", "u1", "u2", "u3", "c1", "c2", "c3", "pi"}) c[name] = Login(EmailOf(name));
        for (const char* name : {"u1", "u2", "u3", "c1", "c2", "c3"}) {
            auto r = c["office"]->Put(
                "/api/committee/members/" + ids[name],
                json::object{{"side", name[0] == 'u' ? "university" : "company"}, {"term_from", "2020-04-01"}});
            ASSERT_EQ(r.status, 200) << r.body;
        }
    }
    static std::string EmailOf(const std::string& name) {
        std::string e = name;
        for (auto& ch : e)
            if (ch == '_') ch = '-';
        return e + "@cm.example";
    }
    std::string Propose(const std::string& who, const std::string& title, const std::string& pi,
                        const std::string& lead) {
        auto r = c[who]->Post(
            "/api/projects",
            json::object{{"kind", "joint"}, {"title_ja", title}, {"pi_id", ids[pi]}, {"company_lead_id", ids[lead]}});
        EXPECT_EQ(r.status, 201) << r.body;
        return S(r.json().at("id"));
    }
    json::value NewMeeting() {
        auto r = c["office"]->Post("/api/committee/meetings", json::object{{"title_ja", "第12回 運営委員会"},
                                                                           {"kind", "regular"},
                                                                           {"starts_at", At(7, 15)},
                                                                           {"ends_at", At(7, 17)}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    // The agenda item about `subject`.
    static json::object ItemOf(const json::value& meeting, const std::string& subject) {
        auto agenda = meeting.at("agenda").as_array();
        for (const auto& i : agenda)
            if (S(i.at("subject_id")) == subject) return i.as_object();
        ADD_FAILURE() << "no item about " << subject << " in " << json::serialize(meeting);
        return {};
    }
    static std::set<std::string> Recused(const json::object& item) {
        std::set<std::string> out;
        auto recused = item.at("recused").as_array();
        for (const auto& r : recused) out.insert(S(r));
        return out;
    }
    static std::string ReasonOf(const json::object& item, const std::string& person) {
        auto recusals = item.at("recusals").as_array();
        for (const auto& r : recusals)
            if (S(r.at("person").at("id")) == person) return S(r.at("reason"));
        return "";
    }
    void Present(const std::string& meeting, std::initializer_list<const char*> who) {
        for (const char* name : who) {
            auto r = c["office"]->Put("/api/committee/meetings/" + meeting + "/attendance",
                                      json::object{{"person_id", ids[name]}, {"present", true}});
            ASSERT_EQ(r.status, 200) << r.body;
        }
    }
    void Vote(const std::string& item, const char* who, const char* vote) {
        auto r = c[who]->Post("/api/committee/items/" + item + "/votes", json::object{{"vote", vote}});
        ASSERT_EQ(r.status, 200) << who << ": " << r.body;
    }
    std::string ProjectStatus(const std::string& id) {
        return S(c["office"]->Get("/api/projects/" + id).json().at("status"));
    }

    std::string cardiology, company_a, division_a, company_b;
    std::map<std::string, std::string> ids;
    std::map<std::string, std::unique_ptr<Client>> c;
};

TEST_F(CommitteeApi, TheAgendaGathersProposalsRecusesTheConflictedAndTheDecisionTakesEffect) {
    World();
    // u2 declared a relationship with company A this fiscal year.
    auto declared = c["u2"]->Put("/api/coi/declarations/mine",
                                 json::object{{"relationships", json::array{json::object{{"organisation_id", company_a},
                                                                                         {"category", "consulting"},
                                                                                         {"amount_yen", 1}}}}});
    ASSERT_EQ(declared.status, 200) << declared.body;
    std::string p_a = Propose("pi", "血管内皮を守るハイドロゲル", "pi", "lead_a");
    std::string p_b = Propose("u1", "在宅で測る下腿浮腫センサ", "u1", "lead_b");

    auto pending = c["u3"]->Get("/api/committee/pending");
    ASSERT_EQ(pending.status, 200) << pending.body;
    EXPECT_NE(pending.body.find("血管内皮を守るハイドロゲル"), std::string::npos) << pending.body;

    // Each member is asked to decide the proposal until a meeting takes it up.
    EXPECT_NE(c["u3"]->Get("/api/inbox?state=open").body.find("/projects/" + p_a), std::string::npos);
    auto meeting = NewMeeting();
    std::string m = S(meeting.at("id"));
    EXPECT_EQ(S(meeting.at("status")), "planned");
    EXPECT_EQ(c["u3"]->Get("/api/inbox?state=open").body.find("/projects/" + p_a), std::string::npos);
    EXPECT_EQ(meeting.at("attendance").as_array().size(), 6u);
    auto item_a = ItemOf(meeting, p_a), item_b = ItemOf(meeting, p_b);
    EXPECT_EQ(S(item_a.at("kind")), "project_proposal");
    EXPECT_EQ(S(item_a.at("link")), "/projects/" + p_a);
    EXPECT_TRUE(item_a.at("decision").is_null());
    // Company A's employees (its division too) and the member who declared A stand aside on A's
    // proposal; on B's: its PI (a member) and B's employee.
    EXPECT_EQ(Recused(item_a), (std::set<std::string>{ids["c1"], ids["c2"], ids["u2"]}));
    EXPECT_EQ(ReasonOf(item_a, ids["c1"]), "partner_employee");
    EXPECT_EQ(ReasonOf(item_a, ids["u2"]), "coi_declared");
    EXPECT_EQ(Recused(item_b), (std::set<std::string>{ids["u1"], ids["c3"]}));
    EXPECT_EQ(ReasonOf(item_b, ids["u1"]), "project_member");
    EXPECT_EQ(ReasonOf(item_b, ids["c3"]), "partner_employee");
    // On the agenda, the committee decides as a body: one member alone may not.
    auto alone = c["u3"]->Post("/api/projects/" + p_a + "/decision", json::object{{"decision", "approve"}});
    EXPECT_EQ(alone.status, 409) << alone.body;
    EXPECT_NE(alone.body.find("steering committee"), std::string::npos) << alone.body;
    EXPECT_FALSE(c["u3"]->Get("/api/projects/" + p_a).json().at("permissions").at("decide").as_bool());
    // A second meeting does not gather what is already on an open agenda.
    auto second = NewMeeting();
    EXPECT_TRUE(second.at("agenda").as_array().empty()) << json::serialize(second);

    // Nobody votes before being marked present; a recused member never does.
    auto early = c["u3"]->Post("/api/committee/items/" + S(item_a.at("id")) + "/votes", json::object{{"vote", "for"}});
    EXPECT_EQ(early.status, 409) << early.body;
    Present(m, {"u1", "u2", "u3", "c1", "c3"});  // 5 of 6, both sides
    auto recused_vote =
        c["c1"]->Post("/api/committee/items/" + S(item_a.at("id")) + "/votes", json::object{{"vote", "for"}});
    EXPECT_EQ(recused_vote.status, 409) << recused_vote.body;
    EXPECT_EQ(recused_vote.ErrorField(), "person_id");

    auto sent = c["office"]->Post("/api/committee/meetings/" + m + "/send", json::object{});
    ASSERT_EQ(sent.status, 200) << sent.body;
    auto inbox = c["c2"]->Get("/api/inbox?state=open");
    EXPECT_NE(inbox.body.find("運営委員会の議題"), std::string::npos) << inbox.body;

    // A's proposal: u1 and u3 for, c3 against (u2 and c1 recused, c2 absent): approved.
    Vote(S(item_a.at("id")), "u1", "for");
    Vote(S(item_a.at("id")), "u3", "for");
    Vote(S(item_a.at("id")), "c3", "against");
    EXPECT_EQ(ProjectStatus(p_a), "proposed");
    auto decided = c["office"]->Post("/api/committee/items/" + S(item_a.at("id")) + "/decision", json::object{});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(S(decided.json().at("decision")), "approved");
    EXPECT_EQ(decided.json().at("tally").at("for").to_number<int>(), 2);
    EXPECT_EQ(decided.json().at("tally").at("eligible").to_number<int>(), 3);
    EXPECT_EQ(ProjectStatus(p_a), "active");  // at once, in the same request
    auto again = c["office"]->Post("/api/committee/items/" + S(item_a.at("id")) + "/decision", json::object{});
    EXPECT_EQ(again.status, 409) << again.body;
    auto late_vote =
        c["u2"]->Post("/api/committee/items/" + S(item_a.at("id")) + "/votes", json::object{{"vote", "for"}});
    EXPECT_EQ(late_vote.status, 409) << late_vote.body;

    // B's proposal: the office records the votes cast in the room: 2 against, 1 for: rejected.
    for (auto [who, vote] :
         std::vector<std::pair<const char*, const char*>>{{"u2", "against"}, {"u3", "against"}, {"c1", "for"}}) {
        auto r = c["office"]->Post("/api/committee/items/" + S(item_b.at("id")) + "/votes",
                                   json::object{{"vote", vote}, {"person_id", ids[who]}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    auto rejected = c["office"]->Post("/api/committee/items/" + S(item_b.at("id")) + "/decision",
                                      json::object{{"note", "臨床での評価計画を具体化して再提案"}});
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(S(rejected.json().at("decision")), "rejected");
    EXPECT_EQ(ProjectStatus(p_b), "rejected");

    // The minutes: a Word document naming the recused member and why, and the decisions.
    auto minutes = c["u1"]->Get("/api/committee/meetings/" + m + "/minutes.docx");
    ASSERT_EQ(minutes.status, 200);
    EXPECT_EQ(minutes.body.rfind("PK", 0), 0u);
    auto text = ZipEntry(minutes.body, "word/document.xml");
    EXPECT_NE(text.find("運営委員会　議事録"), std::string::npos);
    EXPECT_NE(text.find("相手先企業の所属（JSR株式会社）"), std::string::npos) << text.substr(0, 2000);
    EXPECT_NE(text.find("相手先企業との利益相反の申告"), std::string::npos);
    EXPECT_NE(text.find("承認（可決）"), std::string::npos);
    EXPECT_NE(text.find("臨床での評価計画を具体化して再提案"), std::string::npos);

    auto closed = c["office"]->Post("/api/committee/meetings/" + m + "/close", json::object{});
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(S(closed.json().at("status")), "closed");
    auto after_close = c["office"]->Post("/api/committee/meetings/" + m + "/items", json::object{{"title_ja", "追加"}});
    EXPECT_EQ(after_close.status, 409) << after_close.body;
    // The decided record survives the reading of a closed meeting unchanged.
    auto read = c["c3"]->Get("/api/committee/meetings/" + m);
    EXPECT_EQ(Recused(ItemOf(read.json(), p_a)), (std::set<std::string>{ids["c1"], ids["c2"], ids["u2"]}));
}

TEST_F(CommitteeApi, AStageGateTheCommitteeApprovesIsDecidedOnTheAgendaAndTheProjectMovesOn) {
    World();
    // The office lets the committee approve the move into feasibility.
    auto gate = c["office"]->Put("/api/project-gates/feasibility",
                                 json::object{{"approver", "committee"}, {"requirements", json::array{"pi_and_lead"}}});
    ASSERT_EQ(gate.status, 200) << gate.body;
    std::string p = Propose("pi", "睡眠時無呼吸の在宅スクリーニング", "pi", "lead_a");
    auto approved = c["u3"]->Post("/api/projects/" + p + "/decision", json::object{{"decision", "approve"}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    auto requested = c["pi"]->Post("/api/projects/" + p + "/stage-requests", json::object{{"to_stage", "feasibility"}});
    ASSERT_EQ(requested.status, 201) << requested.body;
    std::string request = S(requested.json().at("id"));
    // Until an agenda takes it up, each member is asked to approve it.
    EXPECT_NE(c["u3"]->Get("/api/inbox?state=open").body.find("ステージ移行の確認"), std::string::npos);

    auto pending = c["u1"]->Get("/api/committee/pending");
    EXPECT_NE(pending.body.find("\"stage_gate\""), std::string::npos) << pending.body;
    auto meeting = NewMeeting();
    std::string m = S(meeting.at("id"));
    auto item = ItemOf(meeting, request);
    EXPECT_EQ(S(item.at("kind")), "stage_gate");
    EXPECT_EQ(S(item.at("link")), "/projects/" + p);
    EXPECT_NE(S(item.at("title_ja")).find("実現可能性検討"), std::string::npos) << json::serialize(item);
    // The project's company (its division too) stands aside, as on a proposal.
    EXPECT_EQ(Recused(item), (std::set<std::string>{ids["c1"], ids["c2"]}));
    EXPECT_EQ(ReasonOf(item, ids["c2"]), "partner_employee");
    // The members' own approve items give way to the agenda, and one member can no longer approve it alone.
    EXPECT_EQ(c["u3"]->Get("/api/inbox?state=open").body.find("ステージ移行の確認"), std::string::npos);
    auto alone = c["u3"]->Post("/api/projects/" + p + "/stage-requests/" + request + "/decision",
                               json::object{{"decision", "approve"}});
    EXPECT_EQ(alone.status, 409) << alone.body;
    EXPECT_EQ(alone.ErrorField(), "decision");
    EXPECT_FALSE(c["u3"]->Get("/api/projects/" + p).json().at("permissions").at("approve_stage").as_bool());
    EXPECT_EQ(S(c["office"]->Get("/api/projects/" + p).json().at("stage")), "exploration");

    Present(m, {"u1", "u2", "u3", "c3"});
    Vote(S(item.at("id")), "u1", "for");
    Vote(S(item.at("id")), "u2", "for");
    Vote(S(item.at("id")), "c3", "abstain");
    auto decided = c["office"]->Post("/api/committee/items/" + S(item.at("id")) + "/decision", json::object{});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(S(decided.json().at("decision")), "approved");
    // The project is in feasibility at once; the request is decided and the timeline says so.
    auto project = c["office"]->Get("/api/projects/" + p).json();
    EXPECT_EQ(S(project.at("stage")), "feasibility");
    EXPECT_TRUE(project.at("pending_request").is_null()) << json::serialize(project);
    auto again = c["u3"]->Post("/api/projects/" + p + "/stage-requests/" + request + "/decision",
                               json::object{{"decision", "approve"}});
    EXPECT_EQ(again.status, 409) << again.body;
    // Decided, it no longer waits for the committee.
    EXPECT_EQ(c["u1"]->Get("/api/committee/pending").body.find("\"stage_gate\""), std::string::npos);
}

TEST_F(CommitteeApi, WithoutAQuorumNothingIsDecidedAndTheRulesAreConfiguration) {
    World();
    std::string p = Propose("pi", "術後せん妄の早期発見", "pi", "lead_b");
    auto meeting = NewMeeting();
    std::string m = S(meeting.at("id")), item = S(ItemOf(meeting, p).at("id"));
    // Three university members: not a majority of six (and no company member).
    Present(m, {"u1", "u2", "u3"});
    Vote(item, "u1", "for");
    auto refused = c["office"]->Post("/api/committee/items/" + item + "/decision", json::object{});
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.ErrorField(), "quorum");
    EXPECT_NE(refused.body.find("3 of 6"), std::string::npos) << refused.body;
    EXPECT_EQ(ProjectStatus(p), "proposed");
    // c1 arrives: four present, both sides; u1 for, u2 abstains: a majority of votes passes, a
    // majority of the eligible (4) does not.
    Present(m, {"c1"});
    Vote(item, "u2", "abstain");
    auto rules =
        c["office"]->Put("/api/committee/rules",
                         json::object{{"quorum", "majority"}, {"each_side", true}, {"pass", "majority_of_eligible"}});
    ASSERT_EQ(rules.status, 200) << rules.body;
    auto view = c["office"]->Get("/api/committee/items/" + item);
    EXPECT_EQ(S(view.json().at("tally").at("outcome")), "rejected");
    rules = c["office"]->Put("/api/committee/rules",
                             json::object{{"quorum", "majority"}, {"each_side", true}, {"pass", "majority_of_votes"}});
    ASSERT_EQ(rules.status, 200);
    view = c["office"]->Get("/api/committee/items/" + item);
    EXPECT_EQ(S(view.json().at("tally").at("outcome")), "approved");
    // A member's own recusal withdraws their vote.
    auto recuse =
        c["u1"]->Post("/api/committee/items/" + item + "/recusal", json::object{{"reason", "申請者の指導教員のため"}});
    ASSERT_EQ(recuse.status, 200) << recuse.body;
    EXPECT_TRUE(recuse.json().at("my_vote").is_null());
    EXPECT_EQ(ReasonOf(recuse.json().as_object(), ids["u1"]), "declared");
    EXPECT_EQ(S(recuse.json().at("tally").at("outcome")), "rejected");  // nobody for, u2 abstains
}

TEST_F(CommitteeApi, WrittenResolutionsAreVotedFromTheInboxAndDecidedOnceEveryoneVoted) {
    World();
    auto created = c["office"]->Post("/api/committee/written", json::object{{"title_ja", "年度予算の配分変更"},
                                                                            {"note", "共同研究費の配分を変更する。"},
                                                                            {"vote_deadline", At(5, 17)}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string item = S(created.json().at("id"));
    auto inbox = c["c3"]->Get("/api/inbox?state=open");
    EXPECT_NE(inbox.body.find("書面決議: 年度予算の配分変更"), std::string::npos) << inbox.body;
    auto early = c["office"]->Post("/api/committee/items/" + item + "/decision", json::object{});
    EXPECT_EQ(early.status, 409) << early.body;
    // The office cannot cast a written vote for a member.
    auto proxy = c["office"]->Post("/api/committee/items/" + item + "/votes",
                                   json::object{{"vote", "for"}, {"person_id", ids["u1"]}});
    EXPECT_EQ(proxy.status, 403) << proxy.body;
    for (const char* who : {"u1", "u2", "u3", "c1", "c2"}) Vote(item, who, "for");
    Vote(item, "c3", "against");
    inbox = c["c3"]->Get("/api/inbox?state=open");
    EXPECT_EQ(inbox.body.find("書面決議: 年度予算の配分変更"), std::string::npos) << "answered: off the inbox";
    auto decided = c["office"]->Post("/api/committee/items/" + item + "/decision", json::object{});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(S(decided.json().at("decision")), "approved");
    auto list = c["u1"]->Get("/api/committee/written");
    EXPECT_NE(list.body.find("年度予算の配分変更"), std::string::npos);
}

TEST_F(CommitteeApi, BadInputNamesTheField) {
    World();
    std::string m = S(NewMeeting().at("id"));
    struct Row {
        const char* method;
        std::string target;
        json::object body;
        int status;
        const char* field;
    };
    std::vector<Row> rows = {
        {"POST", "/api/committee/meetings", {{"starts_at", At(1, 10)}, {"ends_at", At(1, 11)}}, 422, "title_ja"},
        {"POST",
         "/api/committee/meetings",
         {{"title_ja", "会"}, {"starts_at", At(1, 11)}, {"ends_at", At(1, 10)}},
         422,
         "ends_at"},
        {"POST",
         "/api/committee/meetings",
         {{"title_ja", "会"}, {"kind", "weekly"}, {"starts_at", At(1, 10)}, {"ends_at", At(1, 11)}},
         422,
         "kind"},
        {"POST",
         "/api/committee/meetings",
         {{"title_ja", "会"}, {"starts_at", "tomorrow"}, {"ends_at", At(1, 11)}},
         422,
         "starts_at"},
        {"POST",
         "/api/committee/meetings",
         {{"title_ja", "会"}, {"starts_at", At(1, 10)}, {"ends_at", At(1, 11)}, {"space_id", "0000000000000000"}},
         422,
         "space_id"},
        {"PUT",
         "/api/committee/rules",
         {{"quorum", "all"}, {"each_side", true}, {"pass", "majority_of_votes"}},
         422,
         "quorum"},
        {"PUT", "/api/committee/rules", {{"quorum", "majority"}, {"pass", "majority_of_votes"}}, 422, "each_side"},
        {"PUT",
         "/api/committee/members/" + ids["u1"],
         {{"side", "hospital"}, {"term_from", "2020-04-01"}},
         422,
         "side"},
        {"PUT",
         "/api/committee/members/" + ids["u1"],
         {{"side", "university"}, {"term_from", "2020-02-30"}},
         422,
         "term_from"},
        {"PUT",
         "/api/committee/members/" + ids["u1"],
         {{"side", "university"}, {"term_from", "2020-04-01"}, {"term_to", "2019-03-31"}},
         422,
         "term_to"},
        {"PUT",
         "/api/committee/members/" + ids["pi"],
         {{"side", "university"}, {"term_from", "2020-04-01"}},
         422,
         "person_id"},
        {"PUT", "/api/committee/meetings/" + m + "/order", {{"item_ids", json::array{"x"}}}, 422, "item_ids"},
        {"PUT",
         "/api/committee/meetings/" + m + "/attendance",
         {{"person_id", ids["pi"]}, {"present", true}},
         422,
         "person_id"},
        {"POST", "/api/committee/meetings/" + m + "/items", {{"note", "題のない議題"}}, 422, "title_ja"},
        {"POST", "/api/committee/written", {{"title_ja", "過去"}, {"vote_deadline", At(-1, 10)}}, 422, "vote_deadline"},
        {"POST",
         "/api/committee/written",
         {{"kind", "project_proposal"}, {"vote_deadline", At(3, 10)}},
         422,
         "subject_id"},
        {"POST", "/api/committee/meetings/" + m + "/send", {}, 409, "items"},
    };
    for (const auto& r : rows) {
        auto res = c["office"]->Request(r.method, r.target, json::serialize(r.body));
        EXPECT_EQ(res.status, r.status) << r.method << " " << r.target << " " << json::serialize(r.body) << ": "
                                        << res.body;
        if (res.status == r.status) {
            EXPECT_EQ(res.ErrorField(), r.field) << res.body;
        }
    }
    auto bad_vote = c["office"]->Post("/api/committee/meetings/" + m + "/items", json::object{{"title_ja", "報告"}});
    ASSERT_EQ(bad_vote.status, 201);
    auto agenda = bad_vote.json().at("agenda").as_array();
    std::string item = S(agenda.at(0).at("id"));
    auto v = c["u1"]->Post("/api/committee/items/" + item + "/votes", json::object{{"vote", "maybe"}});
    EXPECT_EQ(v.status, 422);
    auto rec = c["u1"]->Post("/api/committee/items/" + item + "/recusal", json::object{{"reason", "  "}});
    EXPECT_EQ(rec.status, 422);
    EXPECT_EQ(rec.ErrorField(), "reason");
    // Nothing half-written: the meeting still has exactly the one item.
    auto read = c["office"]->Get("/api/committee/meetings/" + m);
    EXPECT_EQ(read.json().at("agenda").as_array().size(), 1u);
}

}  // namespace
}  // namespace renkei::testing
