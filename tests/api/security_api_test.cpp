// Security over HTTP, on SQLite and PostgreSQL: the audit log shows a record's contents only to
// whom the entity itself is shown; numbers out of range are refused by name; the response
// headers; the login throttle that cannot lock someone else out.
#include <set>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

class SecurityApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        hospital_ = Org("慶應義塾大学病院", "hospital");
        company_a_ = Org("JSR株式会社", "company");
        company_b_ = Org("信濃町メディテック株式会社", "company");
        clinician_id = Person("doc@test.example", {"clinician"}, hospital_);
        member_id = Person("member@test.example", {"researcher"}, hospital_);
        lead_id = Person("lead@test.example", {"company_researcher"}, company_a_);
        partner_id = Person("partner@test.example", {"company_researcher"}, company_b_);
        office_id = Person("office@test.example", {"office"}, "");
        committee_id = Person("committee@test.example", {"committee"}, "");
        clinician = Login("doc@test.example");
        member = Login("member@test.example");
        lead = Login("lead@test.example");
        partner = Login("partner@test.example");
        office = Login("office@test.example");
        committee = Login("committee@test.example");
    }
    // The audit entries of one entity as `reader` sees them; asserts the read is allowed.
    json::array Audit(Client& reader, const std::string& entity, const std::string& id) {
        auto r = reader.Get("/api/audit?entity=" + entity + "&entity_id=" + id + "&limit=200");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? r.json().at("items").as_array() : json::array{};
    }
    // Every entry is there (who did what stays visible), none shows the marker, each says it was
    // redacted.
    void ExpectRedacted(Client& reader, const std::string& entity, const std::string& id, const std::string& marker) {
        auto r = reader.Get("/api/audit?entity=" + entity + "&entity_id=" + id + "&limit=200");
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.body.find(marker), std::string::npos) << entity << ": " << r.body;
        auto items = r.json().at("items").as_array();
        ASSERT_FALSE(items.empty()) << entity;
        for (const auto& e : items) {
            EXPECT_EQ(S(e.at("redacted")), "not_entitled") << entity << ": " << json::serialize(e);
            EXPECT_TRUE(e.at("before").is_null() && e.at("after").is_null());
            EXPECT_FALSE(S(e.at("action")).empty());
        }
    }
    void ExpectShown(Client& reader, const std::string& entity, const std::string& id, const std::string& marker) {
        auto r = reader.Get("/api/audit?entity=" + entity + "&entity_id=" + id + "&limit=200");
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_NE(r.body.find(marker), std::string::npos) << entity << ": " << r.body;
        auto body = r.json();
        for (const auto& e : body.at("items").as_array()) EXPECT_TRUE(e.at("redacted").is_null());
    }
    std::string hospital_, company_a_, company_b_;
    std::string clinician_id, member_id, lead_id, partner_id, office_id, committee_id;
    std::unique_ptr<Client> clinician, member, lead, partner, office, committee;
};

TEST_F(SecurityApi, AuditOfAConfidentialSeedIsRedactedForWhomTheSeedIsHidden) {
    const std::string marker = "MARKER-SEED-機密ハイドロゲル";
    auto r = lead->Post(
        "/api/exchange/seeds",
        json::object{
            {"kind", "material"}, {"title", marker}, {"description", "高吸水性 " + marker}, {"confidential", true}});
    ASSERT_EQ(r.status, 201) << r.body;
    std::string id = S(r.json().at("id"));
    ASSERT_EQ(lead->Patch("/api/exchange/seeds/" + id, json::object{{"description", "改訂 " + marker}}).status, 200);
    // The seed itself: 404 for the office and admins; so are its records' contents.
    ASSERT_EQ(office->Get("/api/exchange/seeds/" + id).status, 404);
    ExpectRedacted(*office, "seed", id, marker);
    ExpectRedacted(*admin, "seed", id, marker);
    // The unfiltered log does not leak it either: no title as the entry's name.
    auto all = admin->Get("/api/audit?shown=all&limit=200");
    EXPECT_EQ(all.body.find(marker), std::string::npos);
    auto all_items = all.json().at("items").as_array();
    for (const auto& e : all_items)
        if (S(e.at("entity_id")) == id) EXPECT_TRUE(e.at("entity_name").is_null()) << json::serialize(e);
    // A public seed's records are shown.
    auto open = lead->Post(
        "/api/exchange/seeds",
        json::object{{"kind", "material"}, {"title", "公開シーズ"}, {"description", "公開"}, {"confidential", false}});
    ASSERT_EQ(open.status, 201);
    ExpectShown(*office, "seed", S(open.json().at("id")), "公開シーズ");
}

