// The open call over HTTP (issue 19, docs/opencall.md): the office opens a call, academics submit,
// the assignment never gives a reviewer a proposal they conflict with (department, declared COI
// with the partner company, a joint project, the team), late proposals are refused, reviewers
// score, the proposed selection fits the budget, and the committee's approval starts the projects.
// Who may call each route is in authz_matrix.txt [opencall]; the solver's optimality is in
// src/modules/opencall/assignment_test.cpp and bench/assignment.
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

class OpenCallApi : public ApiTest {
  protected:
    void World() {
        cardiology = Org("循環器内科", "department");
        surgery = Org("外科", "department");
        radiology = Org("放射線科", "department");
        company_a = Org("JSR株式会社", "company");
        company_b = Org("信濃町メディテック株式会社", "company");
        ids["office"] = Person("office@oc.example", {"office"}, "");
        ids["committee"] = Person("committee@oc.example", {"committee"}, "");
        ids["app1"] = Person("app1@oc.example", {"clinician"}, cardiology);
        ids["app2"] = Person("app2@oc.example", {"researcher"}, surgery);
        ids["lead_a"] = Person("lead-a@oc.example", {"company_researcher"}, company_a);
        ids["lead_b"] = Person("lead-b@oc.example", {"company_researcher"}, company_b);
        // The pool: each of the first three conflicts with one proposal for one reason.
        ids["r_coi"] = Person("r-coi@oc.example", {"clinician"}, radiology);       // declared COI with company A
        ids["r_dept"] = Person("r-dept@oc.example", {"clinician"}, cardiology);    // app1's department
        ids["r_joint"] = Person("r-joint@oc.example", {"researcher"}, radiology);  // a project with app2
        ids["r_free"] = Person("r-free@oc.example", {"clinician"}, radiology);
        for (const char* name :
             {"office", "committee", "app1", "app2", "lead_a", "r_coi", "r_dept", "r_joint", "r_free"})
            c[name] = Login(EmailOf(name));
    }
    static std::string EmailOf(const std::string& name) {
        std::string e = name;
        for (auto& ch : e)
            if (ch == '_') ch = '-';
        return e + "@oc.example";
    }
    json::object CallBody(const std::string& opens_on, const std::string& closes_on, int reviews = 1,
                          int load_cap = 2) {
        json::array reviewers;
        for (const auto& r : {"r_coi", "r_dept", "r_joint", "r_free"})
            reviewers.push_back({{"person_id", ids[r]}, {"load_cap", load_cap}});
        return {
            {"title_ja", "令和9年度 学内公募"},
            {"title_en", "Open call FY2027"},
            {"theme", "臨床現場の課題を解決する医療機器"},
            {"total_budget_yen", 8000000},
            {"per_project_cap_yen", 5000000},
            {"opens_on", opens_on},
            {"closes_on", closes_on},
            {"reviews_per_proposal", reviews},
            {"disagreement_threshold", 1.5},
            {"normalise", false},
            {"criteria", json::array{json::object{{"code", "novelty"}, {"label_ja", "新規性"}, {"weight", 2}},
                                     json::object{{"code", "feasibility"}, {"label_ja", "実現可能性"}, {"weight", 1}}}},
            {"reviewers", std::move(reviewers)}};
    }
    json::object ProposalBody(const std::string& title, const std::string& lead, long long yen) {
        return {{"title_ja", title},
                {"aims", title + "の目的"},
                {"company_lead_id", ids[lead]},
                {"budgets", json::array{json::object{{"fiscal_year", 2027}, {"amount_yen", yen}}}}};
    }
    // A call opened by the office; returns its id.
    std::string OpenedCall(int reviews = 1, int load_cap = 2) {
        auto r = c["office"]->Post("/api/opencall/calls", CallBody(TokyoDay(0), TokyoDay(10), reviews, load_cap));
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id = S(r.json().at("id"));
        auto o = c["office"]->Post("/api/opencall/calls/" + id + "/open", json::object{});
        EXPECT_EQ(o.status, 200) << o.body;
        return id;
    }
    // A submitted proposal; returns its id.
    std::string Submitted(const std::string& call, const std::string& who, const json::object& body) {
        auto r = c[who]->Post("/api/opencall/calls/" + call + "/proposals", body);
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id = S(r.json().at("id"));
        auto s = c[who]->Post("/api/opencall/proposals/" + id + "/submit", json::object{});
        EXPECT_EQ(s.status, 200) << s.body;
        return id;
    }
    // The office moves the deadline to yesterday (the call closes).
    void Close(const std::string& call) {
        auto r = c["office"]->Put("/api/opencall/calls/" + call, CallBody(TokyoDay(-2), TokyoDay(-1)));
        EXPECT_EQ(r.status, 200) << r.body;
    }
    std::string cardiology, surgery, radiology, company_a, company_b;
    std::map<std::string, std::string> ids;
    std::map<std::string, std::unique_ptr<Client>> c;
};

