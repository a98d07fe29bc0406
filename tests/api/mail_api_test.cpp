// Mail over HTTP (issue 17, docs/mail.md), without an SMTP server: what is written to the outbox and
// who may see it, a person's preferences and the office's defaults, and the forgotten-password
// endpoints' answers to good and hostile input. Delivery itself, MIME and digests are checked with
// a real SMTP sink by tests/mail/run.py.
#include <string>
#include <vector>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

// The entry of `kind` in a preferences or defaults answer (an empty object when absent).
json::object KindOf(const HttpResponse& r, const std::string& kind) {
    auto body = r.json();
    for (const auto& k : body.at("kinds").as_array())
        if (k.at("kind").as_string() == kind) return k.as_object();
    return {};
}

class MailApi : public ApiTest {
  protected:
    void World() {
        Person("office@test.example", {"office"}, "");
        Person("doctor@test.example", {"clinician"}, "");
        office = Login("office@test.example");
        doctor = Login("doctor@test.example");
    }
    // The outbox rows addressed to `to`, as the office reads them.
    std::vector<json::object> OutboxTo(const std::string& to) {
        auto r = office->Get("/api/mail/outbox?state=all&limit=500");
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<json::object> out;
        auto body = r.json();
        for (const auto& e : body.at("items").as_array())
            if (e.at("to").as_string() == to) out.push_back(e.as_object());
        return out;
    }
    std::unique_ptr<Client> office, doctor;
};

TEST_F(MailApi, PreferencesFollowTheCentreUnlessThePersonChose) {
    World();
    auto mine = doctor->Get("/api/me/mail");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_FALSE(KindOf(mine, "contracts.sign").empty());
    EXPECT_EQ(S(KindOf(mine, "contracts.sign").at("delivery")), "immediate");
    EXPECT_EQ(KindOf(mine, "ethics.deadline").at("legal").as_bool(), true);
    EXPECT_TRUE(mine.json().at("digest_hour").is_null());

    // The office moves signatures to the digest for everyone who has not chosen.
    auto d = office->Put("/api/mail/defaults", json::object{{"kinds", {{"contracts.sign", "digest"}}}});
    ASSERT_EQ(d.status, 200) << d.body;
    EXPECT_EQ(S(KindOf(doctor->Get("/api/me/mail"), "contracts.sign").at("delivery")), "digest");

    // The doctor's own choice wins, and null returns to the centre's.
    auto own =
        doctor->Put("/api/me/mail", json::object{{"kinds", {{"contracts.sign", "immediate"}}}, {"digest_hour", 7}});
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(S(KindOf(own, "contracts.sign").at("delivery")), "immediate");
    EXPECT_EQ(KindOf(own, "contracts.sign").at("own").as_bool(), true);
    EXPECT_EQ(own.json().at("digest_hour").as_int64(), 7);
    auto back =
        doctor->Put("/api/me/mail", json::object{{"kinds", {{"contracts.sign", nullptr}}}, {"digest_hour", nullptr}});
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(S(KindOf(back, "contracts.sign").at("delivery")), "digest");
    EXPECT_TRUE(back.json().at("digest_hour").is_null());
}

