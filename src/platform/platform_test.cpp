// Pure functions of the platform: time, JSON input, migrations, text normalisation, routing.
#include <gtest/gtest.h>

#include <limits>

#include "platform/auth/password.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/error.hpp"
#include "platform/http/router.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/base64.hpp"
#include "platform/text/normalize.hpp"
#include "platform/text/utf8.hpp"
#include "platform/time.hpp"

namespace renkei {
namespace {

TEST(Time, ParsesRfc3339WithOffsetsIntoUtc) {
    struct Case {
        const char* text;
        const char* utc;
    } cases[] = {
        {"2026-11-25T16:47:21+09:00", "2026-11-25T07:47:21Z"}, {"2026-11-25T07:47:21Z", "2026-11-25T07:47:21Z"},
        {"2026-11-25T07:47:21.250Z", "2026-11-25T07:47:21Z"},  {"2026-01-01T08:00:00+09:00", "2025-12-31T23:00:00Z"},
        {"2026-03-01T00:00:00-05:30", "2026-03-01T05:30:00Z"},
    };
    for (const auto& c : cases) {
        auto t = ParseRfc3339(c.text);
        ASSERT_TRUE(t) << c.text;
        EXPECT_EQ(FormatUtc(*t), c.utc) << c.text;
    }
}

TEST(Time, RefusesMalformedTimes) {
    for (const char* bad : {"", "2026-11-25", "2026-11-25T07:47:21", "2026-02-30T00:00:00Z", "2026-11-25T25:00:00Z",
                            "2026-11-25T07:47:21+0900", "2026-11-25T07:47:21Zjunk", "yesterday"})
        EXPECT_FALSE(ParseRfc3339(bad)) << bad;
}

TEST(TokyoDates, TheDateRollsOverAtMidnightJapanTimeNotUtc) {
    // 2022-03-31T14:59:59Z is 23:59:59 in Tokyo; one second later it is April (a new fiscal year).
    EXPECT_EQ(TokyoDate(*ParseRfc3339("2022-03-31T14:59:59Z")), "2022-03-31");
    EXPECT_EQ(TokyoDate(*ParseRfc3339("2022-03-31T15:00:00Z")), "2022-04-01");
    EXPECT_EQ(FiscalYearOf(TokyoDay(*ParseRfc3339("2022-03-31T14:59:59Z"))), 2021);
    EXPECT_EQ(FiscalYearOf(TokyoDay(*ParseRfc3339("2022-03-31T15:00:00Z"))), 2022);
    EXPECT_EQ(FormatTokyo(*ParseRfc3339("2022-03-31T15:00:00Z")), "2022-04-01T00:00:00+09:00");
    EXPECT_EQ(FromTokyo(*ParseDate("2022-04-01"), 0), *ParseRfc3339("2022-03-31T15:00:00Z"));
    EXPECT_EQ(TokyoMinuteOfDay(*ParseRfc3339("2022-03-31T15:30:00Z")), 30);
}

TEST(TokyoDates, DatesMustBeRealCalendarDaysWrittenYyyyMmDd) {
    struct Case {
        const char* text;
        bool ok;
    } cases[] = {{"2024-02-29", true},      {"2023-02-29", false}, {"2024-13-01", false}, {"2024-1-01", false},
                 {"20240101", false},       {"", false},           {"2024-04-01", true},  {"abcd-ef-gh", false},
                 {"２０２４-04-01", false}, {"2024-04-00", false}, {"2024-04-01 ", false}};
    for (const auto& c : cases) EXPECT_EQ(ParseDate(c.text).has_value(), c.ok) << c.text;
    EXPECT_EQ(FormatDate(*ParseDate("0999-01-02")), "0999-01-02");
    EXPECT_EQ(AddDays("2024-02-28", 1), "2024-02-29");
    EXPECT_EQ(AddDays("2024-03-01", -1), "2024-02-29");
    EXPECT_EQ(AddDays("2026-12-31", 1), "2027-01-01");
}

TEST(Passwords, AreArgon2idAtTheInteractiveCostUnlessATestAsksForLess) {
    // The unit tests run without RENKEI_TEST_CHEAP_PASSWORD_HASHES: the real cost applies.
    ASSERT_EQ(std::getenv("RENKEI_TEST_CHEAP_PASSWORD_HASHES"), nullptr);
    auto hash = auth::HashPassword("パスワード-123");
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,")) << hash;
    EXPECT_TRUE(auth::VerifyPassword(hash, "パスワード-123"));
    EXPECT_FALSE(auth::VerifyPassword(hash, "パスワード-124"));
    EXPECT_NE(auth::HashPassword("パスワード-123"), hash) << "a fresh salt each time";
}

TEST(JsonInput, ANullableFieldIsLeftClearedOrSet) {
    auto o = boost::json::parse(R"({"a": null, "b": "", "c": "x1", "d": 5})").as_object();
    EXPECT_FALSE(NullableString(o, "absent").has_value()) << "absent: leave as is";
    for (const char* cleared : {"a", "b"}) {  // null and "" clear the field
        auto v = NullableString(o, cleared);
        ASSERT_TRUE(v.has_value()) << cleared;
        EXPECT_FALSE(v->has_value()) << cleared;
    }
    auto set = NullableString(o, "c");
    ASSERT_TRUE(set && *set);
    EXPECT_EQ(**set, "x1");
    try {
        NullableString(o, "d");
        ADD_FAILURE() << "a number is not text";
    } catch (const Error& e) {
        EXPECT_EQ(e.field(), "d");
    }
}

TEST(JsonInput, NamesTheFieldItRejects) {
    auto o = ParseObject(R"({"name":"  田中  ","n":5,"list":["a",""],"flag":"yes"})");
    EXPECT_EQ(RequiredString(o, "name"), "田中");
    auto field_of = [&](auto f) {
        try {
            f();
        } catch (const Error& e) {
            return e.field();
        }
        return std::string("(none)");
    };
    EXPECT_EQ(field_of([&] { RequiredString(o, "missing"); }), "missing");
    EXPECT_EQ(field_of([&] { RequiredString(o, "n"); }), "n");
    EXPECT_EQ(field_of([&] { OptionalStringArray(o, "list"); }), "list");
    EXPECT_EQ(field_of([&] { OptionalBool(o, "flag"); }), "flag");
    EXPECT_EQ(field_of([&] { RequiredString(o, "name", 1); }), "name");
}

TEST(JsonInput, TimesAreRfc3339WithTheirOffsetAndNameTheFieldOtherwise) {
    auto o = ParseObject(
        R"({"start":"2026-04-01T10:00:00+09:00","blank":"","text":"tomorrow","n":5,"nul":null,"naive":"2026-04-01T10:00:00"})");
    EXPECT_EQ(FormatUtc(RequiredTime(o, "start")), "2026-04-01T01:00:00Z");
    for (const char* field : {"missing", "blank", "text", "n", "nul", "naive"}) {
        try {
            RequiredTime(o, field);
            ADD_FAILURE() << field << " was accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kInvalid) << field;
            EXPECT_EQ(e.field(), field);
        }
    }
}

TEST(Base64, RoundTripsBytesAndRefusesWhatIsNotBase64) {
    std::string bytes("PK\x03\x04\0\xff 日本語", 16);
    EXPECT_EQ(text::FromBase64(text::ToBase64(bytes)), bytes);
    EXPECT_EQ(text::ToBase64("Man"), "TWFu");
    EXPECT_EQ(text::ToBase64(""), "");
    EXPECT_FALSE(text::FromBase64("not base64!"));
    try {
        text::DecodeStored("%%%", "document");
        ADD_FAILURE() << "damaged text was decoded";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kInternal);
        EXPECT_STREQ(e.what(), "stored document is damaged");
    }
}

TEST(JsonInput, MalformedBodiesAreBadRequests) {
    for (const char* body : {"", "{", "[1]", "\"text\"", "{\"a\":}"}) {
        try {
            ParseObject(body);
            ADD_FAILURE() << body;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kBadRequest) << body;
        }
    }
}

