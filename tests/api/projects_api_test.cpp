// Projects over HTTP: proposing and approving, gates and the stage timeline, the inbox with its
// one-click actions, reports, milestones, documents and who may see them, products, portfolio.
#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

class ProjectsApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        clinician_id = CreatePerson(*admin, "pi@test.example", {"clinician"});
        company_id = CreatePerson(*admin, "lead@test.example", {"company_researcher"});
        committee_id = CreatePerson(*admin, "committee@test.example", {"committee"});
        committee2_id = CreatePerson(*admin, "committee2@test.example", {"committee"});
        office_id = CreatePerson(*admin, "office@test.example", {"office"});
        outsider_id = CreatePerson(*admin, "outsider@test.example", {"clinician"});
        member_id = CreatePerson(*admin, "member@test.example", {"researcher"});
        pi = Login("pi@test.example");
        lead = Login("lead@test.example");
        committee = Login("committee@test.example");
        committee2 = Login("committee2@test.example");
        office = Login("office@test.example");
        outsider = Login("outsider@test.example");
        member = Login("member@test.example");
    }
    json::object Proposal() {
        return json::object{{"kind", "joint"},
                            {"title_ja", "ウェアラブル心電図パッチによる不整脈の早期発見"},
                            {"title_en", "Early arrhythmia detection with a wearable ECG patch"},
                            {"aims", "外来患者の心房細動を在宅で検出する"},
                            {"public_summary", "貼るだけの心電計で不整脈を見つける共同研究"},
                            {"pi_id", clinician_id},
                            {"company_lead_id", company_id},
                            {"members", json::array{json::object{{"person_id", member_id}, {"role", "researcher"}}}}};
    }
    // Proposed by the company lead, approved by a committee member: active in exploration.
    std::string ActiveProject() {
        auto r = lead->Post("/api/projects", Proposal());
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id(r.json().at("id").as_string());
        auto d = committee->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}});
        EXPECT_EQ(d.status, 200) << d.body;
        return id;
    }
    // The clinician PI and the academic researcher must declare COI for the year before any
    // gate passes (coi_declared); the company lead need not.
    void MembersDeclareNothing() {
        for (Client* c : {pi.get(), member.get()})
            ASSERT_EQ(c->Request("POST", "/api/coi/declarations/mine/nothing", "").status, 200);
    }
    json::array Inbox(Client& c) { return c.Get("/api/inbox").json().at("items").as_array(); }
    // Performs an inbox item's one-click action exactly as the UI does.
    HttpResponse Click(Client& c, const json::value& item) {
        const auto& a = item.at("action");
        std::string body = a.at("body").is_null() ? "" : json::serialize(a.at("body"));
        return c.Request(std::string(a.at("method").as_string()), std::string(a.at("path").as_string()), body);
    }
    std::optional<json::value> FindKind(const json::array& items, const std::string& kind) {
        for (const auto& i : items)
            if (i.at("kind") == kind.c_str()) return i;
        return std::nullopt;
    }
    std::string clinician_id, company_id, committee_id, committee2_id, office_id, outsider_id, member_id;
    std::unique_ptr<Client> pi, lead, committee, committee2, office, outsider, member;
};

TEST_F(ProjectsApi, ProposalWaitsInEveryCommitteeInboxAndApprovalClearsThemAll) {
    auto r = lead->Post("/api/projects", Proposal());
    ASSERT_EQ(r.status, 201) << r.body;
    auto p = r.json();
    EXPECT_EQ(p.at("status"), "proposed");
    EXPECT_EQ(p.at("stage"), "exploration");
    EXPECT_EQ(p.at("pi").at("id"), clinician_id.c_str());
    std::string id(p.at("id").as_string());
    EXPECT_EQ(committee->Get("/api/inbox/count").json().at("open"), 1);
    EXPECT_EQ(committee2->Get("/api/inbox/count").json().at("open"), 1);
    EXPECT_EQ(pi->Get("/api/inbox/count").json().at("open"), 0) << "clinicians see only what needs them";

    // Only a committee member decides.
    EXPECT_EQ(lead->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}}).status, 403);
    auto item = FindKind(Inbox(*committee), "projects.approve_project");
    ASSERT_TRUE(item.has_value());
    auto approved = Click(*committee, *item);
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json().at("status"), "active");
    EXPECT_EQ(committee2->Get("/api/inbox/count").json().at("open"), 0) << "the other member's item is resolved too";
    auto again = committee2->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}});
    EXPECT_EQ(again.status, 409);
}

