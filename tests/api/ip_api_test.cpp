// Intellectual property over HTTP (issue 15): the deadline calculator outside checks use —
// POST /api/ip/deadlines/compute {"kind", "from"} → {"due_on"} under Japanese law, with or
// without a session; an unknown kind or a malformed date is a 422 naming the field.
#include <set>
#include <string>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

class IpApi : public ApiTest {
  protected:
    // A project: PI the clinician, a co-investigator, the company lead; its joint research
    // agreement gives the university 60 %.
    void World() {
        hospital = Org("慶應義塾大学病院", "hospital");
        acme = Org("株式会社アクメ医療", "company");
        pi_id = Person("pi@test.example", {"clinician"}, hospital);
        member_id = Person("member@test.example", {"researcher"}, hospital);
        lead_id = Person("lead@test.example", {"company_researcher"}, acme);
        Person("office@test.example", {"office"}, "");
        Person("committee@test.example", {"committee"}, "");
        Person("outsider@test.example", {"clinician"}, hospital);
        pi = Login("pi@test.example");
        member = Login("member@test.example");
        lead = Login("lead@test.example");
        office = Login("office@test.example");
        committee = Login("committee@test.example");
        outsider = Login("outsider@test.example");
        auto r = lead->Post(
            "/api/projects",
            json::object{{"kind", "joint"},
                         {"title_ja", "貼付型心電図パッチ"},
                         {"pi_id", pi_id},
                         {"company_lead_id", lead_id},
                         {"members", json::array{json::object{{"person_id", member_id}, {"role", "co_investigator"}}}},
                         {"organisations", json::array{json::object{{"organisation_id", acme}, {"role", "partner"}}}}});
        ASSERT_EQ(r.status, 201) << r.body;
        project = S(r.json().at("id"));
        ASSERT_EQ(
            committee->Post("/api/projects/" + project + "/decision", json::object{{"decision", "approve"}}).status,
            200);
        auto c =
            office->Post("/api/contracts",
                         json::object{{"type", "joint_research"},
                                      {"title", "共同研究契約"},
                                      {"project_id", project},
                                      {"parties", json::array{json::object{{"organisation_id", hospital}},
                                                              json::object{{"organisation_id", acme}}}},
                                      {"terms", json::object{{"ip_share_university", 60}, {"ip_share_company", 40}}}});
        ASSERT_EQ(c.status, 201) << c.body;
    }
    std::string hospital, acme, pi_id, member_id, lead_id, project;
    std::unique_ptr<Client> pi, member, lead, office, committee, outsider;
};