TEST(JsonInput, LengthsCountCharactersNotBytes) {
    EXPECT_EQ(Utf8Length("褥瘡"), 2u);
    EXPECT_TRUE(CleanUtf8("床ずれ pressure ulcer", false));
    EXPECT_FALSE(CleanUtf8("bad\x01", false));
    EXPECT_FALSE(CleanUtf8("\xE3\x81", false));
    EXPECT_TRUE(CleanUtf8("line\nbreak", true));
    // Only the shortest form: overlong dots, surrogates and code points past U+10FFFF are refused.
    EXPECT_FALSE(CleanUtf8("\xC0\xAE\xC0\xAE", false));
    EXPECT_FALSE(CleanUtf8("\xE0\x80\xAE", false));
    EXPECT_FALSE(CleanUtf8("\xF0\x80\x80\xAE", false));
    EXPECT_FALSE(CleanUtf8("\xED\xA0\x80", false));
    EXPECT_FALSE(CleanUtf8("\xF4\x90\x80\x80", false));
    EXPECT_TRUE(CleanUtf8("\xF0\x9F\x98\x80 \xE2\x80\xA8 \xC2\xA9", false)) << "emoji, U+2028, (c)";
    EXPECT_EQ(Trim("\xE3\x80\x80田中\xE3\x80\x80"), "田中") << "ideographic spaces are trimmed too";
}