TEST_F(ProjectsApi, RejectionNeedsAReason) {
    auto r = lead->Post("/api/projects", Proposal());
    std::string id(r.json().at("id").as_string());
    auto bad = committee->Post("/api/projects/" + id + "/decision", json::object{{"decision", "reject"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "reason");
    auto ok =
        committee->Post("/api/projects/" + id + "/decision", json::object{{"decision", "reject"}, {"reason", "重複"}});
    ASSERT_EQ(ok.status, 200);
    EXPECT_EQ(ok.json().at("status"), "rejected");
    EXPECT_EQ(outsider->Get("/api/projects/" + id).status, 404) << "rejected projects stay private";
}

TEST_F(ProjectsApi, PiAcknowledgesTheMoveToFeasibilityInOneClickAndTheTimelineAndAuditKeepIt) {
    std::string id = ActiveProject();
    // Missing COI declarations block the gate: the checklist names it, and no move can be asked.
    auto undeclared = lead->Get("/api/projects/" + id + "/gate");
    ASSERT_EQ(undeclared.status, 200);
    auto checklist = undeclared.json();
    EXPECT_EQ(checklist.at("passes"), false);
    bool listed = false;
    for (const auto& item : checklist.at("items").as_array())
        if (item.at("code") == "coi_declared") {
            listed = true;
            EXPECT_EQ(item.at("satisfied"), false);
            EXPECT_EQ(item.at("module"), "coi");
        } else {
            EXPECT_EQ(item.at("satisfied"), true) << item;
        }
    EXPECT_TRUE(listed) << undeclared.body;
    auto refused = lead->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "feasibility"}});
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.ErrorField(), "requirements");
    // A hand confirmation by the office does not replace the declarations.
    EXPECT_EQ(
        office->Post("/api/projects/" + id + "/confirmations", json::object{{"code", "coi_declared"}, {"note", "x"}})
            .status,
        422);
    ASSERT_EQ(pi->Request("POST", "/api/coi/declarations/mine/nothing", "").status, 200);
    EXPECT_EQ(lead->Get("/api/projects/" + id + "/gate").json().at("passes"), false)
        << "the researcher has not declared yet";
    ASSERT_EQ(member->Request("POST", "/api/coi/declarations/mine/nothing", "").status, 200);

    auto gate = lead->Get("/api/projects/" + id + "/gate");
    ASSERT_EQ(gate.status, 200);
    EXPECT_EQ(gate.json().at("to_stage"), "feasibility");
    EXPECT_EQ(gate.json().at("approver"), "pi");
    EXPECT_EQ(gate.json().at("passes"), true);

    auto req = lead->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "feasibility"}});
    ASSERT_EQ(req.status, 201) << req.body;
    EXPECT_EQ(req.json().at("state"), "pending");
    // Nobody else may approve a PI gate.
    std::string rid(req.json().at("id").as_string());
    EXPECT_EQ(committee
                  ->Post("/api/projects/" + id + "/stage-requests/" + rid + "/decision",
                         json::object{{"decision", "approve"}})
                  .status,
              403);
    EXPECT_EQ(lead->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "feasibility"}}).status,
              409)
        << "one pending request at a time";

    auto item = FindKind(Inbox(*pi), "projects.approve_stage");
    ASSERT_TRUE(item.has_value());
    auto clicked = Click(*pi, *item);
    ASSERT_EQ(clicked.status, 200) << clicked.body;
    EXPECT_EQ(clicked.json().at("state"), "approved");
    EXPECT_FALSE(FindKind(Inbox(*pi), "projects.approve_stage").has_value());

    auto p = lead->Get("/api/projects/" + id).json();
    EXPECT_EQ(p.at("stage"), "feasibility");
    const auto& history = p.at("history").as_array();
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].at("to_stage"), "exploration");
    EXPECT_EQ(history[0].at("approved_by").at("id"), committee_id.c_str());
    EXPECT_EQ(history[1].at("from_stage"), "exploration");
    EXPECT_EQ(history[1].at("to_stage"), "feasibility");
    EXPECT_EQ(history[1].at("approved_by").at("id"), clinician_id.c_str());

    auto audit = office->Get("/api/audit?entity=project&entity_id=" + id).json().at("items").as_array();
    bool found = false;
    for (const auto& e : audit)
        if (e.at("action") == "stage_change" && e.at("after").at("stage") == "feasibility" &&
            e.at("actor").at("id") == clinician_id.c_str())
            found = true;
    EXPECT_TRUE(found) << "the audit log records who moved the stage";
}

