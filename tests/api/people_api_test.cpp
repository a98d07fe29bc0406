// Accounts over HTTP: sessions, CSRF, throttling, people, organisations, the audit log.
#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

using PeopleApi = ApiTest;

int CountPeople(Client& c) {
    return static_cast<int>(c.Get("/api/people?active=all").json().at("items").as_array().size());
}

TEST_F(PeopleApi, LoginSetsAnHttpOnlySameSiteCookieAndMeShowsRolesAndOrganisation) {
    auto org =
        admin->Post("/api/organisations",
                    json::object{{"name_ja", "循環器内科学教室"}, {"name_en", "Cardiology"}, {"kind", "department"}});
    ASSERT_EQ(org.status, 201) << org.body;
    std::string org_id(org.json().at("id").as_string());
    auto created = admin->Post("/api/people", json::object{{"email", "Tanaka@Test.example"},
                                                           {"name_ja", "田中 健二"},
                                                           {"name_kana", "たなか けんじ"},
                                                           {"name_en", "Kenji Tanaka"},
                                                           {"organisation_id", org_id},
                                                           {"roles", json::array{"clinician", "researcher"}},
                                                           {"password", "clinician-pass"}});
    ASSERT_EQ(created.status, 201) << created.body;

    Client c(server->port());
    auto r = c.Post("/api/session", json::object{{"email", "tanaka@test.example"}, {"password", "clinician-pass"}});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto& cookie = r.headers["set-cookie"];
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "no TLS here, so no Secure flag";
    EXPECT_FALSE(r.json().at("csrf_token").as_string().empty());

    auto me = c.Get("/api/me");
    ASSERT_EQ(me.status, 200);
    auto v = me.json();
    EXPECT_EQ(v.at("name_ja"), "田中 健二");
    EXPECT_EQ(v.at("name_kana"), "タナカ ケンジ") << "kana readings are kept in katakana for sorting";
    EXPECT_EQ(v.at("roles"), (json::array{"clinician", "researcher"}));
    EXPECT_EQ(v.at("organisation").at("name_ja"), "循環器内科学教室");
    EXPECT_EQ(v.at("language"), "ja");
    EXPECT_EQ(v.at("csrf_token"), r.json().at("csrf_token"));
    EXPECT_FALSE(v.as_object().contains("password_hash"));
}