// Found by fuzz/json_body: ASCII and ideographic spaces mixed were trimmed only in one order, so
// "\u3000 \u3000" left " " and passed as a required value.
TEST(JsonInput, MixedAsciiAndIdeographicSpacesAreTrimmedAndABlankValueIsStillRequired) {
    const std::string ideographic = "\xE3\x80\x80";
    EXPECT_EQ(Trim(ideographic + " 田中 " + ideographic + "\t"), "田中");
    EXPECT_EQ(Trim(" " + ideographic + "\r\n" + ideographic + " x"), "x");
    EXPECT_EQ(Trim(ideographic + " " + ideographic), "");
    auto o = ParseObject("{\"name\":\"\u3000 \u3000\",\"note\":\" \u3000 \u3000\"}");
    try {
        RequiredString(o, "name");
        ADD_FAILURE() << "a blank name was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.field(), "name");
    }
    EXPECT_EQ(OptionalString(o, "note"), std::string());
}

// Found by fuzz/json_body: 2^63 written as a double (9223372036854775808.0) passed the range check
// against LLONG_MAX (which rounds up to 2^63 as a double) and was then converted: undefined.
TEST(JsonInput, WholeNumbersAtTheEdgesOfLongLong) {
    const long long lowest = std::numeric_limits<long long>::min(), highest = std::numeric_limits<long long>::max();
    auto o = ParseObject(R"({"a":9223372036854775808.0,"b":-9223372036854775808.0,"c":9223372036854775807,)"
                         R"("d":18446744073709551615,"e":3.0,"f":2.5,"g":1e300})");
    auto refused = [&](std::string_view field, long long min, long long max) {
        try {
            RequiredInteger(o, field, min, max);
        } catch (const Error& e) {
            return e.code() == ErrorCode::kInvalid && e.field() == field;
        }
        return false;
    };
    EXPECT_TRUE(refused("a", lowest, highest));
    EXPECT_EQ(RequiredInteger(o, "b", lowest, highest), lowest);
    EXPECT_EQ(RequiredInteger(o, "c", lowest, highest), highest);
    EXPECT_TRUE(refused("d", lowest, highest));
    EXPECT_TRUE(refused("d", -10, -1)) << "2^64 - 1 is not -1";
    EXPECT_EQ(RequiredInteger(o, "e", 0, 10), 3);
    EXPECT_TRUE(refused("f", 0, 10));
    EXPECT_TRUE(refused("g", lowest, highest));
}

TEST(Migrations, SplitsStatementsAtLineEndSemicolonsAndDropsComments) {
    auto parts = db::SplitStatements("-- comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nCREATE INDEX i ON a(x);\n");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0], "CREATE TABLE a (x TEXT DEFAULT ';')");
    EXPECT_EQ(parts[1], "CREATE INDEX i ON a(x)");
}

TEST(Migrations, TranslateAutoIdPerEngine) {
    EXPECT_NE(db::TranslateForEngine("id AUTO_ID", db::Engine::kSqlite).find("AUTOINCREMENT"), std::string::npos);
    EXPECT_NE(db::TranslateForEngine("id AUTO_ID", db::Engine::kPostgres).find("IDENTITY"), std::string::npos);
}

TEST(Migrations, EngineSpecificLinesRunOnlyOnTheirEngine) {
    std::string sql =
        "CREATE TABLE t (x TEXT);\n--@postgresql CREATE EXTENSION btree_gist;\n--@sqlite CREATE INDEX i ON t(x);\n";
    auto pg = db::SplitStatements(db::TranslateForEngine(sql, db::Engine::kPostgres));
    auto lite = db::SplitStatements(db::TranslateForEngine(sql, db::Engine::kSqlite));
    EXPECT_EQ(pg, (std::vector<std::string>{"CREATE TABLE t (x TEXT)", "CREATE EXTENSION btree_gist"}));
    EXPECT_EQ(lite, (std::vector<std::string>{"CREATE TABLE t (x TEXT)", "CREATE INDEX i ON t(x)"}));
}

TEST(Migrations, AreNumberedInOrderWithoutDuplicates) {
    int previous = 0;
    for (const auto& m : db::EmbeddedMigrations()) {
        EXPECT_GT(m.version, previous) << m.name;
        previous = m.version;
    }
}

TEST(TextNormalisation, FoldsWidthCaseAndKana) {
    EXPECT_EQ(text::Normalize("ＡＢＣ abc"), "abc abc");
    EXPECT_EQ(text::Normalize("ｶﾀｶﾅ"), "カタカナ");
    EXPECT_EQ(text::SearchKey("ひらがな"), "ヒラガナ");
    EXPECT_EQ(text::SearchKey("ｶﾄｳ"), text::SearchKey("かとう"));
}