TEST_F(SecurityApi, AuditOfADraftNeedIsForItsAuthorAndTheOfficeOnly) {
    const std::string marker = "MARKER-NEED-下書き";
    auto r = clinician->Post(
        "/api/exchange/needs",
        json::object{
            {"title", marker}, {"problem", "浸出液が多い " + marker}, {"area", "medical_device"}, {"status", "draft"}});
    ASSERT_EQ(r.status, 201) << r.body;
    std::string id = S(r.json().at("id"));
    ASSERT_EQ(S(r.json().at("status")), "draft");
    // Admins are not the office: a draft is not theirs to read (docs/exchange.md), nor its records.
    EXPECT_EQ(admin->Get("/api/exchange/needs/" + id).status, 404);
    ExpectRedacted(*admin, "need", id, marker);
    EXPECT_EQ(office->Get("/api/exchange/needs/" + id).status, 200);
    ExpectShown(*office, "need", id, marker);
}

TEST_F(SecurityApi, AuditOfAnIntroductionIsForItsPartiesAndTheOffice) {
    auto need = clinician->Post(
        "/api/exchange/needs",
        json::object{{"title", "褥瘡の浸出液"}, {"problem", "ガーゼ交換が頻回"}, {"area", "medical_device"}});
    ASSERT_EQ(need.status, 201) << need.body;
    const std::string marker = "MARKER-INTRO-ご紹介";
    auto r = lead->Post("/api/exchange/introductions",
                        json::object{{"item_type", "need"}, {"item_id", S(need.json().at("id"))}, {"message", marker}});
    ASSERT_EQ(r.status, 201) << r.body;
    std::string id = S(r.json().at("id"));
    EXPECT_EQ(admin->Get("/api/exchange/introductions/" + id).status, 404);
    ExpectRedacted(*admin, "introduction", id, marker);
    ExpectShown(*office, "introduction", id, marker);
}