TEST_F(OpenCallApi, FromTheCallToActiveProjectsWithoutAConflictedReviewer) {
    World();
    // r_coi declares a relationship with company A; r_joint proposes a project with app2.
    auto declared = c["r_coi"]->Put(
        "/api/coi/declarations/mine",
        json::object{
            {"relationships", json::array{json::object{
                                  {"organisation_id", company_a}, {"category", "consulting"}, {"amount_yen", 1}}}}});
    ASSERT_EQ(declared.status, 200) << declared.body;
    auto joint = c["r_joint"]->Post(
        "/api/projects",
        json::object{
            {"kind", "joint"}, {"title_ja", "共同研究"}, {"pi_id", ids["app2"]}, {"company_lead_id", ids["lead_b"]}});
    ASSERT_EQ(joint.status, 201) << joint.body;

    std::string call = OpenedCall();
    // The call reaches the academics' inboxes.
    auto inbox = c["app1"]->Get("/api/inbox?state=open");
    ASSERT_EQ(inbox.status, 200);
    EXPECT_NE(inbox.body.find("学内公募"), std::string::npos) << inbox.body;

    // The closing date is on the office's view of deadlines, naming whoever still has a draft.
    auto draft = c["app2"]->Post("/api/opencall/calls/" + call + "/proposals", json::object{{"title_ja", "下書き"}});
    ASSERT_EQ(draft.status, 201) << draft.body;
    auto deadlines = c["office"]->Get("/api/deadlines?from=" + TokyoDay(0) + "&days=30");
    ASSERT_EQ(deadlines.status, 200) << deadlines.body;
    EXPECT_NE(deadlines.body.find("opencall.closing"), std::string::npos) << deadlines.body;
    EXPECT_NE(deadlines.body.find(ids["app2"]), std::string::npos) << deadlines.body;
    ASSERT_EQ(
        c["app2"]->Post("/api/opencall/proposals/" + S(draft.json().at("id")) + "/withdraw", json::object{}).status,
        200);

    std::string pa = Submitted(call, "app1", ProposalBody("心不全の遠隔モニタリング", "lead_a", 4000000));
    std::string pb = Submitted(call, "app2", ProposalBody("術後感染の早期検知", "lead_b", 3000000));
    auto proposal = c["app1"]->Get("/api/opencall/proposals/" + pa).json();
    EXPECT_EQ(S(proposal.at("partner_company").at("id")), company_a);
    EXPECT_EQ(S(proposal.at("status")), "submitted");

    // The assignment: every conflict is shown with its reason and none is assigned.
    auto solved = c["office"]->Post("/api/opencall/calls/" + call + "/assignment", json::object{});
    ASSERT_EQ(solved.status, 200) << solved.body;
    auto view = solved.json();
    std::map<std::string, std::set<std::string>> assigned, excluded_reason;
    for (const auto& p : view.at("proposals").as_array()) {
        std::string pid = S(p.at("id"));
        ASSERT_EQ(p.at("reviewers").as_array().size(), 1u) << json::serialize(p);
        for (const auto& r : p.at("reviewers").as_array()) assigned[pid].insert(S(r.at("person").at("id")));
        for (const auto& e : p.at("excluded").as_array())
            for (const auto& why : e.at("reasons").as_array())
                excluded_reason[pid].insert(S(e.at("person").at("id")) + ":" + S(why));
    }
    EXPECT_TRUE(excluded_reason[pa].count(ids["r_coi"] + ":partner_coi")) << solved.body;
    EXPECT_TRUE(excluded_reason[pa].count(ids["r_dept"] + ":same_department")) << solved.body;
    EXPECT_TRUE(excluded_reason[pb].count(ids["r_joint"] + ":joint_project")) << solved.body;
    EXPECT_FALSE(assigned[pa].count(ids["r_coi"]) || assigned[pa].count(ids["r_dept"]));
    EXPECT_FALSE(assigned[pb].count(ids["r_joint"]));

    // The office forbids the pair the solver chose for pa and re-solves: another reviewer, still no conflict.
    std::string first = *assigned[pa].begin();
    auto pairs = c["office"]->Put(
        "/api/opencall/calls/" + call + "/pairs",
        json::object{
            {"pairs", json::array{json::object{{"proposal_id", pa}, {"person_id", first}, {"rule", "forbid"}}}}});
    ASSERT_EQ(pairs.status, 200) << pairs.body;
    EXPECT_TRUE(pairs.json().at("stale").as_bool());
    auto again = c["office"]->Post("/api/opencall/calls/" + call + "/assignment", json::object{});
    ASSERT_EQ(again.status, 200) << again.body;
    std::string reviewer_a, reviewer_b;
    auto again_view = again.json();
    for (const auto& p : again_view.at("proposals").as_array()) {
        auto who = S(p.at("reviewers").at(0).at("person").at("id"));
        (S(p.at("id")) == pa ? reviewer_a : reviewer_b) = who;
    }
    EXPECT_NE(reviewer_a, first);
    EXPECT_NE(reviewer_a, ids["r_coi"]);
    EXPECT_NE(reviewer_a, ids["r_dept"]);
    EXPECT_NE(reviewer_b, ids["r_joint"]);

    // The review cannot start while proposals are accepted; the office closes the call. The
    // assignment survives (the pool is the same) but is marked stale, so it is solved again.
    EXPECT_EQ(c["office"]->Post("/api/opencall/calls/" + call + "/review", json::object{}).status, 409);
    Close(call);
    auto late = c["app1"]->Post("/api/opencall/calls/" + call + "/proposals", ProposalBody("遅れた応募", "lead_a", 1));
    EXPECT_EQ(late.status, 409) << late.body;
    EXPECT_EQ(S(late.json().at("error").at("field")), "closes_on");
    auto late_edit = c["app1"]->Put("/api/opencall/proposals/" + pa, ProposalBody("変更", "lead_a", 1000000));
    EXPECT_EQ(late_edit.status, 409) << late_edit.body;
    EXPECT_EQ(c["office"]->Post("/api/opencall/calls/" + call + "/review", json::object{}).status, 409);
    ASSERT_EQ(c["office"]->Post("/api/opencall/calls/" + call + "/assignment", json::object{}).status, 200);
    auto started = c["office"]->Post("/api/opencall/calls/" + call + "/review", json::object{});
    ASSERT_EQ(started.status, 200) << started.body;
    EXPECT_EQ(S(started.json().at("status")), "review");

    // Reviewers find the proposal in their inbox and score it; a missing criterion is refused.
    auto final_view = c["office"]->Get("/api/opencall/calls/" + call + "/assignment").json();
    std::map<std::string, std::string> reviewer_of;
    for (const auto& p : final_view.at("proposals").as_array())
        reviewer_of[S(p.at("id"))] = S(p.at("reviewers").at(0).at("person").at("id"));
    auto name_of = [&](const std::string& id) {
        for (const auto& [name, pid] : ids)
            if (pid == id) return name;
        return std::string();
    };
    auto& ra = c[name_of(reviewer_of[pa])];
    auto& rb = c[name_of(reviewer_of[pb])];
    EXPECT_NE(ra->Get("/api/inbox?state=open").body.find("/opencall/proposals/" + pa), std::string::npos);
    auto partial = ra->Put("/api/opencall/proposals/" + pa + "/review", json::object{{"scores", {{"novelty", 5}}}});
    EXPECT_EQ(partial.status, 422);
    EXPECT_EQ(S(partial.json().at("error").at("field")), "scores.feasibility");
    auto out_of_range = ra->Put("/api/opencall/proposals/" + pa + "/review",
                                json::object{{"scores", {{"novelty", 6}, {"feasibility", 3}}}});
    EXPECT_EQ(out_of_range.status, 422);
    EXPECT_EQ(S(out_of_range.json().at("error").at("field")), "scores.novelty");
    // A reviewer of the other proposal may not score this one.
    if (reviewer_of[pa] != reviewer_of[pb])
        EXPECT_NE(rb->Put("/api/opencall/proposals/" + pa + "/review",
                          json::object{{"scores", {{"novelty", 1}, {"feasibility", 1}}}})
                      .status,
                  200);
    ASSERT_EQ(ra->Put("/api/opencall/proposals/" + pa + "/review",
                      json::object{{"scores", {{"novelty", 5}, {"feasibility", 4}}}, {"comment", "有望"}})
                  .status,
              200);
    ASSERT_EQ(rb->Put("/api/opencall/proposals/" + pb + "/review",
                      json::object{{"scores", {{"novelty", 3}, {"feasibility", 3}}}, {"comment", "標準的"}})
                  .status,
              200);

    // The ranking: pa (4.67) above pb (3); both together ask ¥7M of ¥8M, so both are proposed.
    auto ranking = c["office"]->Get("/api/opencall/calls/" + call + "/ranking");
    ASSERT_EQ(ranking.status, 200) << ranking.body;
    auto rows = ranking.json().at("rows").as_array();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(S(rows[0].at("proposal").at("id")), pa);
    EXPECT_NEAR(rows[0].at("score").as_double(), 14.0 / 3.0, 1e-9);
    auto proposed = ranking.json().at("proposed");
    EXPECT_EQ(proposed.at("proposal_ids").as_array().size(), 2u);
    EXPECT_LE(proposed.at("total_requested_yen").as_int64(), 8000000);

    // The office sends only pa; over the budget would be refused.
    auto send = c["office"]->Post("/api/opencall/calls/" + call + "/selection",
                                  json::object{{"proposal_ids", json::array{pa}}, {"note", "予算の範囲で1件"}});
    ASSERT_EQ(send.status, 200) << send.body;
    EXPECT_EQ(S(send.json().at("status")), "committee");
    EXPECT_NE(c["committee"]->Get("/api/inbox?state=open").body.find("公募の採択決定"), std::string::npos);
    EXPECT_EQ(c["committee"]->Get("/api/opencall/calls/" + call + "/ranking").status, 200);

    // The committee approves: pa is an active open-call project with its budget; both applicants hear.
    auto decided = c["committee"]->Post("/api/opencall/calls/" + call + "/decision", json::object{{"approve", true}});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(S(decided.json().at("status")), "decided");
    auto selected = c["app1"]->Get("/api/opencall/proposals/" + pa).json();
    EXPECT_EQ(S(selected.at("status")), "selected");
    std::string project_id = S(selected.at("project_id"));
    auto project = c["app1"]->Get("/api/projects/" + project_id);
    ASSERT_EQ(project.status, 200) << project.body;
    auto pj = project.json();
    EXPECT_EQ(S(pj.at("status")), "active");
    EXPECT_EQ(S(pj.at("kind")), "open_call");
    EXPECT_EQ(S(pj.at("pi").at("id")), ids["app1"]);
    EXPECT_EQ(S(pj.at("company_lead").at("id")), ids["lead_a"]);
    EXPECT_EQ(pj.at("budgets").at(0).at("amount_yen").as_int64(), 4000000);
    EXPECT_EQ(S(c["app2"]->Get("/api/opencall/proposals/" + pb).json().at("status")), "not_selected");
    EXPECT_NE(c["app1"]->Get("/api/notifications").body.find("採択されました"), std::string::npos);
    EXPECT_NE(c["app2"]->Get("/api/notifications").body.find("不採択"), std::string::npos);
}