TEST(Utf8Text, SplitsIntoCodePointsKeepingAStrayOrCutOffByteAlone) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(text::SplitCodePoints(""), V{});
    EXPECT_EQ(text::SplitCodePoints("a褥\xF0\x9F\x98\x80\xC2\xA9"), (V{"a", "褥", "\xF0\x9F\x98\x80", "\xC2\xA9"}));
    EXPECT_EQ(text::SplitCodePoints("\x80x"), (V{"\x80", "x"})) << "a stray continuation byte";
    EXPECT_EQ(text::SplitCodePoints("x\xE3\x81"), (V{"x", "\xE3", "\x81"})) << "a character cut off at the end";
}

TEST(Ids, AreRandomOpaqueAndWellFormed) {
    auto a = NewId(), b = NewId();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 16u);
    EXPECT_TRUE(LooksLikeId(a));
    EXPECT_FALSE(LooksLikeId("../etc"));
    EXPECT_EQ(TokenHash("x"), TokenHash("x"));
    EXPECT_NE(TokenHash("x"), TokenHash("y"));
}

TEST(Router, MatchesPathParametersAndReportsAllowedMethods) {
    http::Router router;
    router.Add("GET", "/api/people/{id}", http::Access::kPublic, [](http::Call&) { return http::Response{}; });
    router.Add("PATCH", "/api/people/{id}", http::Access::kPublic, [](http::Call&) { return http::Response{}; });
    router.Add("GET", "/api/people", http::Access::kPublic, [](http::Call&) { return http::Response{}; });
    std::map<std::string, std::string> params;
    auto m = router.Find("PATCH", "/api/people/abc", params);
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.route->method, "PATCH");
    EXPECT_EQ(params["id"], "abc");
    auto wrong = router.Find("DELETE", "/api/people/abc", params);
    EXPECT_FALSE(wrong.route);
    EXPECT_EQ(wrong.allowed, (std::vector<std::string>{"GET", "PATCH"}));
    EXPECT_FALSE(router.Find("GET", "/api/people/abc/extra", params).route);
    EXPECT_FALSE(router.Find("GET", "/api/people/", params).route);
    EXPECT_TRUE(router.Find("HEAD", "/api/people", params).route) << "HEAD is served by GET routes";
}

// Found by fuzz/http_router: "PATCH .api/spaces/x" reached PATCH /api/spaces/{id}.
TEST(Router, MatchesOnlyPathsThatStartWithASlash) {
    http::Router router;
    router.Add("GET", "/api/people/{id}", http::Access::kPublic, [](http::Call&) { return http::Response{}; });
    std::map<std::string, std::string> params;
    EXPECT_TRUE(router.Find("GET", "/api/people/abc", params).route);
    for (const char* path : {".api/people/abc", "xapi/people/abc", "api/people/abc", "*", ""}) {
        auto m = router.Find("GET", path, params);
        EXPECT_FALSE(m.route) << path;
        EXPECT_TRUE(m.allowed.empty()) << path;
    }
}

TEST(Router, DecodesQueryParameters) {
    http::RawRequest raw;
    http::Request req;
    req.raw = &raw;
    req.query = "q=%E7%94%B0%E4%B8%AD+%E5%81%A5&role=&x";
    EXPECT_EQ(req.Query("q"), "田中 健");
    EXPECT_EQ(req.Query("role"), "");
    EXPECT_EQ(req.Query("x"), "");
    EXPECT_FALSE(req.Query("missing"));
}

TEST(Router, AnErrorsDetailsTravelBesideTheOneErrorShape) {
    http::Router router;
    router.Add("POST", "/api/things", http::Access::kPublic,
               [](http::Call&) -> http::Response {
                   throw Error{ErrorCode::kConflict, "start", "taken"}.With("conflicts", boost::json::array{1, 2});
               },
               {.tx = http::TxKind::kNone});
    http::RawRequest raw;
    http::Request req;
    req.raw = &raw;
    req.method = "POST";
    req.path = "/api/things";
    auto m = router.Find(req.method, req.path, req.params);
    ASSERT_TRUE(m.route);
    auto r = router.Dispatch(req, m);
    EXPECT_EQ(r.status, 409);
    auto body = boost::json::parse(r.body).as_object();
    EXPECT_EQ(body.at("error").at("code"), "conflict");
    EXPECT_EQ(body.at("error").at("field"), "start");
    EXPECT_EQ(body.at("conflicts"), (boost::json::array{1, 2}));
}

}  // namespace
}  // namespace renkei
