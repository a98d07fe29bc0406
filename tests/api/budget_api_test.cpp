// The centre's budget over HTTP (issue 18, docs/budget.md): the overview sums the plan, the
// projects' allocations and their spending per area and per project; going over an allocation
// warns the office and the PI once per crossing; the CSV import is all or nothing and the same
// file twice adds nothing; a budget change decided by the steering committee changes the
// project's allocation in the same request; the refusals, table by table. Who may call each route
// is in authz_matrix.txt [budget]; the rules alone in src/modules/budget/model_test.cpp.
#include <string>
#include <vector>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }
long long N(const json::value& v) { return v.to_number<long long>(); }

class BudgetApi : public ApiTest {
  protected:
    void World() {
        hospital = Org("循環器内科", "department");
        company = Org("JSR株式会社", "company");
        ids["office"] = Person("office@bu.example", {"office"}, "");
        ids["cm"] = Person("cm@bu.example", {"committee"}, "");
        ids["pi"] = Person("pi@bu.example", {"clinician"}, hospital);
        ids["pi2"] = Person("pi2@bu.example", {"clinician"}, hospital);
        ids["lead"] = Person("lead@bu.example", {"company_researcher"}, company);
        ids["other"] = Person("other@bu.example", {"researcher"}, hospital);
        for (const char* name : {"office", "cm", "pi", "pi2", "lead", "other"})
            c[name] = Login(std::string(name) + "@bu.example");
        project_a = Project("pi", "血管内皮を守るハイドロゲル", 1'000'000);
        project_b = Project("pi2", "在宅で測る下腿浮腫センサ", 2'000'000);
    }
    // An active joint project of `pi` with the company lead, allocated `yen` for FY2026.
    std::string Project(const std::string& pi, const std::string& title, long long yen,
                        json::array members = json::array{}) {
        auto r = c[pi]->Post(
            "/api/projects",
            json::object{{"kind", "joint"},
                         {"title_ja", title},
                         {"pi_id", ids[pi]},
                         {"company_lead_id", ids["lead"]},
                         {"members", members},
                         {"budgets", json::array{json::object{{"fiscal_year", 2026}, {"amount_yen", yen}}}}});
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id = S(r.json().at("id"));
        auto d = c["cm"]->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}});
        EXPECT_EQ(d.status, 200) << d.body;
        return id;
    }
    HttpResponse Spend(const std::string& project, long long yen, const std::string& on = "2026-06-01",
                       const std::string& who = "office") {
        return c[who]->Post("/api/budget/spending", json::object{{"project_id", project},
                                                                 {"spent_on", on},
                                                                 {"amount_yen", yen},
                                                                 {"category", "equipment"},
                                                                 {"description", "試薬"}});
    }
    json::object ProjectLine(const std::string& project, int fy = 2026) {
        auto o = c["office"]->Get("/api/budget/overview?fiscal_year=" + std::to_string(fy));
        EXPECT_EQ(o.status, 200) << o.body;
        auto projects = o.json().at("projects").as_array();
        for (const auto& p : projects)
            if (S(p.at("project_id")) == project) return p.as_object();
        ADD_FAILURE() << "no line for " << project << " in " << o.body;
        return {};
    }
    // The person's budget warnings (state open or all).
    int Warnings(const std::string& who, const std::string& state = "open") {
        auto r = c[who]->Get("/api/inbox?state=" + state);
        EXPECT_EQ(r.status, 200) << r.body;
        int n = 0;
        auto items = r.json().at("items").as_array();
        for (const auto& i : items)
            if (S(i.at("kind")) == "budget.overspend") ++n;
        return n;
    }
    size_t Lines() {
        auto r = c["office"]->Get("/api/budget/spending");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json().at("items").as_array().size();
    }
    HttpResponse Csv(const std::string& path, const std::string& csv, const std::string& who = "office") {
        return c[who]->Request("POST", path, csv, {{"Content-Type", "text/csv"}});
    }

    std::string hospital, company, project_a, project_b;
    std::map<std::string, std::string> ids;
    std::map<std::string, std::unique_ptr<Client>> c;
};