TEST_F(ProjectsApi, GateRefusesUntilItsChecklistIsCompleteAndTheCommitteeApprovesNotTheRequester) {
    std::string id = ActiveProject();
    MembersDeclareNothing();
    lead->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "feasibility"}});
    Click(*pi, *FindKind(Inbox(*pi), "projects.approve_stage"));

    auto skip = lead->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "clinical_study"}});
    EXPECT_EQ(skip.status, 422);
    EXPECT_EQ(skip.ErrorField(), "to_stage");
    auto blocked = lead->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "joint_research"}});
    EXPECT_EQ(blocked.status, 409);
    EXPECT_EQ(blocked.ErrorField(), "requirements");

    // Satisfy the gate: a milestone, this year's budget, and the contracts the office confirms by hand.
    ASSERT_EQ(lead->Post("/api/projects/" + id + "/milestones",
                         json::object{{"title", "試作機完成"}, {"owner_id", company_id}, {"due_on", "2099-06-30"}})
                  .status,
              201);
    auto fy = lead->Get("/api/portfolio/goal");  // not allowed for a researcher
    EXPECT_EQ(fy.status, 403);
    auto today = office->Get("/api/portfolio/goal").json().at("today").as_string();
    int year = std::stoi(std::string(today.subview(0, 4))), month = std::stoi(std::string(today.subview(5, 2)));
    int fiscal_year = month >= 4 ? year : year - 1;
    ASSERT_EQ(lead->Patch("/api/projects/" + id,
                          json::object{{"budgets", json::array{json::object{{"fiscal_year", fiscal_year},
                                                                            {"amount_yen", 5000000}}}}})
                  .status,
              200);
    EXPECT_EQ(lead->Post("/api/projects/" + id + "/confirmations", json::object{{"code", "nda_signed"}, {"note", "x"}})
                  .status,
              403);
    auto not_external =
        office->Post("/api/projects/" + id + "/confirmations", json::object{{"code", "milestone_plan"}, {"note", "x"}});
    EXPECT_EQ(not_external.status, 422);
    EXPECT_EQ(not_external.ErrorField(), "code");
    // The contracts the gate asks for are answered by the contracts module: no confirming by hand;
    // a signed NDA and joint research agreement for the project satisfy it.
    auto by_hand = office->Post("/api/projects/" + id + "/confirmations",
                                json::object{{"code", "nda_signed"}, {"note", "CDA 2024-05-01 締結"}});
    EXPECT_EQ(by_hand.status, 422);
    EXPECT_EQ(by_hand.ErrorField(), "code");
    auto org = [&](const char* name, const char* kind) {
        auto r = admin->Post("/api/organisations", json::object{{"name_ja", name}, {"name_en", name}, {"kind", kind}});
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(r.json().at("id").as_string());
    };
    std::string university = org("慶應義塾大学", "university"), company = org("JSR株式会社", "company");
    for (const char* type : {"nda", "joint_research"}) {
        auto c =
            office->Post("/api/contracts",
                         json::object{{"type", type},
                                      {"title", std::string("契約 ") + type},
                                      {"project_id", id},
                                      {"parties", json::array{json::object{{"organisation_id", university}},
                                                              json::object{{"organisation_id", company}}}},
                                      {"terms", json::object{{"starts_on", "2024-05-01"}, {"ends_on", "2099-03-31"}}}});
        ASSERT_EQ(c.status, 201) << c.body;
        std::string cid(c.json().at("id").as_string());
        for (const char* to : {"internal_review", "negotiating", "approved", "signed"}) {
            if (std::string(to) == "approved") {  // the approval chain (稟議): an admin approves (four eyes)
                auto chain = office->Post("/api/contracts/" + cid + "/approval", json::object{});
                ASSERT_EQ(chain.status, 201) << chain.body;
                ASSERT_EQ(admin
                              ->Post("/api/approvals/steps/" +
                                         std::string(chain.json().at("steps").at(0).at("id").as_string()) + "/decision",
                                     json::object{{"decision", "approve"}})
                              .status,
                          200);
                continue;
            }
            ASSERT_EQ(office->Post("/api/contracts/" + cid + "/transitions", json::object{{"to", to}}).status, 200)
                << to;
        }
    }
    EXPECT_EQ(lead->Get("/api/projects/" + id + "/gate").json().at("passes"), true);

    // The office asks; a committee member approves; the office cannot approve its own request.
    auto req = office->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "joint_research"}});
    ASSERT_EQ(req.status, 201) << req.body;
    std::string rid(req.json().at("id").as_string());
    EXPECT_EQ(office
                  ->Post("/api/projects/" + id + "/stage-requests/" + rid + "/decision",
                         json::object{{"decision", "approve"}})
                  .status,
              403);
    EXPECT_EQ(
        pi->Post("/api/projects/" + id + "/stage-requests/" + rid + "/decision", json::object{{"decision", "approve"}})
            .status,
        403);
    auto ok = committee2->Post("/api/projects/" + id + "/stage-requests/" + rid + "/decision",
                               json::object{{"decision", "approve"}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(lead->Get("/api/projects/" + id).json().at("stage"), "joint_research");
    EXPECT_EQ(committee->Get("/api/inbox/count").json().at("open"), 0) << "every committee member's item is resolved";
}

TEST_F(ProjectsApi, OfficeConfiguresGates) {
    auto gates = office->Get("/api/project-gates").json();
    EXPECT_EQ(gates.at("items").as_array().size(), 7u);
    EXPECT_EQ(
        lead->Request("PUT", "/api/project-gates/feasibility", R"({"approver":"committee","requirements":[]})").status,
        403);
    auto bad = office->Request("PUT", "/api/project-gates/feasibility",
                               R"({"approver":"committee","requirements":["nonsense"]})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "requirements");
    auto ok = office->Request("PUT", "/api/project-gates/feasibility",
                              R"({"approver":"committee","requirements":["aims","milestone_plan"]})");
    ASSERT_EQ(ok.status, 200) << ok.body;
    std::string id = ActiveProject();
    auto gate = lead->Get("/api/projects/" + id + "/gate").json();
    EXPECT_EQ(gate.at("approver"), "committee");
    EXPECT_EQ(gate.at("passes"), false) << "no milestone yet";
}

TEST_F(ProjectsApi, NonMembersSeeOnlyThePublicSummary) {
    auto r = lead->Post("/api/projects", Proposal());
    std::string id(r.json().at("id").as_string());
    EXPECT_EQ(outsider->Get("/api/projects/" + id).status, 404) << "a proposal is not public";
    committee->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}});
    auto summary = outsider->Get("/api/projects/" + id);
    ASSERT_EQ(summary.status, 200);
    auto s = summary.json().as_object();
    EXPECT_EQ(s.at("access"), "summary");
    EXPECT_EQ(s.at("public_summary"), "貼るだけの心電計で不整脈を見つける共同研究");
    EXPECT_FALSE(s.contains("aims"));
    EXPECT_FALSE(s.contains("members"));
    EXPECT_FALSE(s.contains("budgets"));
    EXPECT_EQ(outsider->Get("/api/projects/" + id + "/reports").status, 403);
    EXPECT_EQ(outsider->Get("/api/projects/" + id + "/milestones").status, 403);
    EXPECT_EQ(outsider->Get("/api/projects/" + id + "/gate").status, 403);
    EXPECT_EQ(outsider->Patch("/api/projects/" + id, json::object{{"title_ja", "乗っ取り"}}).status, 403);
    EXPECT_EQ(member->Get("/api/projects/" + id).json().at("access"), "full");
    EXPECT_EQ(member->Patch("/api/projects/" + id, json::object{{"title_ja", "変更"}}).status, 403)
        << "members do not steer";
    auto list = outsider->Get("/api/projects").json().at("items").as_array();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].at("access"), "summary");
}

