// Approval chains (稟議) over HTTP (issue 18, docs/approvals.md): the office's rules by contract
// type and amount band, a ¥30M joint research agreement going office head → centre director →
// steering committee, each approver acting in turn from the inbox, the committee's decision
// approving the contract in the same request; sending back; refusals (the wrong person, acting
// twice, approval without a complete chain, overlapping bands, someone else's contract). Runs
// on SQLite and PostgreSQL. Who may call each route: authz_matrix.txt [approvals]; the rules
// alone: src/modules/approvals/model_test.cpp.
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

using namespace std::chrono;

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

std::string At(int days, int hour) {
    year_month_day d{floor<std::chrono::days>(system_clock::now() + hours{9}) + std::chrono::days{days}};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:00:00+09:00", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), hour);
    return buf;
}

class ApprovalsApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        university = Org("慶應義塾大学", "university");
        department = Org("循環器内科学教室", "department", university);
        company = Org("JSR株式会社", "company");
        division = Org("研究開発部", "division", company);
        other_company = Org("信濃町メディテック株式会社", "company");
        ids["office"] = Person("office@ap.example", {"office"}, "");
        ids["office2"] = Person("office2@ap.example", {"office"}, "");
        ids["head"] = Person("head@ap.example", {"office"}, "");                     // 事務局長
        ids["director"] = Person("director@ap.example", {"clinician"}, department);  // センター長
        ids["pi"] = Person("pi@ap.example", {"clinician"}, department);
        ids["outsider"] = Person("outsider@ap.example", {"clinician"}, university);
        ids["lead"] = Person("lead@ap.example", {"company_researcher"}, division);
        ids["other"] = Person("other@ap.example", {"company_researcher"}, other_company);
        ids["u1"] = Person("u1@ap.example", {"committee"}, university);
        ids["u2"] = Person("u2@ap.example", {"committee"}, "");
        ids["c1"] = Person("c1@ap.example", {"committee"}, division);
        ids["c2"] = Person("c2@ap.example", {"committee"}, other_company);
        for (const auto& [name, id] : ids) c[name] = Login(name + "@ap.example");
    }
    void Members() {
        for (const char* name : {"u1", "u2", "c1", "c2"}) {
            auto r = c["office"]->Put(
                "/api/committee/members/" + ids[name],
                json::object{{"side", name[0] == 'u' ? "university" : "company"}, {"term_from", "2020-04-01"}});
            ASSERT_EQ(r.status, 200) << r.body;
        }
    }
    static json::object PersonStep(const char* ja, const std::string& person) {
        return {{"label_ja", ja}, {"approver", "person"}, {"person_id", person}};
    }
    HttpResponse Rule(Client& by, long long from, std::optional<long long> to, json::array steps,
                      const std::string& type = "joint_research") {
        json::object body{{"kind", "contract"}, {"subject_type", type}, {"amount_from", from}, {"steps", steps}};
        if (to) body["amount_to"] = *to;
        return by.Post("/api/approvals/rules", body);
    }
    // The realistic configuration: below ¥5M the office head; from ¥5M the head then the centre
    // director; from ¥20M the committee after them.
    void Configure() {
        auto head = PersonStep("事務局長", ids["head"]);
        auto director = PersonStep("センター長", ids["director"]);
        json::object committee{
            {"label_ja", "運営委員会"}, {"label_en", "Steering committee"}, {"approver", "committee"}};
        for (auto [from, to, steps] : std::vector<std::tuple<long long, std::optional<long long>, json::array>>{
                 {0, 5'000'000, {head}},
                 {5'000'000, 20'000'000, {head, director}},
                 {20'000'000, std::nullopt, {head, director, committee}}}) {
            auto r = Rule(*c["office"], from, to, steps);
            ASSERT_EQ(r.status, 201) << r.body;
        }
    }
    std::string Project() {
        auto r = c["pi"]->Post("/api/projects", json::object{{"kind", "joint"},
                                                             {"title_ja", "心電図解析AIの共同開発"},
                                                             {"pi_id", ids["pi"]},
                                                             {"company_lead_id", ids["lead"]}});
        EXPECT_EQ(r.status, 201) << r.body;
        return S(r.json().at("id"));
    }
    // A contract in negotiation, prepared by the office.
    std::string Negotiating(const std::string& type, long long amount, const std::optional<std::string>& project) {
        json::object body{{"type", type},
                          {"title", "心電図解析AIの共同研究契約"},
                          {"parties", json::array{json::object{{"organisation_id", university}},
                                                  json::object{{"organisation_id", company}}}},
                          {"terms", json::object{{"amount_yen", amount}, {"purpose", "共同研究"}}}};
        if (project) body["project_id"] = *project;
        auto r = c["office"]->Post("/api/contracts", body);
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id = S(r.json().at("id"));
        for (const char* to : {"internal_review", "negotiating"}) {
            auto m = c["office"]->Post("/api/contracts/" + id + "/transitions", json::object{{"to", to}});
            EXPECT_EQ(m.status, 200) << m.body;
        }
        return id;
    }
    HttpResponse Act(const char* who, const std::string& step, const char* decision, const std::string& comment = "") {
        return c[who]->Post("/api/approvals/steps/" + step + "/decision",
                            json::object{{"decision", decision}, {"comment", comment}});
    }
    json::value Contract(const std::string& id) { return c["office"]->Get("/api/contracts/" + id).json(); }
    static std::string StepId(const json::value& chain, size_t i) {
        return S(chain.at("steps").as_array().at(i).at("id"));
    }
    static std::vector<std::string> Statuses(const json::value& chain) {
        std::vector<std::string> out;
        auto steps = chain.at("steps").as_array();
        for (const auto& s : steps) out.push_back(S(s.at("status")));
        return out;
    }

    std::string university, department, company, division, other_company;
    std::map<std::string, std::string> ids;
    std::map<std::string, std::unique_ptr<Client>> c;
};

