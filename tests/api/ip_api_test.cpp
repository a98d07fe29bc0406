// Intellectual property over HTTP (issue 15): the deadline calculator outside checks use —
// POST /api/ip/deadlines/compute {"kind", "from"} → {"due_on"} under Japanese law, with or
// without a session; an unknown kind or a malformed date is a 422 naming the field.
#include <string>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

class IpApi : public ApiTest {};

TEST_F(IpApi, TheDeadlineCalculatorAnswersEachRuleUnderJapaneseLaw) {
    Client anon(server->port());
    struct Case {
        const char* kind;
        const char* from;
        const char* due;
    };
    const Case cases[] = {
        {"paris_priority", "2026-03-16", "2027-03-16"},
        {"paris_priority", "2025-11-23", "2026-11-24"},      // 勤労感謝の日 on a Monday
        {"pct_national_phase", "2024-08-30", "2027-03-01"},  // the month's last day, a Sunday
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