TEST_F(BudgetApi, OverviewSumsPlanAllocationAndSpendingPerAreaAndProject) {
    World();
    ASSERT_EQ(c["office"]
                  ->Put("/api/budget/plans",
                        json::object{{"fiscal_year", 2026}, {"area_code", "other"}, {"amount_yen", 5'000'000}})
                  .status,
              200);
    ASSERT_EQ(Spend(project_a, 300'000).status, 201);
    ASSERT_EQ(Spend(project_a, 650'000, "2027-03-31").status, 201);  // the last day of FY2026
    ASSERT_EQ(Spend(project_b, 100'000).status, 201);
    ASSERT_EQ(Spend(project_b, 70'000, "2026-03-31").status, 201);  // FY2025: not in this year

    auto r = c["cm"]->Get("/api/budget/overview?fiscal_year=2026");
    ASSERT_EQ(r.status, 200) << r.body;
    auto o = r.json();
    EXPECT_EQ(S(o.at("from")), "2026-04-01");
    EXPECT_EQ(S(o.at("to")), "2027-03-31");
    EXPECT_FALSE(o.at("may_write").as_bool()) << "the committee reads";
    auto areas = o.at("areas").as_array();
    json::object other;
    for (const auto& a : areas)
        if (S(a.at("area_code")) == "other") other = a.as_object();
    ASSERT_FALSE(other.empty()) << r.body;
    EXPECT_EQ(N(other.at("planned_yen")), 5'000'000);
    EXPECT_EQ(N(other.at("allocated_yen")), 3'000'000);
    EXPECT_EQ(N(other.at("spent_yen")), 1'050'000);
    EXPECT_EQ(N(o.at("total").at("spent_yen")), 1'050'000);

    auto a = ProjectLine(project_a);
    EXPECT_EQ(N(a.at("allocated_yen")), 1'000'000);
    EXPECT_EQ(N(a.at("spent_yen")), 950'000);
    EXPECT_EQ(N(a.at("remaining_yen")), 50'000);
    EXPECT_EQ(S(a.at("status")), "near") << "95 % spent";
    auto b = ProjectLine(project_b);
    EXPECT_EQ(N(b.at("spent_yen")), 100'000);
    EXPECT_EQ(S(b.at("status")), "ok");
    EXPECT_EQ(N(ProjectLine(project_b, 2025).at("spent_yen")), 70'000);

    // The exports carry the same lines, Japanese intact.
    auto csv = c["office"]->Get("/api/budget/overview.csv?fiscal_year=2026");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.body.find("血管内皮を守るハイドロゲル"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("950000"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("残りわずか"), std::string::npos) << csv.body;
    auto xlsx = c["office"]->Get("/api/budget/spending.xlsx?fiscal_year=2026");
    ASSERT_EQ(xlsx.status, 200);
    auto strings = XlsxStrings(xlsx.body);
    EXPECT_NE(strings.find("在宅で測る下腿浮腫センサ"), std::string::npos) << strings;
    EXPECT_NE(strings.find("物品費"), std::string::npos) << strings;
}

TEST_F(BudgetApi, GoingOverTheAllocationWarnsTheOfficeAndThePiOncePerCrossing) {
    World();
    auto first = Spend(project_a, 900'000);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(S(first.json().at("project_status")), "near");
    EXPECT_EQ(Warnings("pi"), 0);

    auto over = Spend(project_a, 200'000);
    ASSERT_EQ(over.status, 201) << over.body;
    EXPECT_TRUE(over.json().at("crossed").as_bool());
    EXPECT_EQ(S(over.json().at("project_status")), "over");
    EXPECT_EQ(Warnings("pi"), 1);
    EXPECT_EQ(Warnings("office"), 1);
    EXPECT_EQ(Warnings("pi2"), 0) << "another project's PI hears nothing";
    EXPECT_EQ(S(ProjectLine(project_a).at("status")), "over");

    // More lines while over add no warning.
    auto more = Spend(project_a, 10'000);
    EXPECT_FALSE(more.json().at("crossed").as_bool());
    EXPECT_EQ(Warnings("pi"), 1);
    EXPECT_EQ(Warnings("office"), 1);

    // Back within the allocation: the warning is resolved; crossing again warns again.
    ASSERT_EQ(c["office"]->Delete("/api/budget/spending/" + S(over.json().at("id"))).status, 204);
    EXPECT_EQ(Warnings("pi"), 0);
    EXPECT_EQ(Warnings("pi", "all"), 1);
    auto again =
        c["office"]->Patch("/api/budget/spending/" + S(more.json().at("id")), json::object{{"amount_yen", 150'000}});
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_TRUE(again.json().at("crossed").as_bool());
    EXPECT_EQ(Warnings("pi"), 1);
    EXPECT_EQ(Warnings("pi", "all"), 2);
}

TEST_F(BudgetApi, ImportIsAllOrNothingAndTheSameFileTwiceAddsNothing) {
    World();
    std::string bad = "日付,プロジェクト,金額,費目,摘要,伝票番号\r\n" +
                      ("2026-05-01," + project_a + ",\"12,000\",旅費,\"学会出張, 大阪\nポスター発表\",V-1\r\n") +
                      ("2026-02-30," + project_a + ",500,物品費,試薬,V-2\r\n") +
                      ("2026-05-03,0000000000000000,500,物品費,試薬,V-3\r\n") +
                      ("2026-05-04," + project_b + ",-5,物品費,,V-4\r\n");
    auto preview = Csv("/api/budget/import/preview", bad);
    ASSERT_EQ(preview.status, 200) << preview.body;
    auto p = preview.json();
    EXPECT_FALSE(p.at("ok").as_bool());
    auto errors = p.at("errors").as_array();
    ASSERT_EQ(errors.size(), 3u) << preview.body;
    EXPECT_EQ(N(errors[0].at("line")), 4);  // the first row spans lines 2 and 3
    EXPECT_EQ(S(errors[0].at("field")), "date");
    EXPECT_EQ(N(errors[1].at("line")), 5);
    EXPECT_EQ(S(errors[1].at("field")), "project");
    EXPECT_EQ(N(errors[2].at("line")), 6);
    EXPECT_EQ(S(errors[2].at("field")), "amount");
    EXPECT_EQ(Lines(), 0u) << "a preview writes nothing";

    auto refused = Csv("/api/budget/import", bad);
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(refused.ErrorField(), "date");
    EXPECT_NE(refused.body.find("line 4"), std::string::npos) << refused.body;
    EXPECT_EQ(Lines(), 0u) << "nothing of a file with a bad row is imported";

    std::string good =
        "\xEF\xBB\xBF"
        "date,project,amount,category,description,reference\r\n" +
        ("2026-05-01," + project_a + ",\"12,000\",旅費,\"学会出張, 大阪\",V-1\r\n") +
        ("2026/5/2," + project_a + ",1000,旅費,,\r\n") + ("2026-05-02," + project_b + ",1000,その他,タクシー,\r\n") +
        ("2026-05-02," + project_b + ",1000,その他,タクシー,\r\n");
    auto ok = Csv("/api/budget/import", good);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(N(ok.json().at("imported")), 4);
    EXPECT_EQ(N(ok.json().at("total_yen")), 15'000);
    EXPECT_EQ(Lines(), 4u) << "two identical rows in one file are two lines";

    auto twice = Csv("/api/budget/import/preview", good);
    EXPECT_EQ(N(twice.json().at("duplicates")), 4);
    EXPECT_EQ(N(twice.json().at("new_lines")), 0);
    auto again = Csv("/api/budget/import", good);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(N(again.json().at("imported")), 0);
    EXPECT_EQ(N(again.json().at("duplicates")), 4);
    EXPECT_EQ(Lines(), 4u);
    EXPECT_EQ(N(ProjectLine(project_a).at("spent_yen")), 13'000);

    // Shift_JIS, as Excel saves a CSV: 日付,金額,費目 / 2026-07-01,800,旅費 for one project.
    std::string sjis = "\x93\xfa\x95\x74,\x8b\xe0\x8a\x7a,\x94\xef\x96\xda\r\n2026-07-01,800,\x97\xb7\x94\xef\r\n";
    auto sj = Csv("/api/budget/import?project_id=" + project_b, sjis);
    ASSERT_EQ(sj.status, 200) << sj.body;
    EXPECT_EQ(N(sj.json().at("imported")), 1);
    auto lines = c["office"]->Get("/api/budget/spending?project_id=" + project_b + "&fiscal_year=2026");
    EXPECT_NE(lines.body.find("\"travel\""), std::string::npos) << lines.body;
}

TEST_F(BudgetApi, ABudgetChangeDecidedByTheCommitteeChangesTheAllocation) {
    World();
    // The committee: a university member who works on project C and a company member.
    auto u1 = Person("u1@bu.example", {"committee", "clinician"}, hospital);
    auto c1 = Person("c1@bu.example", {"committee"}, "");
    c["u1"] = Login("u1@bu.example");
    c["c1"] = Login("c1@bu.example");
    for (const auto& [id, side] : {std::pair{u1, "university"}, std::pair{c1, "company"}})
        ASSERT_EQ(c["office"]
                      ->Put("/api/committee/members/" + id, json::object{{"side", side}, {"term_from", "2020-04-01"}})
                      .status,
                  200);
    std::string project_c = Project("pi", "腸内細菌叢の検査キット", 500'000,
                                    json::array{json::object{{"person_id", u1}, {"role", "researcher"}}});
    ASSERT_EQ(Spend(project_c, 600'000).status, 201);
    EXPECT_EQ(S(ProjectLine(project_c).at("status")), "over");

    auto asked = c["pi"]->Post("/api/budget/changes", json::object{{"project_id", project_c},
                                                                   {"fiscal_year", 2026},
                                                                   {"new_yen", 800'000},
                                                                   {"reason", "試薬の価格改定のため"}});
    ASSERT_EQ(asked.status, 201) << asked.body;
    std::string change = S(asked.json().at("id"));
    EXPECT_EQ(N(asked.json().at("current_yen")), 500'000);
    auto twice = c["office"]->Post(
        "/api/budget/changes",
        json::object{{"project_id", project_c}, {"fiscal_year", 2026}, {"new_yen", 900'000}, {"reason", "重複"}});
    EXPECT_EQ(twice.status, 409);

    auto pending = c["c1"]->Get("/api/committee/pending");
    EXPECT_NE(pending.body.find("budget_change"), std::string::npos) << pending.body;
    auto meeting = c["office"]->Post("/api/committee/meetings", json::object{{"title_ja", "第3回 運営委員会"},
                                                                             {"starts_at", "2030-05-01T10:00:00+09:00"},
                                                                             {"ends_at", "2030-05-01T11:00:00+09:00"}});
    ASSERT_EQ(meeting.status, 201) << meeting.body;
    std::string m = S(meeting.json().at("id"));
    std::string item;
    auto agenda = meeting.json().at("agenda").as_array();
    for (const auto& i : agenda)
        if (S(i.at("subject_id")) == change) {
            item = S(i.at("id"));
            EXPECT_EQ(S(i.at("kind")), "budget_change");
            EXPECT_NE(S(i.at("title_ja")).find("腸内細菌叢の検査キット"), std::string::npos);
            auto recused = i.at("recused").as_array();
            ASSERT_EQ(recused.size(), 1u) << json::serialize(i);
            EXPECT_EQ(S(recused[0]), u1) << "a member of the project stands aside";
        }
    ASSERT_FALSE(item.empty()) << meeting.body;
    EXPECT_EQ(Warnings("pi"), 1);

    for (const auto& id : {u1, c1})
        ASSERT_EQ(c["office"]
                      ->Put("/api/committee/meetings/" + m + "/attendance",
                            json::object{{"person_id", id}, {"present", true}})
                      .status,
                  200);
    EXPECT_EQ(c["u1"]->Post("/api/committee/items/" + item + "/votes", json::object{{"vote", "for"}}).status, 409);
    ASSERT_EQ(c["c1"]->Post("/api/committee/items/" + item + "/votes", json::object{{"vote", "for"}}).status, 200);
    auto decided = c["office"]->Post("/api/committee/items/" + item + "/decision", json::object{});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(S(decided.json().at("decision")), "approved");

    // The allocation changed in the projects module, the project is within it again, and the
    // warning is resolved.
    auto project = c["office"]->Get("/api/projects/" + project_c);
    EXPECT_NE(project.body.find("800000"), std::string::npos) << project.body;
    auto line = ProjectLine(project_c);
    EXPECT_EQ(N(line.at("allocated_yen")), 800'000);
    EXPECT_EQ(S(line.at("status")), "ok");
    EXPECT_EQ(Warnings("pi"), 0);
    auto changes = c["pi"]->Get("/api/budget/changes?project_id=" + project_c);
    ASSERT_EQ(changes.status, 200) << changes.body;
    EXPECT_EQ(S(changes.json().at("items").at(0).at("status")), "approved");
    auto log = admin->Get("/api/audit?entity=budget_change&entity_id=" + change);
    EXPECT_NE(log.body.find("approve"), std::string::npos) << log.body;
}

TEST_F(BudgetApi, ABudgetChangeFollowsTheApprovalChainTheSizeOfTheChangeSelects) {
    World();
    auto head = Person("head@bu.example", {"office"}, "");  // 事務局長
    c["head"] = Login("head@bu.example");
    // The office's rules: below ¥1M the office head decides; from ¥1M the committee after her.
    json::object head_step{{"label_ja", "事務局長"}, {"approver", "person"}, {"person_id", head}};
    json::object committee_step{{"label_ja", "運営委員会"}, {"approver", "committee"}};
    auto upper = c["office"]->Put(
        "/api/approvals/rules/default-budget-change",
        json::object{
            {"kind", "budget_change"}, {"amount_from", 1'000'000}, {"steps", json::array{head_step, committee_step}}});
    ASSERT_EQ(upper.status, 200) << upper.body;
    auto lower = c["office"]->Post("/api/approvals/rules", json::object{{"kind", "budget_change"},
                                                                        {"amount_from", 0},
                                                                        {"amount_to", 1'000'000},
                                                                        {"steps", json::array{head_step}}});
    ASSERT_EQ(lower.status, 201) << lower.body;
    auto ask = [&](const std::string& project, long long yen, const std::string& pi = "pi") {
        auto r = c[pi]->Post(
            "/api/budget/changes",
            json::object{
                {"project_id", project}, {"fiscal_year", 2026}, {"new_yen", yen}, {"reason", "試薬の価格改定のため"}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    };
    auto current_step = [](const json::object& change) { return S(change.at("approval").at("current_step_id")); };
    auto decide = [&](const std::string& who, const std::string& step, const char* decision, const char* comment) {
        return c[who]->Post("/api/approvals/steps/" + step + "/decision",
                            json::object{{"decision", decision}, {"comment", comment}});
    };
    auto pending_at_committee = [&](const std::string& change) {
        return c["cm"]->Get("/api/committee/pending").body.find(change) != std::string::npos;
    };

    // +¥300k: one step, the office head; her approval changes the allocation at once.
    auto small = ask(project_a, 1'300'000);
    ASSERT_EQ(small.at("approval").at("steps").as_array().size(), 1u) << json::serialize(small);
    EXPECT_EQ(N(small.at("approval").at("amount_yen")), 300'000);
    EXPECT_FALSE(pending_at_committee(S(small.at("id"))));
    EXPECT_EQ(decide("pi", current_step(small), "approve", "").status, 403) << "the requester is not its approver";
    EXPECT_EQ(decide("office", current_step(small), "approve", "").status, 403) << "another office member neither";
    ASSERT_EQ(decide("head", current_step(small), "approve", "確認しました").status, 200);
    EXPECT_EQ(N(ProjectLine(project_a).at("allocated_yen")), 1'300'000);
    // A change as its PI lists it (found by id: two changes asked in the same second have no order).
    auto listed_change = [&](const std::string& project, const json::object& change, const std::string& pi = "pi") {
        auto r = c[pi]->Get("/api/budget/changes?project_id=" + project);
        EXPECT_EQ(r.status, 200) << r.body;
        auto items = r.json().at("items").as_array();
        for (const auto& i : items)
            if (S(i.at("id")) == S(change.at("id"))) return i;
        ADD_FAILURE() << "not listed: " << r.body;
        return json::value{};
    };
    auto first = listed_change(project_a, small);
    EXPECT_EQ(S(first.at("status")), "approved");
    EXPECT_EQ(S(first.at("approval").at("status")), "approved");
    EXPECT_EQ(S(first.at("decided_by").at("id")), head);

    // −¥100k sent back with a comment: the change is rejected and the allocation stays.
    auto cut = ask(project_a, 1'200'000);
    EXPECT_EQ(decide("head", current_step(cut), "return", "").ErrorField(), "comment");
    ASSERT_EQ(decide("head", current_step(cut), "return", "年度末に改めて").status, 200);
    auto after_cut = listed_change(project_a, cut);
    EXPECT_EQ(S(after_cut.at("status")), "rejected");
    EXPECT_EQ(S(after_cut.at("decision_note")), "年度末に改めて");
    EXPECT_EQ(N(ProjectLine(project_a).at("allocated_yen")), 1'300'000);

    // +¥2M: the office head, then the committee's agenda (not before her approval).
    auto large = ask(project_b, 4'000'000, "pi2");
    ASSERT_EQ(large.at("approval").at("steps").as_array().size(), 2u);
    EXPECT_FALSE(pending_at_committee(S(large.at("id")))) << "the office head has not approved yet";
    ASSERT_EQ(decide("head", current_step(large), "approve", "").status, 200);
    EXPECT_TRUE(pending_at_committee(S(large.at("id"))));
    EXPECT_EQ(N(ProjectLine(project_b).at("allocated_yen")), 2'000'000) << "the committee has not decided";
    auto at_committee = listed_change(project_b, large, "pi2");
    EXPECT_EQ(S(at_committee.at("status")), "pending");
    // The committee's step is not for one person to take.
    EXPECT_EQ(decide("cm", S(at_committee.at("approval").at("current_step_id")), "approve", "").status, 409);

    // Withdrawn by its PI: the chain ends too, and the agenda no longer gathers it.
    auto w = c["pi2"]->Post("/api/budget/changes/" + S(large.at("id")) + "/withdraw", json::object{});
    ASSERT_EQ(w.status, 200) << w.body;
    EXPECT_EQ(S(w.json().at("approval").at("status")), "withdrawn");
    EXPECT_FALSE(pending_at_committee(S(large.at("id"))));
}

TEST_F(BudgetApi, ThePiAndTheCompanyLeadSeeTheirOwnProjectOnly) {
    World();
    ASSERT_EQ(Spend(project_a, 1234).status, 201);
    for (const char* who : {"pi", "lead"}) {
        auto r = c[who]->Get("/api/budget/projects/" + project_a + "?fiscal_year=2026");
        ASSERT_EQ(r.status, 200) << who << ": " << r.body;
        EXPECT_EQ(N(r.json().at("spent_yen")), 1234) << who;
        EXPECT_EQ(r.json().at("lines").as_array().size(), 1u) << who;
    }
    EXPECT_TRUE(c["pi"]->Get("/api/budget/projects/" + project_a).json().at("may_request_change").as_bool());
    EXPECT_FALSE(c["lead"]->Get("/api/budget/projects/" + project_a).json().at("may_request_change").as_bool());
}

TEST_F(BudgetApi, RefusalsNameTheFieldAndStoreNothing) {
    World();
    ASSERT_EQ(Spend(project_a, 1000).status, 201);
    Client anonymous(server->port());
    auto good = [&](std::function<void(json::object&)> change) {
        json::object o{{"project_id", project_a},
                       {"spent_on", "2026-06-01"},
                       {"amount_yen", 500},
                       {"category", "travel"},
                       {"description", "出張"}};
        change(o);
        return o;
    };
    struct Row {
        const char* name;
        std::function<HttpResponse()> send;
        int status;
        const char* field;
    };
    std::vector<Row> rows{
        {"anonymous", [&] { return anonymous.Post("/api/budget/spending", good([](json::object&) {})); }, 401, ""},
        {"the PI records", [&] { return c["pi"]->Post("/api/budget/spending", good([](json::object&) {})); }, 403, ""},
        {"the committee records", [&] { return c["cm"]->Post("/api/budget/spending", good([](json::object&) {})); },
         403, ""},
        {"2^63 yen",
         [&] {
             return c["office"]->Request("POST", "/api/budget/spending",
                                         "{\"project_id\":\"" + project_a +
                                             "\",\"spent_on\":\"2026-06-01\",\"amount_yen\":9223372036854775808}");
         },
         422, "amount_yen"},
        {"10^15 + 1 yen",
         [&] {
             return c["office"]->Post("/api/budget/spending",
                                      good([](json::object& o) { o["amount_yen"] = 1'000'000'000'000'001LL; }));
         },
         422, "amount_yen"},
        {"a negative amount",
         [&] {
             return c["office"]->Post("/api/budget/spending", good([](json::object& o) { o["amount_yen"] = -500; }));
         },
         422, "amount_yen"},
        {"a date that is not one",
         [&] {
             return c["office"]->Post("/api/budget/spending",
                                      good([](json::object& o) { o["spent_on"] = "2026-02-30"; }));
         },
         422, "spent_on"},
        {"a date in words",
         [&] {
             return c["office"]->Post("/api/budget/spending",
                                      good([](json::object& o) { o["spent_on"] = "tomorrow"; }));
         },
         422, "spent_on"},
        {"an unknown category",
         [&] {
             return c["office"]->Post("/api/budget/spending", good([](json::object& o) { o["category"] = "food"; }));
         },
         422, "category"},
        {"an unknown project",
         [&] {
             return c["office"]->Post("/api/budget/spending",
                                      good([](json::object& o) { o["project_id"] = "0000000000000000"; }));
         },
         422, "project_id"},
        {"someone else's project's lines",
         [&] { return c["pi2"]->Get("/api/budget/spending?project_id=" + project_a); }, 404, ""},
        {"someone else's project's budget", [&] { return c["pi2"]->Get("/api/budget/projects/" + project_a); }, 404,
         ""},
        {"a researcher's overview", [&] { return c["other"]->Get("/api/budget/overview"); }, 403, ""},
        {"the PI's overview export", [&] { return c["pi"]->Get("/api/budget/overview.csv"); }, 403, ""},
        {"every line for a PI", [&] { return c["pi"]->Get("/api/budget/spending"); }, 403, ""},
        {"a CSV row of another project",
         [&] {
             return Csv("/api/budget/import?project_id=" + project_a,
                        "date,project,amount\n2026-06-01," + project_b + ",500\n");
         },
         422, "project"},
        {"a CSV from the PI",
         [&] { return Csv("/api/budget/import", "date,project,amount\n2026-06-01," + project_a + ",500\n", "pi"); },
         403, ""},
        {"a change of someone else's project",
         [&] {
             return c["pi2"]->Post(
                 "/api/budget/changes",
                 json::object{{"project_id", project_a}, {"fiscal_year", 2026}, {"new_yen", 1}, {"reason", "増額"}});
         },
         404, ""},
        {"a change asked by the company lead",
         [&] {
             return c["lead"]->Post(
                 "/api/budget/changes",
                 json::object{{"project_id", project_a}, {"fiscal_year", 2026}, {"new_yen", 1}, {"reason", "増額"}});
         },
         403, ""},
        {"a change to a negative amount",
         [&] {
             return c["pi"]->Post(
                 "/api/budget/changes",
                 json::object{{"project_id", project_a}, {"fiscal_year", 2026}, {"new_yen", -1}, {"reason", "減額"}});
         },
         422, "new_yen"},
        {"a change to the same amount",
         [&] {
             return c["pi"]->Post(
                 "/api/budget/changes",
                 json::object{
                     {"project_id", project_a}, {"fiscal_year", 2026}, {"new_yen", 1'000'000}, {"reason", "据え置き"}});
         },
         422, "new_yen"},
        {"a plan for an area that is none",
         [&] {
             return c["office"]->Put(
                 "/api/budget/plans",
                 json::object{{"fiscal_year", 2026}, {"area_code", "astrology"}, {"amount_yen", 1}});
         },
         422, "area_code"},
        {"a plan of the committee",
         [&] {
             return c["cm"]->Put("/api/budget/plans",
                                 json::object{{"fiscal_year", 2026}, {"area_code", "other"}, {"amount_yen", 1}});
         },
         403, ""},
        {"a fiscal year in words", [&] { return c["office"]->Get("/api/budget/overview?fiscal_year=next"); }, 422,
         "fiscal_year"},
    };
    for (const auto& row : rows) {
        auto r = row.send();
        EXPECT_EQ(r.status, row.status) << row.name << ": " << r.body;
        if (*row.field) EXPECT_EQ(r.ErrorField(), row.field) << row.name << ": " << r.body;
    }
    EXPECT_EQ(Lines(), 1u) << "no refused request stored a line";
    EXPECT_EQ(c["office"]->Get("/api/budget/changes").json().at("items").as_array().size(), 0u);
}

}  // namespace
}  // namespace renkei::testing