TEST_F(OpenCallApi, TheCommitteeDecidesASelectionOnItsAgendaAndTheProjectsStart) {
    World();
    std::string call = OpenedCall();
    std::string pa = Submitted(call, "app1", ProposalBody("在宅透析の遠隔見守り", "lead_a", 4000000));
    Close(call);
    ASSERT_EQ(c["office"]->Post("/api/opencall/calls/" + call + "/assignment", json::object{}).status, 200);
    ASSERT_EQ(c["office"]->Post("/api/opencall/calls/" + call + "/review", json::object{}).status, 200);
    auto assignment = c["office"]->Get("/api/opencall/calls/" + call + "/assignment").json();
    std::string reviewer = S(assignment.at("proposals").at(0).at("reviewers").at(0).at("person").at("id"));
    std::string reviewer_name;
    for (const auto& [name, pid] : ids)
        if (pid == reviewer) reviewer_name = name;
    ASSERT_EQ(c[reviewer_name]
                  ->Put("/api/opencall/proposals/" + pa + "/review",
                        json::object{{"scores", {{"novelty", 4}, {"feasibility", 4}}}})
                  .status,
              200);
    auto send = c["office"]->Post("/api/opencall/calls/" + call + "/selection",
                                  json::object{{"proposal_ids", json::array{pa}}});
    ASSERT_EQ(send.status, 200) << send.body;

    // The committee's roll: one university member (so no member from each side is asked for); a
    // meeting a week on gathers the selection.
    auto rules =
        c["office"]->Put("/api/committee/rules",
                         json::object{{"quorum", "majority"}, {"each_side", false}, {"pass", "majority_of_votes"}});
    ASSERT_EQ(rules.status, 200) << rules.body;
    auto member = c["office"]->Put("/api/committee/members/" + ids["committee"],
                                   json::object{{"side", "university"}, {"term_from", "2020-04-01"}});
    ASSERT_EQ(member.status, 200) << member.body;
    std::string day = TokyoDay(7);
    auto meeting = c["office"]->Post("/api/committee/meetings", json::object{{"title_ja", "臨時 運営委員会"},
                                                                             {"kind", "extraordinary"},
                                                                             {"starts_at", day + "T15:00:00+09:00"},
                                                                             {"ends_at", day + "T16:00:00+09:00"}});
    ASSERT_EQ(meeting.status, 201) << meeting.body;
    std::string m = S(meeting.json().at("id"));
    auto agenda = meeting.json().at("agenda").as_array();
    ASSERT_EQ(agenda.size(), 1u) << meeting.body;
    EXPECT_EQ(S(agenda[0].at("kind")), "opencall_selection");
    EXPECT_EQ(S(agenda[0].at("subject_id")), call);
    EXPECT_EQ(S(agenda[0].at("link")), "/opencall/" + call);
    std::string item = S(agenda[0].at("id"));
    // On the agenda, the member's own 「公募の採択決定」 item is withdrawn and deciding alone is refused.
    EXPECT_EQ(c["committee"]->Get("/api/inbox?state=open").body.find("公募の採択決定"), std::string::npos);
    auto alone = c["committee"]->Post("/api/opencall/calls/" + call + "/decision", json::object{{"approve", true}});
    EXPECT_EQ(alone.status, 409) << alone.body;
    EXPECT_EQ(S(alone.json().at("error").at("field")), "status");

    auto present = c["office"]->Put("/api/committee/meetings/" + m + "/attendance",
                                    json::object{{"person_id", ids["committee"]}, {"present", true}});
    ASSERT_EQ(present.status, 200) << present.body;
    auto vote = c["committee"]->Post("/api/committee/items/" + item + "/votes", json::object{{"vote", "for"}});
    ASSERT_EQ(vote.status, 200) << vote.body;
    auto decided = c["office"]->Post("/api/committee/items/" + item + "/decision", json::object{});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(S(decided.json().at("decision")), "approved");
    // Funded in the same request: the call is decided and the proposal is an active project.
    EXPECT_EQ(S(c["office"]->Get("/api/opencall/calls/" + call).json().at("status")), "decided");
    auto selected = c["app1"]->Get("/api/opencall/proposals/" + pa).json();
    EXPECT_EQ(S(selected.at("status")), "selected");
    auto project = c["app1"]->Get("/api/projects/" + S(selected.at("project_id")));
    ASSERT_EQ(project.status, 200) << project.body;
    EXPECT_EQ(S(project.json().at("status")), "active");
}