TEST_F(IpApi, AnInventionGoesFromTheProjectToAFilingWithItsDeadlines) {
    World();
    // The co-investigator discloses; the inventors come from the project (not the company lead).
    auto r = member->Post(
        "/api/ip/inventions",
        json::object{{"project_id", project}, {"title", "貼付型電極の新規構造"}, {"conceived_on", "2026-01-15"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto inv = r.json();
    std::string id = S(inv.at("id"));
    EXPECT_EQ(inv.at("status"), "disclosed");
    auto inventors = inv.at("inventors").as_array();
    ASSERT_EQ(inventors.size(), 2u);
    EXPECT_EQ(inventors[0].at("person").at("id"), pi_id.c_str());
    EXPECT_EQ(inventors[0].at("share_percent"), 50);
    EXPECT_EQ(inventors[1].at("share_percent"), 50);
    EXPECT_EQ(inventors[0].at("employer"), "university");
    EXPECT_FALSE(inv.at("contract_id").is_null()) << "the project's joint research agreement";
    // The inventors settle the shares (60/40); a split that does not add up is refused.
    auto bad = pi->Patch(
        "/api/ip/inventions/" + id,
        json::object{{"inventors", json::array{json::object{{"person_id", pi_id}, {"share_percent", 70}},
                                               json::object{{"person_id", member_id}, {"share_percent", 40}}}}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "inventors");
    ASSERT_EQ(pi->Patch("/api/ip/inventions/" + id,
                        json::object{
                            {"inventors", json::array{json::object{{"person_id", pi_id}, {"share_percent", 60}},
                                                      json::object{{"person_id", member_id}, {"share_percent", 40}}}}})
                  .status,
              200);
    // The office decides to file: the ownership shares come from the agreement.
    EXPECT_EQ(pi->Post("/api/ip/inventions/" + id + "/decision", json::object{{"decision", "file"}}).status, 403);
    auto decided = office->Post("/api/ip/inventions/" + id + "/decision",
                                json::object{{"decision", "file"}, {"novelty_notes", "先行技術なし"}});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(decided.json().at("status"), "decided");
    EXPECT_EQ(decided.json().at("university_share"), 60);
    EXPECT_EQ(decided.json().at("company_share"), 40);
    EXPECT_EQ(pi->Patch("/api/ip/inventions/" + id, json::object{{"title", "x"}}).status, 409);
    // The Japanese application: the priority year and the examination request are due.
    auto filed = office->Post("/api/ip/inventions/" + id + "/filings",
                              json::object{{"kind", "jp"}, {"number", "特願2026-012345"}, {"filed_on", "2026-03-16"}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    EXPECT_EQ(filed.json().at("status"), "filed");
    auto deadlines = member->Get("/api/ip/deadlines?from=2026-01-01&to=2030-12-31");
    ASSERT_EQ(deadlines.status, 200);
    std::set<std::string> got;
    auto items = deadlines.json().at("items").as_array();
    for (const auto& d : items) {
        EXPECT_EQ(d.at("invention_id"), id.c_str());
        got.insert(S(d.at("kind")) + "@" + S(d.at("due_on")));
    }
    EXPECT_EQ(got, (std::set<std::string>{"paris_priority@2027-03-16", "jp_examination_request@2029-03-16"}));
    // Registered: the invention counts as registered; the examination request is no longer due.
    std::string filing = S(filed.json().at("filings").at(0).at("id"));
    auto reg = office->Patch("/api/ip/inventions/" + id + "/filings/" + filing,
                             json::object{{"examination_requested_on", "2026-04-01"}, {"registered_on", "2026-11-30"}});
    ASSERT_EQ(reg.status, 200) << reg.body;
    EXPECT_EQ(reg.json().at("status"), "registered");
    // The list the outside checks read.
    auto list = pi->Get("/api/ip/inventions").json().at("items").as_array();
    ASSERT_EQ(list.size(), 1u);
    for (const char* field : {"id", "title", "project_id", "status", "inventors"})
        EXPECT_TRUE(list[0].as_object().contains(field)) << field;
    EXPECT_EQ(list[0].at("inventors").at(0).at("share_percent"), 60);
}

TEST_F(IpApi, ADisclosureIsConfidentialToItsInventorsThePiAndTheOffice) {
    World();
    auto r = member->Post(
        "/api/ip/inventions",
        json::object{{"project_id", project},
                     {"title", "MK-INVENTION"},
                     {"inventors", json::array{json::object{{"person_id", member_id}, {"share_percent", 100}}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    std::string id = S(r.json().at("id"));
    Client anon(server->port());
    struct Row {
        const char* who;
        Client* client;
        int status;
    };
    for (const auto& row :
         {Row{"inventor", member.get(), 200}, Row{"the project's PI", pi.get(), 200}, Row{"office", office.get(), 200},
          Row{"admin", admin.get(), 404}, Row{"steering committee", committee.get(), 404},
          Row{"company lead", lead.get(), 404}, Row{"outsider", outsider.get(), 404}, Row{"anonymous", &anon, 401}}) {
        auto got = row.client->Get("/api/ip/inventions/" + id);
        EXPECT_EQ(got.status, row.status) << row.who;
        if (row.status != 401) {
            auto list = row.client->Get("/api/ip/inventions");
            EXPECT_EQ(list.body.find("MK-INVENTION") != std::string::npos, row.status == 200) << row.who;
            auto deadlines = row.client->Get("/api/ip/deadlines");
            EXPECT_EQ(deadlines.body.find("MK-INVENTION"), std::string::npos) << row.who << ": nothing due yet";
        }
    }
    EXPECT_EQ(outsider->Post("/api/ip/inventions", json::object{{"project_id", project}}).status, 422)
        << "a stranger learns nothing of the project";
    EXPECT_EQ(outsider->Patch("/api/ip/inventions/" + id, json::object{{"title", "x"}}).status, 404);
    EXPECT_EQ(
        pi->Post("/api/ip/inventions/" + id + "/filings", json::object{{"kind", "jp"}, {"filed_on", "2026-01-05"}})
            .status,
        403);
    // Bad input names the field.
    struct Bad {
        const char* target;
        json::object body;
        const char* field;
    };
    for (const auto& b :
         {Bad{"/decision", json::object{{"decision", "sell"}}, "decision"},
          Bad{"/decision", json::object{{"decision", "file"}, {"university_share", 140}}, "university_share"}}) {
        auto got = office->Post("/api/ip/inventions/" + id + b.target, b.body);
        EXPECT_EQ(got.status, 422) << b.target << " " << got.body;
        EXPECT_EQ(got.ErrorField(), b.field);
    }
    ASSERT_EQ(office->Post("/api/ip/inventions/" + id + "/decision", json::object{{"decision", "file"}}).status, 200);
    for (const auto& b :
         {Bad{"/filings", json::object{{"kind", "design"}, {"filed_on", "2026-01-05"}}, "kind"},
          Bad{"/filings", json::object{{"kind", "jp"}, {"filed_on", "2999-01-05"}}, "filed_on"},
          Bad{"/filings", json::object{{"kind", "jp"}}, "filed_on"},
          Bad{"/filings", json::object{{"kind", "pct"}, {"filed_on", "2026-01-05"}, {"priority_date", "2026-02-01"}},
              "priority_date"},
          Bad{"/filings", json::object{{"kind", "national"}, {"country", "usa"}, {"filed_on", "2026-01-05"}},
              "country"}}) {
        auto got = office->Post("/api/ip/inventions/" + id + b.target, b.body);
        EXPECT_EQ(got.status, 422) << b.target << " " << got.body;
        EXPECT_EQ(got.ErrorField(), b.field) << got.body;
    }
}

TEST_F(IpApi, TheDeadlineCalculatorAnswersEachRuleUnderJapaneseLaw) {
    Client anon(server->port());
    struct Case {
        const char* kind;
        const char* from;
        const char* due;
    };
    const Case cases[] = {
        {"paris_priority", "2026-03-16", "2027-03-16"},
        {"paris_priority", "2025-11-23", "2026-11-24"},          // 勤労感謝の日 on a Monday
        {"pct_national_phase", "2024-08-30", "2027-03-01"},      // the month's last day, a Sunday
        {"jp_examination_request", "2023-05-03", "2026-05-07"},  // Sunday, then three holidays
        {"grace_period_filing", "2025-07-19", "2026-07-21"},     // Sunday, then 海の日
        {"grace_period_proof", "2026-12-01", "2027-01-04"},      // the year-end closure
    };
    for (const auto& c : cases) {
        auto r = anon.Post("/api/ip/deadlines/compute", json::object{{"kind", c.kind}, {"from", c.from}});
        ASSERT_EQ(r.status, 200) << c.kind << " " << r.body;
        EXPECT_EQ(r.json().at("due_on"), c.due) << c.kind << " from " << c.from;
        EXPECT_FALSE(r.json().at("source_ja").as_string().empty());
    }
    // Signed in, the same answer.
    auto r = admin->Post("/api/ip/deadlines/compute", json::object{{"kind", "paris_priority"}, {"from", "2026-03-16"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("due_on"), "2027-03-16");
}

TEST_F(IpApi, AnUnknownKindOrAMalformedDateIsA422NamingTheField) {
    Client anon(server->port());
    struct Case {
        std::string body;
        const char* field;
    };
    const Case cases[] = {
        {R"({"kind":"utility_model","from":"2026-01-01"})", "kind"},
        {R"({"kind":"","from":"2026-01-01"})", "kind"},
        {R"({"from":"2026-01-01"})", "kind"},
        {R"({"kind":"paris_priority","from":"2026-02-30"})", "from"},
        {R"({"kind":"paris_priority","from":"2026/01/01"})", "from"},
        {R"({"kind":"paris_priority","from":"26-1-1"})", "from"},
        {R"({"kind":"paris_priority"})", "from"},
        {R"({"kind":"paris_priority","from":20260101})", "from"},
        {R"({"kind":["paris_priority"],"from":"2026-01-01"})", "kind"},
    };
    for (const auto& c : cases) {
        auto r = anon.Request("POST", "/api/ip/deadlines/compute", c.body);
        EXPECT_EQ(r.status, 422) << c.body << " → " << r.body;
        EXPECT_EQ(r.ErrorField(), c.field) << c.body;
    }
    EXPECT_EQ(anon.Request("POST", "/api/ip/deadlines/compute", "not json").status, 400);
}

}  // namespace
}  // namespace renkei::testing