TEST_F(ApprovalsApi, ThirtyMillionGoesOfficeHeadThenDirectorThenTheCommittee) {
    Members();
    Configure();
    std::string project = Project();
    std::string id = Negotiating("joint_research", 30'000'000, project);

    // No chain, no approval: not even an admin moves it there.
    auto direct = admin->Post("/api/contracts/" + id + "/transitions", json::object{{"to", "approved"}});
    EXPECT_EQ(direct.status, 409) << direct.body;
    EXPECT_EQ(direct.ErrorField(), "status");
    EXPECT_TRUE(Contract(id).at("may_start_approval").as_bool());
    EXPECT_EQ(c["pi"]->Post("/api/contracts/" + id + "/approval", json::object{}).status, 403)
        << "a project member sees the contract but does not start its chain";
    EXPECT_EQ(c["outsider"]->Post("/api/contracts/" + id + "/approval", json::object{}).status, 404);

    auto started = c["office"]->Post("/api/contracts/" + id + "/approval", json::object{});
    ASSERT_EQ(started.status, 201) << started.body;
    auto chain = started.json();
    std::string chain_id = S(chain.at("id"));
    ASSERT_EQ(chain.at("steps").as_array().size(), 3u) << started.body;
    EXPECT_EQ(S(chain.at("steps").at(0).at("label_ja")), "事務局長");
    EXPECT_EQ(S(chain.at("steps").at(1).at("label_ja")), "センター長");
    EXPECT_EQ(S(chain.at("steps").at(2).at("approver")), "committee");
    EXPECT_EQ(Statuses(chain), (std::vector<std::string>{"current", "waiting", "waiting"}));
    EXPECT_EQ(c["office"]->Post("/api/contracts/" + id + "/approval", json::object{}).status, 409)
        << "one chain at a time";
    auto incomplete = admin->Post("/api/contracts/" + id + "/transitions", json::object{{"to", "approved"}});
    EXPECT_EQ(incomplete.status, 409) << incomplete.body;
    EXPECT_EQ(incomplete.ErrorField(), "status");
    EXPECT_FALSE(Contract(id).at("may_start_approval").as_bool());

    // The office head is asked in the inbox, with the one-click action.
    auto inbox = c["head"]->Get("/api/inbox?state=open");
    EXPECT_NE(inbox.body.find("/api/approvals/steps/" + StepId(chain, 0) + "/decision"), std::string::npos)
        << inbox.body;
    EXPECT_EQ(c["director"]->Get("/api/inbox?state=open").body.find("/api/approvals/steps/"), std::string::npos)
        << "the director's turn has not come";

    // Refusals on the first step: not their step, not their turn, cannot see it, the preparer.
    EXPECT_EQ(Act("director", StepId(chain, 0), "approve").status, 403);
    EXPECT_EQ(Act("office", StepId(chain, 0), "approve").status, 403);
    EXPECT_EQ(Act("office2", StepId(chain, 0), "approve").status, 403) << "a person step is that person's";
    EXPECT_EQ(Act("outsider", StepId(chain, 0), "approve").status, 404);
    EXPECT_EQ(Act("other", StepId(chain, 0), "approve").status, 404);
    auto early = Act("director", StepId(chain, 1), "approve");
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.ErrorField(), "status");
    EXPECT_EQ(Act("head", StepId(chain, 0), "maybe").status, 422);

    auto first = Act("head", StepId(chain, 0), "approve", "知財条項を確認しました");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(Statuses(first.json()), (std::vector<std::string>{"approved", "current", "waiting"}));
    EXPECT_EQ(S(first.json().at("steps").at(0).at("decided_by").at("id")), ids["head"]);
    EXPECT_EQ(S(first.json().at("steps").at(0).at("comment")), "知財条項を確認しました");
    auto twice = Act("head", StepId(chain, 0), "approve");
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(twice.ErrorField(), "status");
    EXPECT_EQ(c["head"]->Get("/api/inbox?state=open").body.find(StepId(chain, 0)), std::string::npos)
        << "the head's item is resolved";

    // The director acts from the inbox: the item's action as it is.
    auto items = c["director"]->Get("/api/inbox?state=open").json().at("items").as_array();
    std::optional<json::object> action;
    for (const auto& i : items)
        if (i.at("action").is_object() && S(i.at("action").at("path")).find(StepId(chain, 1)) != std::string::npos)
            action = i.at("action").as_object();
    ASSERT_TRUE(action) << "the director is asked";
    auto second = c["director"]->Post(S(action->at("path")), action->at("body"));
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(Statuses(second.json()), (std::vector<std::string>{"approved", "approved", "current"}));
    EXPECT_EQ(Act("director", StepId(chain, 1), "approve").status, 409);
    auto member = Act("u1", StepId(chain, 2), "approve");
    EXPECT_EQ(member.status, 409) << "the committee's step is decided at its meeting";
    EXPECT_EQ(S(Contract(id).at("status")), "negotiating");

    // The committee's agenda gathers it, with the recusals of the contract's partner company.
    auto pending = c["u2"]->Get("/api/committee/pending");
    EXPECT_NE(pending.body.find(chain_id), std::string::npos) << pending.body;
    auto meeting = c["office"]->Post(
        "/api/committee/meetings",
        json::object{
            {"title_ja", "第3回 運営委員会"}, {"kind", "regular"}, {"starts_at", At(3, 15)}, {"ends_at", At(3, 17)}});
    ASSERT_EQ(meeting.status, 201) << meeting.body;
    std::string m = S(meeting.json().at("id"));
    std::optional<json::object> item;
    auto agenda = meeting.json().at("agenda").as_array();
    for (const auto& i : agenda)
        if (S(i.at("subject_id")) == chain_id) item = i.as_object();
    ASSERT_TRUE(item) << meeting.body;
    EXPECT_EQ(S(item->at("kind")), "approval");
    EXPECT_EQ(S(item->at("link")), "/contracts/" + id);
    std::set<std::string> recused;
    auto recusals = item->at("recusals").as_array();
    for (const auto& r : recusals) {
        recused.insert(S(r.at("person").at("id")));
        EXPECT_EQ(S(r.at("reason")), "partner_employee");
    }
    EXPECT_EQ(recused, (std::set<std::string>{ids["c1"]})) << "JSR's employee stands aside";
    std::string item_id = S(item->at("id"));
    // Only the office records the committee's decision.
    EXPECT_EQ(c["u1"]->Post("/api/committee/items/" + item_id + "/decision", json::object{}).status, 403);

    for (const char* name : {"u1", "u2", "c1", "c2"}) {
        auto r = c["office"]->Put("/api/committee/meetings/" + m + "/attendance",
                                  json::object{{"person_id", ids[name]}, {"present", true}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    ASSERT_EQ(c["office"]->Post("/api/committee/meetings/" + m + "/send", json::object{}).status, 200);
    for (const char* name : {"u1", "u2", "c2"}) {
        auto r = c[name]->Post("/api/committee/items/" + item_id + "/votes", json::object{{"vote", "for"}});
        ASSERT_EQ(r.status, 200) << name << ": " << r.body;
    }
    auto decided = c["office"]->Post("/api/committee/items/" + item_id + "/decision", json::object{});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(S(decided.json().at("decision")), "approved");

    // Approved in the same request; the chain and its timing show on the contract.
    auto after = Contract(id);
    EXPECT_EQ(S(after.at("status")), "approved");
    EXPECT_EQ(S(after.at("approval").at("status")), "approved");
    EXPECT_EQ(Statuses(after.at("approval")), (std::vector<std::string>{"approved", "approved", "approved"}));
    for (const auto& s : after.at("approval").at("steps").as_array()) {
        EXPECT_TRUE(s.at("started_at").is_string());
        EXPECT_TRUE(s.at("decided_at").is_string());
        EXPECT_TRUE(s.at("days").is_number());
    }
    EXPECT_EQ(S(after.at("history").as_array().back().at("to_status")), "approved");
    EXPECT_EQ(S(after.at("approved_by").at("id")), ids["office"]) << "the office recorded the decision";

    // Someone who may not see the contract does not see its chain; the project member does.
    EXPECT_EQ(c["outsider"]->Get("/api/approvals/chains/" + chain_id).status, 404);
    EXPECT_EQ(c["other"]->Get("/api/approvals/chains/" + chain_id).status, 404);
    EXPECT_EQ(c["pi"]->Get("/api/approvals/chains/" + chain_id).status, 200);
    EXPECT_EQ(c["office2"]->Get("/api/approvals/chains/" + chain_id).status, 200);
    EXPECT_EQ(c["office"]->Get("/api/approvals/chains/not-an-id").status, 404);
}

TEST_F(ApprovalsApi, TheDefaultRuleIsAnotherOfficeMemberAndSendingBackLeavesItInNegotiation) {
    // No configuration: one step, any office member other than who prepared it (or an admin).
    std::string id = Negotiating("nda", 0, std::nullopt);
    auto started = c["office"]->Post("/api/contracts/" + id + "/approval", json::object{});
    ASSERT_EQ(started.status, 201) << started.body;
    auto chain = started.json();
    ASSERT_EQ(chain.at("steps").as_array().size(), 1u);
    EXPECT_EQ(S(chain.at("steps").at(0).at("approver")), "role");
    EXPECT_FALSE(chain.at("steps").at(0).at("may_act").as_bool()) << "the preparer is not offered the button";
    EXPECT_EQ(Act("office", StepId(chain, 0), "approve").status, 403) << "four eyes";
    EXPECT_EQ(Act("pi", StepId(chain, 0), "approve").status, 404);
    // Sending back says why.
    auto silent = Act("office2", StepId(chain, 0), "return");
    EXPECT_EQ(silent.status, 422);
    EXPECT_EQ(silent.ErrorField(), "comment");
    auto back = Act("office2", StepId(chain, 0), "return", "秘密保持期間を確認してください");
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(S(back.json().at("status")), "returned");
    auto contract = Contract(id);
    EXPECT_EQ(S(contract.at("status")), "negotiating");
    EXPECT_EQ(S(contract.at("approval").at("steps").at(0).at("comment")), "秘密保持期間を確認してください");
    EXPECT_TRUE(contract.at("may_start_approval").as_bool());
    EXPECT_EQ(Act("office2", StepId(chain, 0), "approve").status, 409) << "a returned chain is over";

    // Asked again: a new chain; an admin may act on the office's step.
    auto again = c["office"]->Post("/api/contracts/" + id + "/approval", json::object{});
    ASSERT_EQ(again.status, 201) << again.body;
    auto ok = Act("office", StepId(again.json(), 0), "approve");
    EXPECT_EQ(ok.status, 403);
    auto by_admin = admin->Post("/api/approvals/steps/" + StepId(again.json(), 0) + "/decision",
                                json::object{{"decision", "approve"}});
    ASSERT_EQ(by_admin.status, 200) << by_admin.body;
    contract = Contract(id);
    EXPECT_EQ(S(contract.at("status")), "approved");
    EXPECT_EQ(contract.at("approvals").as_array().size(), 2u);
}

TEST_F(ApprovalsApi, AChainInProgressEndsWhenTheContractMovesBackOrItsAmountChanges) {
    Configure();
    std::string id = Negotiating("joint_research", 6'000'000, std::nullopt);
    auto chain = c["office"]->Post("/api/contracts/" + id + "/approval", json::object{}).json();
    ASSERT_EQ(chain.at("steps").as_array().size(), 2u) << json::serialize(chain);
    // ¥25M now: the chain chosen for ¥6M no longer holds.
    auto patched =
        c["office"]->Patch("/api/contracts/" + id, json::object{{"terms", json::object{{"amount_yen", 25'000'000}}}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(S(patched.json().at("approval").at("status")), "withdrawn");
    EXPECT_EQ(Act("head", StepId(chain, 0), "approve").status, 409);
    auto bigger = c["office"]->Post("/api/contracts/" + id + "/approval", json::object{}).json();
    EXPECT_EQ(bigger.at("steps").as_array().size(), 3u) << json::serialize(bigger);
    // Back to internal review: withdrawn too.
    ASSERT_EQ(
        c["office"]->Post("/api/contracts/" + id + "/transitions", json::object{{"to", "internal_review"}}).status,
        200);
    EXPECT_EQ(S(Contract(id).at("approval").at("status")), "withdrawn");
    EXPECT_EQ(Act("head", StepId(bigger, 0), "approve").status, 409);
    // Only a contract in negotiation goes to approval.
    auto r = c["office"]->Post("/api/contracts/" + id + "/approval", json::object{});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.ErrorField(), "status");
}

TEST_F(ApprovalsApi, RulesAreTheOfficesAndBandsDoNotOverlap) {
    Configure();
    json::array head{PersonStep("事務局長", ids["head"])};
    struct Row {
        long long from;
        std::optional<long long> to;
        std::string type;
        json::array steps;
        int status;
        std::string field;
    };
    json::array unnamed{json::object{{"label_ja", "部門長"}, {"approver", "person"}}};
    json::array nobody{json::object{{"label_ja", "部門長"}, {"approver", "person"}, {"person_id", "no-such-person"}}};
    json::array bad_role{json::object{{"label_ja", "部門長"}, {"approver", "role"}, {"role", "dean"}}};
    json::array no_label{json::object{{"approver", "role"}, {"role", "office"}}};
    for (const auto& row : std::vector<Row>{
             {10'000'000, 30'000'000, "joint_research", head, 422, "amount_from"},  // overlaps two bands
             {1'000'000, 2'000'000, "joint_research", head, 422, "amount_from"},
             {0, std::nullopt, "joint_research", head, 422, "amount_from"},
             {5, 5, "nda", head, 422, "amount_to"},
             {-1, std::nullopt, "nda", head, 422, "amount_from"},
             {0, std::nullopt, "nda", json::array{}, 422, "steps"},
             {0, std::nullopt, "nda", unnamed, 422, "steps[0].person_id"},
             {0, std::nullopt, "nda", nobody, 422, "steps[0].person_id"},
             {0, std::nullopt, "nda", bad_role, 422, "steps[0].role"},
             {0, std::nullopt, "nda", no_label, 422, "steps[0].label_ja"},
             {0, std::nullopt, "bogus", head, 422, "subject_type"},
             {0, 1'000'000, "nda", head, 201, ""},             // another type: its own bands
             {1'000'000, std::nullopt, "nda", head, 201, ""},  // touching, not overlapping
         }) {
        auto r = Rule(*c["office"], row.from, row.to, row.steps, row.type);
        EXPECT_EQ(r.status, row.status) << row.type << " " << row.from << ": " << r.body;
        if (!row.field.empty()) EXPECT_EQ(r.ErrorField(), row.field) << row.type << " " << row.from;
    }
    EXPECT_EQ(c["office"]->Post("/api/approvals/rules", json::object{{"kind", "lunch"}, {"steps", head}}).ErrorField(),
              "kind");
    EXPECT_EQ(Rule(*c["pi"], 0, 1, head, "mta").status, 403);
    EXPECT_EQ(Rule(*c["u1"], 0, 1, head, "mta").status, 403) << "the committee reads, the office configures";
    EXPECT_EQ(c["pi"]->Get("/api/approvals/rules").status, 403);
    auto listed = c["u1"]->Get("/api/approvals/rules");
    ASSERT_EQ(listed.status, 200) << listed.body;
    // The seeded defaults, the three joint research bands and the two NDA ones.
    EXPECT_EQ(listed.json().at("items").as_array().size(), 7u) << listed.body;

    // Editing a band into another's overlaps too; deleting one frees its amounts.
    std::string small, mid;
    auto rules = listed.json().at("items").as_array();
    for (const auto& r : rules) {
        if (S(r.at("subject_type")) != "joint_research") continue;
        if (r.at("amount_from").to_number<long long>() == 0) small = S(r.at("id"));
        if (r.at("amount_from").to_number<long long>() == 5'000'000) mid = S(r.at("id"));
    }
    json::object wider{{"kind", "contract"},
                       {"subject_type", "joint_research"},
                       {"amount_from", 0},
                       {"amount_to", 6'000'000},
                       {"steps", head}};
    auto overlap = c["office"]->Put("/api/approvals/rules/" + small, wider);
    EXPECT_EQ(overlap.status, 422) << overlap.body;
    EXPECT_EQ(overlap.ErrorField(), "amount_to");
    EXPECT_EQ(c["pi"]->Delete("/api/approvals/rules/" + mid).status, 403);
    EXPECT_EQ(c["office"]->Delete("/api/approvals/rules/" + mid).status, 204);
    EXPECT_EQ(c["office"]->Delete("/api/approvals/rules/" + mid).status, 404);
    auto widened = c["office"]->Put("/api/approvals/rules/" + small, wider);
    EXPECT_EQ(widened.status, 200) << widened.body;
    EXPECT_EQ(widened.json().at("amount_to").to_number<long long>(), 6'000'000);
}

TEST_F(ApprovalsApi, MineListsWhatAwaitsTheCaller) {
    Configure();
    std::string id = Negotiating("joint_research", 1'000'000, std::nullopt);
    ASSERT_EQ(c["office"]->Post("/api/contracts/" + id + "/approval", json::object{}).status, 201);
    auto mine = c["head"]->Get("/api/approvals/mine");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(mine.json().at("items").as_array().size(), 1u);
    EXPECT_EQ(S(mine.json().at("items").at(0).at("link")), "/contracts/" + id);
    EXPECT_TRUE(c["director"]->Get("/api/approvals/mine").json().at("items").as_array().empty());
    EXPECT_TRUE(c["office2"]->Get("/api/approvals/mine").json().at("items").as_array().empty());
}

}  // namespace
}  // namespace renkei::testing