TEST_F(OpenCallApi, ReviewerExpertiseCountsTheConceptTheOfficeHasJustAdded) {
    World();
    // The instance has read the dictionary (an exchange request built its index) before the office
    // adds a concept; the assignment that follows must analyse with it, with no exchange request
    // in between to catch up for it.
    ASSERT_EQ(c["office"]->Get("/api/exchange/search?q=port").status, 200);
    auto profile = c["r_free"]->Put("/api/exchange/profiles/" + ids["r_free"],
                                    json::object{{"expertise", "implantable port placement and care"},
                                                 {"keywords", json::array{"implantable port"}}});
    ASSERT_EQ(profile.status, 200) << profile.body;
    std::string call = OpenedCall(1, 2);
    std::string pa = Submitted(call, "app1", ProposalBody("ケモポートの感染を早く見つける", "lead_a", 1000000));
    auto assigned = [&](const json::value& view) {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& p : view.at("proposals").as_array())
            if (S(p.at("id")) == pa)
                for (const auto& r : p.at("reviewers").as_array())
                    out.emplace_back(S(r.at("person").at("id")), r.at("expertise").to_number<double>());
        return out;
    };
    auto before = c["office"]->Post("/api/opencall/calls/" + call + "/assignment", json::object{});
    ASSERT_EQ(before.status, 200) << before.body;
    for (const auto& [person, expertise] : assigned(before.json()))
        EXPECT_EQ(expertise, 0.0) << "nothing links ケモポート and implantable port yet: " << before.body;

    auto added = c["office"]->Post(
        "/api/exchange/synonyms",
        json::object{{"concept", "implantable_port"}, {"terms", json::array{"ケモポート", "implantable port"}}});
    ASSERT_EQ(added.status, 201) << added.body;
    auto after = c["office"]->Post("/api/opencall/calls/" + call + "/assignment", json::object{});
    ASSERT_EQ(after.status, 200) << after.body;
    auto now_assigned = assigned(after.json());
    ASSERT_EQ(now_assigned.size(), 1u) << after.body;
    EXPECT_EQ(now_assigned[0].first, ids["r_free"]) << "the one reviewer whose expertise matches: " << after.body;
    EXPECT_GT(now_assigned[0].second, 0.0) << after.body;
}