TEST_F(MailApi, BadPreferencesAreRefusedNamingTheFieldAndNothingChanges) {
    World();
    struct Case {
        const char* body;
        const char* field;
    };
    const std::vector<Case> cases = {
        {R"({"kinds":{"ethics.deadline":"off"}})", "kinds.ethics.deadline"},  // a legal deadline
        {R"({"kinds":{"ip.deadline":"off"}})", "kinds.ip.deadline"},
        {R"({"kinds":{"no.such.kind":"digest"}})", "kinds.no.such.kind"},
        {R"({"kinds":{"contracts.sign":"sometimes"}})", "kinds.contracts.sign"},
        {R"({"kinds":{"contracts.sign":1}})", "kinds.contracts.sign"},
        {R"({"kinds":["contracts.sign"]})", "kinds"},
        {R"({"digest_hour":24})", "digest_hour"},
        {R"({"digest_hour":-1})", "digest_hour"},
        {R"({"digest_hour":18446744073709551616})", "digest_hour"},
        {R"({"digest_hour":"8"})", "digest_hour"},
        // One bad kind among good ones: none of them is stored.
        {R"({"kinds":{"contracts.sign":"off","ethics.deadline":"off"}})", "kinds.ethics.deadline"},
    };
    for (const auto& c : cases) {
        auto r = doctor->Request("PUT", "/api/me/mail", c.body);
        EXPECT_EQ(r.status, 422) << c.body << " → " << r.body;
        EXPECT_EQ(r.ErrorField(), c.field) << c.body;
    }
    auto after = doctor->Get("/api/me/mail");
    EXPECT_EQ(S(KindOf(after, "contracts.sign").at("delivery")), "immediate");
    EXPECT_EQ(KindOf(after, "contracts.sign").at("own").as_bool(), false);
    // The office cannot switch a legal deadline off for everyone either.
    auto r = office->Put("/api/mail/defaults", json::object{{"kinds", {{"ethics.deadline", "off"}}}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.ErrorField(), "kinds.ethics.deadline");
}

TEST_F(MailApi, WhoMayDoWhat) {
    World();
    Client anon(server->port());
    struct Case {
        Client* caller;
        const char* method;
        const char* target;
        const char* body;
        int status;
    };
    const std::vector<Case> cases = {
        {&anon, "GET", "/api/me/mail", "", 401},
        {&anon, "PUT", "/api/me/mail", "{}", 401},
        {&anon, "GET", "/api/mail/outbox", "", 401},
        {&anon, "GET", "/api/mail/defaults", "", 401},
        {doctor.get(), "GET", "/api/mail/outbox", "", 403},
        {doctor.get(), "GET", "/api/mail/defaults", "", 403},
        {doctor.get(), "PUT", "/api/mail/defaults", R"({"kinds":{"contracts.sign":"off"}})", 403},
        {doctor.get(), "POST", "/api/mail/outbox/aaaaaaaaaaaaaaaa/retry", "", 403},
        {admin.get(), "GET", "/api/mail/outbox", "", 403},  // message subjects quote confidential items
        {office.get(), "GET", "/api/mail/outbox?state=lost", "", 422},
        {office.get(), "GET", "/api/mail/outbox?limit=0", "", 422},
        {office.get(), "GET", "/api/mail/outbox?limit=18446744073709551616", "", 422},
        {office.get(), "POST", "/api/mail/outbox/aaaaaaaaaaaaaaaa/retry", "", 404},
        {office.get(), "POST", "/api/mail/outbox/..%2f..%2fetc/retry", "", 404},
    };
    for (const auto& c : cases) {
        auto r = c.caller->Request(c.method, c.target, c.body);
        EXPECT_EQ(r.status, c.status) << c.method << " " << c.target << " → " << r.body;
    }
}

TEST_F(MailApi, AForgottenPasswordAnswersAlikeAndWritesOneMessage) {
    World();
    Client anon(server->port());
    auto known = anon.Post("/api/session/reset", json::object{{"email", "doctor@test.example"}});
    auto unknown = anon.Post("/api/session/reset", json::object{{"email", "nobody@test.example"}});
    EXPECT_EQ(known.status, 202);
    EXPECT_EQ(unknown.status, 202);
    EXPECT_EQ(known.body, unknown.body);
    auto rows = OutboxTo("doctor@test.example");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(S(rows[0].at("kind")), "password_reset");
    EXPECT_EQ(S(rows[0].at("state")), "pending");  // no SMTP here: it waits in the outbox
    EXPECT_TRUE(OutboxTo("nobody@test.example").empty());

    auto missing = anon.Post("/api/session/reset", json::object{});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.ErrorField(), "email");

    // Hostile tokens: none is a token; each is a 422 naming the token, or a 404 where the path is no
    // route at all (an encoded slash or NUL); never a 5xx.
    const std::vector<std::string> tokens = {
        "AAAA", std::string(43, 'A'), std::string(5000, 'A'), "..%2f..%2fetc", "%00", "'%20OR%20'1'='1", "%E2%80%AE"};
    for (const auto& t : tokens) {
        auto r = anon.Post("/api/session/reset/" + t, json::object{{"password", "a-good-password"}});
        EXPECT_TRUE(r.status == 422 || r.status == 404) << t.substr(0, 40) << " → " << r.status << " " << r.body;
        if (r.status == 422) EXPECT_EQ(r.ErrorField(), "token") << t.substr(0, 40);
    }
    auto no_password = anon.Post("/api/session/reset/" + std::string(43, 'A'), json::object{});
    EXPECT_EQ(no_password.status, 422);
    EXPECT_EQ(no_password.ErrorField(), "password");
    // The doctor's password is unchanged by any of it.
    Client again(server->port());
    again.Login("doctor@test.example", "password-123");
}

TEST_F(MailApi, TheOfficeRetriesAMessage) {
    World();
    Client anon(server->port());
    ASSERT_EQ(anon.Post("/api/session/reset", json::object{{"email", "doctor@test.example"}}).status, 202);
    auto rows = OutboxTo("doctor@test.example");
    ASSERT_EQ(rows.size(), 1u);
    auto r = office->Post("/api/mail/outbox/" + S(rows[0].at("id")) + "/retry", json::object{});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(S(r.json().at("state")), "pending");
    auto counts = office->Get("/api/mail/outbox").json().at("counts");
    EXPECT_GE(counts.at("pending").as_int64(), 1);
}

}  // namespace
}  // namespace renkei::testing
