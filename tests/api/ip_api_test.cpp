// Intellectual property over HTTP (issue 15): the deadline calculator outside checks use —
// POST /api/ip/deadlines/compute {"kind", "from"} → {"due_on"} under Japanese law, with or
// without a session; an unknown kind or a malformed date is a 422 naming the field.
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

json::array Items(const HttpResponse& r, const char* key = "items") {
    json::array out = r.json().at(key).as_array();
    return out;
}

// The titles of the caller's open inbox items.
std::string InboxTitles(Client& c) {
    std::string out;
    for (const auto& i : Items(c.Get("/api/inbox"))) out += S(i.at("title_ja")) + "\n";
    return out;
}

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
        auto c = office->Post("/api/contracts",
                              json::object{{"type", "joint_research"},
                                           {"title", "共同研究契約"},
                                           {"project_id", project},
                                           {"parties", json::array{json::object{{"organisation_id", hospital}},
                                                                   json::object{{"organisation_id", acme}}}},
                                           {"terms", json::object{{"ip_share_university", 60},
                                                                  {"ip_share_company", 40},
                                                                  {"publication_review_days", 30}}}});
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
    // The office takes it up; then decides to file, the ownership shares from the agreement.
    EXPECT_EQ(pi->Post("/api/ip/inventions/" + id + "/evaluation", json::object{}).status, 403);
    auto evaluating = office->Post("/api/ip/inventions/" + id + "/evaluation", json::object{});
    ASSERT_EQ(evaluating.status, 200) << evaluating.body;
    EXPECT_EQ(evaluating.json().at("status"), "evaluating");
    EXPECT_EQ(office->Post("/api/ip/inventions/" + id + "/evaluation", json::object{}).status, 409);
    EXPECT_EQ(pi->Post("/api/ip/inventions/" + id + "/decision", json::object{{"decision", "file"}}).status, 403);
    auto decided = office->Post("/api/ip/inventions/" + id + "/decision",
                                json::object{{"decision", "file"}, {"novelty_notes", "先行技術なし"}});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(decided.json().at("status"), "decided");
    EXPECT_EQ(decided.json().at("university_share"), 60);
    EXPECT_EQ(decided.json().at("company_share"), 40);
    EXPECT_EQ(pi->Patch("/api/ip/inventions/" + id, json::object{{"title", "x"}}).status, 409);
    // The company co-owns it (40 %): the joint application waits for its consent (特許法 第38条),
    // which the office records (the draft agreement shows the company nothing yet).
    EXPECT_EQ(decided.json().at("company_consent_required"), true);
    auto early =
        office->Post("/api/ip/inventions/" + id + "/filings", json::object{{"kind", "jp"}, {"filed_on", "2026-03-16"}});
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(early.ErrorField(), "company_consent");
    EXPECT_EQ(pi->Post("/api/ip/inventions/" + id + "/consent", json::object{{"consented_on", "2026-03-10"}}).status,
              403);
    EXPECT_EQ(lead->Post("/api/ip/inventions/" + id + "/consent", json::object{{"consented_on", "2026-03-10"}}).status,
              404);
    EXPECT_EQ(office->Post("/api/ip/inventions/" + id + "/consent", json::object{{"consented_on", "2999-03-10"}})
                  .ErrorField(),
              "consented_on");
    auto consent = office->Post("/api/ip/inventions/" + id + "/consent", json::object{{"consented_on", "2026-03-10"}});
    ASSERT_EQ(consent.status, 200) << consent.body;
    EXPECT_EQ(consent.json().at("company_consent_on"), "2026-03-10");
    EXPECT_EQ(
        office->Post("/api/ip/inventions/" + id + "/consent", json::object{{"consented_on", "2026-03-10"}}).status,
        409);
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