TEST_F(OpenCallApi, AnAssignmentThatCannotBeMadeNamesTheProposal) {
    World();
    // Two reviews per proposal from a pool where app1's department leaves too few.
    std::string call = OpenedCall(4, 2);
    std::string pa = Submitted(call, "app1", ProposalBody("心不全の遠隔モニタリング", "lead_a", 1000000));
    auto r = c["office"]->Post("/api/opencall/calls/" + call + "/assignment", json::object{});
    ASSERT_EQ(r.status, 422) << r.body;
    auto body = r.json();
    EXPECT_EQ(S(body.at("error").at("field")), "assignment");
    ASSERT_FALSE(body.at("refusals").as_array().empty());
    auto refusal = body.at("refusals").at(0);
    EXPECT_EQ(S(refusal.at("kind")), "too_few_eligible_reviewers");
    EXPECT_EQ(S(refusal.at("proposal_id")), pa);
    EXPECT_NE(S(refusal.at("message")).find("心不全の遠隔モニタリング"), std::string::npos) << r.body;
    // Nothing was stored.
    EXPECT_FALSE(c["office"]->Get("/api/opencall/calls/" + call + "/assignment").json().at("solved").as_bool());
}

TEST_F(OpenCallApi, BadCallsAndProposalsAreRefusedNamingTheField) {
    World();
    struct Case {
        const char* key;
        json::value value;
        const char* field;
    };
    const std::vector<Case> calls = {
        {"title_ja", "", "title_ja"},
        {"total_budget_yen", 0, "total_budget_yen"},
        {"total_budget_yen", 1.5, "total_budget_yen"},
        {"per_project_cap_yen", 9000000, "per_project_cap_yen"},  // above the total
        {"closes_on", "2020-01-01", "closes_on"},                 // before it opens
        {"opens_on", "2027-02-30", "opens_on"},
        {"reviews_per_proposal", 0, "reviews_per_proposal"},
        {"disagreement_threshold", 9, "disagreement_threshold"},
        {"criteria", json::value(json::array{}), "criteria"},
        {"criteria", json::value(json::array{json::object{{"code", "Bad Code"}, {"label_ja", "x"}, {"weight", 1}}}),
         "criteria[0].code"},
        {"criteria", json::value(json::array{json::object{{"code", "a"}, {"label_ja", "x"}, {"weight", 101}}}),
         "criteria[0].weight"},
        {"reviewers", json::value(json::array{json::object{{"person_id", "0000000000000000"}, {"load_cap", 1}}}),
         "reviewers[0].person_id"},
        {"reviewers", json::value(json::array{json::object{{"person_id", "x"}, {"load_cap", 0}}}),
         "reviewers[0].load_cap"},
    };
    for (const auto& k : calls) {
        auto body = CallBody(TokyoDay(0), TokyoDay(10));
        body[k.key] = k.value;
        auto r = c["office"]->Post("/api/opencall/calls", body);
        EXPECT_EQ(r.status, 422) << k.key << " " << r.body;
        if (r.status == 422) {
            EXPECT_EQ(S(r.json().at("error").at("field")), k.field) << r.body;
        }
    }
    EXPECT_EQ(c["office"]->Get("/api/opencall/calls").json().at("items").as_array().size(), 0u);

    std::string call = OpenedCall();
    auto draft = c["app1"]->Post("/api/opencall/calls/" + call + "/proposals", json::object{{"title_ja", "下書き"}});
    ASSERT_EQ(draft.status, 201) << draft.body;
    std::string id = S(draft.json().at("id"));
    // An incomplete draft cannot be submitted; each missing part is named.
    auto incomplete = c["app1"]->Post("/api/opencall/proposals/" + id + "/submit", json::object{});
    EXPECT_EQ(incomplete.status, 422);
    EXPECT_EQ(S(incomplete.json().at("error").at("field")), "aims");
    const std::vector<Case> proposals = {
        {"company_lead_id", json::value(ids["r_free"]), "company_lead_id"},  // not a company researcher
        {"team", json::value(json::array{json::object{{"person_id", ids["app1"]}, {"role", "researcher"}}}),
         "team[0].person_id"},
        {"team", json::value(json::array{json::object{{"person_id", ids["r_free"]}, {"role", "pi"}}}), "team[0].role"},
        {"budgets", json::value(json::array{json::object{{"fiscal_year", 1999}, {"amount_yen", 1}}}),
         "budgets[0].fiscal_year"},
        {"budgets", json::value(json::array{json::object{{"fiscal_year", 2027}, {"amount_yen", -1}}}),
         "budgets[0].amount_yen"},
        {"links", json::value(json::array{json::object{{"kind", "need"}, {"target_id", "0000000000000000"}}}),
         "links[0].target_id"},
    };
    for (const auto& k : proposals) {
        auto body = ProposalBody("下書き", "lead_a", 1000000);
        body[k.key] = k.value;
        auto r = c["app1"]->Put("/api/opencall/proposals/" + id, body);
        EXPECT_EQ(r.status, 422) << k.key << " " << r.body;
        if (r.status == 422) {
            EXPECT_EQ(S(r.json().at("error").at("field")), k.field) << r.body;
        }
    }
    // Above the per-project cap: saved as a draft, refused at submission.
    ASSERT_EQ(c["app1"]->Put("/api/opencall/proposals/" + id, ProposalBody("下書き", "lead_a", 6000000)).status, 200);
    auto above = c["app1"]->Post("/api/opencall/proposals/" + id + "/submit", json::object{});
    EXPECT_EQ(above.status, 422);
    EXPECT_EQ(S(above.json().at("error").at("field")), "budgets");
    // Nobody else sees the draft; the office does not either.
    EXPECT_EQ(c["office"]->Get("/api/opencall/proposals/" + id).status, 404);
    EXPECT_EQ(c["app2"]->Get("/api/opencall/proposals/" + id).status, 404);
}

}  // namespace
}  // namespace renkei::testing