TEST_F(PeopleApi, SessionCookieIsSecureBehindTls) {
    Client c(server->port());
    auto r = c.Request("POST", "/api/session", R"({"email":"root@test.example","password":"admin-password-1"})",
                       {{"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.headers["set-cookie"].find("; Secure"), std::string::npos);
}

TEST_F(PeopleApi, WrongPasswordAndUnknownEmailGetTheSame401) {
    Client c(server->port());
    auto wrong = c.Post("/api/session", json::object{{"email", kAdminEmail}, {"password", "not-the-password"}});
    auto unknown = c.Post("/api/session", json::object{{"email", "nobody@test.example"}, {"password", "whatever-1"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.ErrorCode(), "unauthenticated");
    EXPECT_EQ(wrong.json().at("error").at("message"), unknown.json().at("error").at("message"));
    EXPECT_EQ(c.Get("/api/me").status, 401);
}

TEST_F(PeopleApi, LoginRejectsMissingFieldsAndMalformedJson) {
    Client c(server->port());
    auto missing = c.Post("/api/session", json::object{{"password", "x"}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.ErrorField(), "email");
    auto no_password = c.Post("/api/session", json::object{{"email", "a@b.example"}});
    EXPECT_EQ(no_password.status, 422);
    EXPECT_EQ(no_password.ErrorField(), "password");
    auto malformed = c.Request("POST", "/api/session", "{\"email\": ");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(malformed.ErrorCode(), "bad_request");
    auto not_object = c.Request("POST", "/api/session", "[1,2]");
    EXPECT_EQ(not_object.status, 400);
}

TEST_F(PeopleApi, RepeatedFailuresFromOneAddressSlowThatAddressDownForTheAccount) {
    Client c(server->port());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(
            c.Post("/api/session", json::object{{"email", kAdminEmail}, {"password", "wrong-" + std::to_string(i)}})
                .status,
            401);
    auto r = c.Post("/api/session", json::object{{"email", kAdminEmail}, {"password", kAdminPassword}});
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.ErrorCode(), "too_many_requests");
    // A delay of 30 s from the last failure after the 5 free ones, not a lock-out.
    int wait = std::stoi(r.headers["retry-after"]);
    EXPECT_GT(wait, 0);
    EXPECT_LE(wait, 30);
    EXPECT_NE(r.json().at("error").at("message").as_string().find(std::to_string(wait) + " seconds"), std::string::npos)
        << r.body;
    // Failing again while held up does not count: the wait does not grow.
    auto again = c.Post("/api/session", json::object{{"email", kAdminEmail}, {"password", "wrong"}});
    EXPECT_EQ(again.status, 429);
    EXPECT_LE(std::stoi(again.headers["retry-after"]), wait);
    // Another account is not affected.
    CreatePerson(*admin, "other@test.example", {"office"});
    Client other(server->port());
    other.Login("other@test.example", "password-123");
}

TEST_F(PeopleApi, StateChangingRequestsNeedTheCsrfToken) {
    Client c(server->port());
    c.Login(kAdminEmail, kAdminPassword);
    std::string token = c.csrf();
    c.ForgetCsrf();
    auto r = c.Patch("/api/me", json::object{{"language", "en"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.ErrorCode(), "forbidden");
    auto wrong = c.Request("PATCH", "/api/me", R"({"language":"en"})", {{"X-CSRF-Token", "not-the-token"}});
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(c.Get("/api/me").json().at("language"), "ja") << "a refused request changes nothing";
    auto ok = c.Request("PATCH", "/api/me", R"({"language":"en"})", {{"X-CSRF-Token", token}});
    EXPECT_EQ(ok.status, 200);
}

TEST_F(PeopleApi, LanguageChoiceIsRememberedPerPerson) {
    EXPECT_EQ(admin->Patch("/api/me", json::object{{"language", "en"}}).status, 200);
    Client again(server->port());
    auto me = again.Login(kAdminEmail, kAdminPassword);
    EXPECT_EQ(me.at("language"), "en");
    auto bad = admin->Patch("/api/me", json::object{{"language", "fr"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "language");
}

TEST_F(PeopleApi, LogoutEndsTheSession) {
    EXPECT_EQ(admin->Delete("/api/session").status, 204);
    EXPECT_EQ(admin->Get("/api/me").status, 401);
}

TEST_F(PeopleApi, AdminCreatesAPersonWhoCanThenLogIn) {
    std::string id = CreatePerson(*admin, "new.person@test.example", {"clinician"}, "first-password");
    Client c(server->port());
    auto me = c.Login("new.person@test.example", "first-password");
    EXPECT_EQ(me.at("id"), json::value(id));
    EXPECT_EQ(me.at("roles"), json::array{"clinician"});
}

TEST_F(PeopleApi, RefusedCreationsNameTheFieldAndStoreNothing) {
    CreatePerson(*admin, "taken@test.example", {"office"});
    int before = CountPeople(*admin);
    struct Case {
        json::object body;
        int status;
        const char* field;
    } cases[] = {
        {{{"email", "TAKEN@test.example"}, {"name_ja", "重複"}, {"roles", json::array{}}}, 409, "email"},
        {{{"email", "not-an-email"}, {"name_ja", "誰か"}}, 422, "email"},
        {{{"email", "x@test.example"}}, 422, "name_ja"},
        {{{"email", "x@test.example"}, {"name_ja", "誰か"}, {"roles", json::array{"king"}}}, 422, "roles"},
        {{{"email", "x@test.example"}, {"name_ja", "誰か"}, {"password", "short"}}, 422, "password"},
        {{{"email", "x@test.example"}, {"name_ja", "誰か"}, {"organisation_id", "nosuchorg"}}, 422, "organisation_id"},
        {{{"email", "x@test.example"}, {"name_ja", 42}}, 422, "name_ja"},
        {{{"email", "x@test.example"}, {"name_ja", std::string(101, 'a')}}, 422, "name_ja"},
    };
    for (const auto& c : cases) {
        auto r = admin->Post("/api/people", c.body);
        EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " -> " << r.body;
        EXPECT_EQ(r.ErrorField(), c.field) << json::serialize(c.body);
    }
    EXPECT_EQ(CountPeople(*admin), before);
}

TEST_F(PeopleApi, OnlyAdminsManagePeopleAndOrganisations) {
    CreatePerson(*admin, "clin@test.example", {"clinician", "office"});
    Client c(server->port());
    c.Login("clin@test.example", "password-123");
    int before = CountPeople(*admin);
    auto r = c.Post("/api/people", json::object{{"email", "y@test.example"}, {"name_ja", "誰か"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.ErrorCode(), "forbidden");
    EXPECT_EQ(c.Post("/api/organisations", json::object{{"name_ja", "組織"}, {"kind", "company"}}).status, 403);
    EXPECT_EQ(CountPeople(*admin), before);
    // Reading the directory is open to everyone signed in.
    EXPECT_EQ(c.Get("/api/people").status, 200);
}

TEST_F(PeopleApi, DeactivatedPersonIsSignedOutCannotLogInAndIsKept) {
    std::string id = CreatePerson(*admin, "leaver@test.example", {"researcher"});
    Client c(server->port());
    c.Login("leaver@test.example", "password-123");
    auto r = admin->Patch("/api/people/" + id, json::object{{"active", false}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("active"), false);
    EXPECT_EQ(c.Get("/api/me").status, 401);
    Client again(server->port());
    EXPECT_EQ(
        again.Post("/api/session", json::object{{"email", "leaver@test.example"}, {"password", "password-123"}}).status,
        401);
    // Still there, with history; hidden from the default list.
    EXPECT_EQ(admin->Get("/api/people/" + id).status, 200);
    auto active_only = admin->Get("/api/people").json().at("items").as_array();
    for (const auto& p : active_only) EXPECT_NE(p.at("id"), json::value(id));
    EXPECT_EQ(admin->Patch("/api/people/" + id, json::object{{"active", true}}).status, 200);
    again.Login("leaver@test.example", "password-123");
}

TEST_F(PeopleApi, TheLastActiveAdminCannotBeRemoved) {
    std::string me(admin->Get("/api/me").json().at("id").as_string());
    auto r = admin->Patch("/api/people/" + me, json::object{{"active", false}});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.ErrorField(), "active");
    auto roles = admin->Patch("/api/people/" + me, json::object{{"roles", json::array{"office"}}});
    EXPECT_EQ(roles.status, 409);
    EXPECT_EQ(roles.ErrorField(), "roles");
    EXPECT_EQ(admin->Get("/api/me").json().at("roles"), json::array{"admin"});
}

TEST_F(PeopleApi, AdminResetsAPasswordAndOldSessionsEnd) {
    std::string id = CreatePerson(*admin, "forgetful@test.example", {"clinician"});
    Client c(server->port());
    c.Login("forgetful@test.example", "password-123");
    EXPECT_EQ(admin->Post("/api/people/" + id + "/password", json::object{{"password", "brand-new-pass"}}).status, 204);
    EXPECT_EQ(c.Get("/api/me").status, 401);
    Client again(server->port());
    again.Login("forgetful@test.example", "brand-new-pass");
    auto short_one = admin->Post("/api/people/" + id + "/password", json::object{{"password", "abc"}});
    EXPECT_EQ(short_one.status, 422);
    EXPECT_EQ(short_one.ErrorField(), "password");
}

TEST_F(PeopleApi, OwnPasswordChangeChecksTheCurrentOneAndEndsOtherSessions) {
    Client elsewhere(server->port());
    elsewhere.Login(kAdminEmail, kAdminPassword);
    auto wrong = admin->Post("/api/me/password",
                             json::object{{"current_password", "nope-nope"}, {"new_password", "another-pass-1"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(wrong.ErrorField(), "current_password");
    EXPECT_EQ(admin
                  ->Post("/api/me/password",
                         json::object{{"current_password", kAdminPassword}, {"new_password", "another-pass-1"}})
                  .status,
              204);
    EXPECT_EQ(admin->Get("/api/me").status, 200) << "the session that changed the password stays";
    EXPECT_EQ(elsewhere.Get("/api/me").status, 401) << "other sessions end";
    Client c(server->port());
    c.Login(kAdminEmail, "another-pass-1");
}

TEST_F(PeopleApi, PeopleSearchMatchesKanaAndWidthVariants) {
    admin->Post("/api/people", json::object{{"email", "kato@test.example"},
                                            {"name_ja", "加藤 さくら"},
                                            {"name_kana", "カトウ サクラ"},
                                            {"name_en", "Sakura Kato"}});
    admin->Post("/api/people", json::object{{"email", "abe@test.example"},
                                            {"name_ja", "阿部 一郎"},
                                            {"name_kana", "アベ イチロウ"},
                                            {"name_en", "Ichiro Abe"}});
    for (const char* q : {"かとう", "ｶﾄｳ", "カトウ", "SAKURA", "ｓａｋｕｒａ", "加藤"}) {
        auto items = admin->Get(std::string("/api/people?q=") + q).json().at("items").as_array();
        ASSERT_EQ(items.size(), 1u) << q;
        EXPECT_EQ(items[0].at("email"), "kato@test.example") << q;
    }
    // Sorted by reading: アベ before カトウ before カンリ(管理 太郎 has no reading: sorts first).
    auto all = admin->Get("/api/people").json().at("items").as_array();
    std::vector<std::string> emails;
    for (const auto& p : all) emails.push_back(std::string(p.at("email").as_string()));
    auto abe = std::find(emails.begin(), emails.end(), "abe@test.example");
    auto kato = std::find(emails.begin(), emails.end(), "kato@test.example");
    EXPECT_LT(abe, kato);
    EXPECT_EQ(admin->Get("/api/people?role=king").status, 422);
}

TEST_F(PeopleApi, OrganisationsFormATreeWithoutCycles) {
    auto uni = admin->Post("/api/organisations",
                           json::object{{"name_ja", "大学"}, {"name_en", "University"}, {"kind", "company"}});
    std::string uni_id(uni.json().at("id").as_string());
    auto fac = admin->Post("/api/organisations",
                           json::object{{"name_ja", "医学部"}, {"kind", "faculty"}, {"parent_id", uni_id}});
    ASSERT_EQ(fac.status, 201);
    std::string fac_id(fac.json().at("id").as_string());
    EXPECT_EQ(fac.json().at("parent_id"), json::value(uni_id));
    auto cycle = admin->Patch("/api/organisations/" + uni_id, json::object{{"parent_id", fac_id}});
    EXPECT_EQ(cycle.status, 422);
    EXPECT_EQ(cycle.ErrorField(), "parent_id");
    auto self = admin->Patch("/api/organisations/" + uni_id, json::object{{"parent_id", uni_id}});
    EXPECT_EQ(self.status, 422);
    auto bad_kind = admin->Post("/api/organisations", json::object{{"name_ja", "x"}, {"kind", "castle"}});
    EXPECT_EQ(bad_kind.status, 422);
    EXPECT_EQ(bad_kind.ErrorField(), "kind");
    auto deactivate_parent = admin->Patch("/api/organisations/" + uni_id, json::object{{"active", false}});
    EXPECT_EQ(deactivate_parent.status, 409);
    EXPECT_EQ(admin->Patch("/api/organisations/" + fac_id, json::object{{"active", false}}).status, 200);
    EXPECT_EQ(admin->Patch("/api/organisations/" + uni_id, json::object{{"active", false}}).status, 200);
    auto inactive = admin->Get("/api/organisations?active=false").json().at("items").as_array();
    EXPECT_EQ(inactive.size(), 2u);
    EXPECT_EQ(admin->Get("/api/organisations/nosuchorg").status, 404);
}

TEST_F(PeopleApi, AnOrganisationsReadingIsKeptInFullWidthKatakana) {
    auto made = admin->Post("/api/organisations", json::object{{"name_ja", "信濃町メディテック株式会社"},
                                                               {"name_kana", "しなのまち ﾒﾃﾞｨﾃｯｸ"},
                                                               {"kind", "company"}});
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(made.json().at("name_kana"), "シナノマチ メディテック");
    std::string id(made.json().at("id").as_string());
    auto changed = admin->Patch("/api/organisations/" + id, json::object{{"name_kana", "シナノマチメディテック"}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(admin->Get("/api/organisations/" + id).json().at("name_kana"), "シナノマチメディテック");
    // Without a reading it is empty, and other changes leave it alone.
    auto plain = admin->Post("/api/organisations", json::object{{"name_ja", "別会社"}, {"kind", "company"}});
    EXPECT_EQ(plain.json().at("name_kana"), "");
    ASSERT_EQ(admin->Patch("/api/organisations/" + id, json::object{{"name_en", "Shinanomachi Meditech"}}).status, 200);
    EXPECT_EQ(admin->Get("/api/organisations/" + id).json().at("name_kana"), "シナノマチメディテック");
}

TEST_F(PeopleApi, EveryChangeIsAuditedWithBeforeAndAfter) {
    std::string id = CreatePerson(*admin, "audited@test.example", {"clinician"});
    ASSERT_EQ(admin->Patch("/api/people/" + id, json::object{{"name_en", "Renamed"}}).status, 200);
    ASSERT_EQ(admin->Post("/api/people/" + id + "/password", json::object{{"password", "reset-pass-1"}}).status, 204);
    auto r = admin->Get("/api/audit?entity=person&entity_id=" + id);
    ASSERT_EQ(r.status, 200) << r.body;
    auto items = r.json().at("items").as_array();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].at("action"), "password_reset");
    EXPECT_TRUE(items[0].at("before").is_null());
    EXPECT_EQ(items[1].at("action"), "update");
    EXPECT_EQ(items[1].at("before").at("name_en"), "Test Person");
    EXPECT_EQ(items[1].at("after").at("name_en"), "Renamed");
    EXPECT_EQ(items[1].at("actor").at("name_ja"), "管理 太郎");
    EXPECT_EQ(items[2].at("action"), "create");
    EXPECT_TRUE(items[2].at("before").is_null());
    EXPECT_EQ(r.body.find("argon2"), std::string::npos) << "password hashes never reach the audit log";
    // Filter by actor, and page with next_before.
    std::string admin_id(admin->Get("/api/me").json().at("id").as_string());
    auto by_admin = admin->Get("/api/audit?actor_id=" + admin_id + "&limit=2").json();
    EXPECT_EQ(by_admin.at("items").as_array().size(), 2u);
    ASSERT_TRUE(by_admin.at("next_before").is_string());
    auto page2 = admin
                     ->Get("/api/audit?actor_id=" + admin_id +
                           "&limit=2&before=" + std::string(by_admin.at("next_before").as_string()))
                     .json();
    EXPECT_FALSE(page2.at("items").as_array().empty());
    EXPECT_EQ(admin->Get("/api/audit?limit=0").status, 422);
    auto bad = admin->Get("/api/audit?shown=everything");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "shown");
}

TEST_F(PeopleApi, AuditEntriesNameTheirPersonOrOrganisationAsTheyAreNow) {
    std::string id = CreatePerson(*admin, "named@test.example", {"clinician"});
    ASSERT_EQ(
        admin->Patch("/api/people/" + id, json::object{{"name_ja", "改名 花子"}, {"name_en", "Hanako Kaimei"}}).status,
        200);
    auto org = admin->Post(
        "/api/organisations",
        json::object{{"name_ja", "信濃町医科大学"}, {"name_en", "Shinanomachi Medical"}, {"kind", "company"}});
    ASSERT_EQ(org.status, 201) << org.body;
    auto items = admin->Get("/api/audit?limit=200").json().at("items").as_array();
    int people = 0, organisations = 0;
    for (const auto& e : items) {
        if (e.at("entity") == "person" && e.at("entity_id") == id.c_str()) {
            ++people;
            EXPECT_EQ(e.at("entity_name").at("name_ja"), "改名 花子") << json::serialize(e);
            EXPECT_EQ(e.at("entity_name").at("name_en"), "Hanako Kaimei");
        }
        if (e.at("entity") == "organisation" && e.at("entity_id") == org.json().at("id")) {
            ++organisations;
            EXPECT_EQ(e.at("entity_name").at("name_ja"), "信濃町医科大学");
        }
    }
    EXPECT_EQ(people, 2);
    EXPECT_EQ(organisations, 1);
}

TEST_F(PeopleApi, OfficeReadsTheAuditLogButClinicianCannot) {
    CreatePerson(*admin, "office@test.example", {"office"});
    CreatePerson(*admin, "doc@test.example", {"clinician"});
    Client office(server->port()), doc(server->port());
    office.Login("office@test.example", "password-123");
    doc.Login("doc@test.example", "password-123");
    EXPECT_EQ(office.Get("/api/audit").status, 200);
    auto r = doc.Get("/api/audit");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.ErrorCode(), "forbidden");
}

TEST_F(PeopleApi, CommandLineManagesAccounts) {
    auto added = RunRenkei({"user", "add", "--db", db->url(), "--email", "cli@test.example", "--name", "コマンド 花子",
                            "--role", "office", "--role", "committee", "--password-stdin"},
                           "cli-password-1\n");
    ASSERT_EQ(added.exit_code, 0) << added.output;
    Client c(server->port());
    auto me = c.Login("cli@test.example", "cli-password-1");
    EXPECT_EQ(me.at("roles"), (json::array{"committee", "office"}));
    auto dup =
        RunRenkei({"user", "add", "--db", db->url(), "--email", "cli@test.example", "--name", "x", "--password-stdin"},
                  "cli-password-1\n");
    EXPECT_NE(dup.exit_code, 0);
    EXPECT_EQ(
        RunRenkei({"user", "passwd", "--db", db->url(), "--email", "cli@test.example"}, "changed-pass-1\n").exit_code,
        0);
    EXPECT_EQ(c.Get("/api/me").status, 401) << "a new password ends old sessions";
    c.Login("cli@test.example", "changed-pass-1");
    EXPECT_EQ(RunRenkei({"user", "deactivate", "--db", db->url(), "--email", "cli@test.example"}).exit_code, 0);
    EXPECT_EQ(c.Get("/api/me").status, 401);
}

}  // namespace
}  // namespace renkei::testing