TEST_F(SecurityApi, AuditOfAConfidentialProjectDocumentIsForTheProjectsMembers) {
    auto p = lead->Post(
        "/api/projects",
        json::object{{"kind", "joint"},
                     {"title_ja", "ハイドロゲル創傷被覆材の共同研究"},
                     {"aims", "交換回数を減らす"},
                     {"pi_id", clinician_id},
                     {"company_lead_id", lead_id},
                     {"members", json::array{json::object{{"person_id", member_id}, {"role", "researcher"}}}}});
    ASSERT_EQ(p.status, 201) << p.body;
    std::string project = S(p.json().at("id"));
    ASSERT_EQ(committee->Post("/api/projects/" + project + "/decision", json::object{{"decision", "approve"}}).status,
              200);
    const std::string marker = "MARKER-DOC-secret-protocol";
    auto d = member->Request(
        "POST",
        "/api/projects/" + project + "/documents?title=" + marker + "&visibility=confidential&filename=plan.pdf",
        "%PDF-1.4 secret", {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(d.status, 201) << d.body;
    std::string id = S(d.json().at("id"));
    ExpectRedacted(*office, "project_document", id, marker);
    ExpectRedacted(*admin, "project_document", id, marker);
    auto pub = member->Request(
        "POST", "/api/projects/" + project + "/documents?title=poster-public&visibility=public&filename=p.pdf",
        "%PDF-1.4 poster", {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(pub.status, 201) << pub.body;
    ExpectShown(*office, "project_document", S(pub.json().at("id")), "poster-public");
}

TEST_F(SecurityApi, AuditOfAPersonsInboxItemsIsForThatPerson) {
    // A proposal asks the committee for a decision: an inbox item of the committee member.
    auto p = lead->Post("/api/projects", json::object{{"kind", "joint"},
                                                      {"title_ja", "MARKER-INBOX-提案"},
                                                      {"aims", "交換回数を減らす"},
                                                      {"pi_id", clinician_id},
                                                      {"company_lead_id", lead_id}});
    ASSERT_EQ(p.status, 201) << p.body;
    auto items = admin->Get("/api/audit?entity=inbox_item&limit=200").json().at("items").as_array();
    ASSERT_FALSE(items.empty());
    for (const auto& e : items) EXPECT_EQ(S(e.at("redacted")), "not_entitled") << json::serialize(e);
}

TEST_F(SecurityApi, EveryKindInTheDemoCentresAuditLogHasADeclaredReadPolicy) {
    auto loaded = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
    std::string before;
    int pages = 0;
    std::set<std::string> kinds;
    while (pages++ < 200) {
        auto r = admin->Get("/api/audit?shown=all&limit=200" + (before.empty() ? "" : "&before=" + before));
        ASSERT_EQ(r.status, 200) << r.body;
        auto page = r.json();
        for (const auto& e : page.at("items").as_array()) {
            kinds.insert(S(e.at("entity")));
            EXPECT_NE(S(e.at("redacted")), "undeclared") << "no module declared who may read " << S(e.at("entity"));
        }
        if (page.at("next_before").is_null()) break;
        before = S(page.at("next_before"));
    }
    EXPECT_GE(kinds.size(), 15u);
}

TEST_F(SecurityApi, NumbersOutOfRangeAreRefusedByNameAndNothingIsStored) {
    const std::string big = "9223372036854775808";    // 2^63
    const std::string huge = "18446744073709551616";  // 2^64, a double to the parser
    auto put = [&](const std::string& amount) {
        return clinician->Request(
            "PUT", "/api/coi/declarations/mine",
            R"({"relationships":[{"category":"consulting","company_name":"JSR株式会社","amount_yen":)" + amount +
                "}]}");
    };
    for (const std::string& amount :
         std::vector<std::string>{big, huge, "-1", "1.5", "\"100\"", "null", "1e300", "1000000000000001"}) {
        auto r = put(amount);
        EXPECT_EQ(r.status, 422) << amount << ": " << r.body;
        EXPECT_EQ(r.ErrorField(), "relationships") << amount;
    }
    EXPECT_EQ(put("1200000").status, 200) << put("1200000").body;
    auto fy = clinician->Request("PUT", "/api/coi/declarations/mine",
                                 R"({"fiscal_year":)" + big + R"(,"nothing_to_declare":true})");
    EXPECT_EQ(fy.status, 422) << fy.body;
    EXPECT_EQ(fy.ErrorField(), "fiscal_year");
    auto thresholds =
        office->Request("PUT", "/api/coi/thresholds",
                        R"({"thresholds":[{"category":"consulting","rule":"amount","amount_yen":)" + big + "}]}");
    EXPECT_EQ(thresholds.status, 422) << thresholds.body;
    // Query parameters too.
    for (const std::string& q :
         std::vector<std::string>{"/api/coi/declarations/mine?fiscal_year=" + big, "/api/notifications?limit=" + big,
                                  "/api/audit?before=" + huge, "/api/exchange/needs?limit=" + big}) {
        auto r = (q.rfind("/api/audit", 0) == 0 ? *office : *clinician).Get(q);
        EXPECT_EQ(r.status, 422) << q << ": " << r.body;
    }
    // A project's budget and a sale.
    auto p = lead->Post("/api/projects", json::object{{"kind", "joint"},
                                                      {"title_ja", "予算の桁"},
                                                      {"aims", "範囲"},
                                                      {"pi_id", clinician_id},
                                                      {"company_lead_id", lead_id}});
    ASSERT_EQ(p.status, 201) << p.body;
    std::string id = S(p.json().at("id"));
    auto budget =
        lead->Request("PATCH", "/api/projects/" + id, R"({"budgets":[{"fiscal_year":2026,"amount_yen":)" + big + "}]}");
    EXPECT_EQ(budget.status, 422) << budget.body;
    EXPECT_EQ(budget.ErrorField(), "budgets");
}

// Behind nginx (a trusted proxy), each client is known by its X-Forwarded-For address: one
// attacker's failures throttle the attacker, never the whole centre nor the person attacked.
TEST(LoginThrottleBehindAProxy, NobodyCanLockSomeoneElseOut) {
    TestDatabase db;
    ServerProcess server(db, {"RENKEI_TRUSTED_PROXIES=127.0.0.1, ::1"});
    for (const char* email : {"victim@test.example", "bystander@test.example"}) {
        auto added = RunRenkei({"user", "add", "--db", db.url(), "--email", email, "--name", "利用者", "--role",
                                "clinician", "--password-stdin"},
                               "password-123\n");
        ASSERT_EQ(added.exit_code, 0) << added.output;
    }
    Client c(server.port());
    auto login = [&](const std::string& email, const std::string& password, const std::string& from) {
        return c.Request("POST", "/api/session",
                         json::serialize(json::object{{"email", email}, {"password", password}}),
                         {{"X-Forwarded-For", from}});
    };
    // The victim has signed in from the hospital before.
    ASSERT_EQ(login("victim@test.example", "password-123", "198.51.100.10").status, 200);
    // One attacker address, many made-up accounts: the address is slowed down after 50.
    for (int i = 0; i < 50; ++i)
        ASSERT_EQ(login("nobody" + std::to_string(i) + "@test.example", "guess", "203.0.113.66").status, 401) << i;
    auto slowed = login("bystander@test.example", "password-123", "203.0.113.66");
    EXPECT_EQ(slowed.status, 429) << slowed.body;
    EXPECT_GT(std::stoi(slowed.headers["retry-after"]), 0);
    EXPECT_LE(std::stoi(slowed.headers["retry-after"]), 30);
    // ... but nobody else is: the bystander signs in from elsewhere.
    EXPECT_EQ(login("bystander@test.example", "password-123", "198.51.100.20").status, 200);
    // Guessing the victim's password from many addresses slows down the account for new addresses,
    EXPECT_EQ(login("victim@test.example", "guess", "203.0.113.1").status, 401);
    for (int i = 2; i <= 20; ++i)
        ASSERT_EQ(login("victim@test.example", "guess", "203.0.113." + std::to_string(i)).status, 401) << i;
    auto held = login("victim@test.example", "password-123", "192.0.2.99");
    EXPECT_EQ(held.status, 429) << "a correct password from an address never seen waits too";
    EXPECT_GT(std::stoi(held.headers["retry-after"]), 0);
    // ... while the victim, from the address they signed in from before, gets in.
    auto in = login("victim@test.example", "password-123", "198.51.100.10");
    EXPECT_EQ(in.status, 200) << in.body;
    // A client that is not behind the proxy cannot pick its address: the header is ignored when
    // the peer is not trusted (unit-tested in platform/http/client_address_test.cpp).
}

TEST_F(SecurityApi, EveryResponseSaysNosniffAndThePageHasAStrictPolicy) {
    for (const std::string& path : std::vector<std::string>{"/api/me", "/api/no-such-route", "/healthz"}) {
        auto r = clinician->Get(path);
        EXPECT_EQ(r.headers["x-content-type-options"], "nosniff") << path;
        EXPECT_EQ(r.headers["referrer-policy"], "same-origin") << path;
    }
}

TEST_F(SecurityApi, ANewNeedOrSeedCarriesItsAuthorsName) {
    auto need = clinician->Post("/api/exchange/needs",
                                json::object{{"title", "褥瘡"}, {"problem", "浸出液"}, {"area", "medical_device"}});
    ASSERT_EQ(need.status, 201) << need.body;
    EXPECT_EQ(S(need.json().at("author").at("name_ja")), "試験 doc") << need.body;
    EXPECT_EQ(S(need.json().at("author").at("name_en")), "Test Person");
    auto seed = lead->Post("/api/exchange/seeds",
                           json::object{{"kind", "material"}, {"title", "ゲル"}, {"description", "吸水"}});
    ASSERT_EQ(seed.status, 201) << seed.body;
    EXPECT_FALSE(S(seed.json().at("author").at("name_ja")).empty()) << seed.body;
    EXPECT_EQ(S(seed.json().at("author").at("name_ja")), S(lead->Get("/api/me").json().at("name_ja")));
}

}  // namespace
}  // namespace renkei::testing