TEST_F(IpApi, LicenceRevenueBringsTheInventorsTheirRewardsAndTheOfficeItsLedger) {
    World();
    auto r = member->Post(
        "/api/ip/inventions",
        json::object{{"project_id", project},
                     {"title", "貼付型電極の新規構造"},
                     {"inventors", json::array{json::object{{"person_id", pi_id}, {"share_percent", 60}},
                                               json::object{{"person_id", member_id}, {"share_percent", 30}},
                                               json::object{{"person_id", lead_id}, {"share_percent", 10}}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    std::string id = S(r.json().at("id"));
    EXPECT_EQ(r.json().at("inventors").at(2).at("employer"), "company");
    // The rules are the university's, readable by all; only the office sets them.
    EXPECT_EQ(pi->Get("/api/ip/reward-rules").status, 200);
    json::object rules{{"filing_yen", 10000}, {"registration_yen", 30000}, {"revenue_percent", 30}};
    EXPECT_EQ(pi->Put("/api/ip/reward-rules", rules).status, 403);
    auto bad_rules =
        office->Put("/api/ip/reward-rules",
                    json::object{{"filing_yen", 10000}, {"registration_yen", 30000}, {"revenue_percent", 140}});
    EXPECT_EQ(bad_rules.status, 422);
    EXPECT_EQ(bad_rules.ErrorField(), "revenue_percent");
    ASSERT_EQ(office->Put("/api/ip/reward-rules", rules).status, 200);
    // Licensing waits for the decision.
    json::object licence{{"licensee", "株式会社アクメ医療"}, {"exclusive", true}, {"signed_on", TokyoDay(-60)}};
    EXPECT_EQ(office->Post("/api/ip/inventions/" + id + "/licences", licence).status, 409);
    ASSERT_EQ(office->Post("/api/ip/inventions/" + id + "/decision", json::object{{"decision", "file"}}).status, 200);
    ASSERT_EQ(
        office->Post("/api/ip/inventions/" + id + "/consent", json::object{{"consented_on", TokyoDay(-95)}}).status,
        200);
    auto filed = office->Post("/api/ip/inventions/" + id + "/filings",
                              json::object{{"kind", "jp"}, {"number", "特願2026-012345"}, {"filed_on", TokyoDay(-90)}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    // The filing reward, split by share among the university's inventors (the company pays its own).
    auto mine = pi->Get("/api/ip/rewards");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(Items(mine).size(), 1u);
    EXPECT_EQ(Items(mine)[0].at("kind"), "filing");
    EXPECT_EQ(Items(mine)[0].at("amount_yen"), 6000);
    EXPECT_EQ(Items(lead->Get("/api/ip/rewards")).size(), 0u) << "a company inventor is rewarded by the company";
    EXPECT_NE(pi->Get("/api/notifications").body.find("出願補償"), std::string::npos);
    EXPECT_EQ(InboxTitles(*pi).find("出願補償"), std::string::npos) << "news, not a task";

    EXPECT_EQ(pi->Post("/api/ip/inventions/" + id + "/licences", licence).status, 403);
    auto licensed = office->Post("/api/ip/inventions/" + id + "/licences", licence);
    ASSERT_EQ(licensed.status, 201) << licensed.body;
    std::string licence_id = S(licensed.json().at("licences").at(0).at("id"));
    EXPECT_EQ(licensed.json().at("licences").at(0).at("exclusive"), true);
    struct Bad {
        json::object body;
        const char* field;
    };
    for (const auto& b : {Bad{json::object{{"received_on", TokyoDay(-1)}, {"amount_yen", 0}}, "amount_yen"},
                          Bad{json::object{{"received_on", TokyoDay(-1)}, {"amount_yen", -5}}, "amount_yen"},
                          Bad{json::object{{"received_on", TokyoDay(-1)}, {"amount_yen", "1e6"}}, "amount_yen"},
                          Bad{json::object{{"received_on", TokyoDay(-61)}, {"amount_yen", 1000}}, "received_on"},
                          Bad{json::object{{"received_on", TokyoDay(3)}, {"amount_yen", 1000}}, "received_on"}}) {
        auto got = office->Post("/api/ip/inventions/" + id + "/licences/" + licence_id + "/revenue", b.body);
        EXPECT_EQ(got.status, 422) << json::serialize(b.body) << " " << got.body;
        EXPECT_EQ(got.ErrorField(), b.field) << got.body;
    }
    EXPECT_EQ(office
                  ->Post("/api/ip/inventions/" + id + "/licences/nope/revenue",
                         json::object{{"received_on", TokyoDay(-1)}, {"amount_yen", 1000}})
                  .status,
              404);
    auto paid_in = office->Post("/api/ip/inventions/" + id + "/licences/" + licence_id + "/revenue",
                                json::object{{"received_on", TokyoDay(-10)}, {"amount_yen", 1000000}});
    ASSERT_EQ(paid_in.status, 201) << paid_in.body;
    EXPECT_EQ(paid_in.json().at("licences").at(0).at("revenue_total_yen"), 1000000);
    // 30 % of ¥1,000,000 to the inventors: the PI's 60 % of it.
    auto ledger = pi->Get("/api/ip/rewards").json();
    EXPECT_EQ(ledger.at("due_total_yen"), 6000 + 180000);
    EXPECT_EQ(member->Get("/api/ip/rewards").json().at("due_total_yen"), 3000 + 90000);
    // The invention page shows an inventor their own rewards, the office everyone's.
    EXPECT_EQ(pi->Get("/api/ip/inventions/" + id).json().at("rewards").as_array().size(), 2u);
    EXPECT_EQ(office->Get("/api/ip/inventions/" + id).json().at("rewards").as_array().size(), 4u);

    // The office pays, once.
    std::string reward_id;
    for (const auto& row : Items(pi->Get("/api/ip/rewards")))
        if (row.at("kind") == "revenue") reward_id = S(row.at("id"));
    EXPECT_EQ(pi->Post("/api/ip/rewards/" + reward_id + "/paid", json::object{{"paid_on", TokyoDay(0)}}).status, 403);
    auto paid = office->Post("/api/ip/rewards/" + reward_id + "/paid", json::object{{"paid_on", TokyoDay(0)}});
    ASSERT_EQ(paid.status, 200) << paid.body;
    EXPECT_EQ(paid.json().at("paid_on"), TokyoDay(0).c_str());
    EXPECT_EQ(office->Post("/api/ip/rewards/" + reward_id + "/paid", json::object{{"paid_on", TokyoDay(0)}}).status,
              409);
    EXPECT_EQ(office->Post("/api/ip/rewards/nope/paid", json::object{{"paid_on", TokyoDay(0)}}).status, 404);
    ledger = pi->Get("/api/ip/rewards").json();
    EXPECT_EQ(ledger.at("paid_total_yen"), 180000);
    EXPECT_EQ(ledger.at("due_total_yen"), 6000);

    // The ledger for Excel: the office's only.
    auto csv = office->Get("/api/ip/rewards?format=csv&lang=ja");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    for (const char* want : {"実施補償", "出願補償", "180000", "貼付型電極の新規構造", "\r\n"})
        EXPECT_NE(csv.body.find(want), std::string::npos) << want;
    auto xlsx = office->Get("/api/ip/rewards?format=xlsx");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    EXPECT_EQ(pi->Get("/api/ip/rewards?format=csv").status, 403);
    EXPECT_EQ(office->Get("/api/ip/rewards?format=pdf").ErrorField(), "format");

    // Registration earns its reward.
    std::string filing = S(filed.json().at("filings").at(0).at("id"));
    ASSERT_EQ(
        office->Patch("/api/ip/inventions/" + id + "/filings/" + filing, json::object{{"registered_on", TokyoDay(-1)}})
            .status,
        200);
    EXPECT_EQ(pi->Get("/api/ip/rewards").json().at("due_total_yen"), 6000 + 18000);

    // The committee sees the whole chain, need to product, in order.
    auto goal = committee->Get("/api/portfolio/goal");
    ASSERT_EQ(goal.status, 200) << goal.body;
    std::string codes;
    std::map<std::string, long long> counts;
    for (const auto& step : Items(goal, "chain")) {
        codes += S(step.at("code")) + " ";
        counts[S(step.at("code"))] = step.at("count").as_int64();
    }
    EXPECT_EQ(codes, "need introduction nda project invention licence product ");
    EXPECT_EQ(counts["invention"], 1);
    EXPECT_EQ(counts["licence"], 1);
    EXPECT_EQ(counts["project"], 1);
    EXPECT_EQ(goal.body.find("貼付型電極の新規構造"), std::string::npos) << "counts, never titles";
}

TEST_F(IpApi, ATalkBeforeTheFilingRaisesTheGuardAndTheCompanyGetsItsReview) {
    World();
    ASSERT_EQ(admin
                  ->Put("/api/floors/1F",
                        json::object{{"name_ja", "1階"}, {"name_en", "1F"}, {"area_m2", 500}, {"position", 1}})
                  .status,
              200);
    auto space = admin->Post("/api/spaces", json::object{{"code", "1F-HALL"},
                                                         {"floor", "1F"},
                                                         {"kind", "hall"},
                                                         {"name_ja", "ホール"},
                                                         {"name_en", "Hall"},
                                                         {"capacity", 100},
                                                         {"bookable", true},
                                                         {"needs_approval", false},
                                                         {"opens_at", "08:00"},
                                                         {"closes_at", "22:00"},
                                                         {"max_minutes", 600},
                                                         {"area_m2", 100}});
    ASSERT_EQ(space.status, 201) << space.body;
    auto event = office->Post("/api/events", json::object{{"space_id", S(space.json().at("id"))},
                                                          {"kind", "seminar"},
                                                          {"title_ja", "医工連携セミナー"},
                                                          {"title_en", "Med-tech seminar"},
                                                          {"start", TokyoDay(21) + "T15:00:00+09:00"},
                                                          {"end", TokyoDay(21) + "T17:00:00+09:00"},
                                                          {"capacity", 50}});
    ASSERT_EQ(event.status, 201) << event.body;
    std::string event_id = S(event.json().at("id"));
    auto inv = member->Post("/api/ip/inventions", json::object{{"project_id", project}, {"title", "MK-UNFILED"}});
    ASSERT_EQ(inv.status, 201) << inv.body;
    std::string id = S(inv.json().at("id"));

    // The inventor registers a talk at the centre's seminar: it comes before any filing.
    auto talk = member->Post(
        "/api/ip/publications",
        json::object{
            {"project_id", project}, {"kind", "talk"}, {"title", "貼付型電極の初期評価"}, {"event_id", event_id}});
    ASSERT_EQ(talk.status, 201) << talk.body;
    std::string talk_id = S(talk.json().at("id"));
    EXPECT_EQ(talk.json().at("planned_on"), TokyoDay(21).c_str()) << "the event's day";
    EXPECT_EQ(talk.json().at("guarded"), true);
    EXPECT_EQ(talk.json().at("event_title_ja"), "医工連携セミナー");
    for (auto* who : {member.get(), pi.get(), office.get()})
        EXPECT_NE(InboxTitles(*who).find("出願前の発表です"), std::string::npos);
    // The company lead is a member but may not learn an unfiled invention exists: no guard shown,
    // and its review task under the agreement (30 days).
    auto seen = Items(lead->Get("/api/ip/publications?project_id=" + project));
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].at("guarded"), false);
    EXPECT_TRUE(seen[0].at("invention_id").is_null());
    EXPECT_EQ(seen[0].at("review_due_on"), TokyoDay(30).c_str());
    EXPECT_EQ(seen[0].at("may").at("review"), true);
    EXPECT_EQ(lead->Get("/api/inbox").body.find("MK-UNFILED"), std::string::npos);
    EXPECT_NE(InboxTitles(*lead).find("公表前審査"), std::string::npos);
    EXPECT_EQ(outsider->Get("/api/ip/publications?project_id=" + project).status, 404);
    EXPECT_EQ(outsider->Get("/api/ip/publications").body.find("貼付型電極"), std::string::npos);
    EXPECT_EQ(outsider->Post("/api/ip/publications/" + talk_id + "/clear", json::object{{"resolution", "no_invention"}})
                  .status,
              404);
    EXPECT_EQ(
        lead->Post("/api/ip/publications/" + talk_id + "/clear", json::object{{"resolution", "no_invention"}}).status,
        403);
    EXPECT_EQ(pi->Post("/api/ip/publications/" + talk_id + "/review", json::object{{"outcome", "approved"}}).status,
              403);
    EXPECT_EQ(
        lead->Post("/api/ip/publications/" + talk_id + "/review", json::object{{"outcome", "maybe"}}).ErrorField(),
        "outcome");
    auto reviewed = lead->Post("/api/ip/publications/" + talk_id + "/review", json::object{{"outcome", "approved"}});
    ASSERT_EQ(reviewed.status, 200) << reviewed.body;
    EXPECT_EQ(reviewed.json().at("review"), "approved");
    EXPECT_EQ(InboxTitles(*lead).find("公表前審査"), std::string::npos);

    // Filed before the talk: the guard is lifted by itself.
    ASSERT_EQ(office->Post("/api/ip/inventions/" + id + "/decision", json::object{{"decision", "file"}}).status, 200);
    ASSERT_EQ(office->Post("/api/ip/inventions/" + id + "/consent", json::object{{"consented_on", TokyoDay(0)}}).status,
              200);
    ASSERT_EQ(
        office->Post("/api/ip/inventions/" + id + "/filings", json::object{{"kind", "jp"}, {"filed_on", TokyoDay(0)}})
            .status,
        201);
    auto after = Items(member->Get("/api/ip/publications?project_id=" + project));
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].at("status"), "cleared");
    EXPECT_EQ(after[0].at("clearance"), "filed");
    EXPECT_EQ(InboxTitles(*member).find("出願前の発表です"), std::string::npos);

    // A paper on a second, unfiled invention: the inventor confirms it holds none.
    auto second = member->Post("/api/ip/inventions", json::object{{"project_id", project}, {"title", "第二の発明"}});
    ASSERT_EQ(second.status, 201);
    auto paper = member->Post("/api/ip/publications", json::object{{"project_id", project},
                                                                   {"kind", "paper"},
                                                                   {"title", "症例報告"},
                                                                   {"venue", "日本循環器学会誌"},
                                                                   {"planned_on", TokyoDay(40)}});
    ASSERT_EQ(paper.status, 201) << paper.body;
    EXPECT_EQ(paper.json().at("guarded"), true);
    auto cleared = member->Post("/api/ip/publications/" + S(paper.json().at("id")) + "/clear",
                                json::object{{"resolution", "no_invention"}});
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(cleared.json().at("clearance"), "no_invention");
    // Bad input names the field.
    struct Bad {
        json::object body;
        const char* field;
    };
    for (const auto& b :
         {Bad{json::object{{"project_id", project}, {"kind", "poster"}, {"title", "x"}, {"planned_on", TokyoDay(5)}},
              "kind"},
          Bad{json::object{{"project_id", project}, {"kind", "paper"}, {"title", ""}, {"planned_on", TokyoDay(5)}},
              "title"},
          Bad{json::object{{"project_id", project}, {"kind", "paper"}, {"title", "x"}}, "planned_on"},
          Bad{json::object{{"project_id", project}, {"kind", "paper"}, {"title", "x"}, {"planned_on", TokyoDay(-5)}},
              "planned_on"},
          Bad{json::object{{"project_id", project}, {"kind", "talk"}, {"title", "x"}, {"event_id", "nope"}},
              "event_id"},
          Bad{json::object{{"project_id", project},
                           {"kind", "paper"},
                           {"title", "x"},
                           {"planned_on", TokyoDay(5)},
                           {"invention_id", "nope"}},
              "invention_id"}}) {
        auto got = member->Post("/api/ip/publications", b.body);
        EXPECT_EQ(got.status, 422) << json::serialize(b.body) << " " << got.body;
        EXPECT_EQ(got.ErrorField(), b.field) << got.body;
    }
    EXPECT_EQ(outsider
                  ->Post("/api/ip/publications",
                         json::object{
                             {"project_id", project}, {"kind", "paper"}, {"title", "x"}, {"planned_on", TokyoDay(5)}})
                  .ErrorField(),
              "project_id");
}

TEST_F(IpApi, TheDemoCentreHoldsInventionsInEveryStatusOneLicensedWithRevenue) {
    auto loaded = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
    Client nakamura(server->port());
    nakamura.Login("nakamura.yumi@renkei.example", "renkei-demo-2026");
    std::set<std::string> statuses;
    long long revenue = 0;
    for (const auto& inv : Items(nakamura.Get("/api/ip/inventions"))) {
        statuses.insert(S(inv.at("status")));
        for (const auto& l : inv.at("licences").as_array()) revenue += l.at("revenue_total_yen").as_int64();
    }
    EXPECT_EQ(statuses,
              (std::set<std::string>{"disclosed", "evaluating", "decided", "filed", "registered", "abandoned"}));
    EXPECT_GT(revenue, 0);
    // The ECG project's PI sees the rewards of the licensed algorithm, some paid and some due.
    Client tanaka(server->port());
    tanaka.Login("tanaka.kenji@renkei.example", "renkei-demo-2026");
    auto ledger = tanaka.Get("/api/ip/rewards").json();
    EXPECT_GT(ledger.at("paid_total_yen").as_int64(), 0);
    EXPECT_GT(ledger.at("due_total_yen").as_int64(), 0);
    // The IBD PI's symposium talk is guarded, and she is told.
    Client yamada(server->port());
    yamada.Login("yamada.hanako@renkei.example", "renkei-demo-2026");
    bool guarded = false;
    for (const auto& p : Items(yamada.Get("/api/ip/publications")))
        guarded = guarded || (p.at("guarded") == true && p.at("status") == "planned");
    EXPECT_TRUE(guarded);
    EXPECT_NE(InboxTitles(yamada).find("出願前の発表です"), std::string::npos);
    // The partner company's lead sees the inventions its agreement in force makes it co-own: the
    // ECG and IBD agreements (active, 50 %) — not the microbiome project's (approved, not signed),
    // nor the knee project's (no agreement).
    struct Lead {
        const char* email;
        std::vector<std::string> sees, not_sees;
    };
    for (const auto& l : {Lead{"shimizu.hikaru@renkei.example", {"心電図波形からの発作性心房細動の検出方法"}, {}},
                          Lead{"yamaguchi.naoto@renkei.example",
                               {"炎症性腸疾患の再燃を予測する血中タンパク質パネル"},
                               {"腸内細菌叢スコアによる免疫療法の奏効予測方法"}},
                          Lead{"mori.aya@renkei.example", {}, {"摺動面コーティングの積層方法"}}}) {
        Client c(server->port());
        c.Login(l.email, "renkei-demo-2026");
        auto list = c.Get("/api/ip/inventions");
        for (const auto& t : l.sees) EXPECT_NE(list.body.find(t), std::string::npos) << l.email << " " << t;
        for (const auto& t : l.not_sees) EXPECT_EQ(list.body.find(t), std::string::npos) << l.email << " " << t;
    }
    // The algorithm was filed in Japan only: its Paris priority year lapsed long ago and is no
    // longer anyone's task.
    EXPECT_EQ(InboxTitles(tanaka).find("パリ優先期限：心電図波形からの発作性心房細動の検出方法"), std::string::npos);
    EXPECT_EQ(InboxTitles(nakamura).find("パリ優先期限：心電図波形からの発作性心房細動の検出方法"), std::string::npos);
    // Deadlines ahead: the PCT national phase and the year of grace after the conference talk.
    std::set<std::string> kinds;
    for (const auto& d : Items(nakamura.Get("/api/ip/deadlines?from=" + TokyoDay(0) + "&to=" + TokyoDay(1000))))
        kinds.insert(S(d.at("kind")));
    EXPECT_TRUE(kinds.count("pct_national_phase"));
    EXPECT_TRUE(kinds.count("grace_period_filing"));
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