TEST_F(ProjectsApi, ReportsAreAcknowledgedByThePiAndLeadWithThePreviousOneBeside) {
    std::string id = ActiveProject();
    EXPECT_EQ(outsider->Post("/api/projects/" + id + "/reports", json::object{{"done", "x"}}).status, 403);
    auto missing = member->Post("/api/projects/" + id + "/reports", json::object{{"next", "続き"}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.ErrorField(), "done");
    ASSERT_EQ(member
                  ->Post("/api/projects/" + id + "/reports",
                         json::object{{"done", "第1回: 被験者募集開始"}, {"next", "解析"}})
                  .status,
              201);
    auto second =
        member->Post("/api/projects/" + id + "/reports",
                     json::object{{"done", "第2回: 20例登録"}, {"risks", "電極のかぶれ"}, {"help", "皮膚科の助言"}});
    ASSERT_EQ(second.status, 201);
    std::string rid(second.json().at("id").as_string());
    auto reports = pi->Get("/api/projects/" + id + "/reports?limit=2").json().at("items").as_array();
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(reports[0].at("done"), "第2回: 20例登録");
    EXPECT_EQ(reports[1].at("done"), "第1回: 被験者募集開始") << "the previous report comes second";

    EXPECT_EQ(member->Post("/api/projects/" + id + "/reports/" + rid + "/acknowledge", json::object{}).status, 403);
    int before = static_cast<int>(pi->Get("/api/inbox/count").json().at("open").as_int64());
    EXPECT_EQ(before, 2) << "one acknowledgement per report";
    std::optional<json::value> item;
    auto items = Inbox(*pi);
    for (const auto& i : items)
        if (i.at("action").at("path").as_string().ends_with(rid + "/acknowledge")) item = i;
    ASSERT_TRUE(item.has_value());
    auto ack = Click(*pi, *item);
    ASSERT_EQ(ack.status, 200) << ack.body;
    EXPECT_EQ(ack.json().at("acknowledgements").as_array().size(), 1u);
    EXPECT_EQ(pi->Get("/api/inbox/count").json().at("open"), 1);
    EXPECT_EQ(pi->Post("/api/projects/" + id + "/reports/" + rid + "/acknowledge", json::object{}).status, 409);
    EXPECT_EQ(lead->Post("/api/projects/" + id + "/reports/" + rid + "/acknowledge", json::object{}).status, 200);
}

TEST_F(ProjectsApi, OverdueMilestonesStandOutAndTheOwnerCompletesThemFromTheInbox) {
    std::string id = ActiveProject();
    auto bad = lead->Post("/api/projects/" + id + "/milestones",
                          json::object{{"title", "x"}, {"owner_id", outsider_id}, {"due_on", "2020-01-01"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "owner_id");
    auto bad_date = lead->Post("/api/projects/" + id + "/milestones",
                               json::object{{"title", "x"}, {"owner_id", member_id}, {"due_on", "2020-02-30"}});
    EXPECT_EQ(bad_date.ErrorField(), "due_on");
    auto m = lead->Post("/api/projects/" + id + "/milestones",
                        json::object{{"title", "倫理申請書の提出"}, {"owner_id", member_id}, {"due_on", "2020-01-31"}});
    ASSERT_EQ(m.status, 201);
    EXPECT_EQ(m.json().at("overdue"), true);
    auto count = member->Get("/api/inbox/count").json();
    EXPECT_EQ(count.at("open"), 1);
    EXPECT_EQ(count.at("overdue"), 1);
    auto portfolio = office->Get("/api/portfolio").json();
    EXPECT_EQ(portfolio.at("overdue_milestones").as_array().size(), 1u);
    // The owner may only mark it done, not move the date.
    std::string mid(m.json().at("id").as_string());
    EXPECT_EQ(
        member->Patch("/api/projects/" + id + "/milestones/" + mid, json::object{{"due_on", "2099-01-01"}}).status,
        403);
    auto done = Click(*member, *FindKind(Inbox(*member), "projects.milestone_due"));
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json().at("done"), true);
    EXPECT_EQ(member->Get("/api/inbox/count").json().at("open"), 0);
}

TEST_F(ProjectsApi, ConfidentialDocumentsAreOnlyForMembers) {
    std::string id = ActiveProject();
    auto upload = [&](Client& c, const std::string& title, const std::string& visibility, const std::string& type,
                      const std::string& bytes) {
        return c.Request(
            "POST",
            "/api/projects/" + id + "/documents?title=" + title + "&visibility=" + visibility + "&filename=plan.pdf",
            bytes, {{"Content-Type", type}});
    };
    auto conf = upload(*member, "protocol", "confidential", "application/pdf", "%PDF-1.4 secret");
    ASSERT_EQ(conf.status, 201) << conf.body;
    auto pub = upload(*member, "poster", "public", "application/pdf", "%PDF-1.4 poster");
    ASSERT_EQ(pub.status, 201);
    EXPECT_EQ(upload(*member, "x", "public", "text/html", "<script>").ErrorField(), "content_type");
    EXPECT_EQ(upload(*member, "x", "secret", "application/pdf", "x").ErrorField(), "visibility");
    EXPECT_EQ(upload(*member, "x", "public", "application/pdf", std::string(950 * 1024, 'x')).status, 413);
    EXPECT_EQ(upload(*outsider, "x", "public", "application/pdf", "x").status, 403);
    std::string conf_id(conf.json().at("id").as_string());

    EXPECT_EQ(member->Get("/api/projects/" + id + "/documents").json().at("items").as_array().size(), 2u);
    EXPECT_EQ(office->Get("/api/projects/" + id + "/documents").json().at("items").as_array().size(), 1u)
        << "the office is not a member: no confidential documents";
    EXPECT_EQ(outsider->Get("/api/projects/" + id + "/documents").json().at("items").as_array().size(), 1u);
    EXPECT_EQ(office->Get("/api/projects/" + id + "/documents/" + conf_id + "/content").status, 404);
    EXPECT_EQ(outsider->Get("/api/projects/" + id + "/documents/" + conf_id + "/content").status, 404);
    auto content = pi->Get("/api/projects/" + id + "/documents/" + conf_id + "/content");
    ASSERT_EQ(content.status, 200);
    EXPECT_EQ(content.body, "%PDF-1.4 secret");
    EXPECT_EQ(content.headers["content-type"], "application/pdf");

    auto v2 =
        member->Request("POST", "/api/projects/" + id + "/documents/" + conf_id + "/versions?filename=plan-v2.pdf",
                        "%PDF-1.4 secret v2", {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(v2.status, 201) << v2.body;
    EXPECT_EQ(v2.json().at("current_version"), 2);
    EXPECT_EQ(pi->Get("/api/projects/" + id + "/documents/" + conf_id + "/content").body, "%PDF-1.4 secret v2");
    EXPECT_EQ(pi->Get("/api/projects/" + id + "/documents/" + conf_id + "/content?version=1").body, "%PDF-1.4 secret");
}

TEST_F(ProjectsApi, ProposalsNameTheBadField) {
    auto p = Proposal();
    p.erase("pi_id");
    EXPECT_EQ(lead->Post("/api/projects", p).ErrorField(), "pi_id");
    p = Proposal();
    p["pi_id"] = company_id;  // a company researcher cannot be the academic PI
    EXPECT_EQ(lead->Post("/api/projects", p).ErrorField(), "pi_id");
    p = Proposal();
    p["kind"] = "strategic";
    EXPECT_EQ(lead->Post("/api/projects", p).ErrorField(), "area_code");
    p["area_code"] = "astrology";
    EXPECT_EQ(lead->Post("/api/projects", p).ErrorField(), "area_code");
    p = Proposal();
    p["budgets"] = json::array{json::object{{"fiscal_year", 2024}, {"amount_yen", -5}}};
    EXPECT_EQ(lead->Post("/api/projects", p).ErrorField(), "budgets");
    p = Proposal();
    p["report_period"] = "hourly";
    EXPECT_EQ(lead->Post("/api/projects", p).ErrorField(), "report_period");
    EXPECT_EQ(lead->Request("POST", "/api/projects", "{nope").status, 400);
    EXPECT_EQ(lead->Get("/api/projects").json().at("items").as_array().size(), 0u) << "nothing half-stored";
}

TEST_F(ProjectsApi, LaunchedProductWithSalesMeetsTheConfigurableGoal) {
    std::string id = ActiveProject();
    EXPECT_EQ(
        lead->Post("/api/projects/" + id + "/product/sales", json::object{{"period", "2021-10"}, {"amount_yen", 100}})
            .status,
        409);
    auto product = lead->Request("PUT", "/api/projects/" + id + "/product",
                                 R"({"kind":"product","name_ja":"心電図パッチ","launched_on":"2021-09-01"})");
    ASSERT_EQ(product.status, 200) << product.body;
    EXPECT_EQ(
        lead->Post("/api/projects/" + id + "/product/sales", json::object{{"period", "2021-08"}, {"amount_yen", 100}})
            .ErrorField(),
        "period");
    ASSERT_EQ(lead->Post("/api/projects/" + id + "/product/sales",
                         json::object{{"period", "2022-04"}, {"amount_yen", 1200000}})
                  .status,
              200);
    auto goal = committee->Get("/api/portfolio/goal").json();
    EXPECT_EQ(goal.at("date"), "2022-03-31");
    EXPECT_EQ(goal.at("met"), false) << "the first sales came after the goal date";
    EXPECT_EQ(committee->Request("PUT", "/api/portfolio/goal", R"({"date":"2023-03-31"})").status, 403);
    EXPECT_EQ(office->Request("PUT", "/api/portfolio/goal", R"({"date":"2023-02-30"})").ErrorField(), "date");
    auto moved = office->Request("PUT", "/api/portfolio/goal", R"({"date":"2023-03-31"})");
    ASSERT_EQ(moved.status, 200);
    EXPECT_EQ(moved.json().at("met"), true);
    EXPECT_EQ(moved.json().at("products_counting"), 1);
}

TEST_F(ProjectsApi, PortfolioIsForOfficeAndCommitteeAndExportsExcelReadyCsv) {
    std::string id = ActiveProject();
    EXPECT_EQ(pi->Get("/api/portfolio").status, 403);
    EXPECT_EQ(pi->Get("/api/portfolio/export.csv").status, 403);
    auto p = committee->Get("/api/portfolio");
    ASSERT_EQ(p.status, 200);
    auto v = p.json();
    EXPECT_EQ(v.at("projects").as_array().size(), 1u);
    EXPECT_EQ(v.at("goal").at("funnel").at("exploration"), 1);
    EXPECT_EQ(v.at("closest_to_market").as_array()[0].at("next_stage"), "feasibility");
    auto csv = office->Get("/api/portfolio/export.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.body.find("課題名"), std::string::npos);
    EXPECT_NE(csv.body.find("ウェアラブル心電図パッチ"), std::string::npos);
    EXPECT_NE(csv.body.find("\r\n"), std::string::npos);
    EXPECT_NE(office->Get("/api/portfolio/export.csv?lang=en").body.find("Title (ja)"), std::string::npos);
    // The same rows as an Excel workbook: a zip whose strings hold the Japanese title and names.
    EXPECT_EQ(pi->Get("/api/portfolio/export.xlsx").status, 403);
    auto xlsx = committee->Get("/api/portfolio/export.xlsx");
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(xlsx.headers["content-disposition"].find("portfolio.xlsx"), std::string::npos);
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip (Office Open XML)";
    auto strings = XlsxStrings(xlsx.body);
    EXPECT_NE(strings.find("プロジェクト・ポートフォリオ"), std::string::npos) << strings.substr(0, 500);
    EXPECT_NE(strings.find("ウェアラブル心電図パッチ"), std::string::npos);
    EXPECT_EQ(office->Get("/api/portfolio/export.xlsx?lang=fr").ErrorField(), "lang");
}

TEST_F(ProjectsApi, InboxIsPersonalAndNeedsASession) {
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.Get("/api/inbox").status, 401);
    EXPECT_EQ(anonymous.Get("/api/inbox/count").status, 401);
    EXPECT_EQ(pi->Get("/api/inbox?state=bogus").ErrorField(), "state");
    lead->Post("/api/projects", Proposal());
    EXPECT_EQ(Inbox(*committee).size(), 1u);
    EXPECT_EQ(Inbox(*pi).size(), 0u);
    EXPECT_EQ(Inbox(*office).size(), 0u);
}

TEST_F(ProjectsApi, ANewPiTakesOverThePisOpenItemsAndSomeoneWhoLeavesLosesTheirs) {
    std::string id = ActiveProject();
    MembersDeclareNothing();
    auto report = member->Post("/api/projects/" + id + "/reports", json::object{{"done", "第1回: 被験者募集開始"}});
    ASSERT_EQ(report.status, 201) << report.body;
    std::string rid(report.json().at("id").as_string());
    ASSERT_EQ(lead->Post("/api/projects/" + id + "/stage-requests", json::object{{"to_stage", "feasibility"}}).status,
              201);
    ASSERT_EQ(
        lead->Post("/api/projects/" + id + "/milestones",
                   json::object{{"title", "倫理申請書の提出"}, {"owner_id", clinician_id}, {"due_on", "2099-01-31"}})
            .status,
        201);
    ASSERT_TRUE(FindKind(Inbox(*pi), "projects.report_ack").has_value());
    ASSERT_TRUE(FindKind(Inbox(*pi), "projects.approve_stage").has_value());
    ASSERT_TRUE(FindKind(Inbox(*pi), "projects.milestone_due").has_value());

    // The office makes the outsider PI; the old PI leaves the project.
    auto patch = office->Patch(
        "/api/projects/" + id,
        json::object{{"members", json::array{json::object{{"person_id", outsider_id}, {"role", "pi"}},
                                             json::object{{"person_id", company_id}, {"role", "company_lead"}},
                                             json::object{{"person_id", member_id}, {"role", "researcher"}}}}});
    ASSERT_EQ(patch.status, 200) << patch.body;
    EXPECT_EQ(pi->Get("/api/inbox/count").json().at("open"), 0) << pi->Get("/api/inbox").body;
    auto ack = FindKind(Inbox(*outsider), "projects.report_ack");
    ASSERT_TRUE(ack.has_value()) << outsider->Get("/api/inbox").body;
    EXPECT_TRUE(ack->at("action").at("path").as_string().ends_with(rid + "/acknowledge"));
    EXPECT_TRUE(FindKind(Inbox(*outsider), "projects.approve_stage").has_value()) << "the PI's gate";
    EXPECT_FALSE(FindKind(Inbox(*outsider), "projects.milestone_due").has_value()) << "a milestone is its owner's";
    EXPECT_TRUE(FindKind(Inbox(*lead), "projects.report_ack").has_value()) << "the company lead's stays";
    // The old PI's milestone item is cancelled, not done.
    bool cancelled = false;
    auto everything = pi->Get("/api/inbox?state=all").json().at("items").as_array();
    for (const auto& i : everything)
        if (i.at("kind") == "projects.milestone_due") cancelled = i.at("state") == "cancelled";
    EXPECT_TRUE(cancelled);

    // The new PI acts on what they were handed.
    auto acked = Click(*outsider, *ack);
    ASSERT_EQ(acked.status, 200) << acked.body;
    EXPECT_EQ(acked.json().at("acknowledgements").as_array()[0].at("role"), "pi");
    // …but a new member who has not declared this year's conflicts of interest holds the gate.
    auto undeclared = Click(*outsider, *FindKind(Inbox(*outsider), "projects.approve_stage"));
    EXPECT_EQ(undeclared.status, 409) << undeclared.body;
    EXPECT_EQ(undeclared.ErrorField(), "requirements");
    ASSERT_EQ(outsider->Request("POST", "/api/coi/declarations/mine/nothing", "").status, 200);
    auto approved = Click(*outsider, *FindKind(Inbox(*outsider), "projects.approve_stage"));
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json().at("state"), "approved");
    EXPECT_EQ(outsider->Get("/api/inbox/count").json().at("open"), 0);

    // Roles swapped back and forth end where they started, each item once.
    auto members = [&](const std::string& pi_id) {
        return json::object{{"members", json::array{json::object{{"person_id", pi_id}, {"role", "pi"}},
                                                    json::object{{"person_id", company_id}, {"role", "company_lead"}},
                                                    json::object{{"person_id", member_id}, {"role", "researcher"}}}}};
    };
    auto second = lead->Post("/api/projects/" + id + "/reports", json::object{{"done", "第2回"}});
    ASSERT_EQ(second.status, 201);
    ASSERT_EQ(office->Patch("/api/projects/" + id, members(clinician_id)).status, 200);
    ASSERT_EQ(office->Patch("/api/projects/" + id, members(outsider_id)).status, 200);
    EXPECT_EQ(outsider->Get("/api/inbox/count").json().at("open"), 1);
    EXPECT_EQ(pi->Get("/api/inbox/count").json().at("open"), 0);
    auto audit = admin->Get("/api/audit?entity=inbox_item&actor_id=" + office_id).json().at("items").as_array();
    int handovers = 0;
    for (const auto& e : audit) handovers += e.at("action") == "hand_over";
    EXPECT_GE(handovers, 4) << "each hand-over is audited";
}

}  // namespace
}  // namespace renkei::testing
