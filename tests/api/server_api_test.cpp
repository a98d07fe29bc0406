// The server itself: limits, timeouts, error shapes, metrics, static files, durability, shutdown.
#include <signal.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

using ServerApi = ApiTest;

TEST_F(ServerApi, HealthzAnswersAndEveryResponseHasARequestId) {
    Client c(server->port());
    auto r = c.Get("/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "ok\n");
    EXPECT_FALSE(r.headers["x-request-id"].empty());
    auto r2 = c.Get("/api/me");
    EXPECT_NE(r2.headers["x-request-id"], r.headers["x-request-id"]);
    auto traced = c.Request("GET", "/healthz", "", {{"X-Request-Id", "trace-abc-123"}});
    EXPECT_EQ(traced.headers["x-request-id"], "trace-abc-123") << "a proxy's request id is kept";
}

TEST_F(ServerApi, ErrorsAreJsonWithOneShape) {
    Client anonymous(server->port());
    struct Case {
        std::string method, target;
        int status;
        const char* code;
    } cases[] = {
        {"GET", "/api/me", 401, "unauthenticated"},
        {"GET", "/api/no-such-thing", 404, "not_found"},
        {"GET", "/api", 404, "not_found"},
        {"PUT", "/api/me", 405, "method_not_allowed"},
    };
    for (const auto& c : cases) {
        auto r = anonymous.Request(c.method, c.target);
        EXPECT_EQ(r.status, c.status) << c.method << " " << c.target;
        EXPECT_EQ(r.headers["content-type"], "application/json");
        EXPECT_EQ(r.ErrorCode(), c.code) << r.body;
        EXPECT_TRUE(r.json().at("error").as_object().contains("message"));
        EXPECT_TRUE(r.json().at("error").as_object().contains("field"));
    }
    EXPECT_NE(anonymous.Request("PUT", "/api/me").headers["allow"].find("GET"), std::string::npos);
    auto missing_person = admin->Get("/api/people/doesnotexist");
    EXPECT_EQ(missing_person.status, 404);
    EXPECT_EQ(missing_person.ErrorCode(), "not_found");
}

TEST_F(ServerApi, OversizedBodyAndHeadersGet413) {
    std::string big(2 << 20, 'x');
    auto raw = RawExchange(server->port(),
                           "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: " +
                               std::to_string(big.size()) + "\r\n\r\n" + big);
    EXPECT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 200);
    EXPECT_NE(raw.find("payload_too_large"), std::string::npos);
    auto headers = RawExchange(server->port(),
                               "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 << 10, 'y') + "\r\n\r\n");
    EXPECT_EQ(headers.rfind("HTTP/1.1 413", 0), 0u) << headers.substr(0, 200);
}

TEST_F(ServerApi, MalformedHttpGets400) {
    auto raw = RawExchange(server->port(), "THIS IS NOT HTTP\r\n\r\n");
    EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
}

TEST_F(ServerApi, KeepAliveServesSeveralRequestsOnOneConnection) {
    std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    auto raw = RawExchange(server->port(), one + one + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    size_t count = 0;
    for (size_t at = raw.find("HTTP/1.1 200"); at != std::string::npos; at = raw.find("HTTP/1.1 200", at + 1)) ++count;
    EXPECT_EQ(count, 3u);
}

TEST(SlowClients, AreDisconnectedAfterTheReadTimeout) {
    TestDatabase db;
    ServerProcess server(db, {"RENKEI_READ_TIMEOUT_SECONDS=1", "RENKEI_IDLE_TIMEOUT_SECONDS=1"});
    auto started = std::chrono::steady_clock::now();
    // Half a request line, then silence: the server must hang up, not wait forever.
    auto raw = RawExchange(server.port(), "GET /healthz HTTP/1.1\r\nHo", 8000);
    auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_LT(waited, std::chrono::seconds(5));
    EXPECT_EQ(raw.find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(ServerApi, MetricsCountRequestsPerRoute) {
    admin->Get("/api/me");
    admin->Get("/api/people");
    auto r = admin->Get("/metrics");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("renkei_http_requests_total{route=\"GET /api/me\",status=\"2xx\"}"), std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("renkei_http_request_duration_seconds_bucket{route=\"GET /api/people\",le=\"+Inf\"} 1"),
              std::string::npos);
}

TEST(StaticFiles, ServeTheAppWithSpaFallbackAndLongCacheForHashedAssets) {
    auto root = std::filesystem::temp_directory_path() / ("renkei-web-" + std::to_string(getpid()));
    std::filesystem::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html><title>連携</title>";
    std::ofstream(root / "assets" / "index-abc123.js") << "console.log(1)";
    TestDatabase db;
    ServerProcess server(db, {}, root.string());
    Client c(server.port());
    auto index = c.Get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_NE(index.body.find("連携"), std::string::npos);
    EXPECT_EQ(index.headers["cache-control"], "no-cache");
    const auto& csp = index.headers["content-security-policy"];
    for (const char* directive :
         {"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"})
        EXPECT_NE(csp.find(directive), std::string::npos) << directive << " in " << csp;
    EXPECT_EQ(index.headers["x-frame-options"], "DENY");
    EXPECT_EQ(index.headers["x-content-type-options"], "nosniff");
    auto route = c.Get("/admin/people");
    EXPECT_EQ(route.status, 200) << "client-side routes get index.html";
    EXPECT_EQ(route.body, index.body);
    auto asset = c.Get("/assets/index-abc123.js");
    EXPECT_EQ(asset.status, 200);
    EXPECT_EQ(asset.headers["cache-control"], "public, max-age=31536000, immutable");
    EXPECT_EQ(asset.headers["content-type"], "text/javascript; charset=utf-8");
    EXPECT_EQ(c.Get("/assets/missing.js").status, 404);
    // Every way out of the web root is the ordinary 404, and nothing of the file leaks: the
    // forms an attacker sends (as-is on the wire), and the live database by its absolute path.
    std::vector<std::string> attacks = {"//etc/passwd",
                                        "//proc/self/cmdline",
                                        "/%2Fetc%2Fpasswd",
                                        "/%2fproc%2fself%2fenviron",
                                        "/../../etc/passwd",
                                        "/assets/../../../etc/passwd",
                                        "/%2e%2e/%2e%2e/etc/passwd",
                                        "/..%2f..%2f..%2fetc%2fpasswd",
                                        "/%252e%252e/%252e%252e/etc/passwd",
                                        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
                                        "/..%5c..%5cetc%5cpasswd",
                                        "/index.html%00.js",
                                        "/assets/%2e/index-abc123.js",
                                        "///etc/passwd"};
    if (!db.is_postgres()) attacks.push_back("/" + db.url().substr(std::string("sqlite:").size()));
    for (const auto& target : attacks) {
        auto raw = RawExchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(raw.rfind("HTTP/1.1 404", 0), 0u) << target << "\n" << raw.substr(0, 200);
        for (const char* marker : {"root:", "SQLite format", "PATH="})
            EXPECT_EQ(raw.find(marker), std::string::npos) << target;
    }
    std::ofstream(root / "index.html") << "<!doctype html><title>rebuilt</title>";
    EXPECT_NE(c.Get("/").body.find("rebuilt"), std::string::npos) << "a rebuilt UI is served without a restart";
    std::filesystem::remove_all(root);
}

TEST_F(ServerApi, AcknowledgedWritesSurviveSigkill) {
    std::atomic<bool> stop{false};
    std::vector<std::string> acknowledged;
    std::thread writer([&] {
        Client c = *admin;
        for (int i = 0; !stop && i < 5000; ++i) {
            try {
                auto r = c.Post("/api/organisations",
                                json::object{{"name_ja", "組織" + std::to_string(i)}, {"kind", "company"}});
                if (r.status == 201) acknowledged.push_back(std::string(r.json().at("id").as_string()));
            } catch (const std::exception&) {
                break;  // the server is gone
            }
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server->Kill(SIGKILL);
    stop = true;
    writer.join();
    ASSERT_GT(acknowledged.size(), 5u) << "the writer made progress before the kill";
    server->Start();
    Client after(server->port());
    after.Login(kAdminEmail, kAdminPassword);
    auto items = after.Get("/api/organisations").json().at("items").as_array();
    std::set<std::string> stored;
    for (const auto& o : items) stored.insert(std::string(o.at("id").as_string()));
    for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << "acknowledged write " << id << " was lost";
}

TEST_F(ServerApi, SigtermFinishesInFlightRequestsAndExitsCleanly) {
    // A login takes a while (argon2id): start one, then ask the server to stop while it runs.
    std::atomic<int> status{0};
    std::thread slow([&] {
        Client c(server->port());
        status = c.Post("/api/session", json::object{{"email", kAdminEmail}, {"password", kAdminPassword}}).status;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // An idle keep-alive connection must not hold the shutdown up.
    auto idle = std::thread([&] { RawExchange(server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 10000); });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    auto started = std::chrono::steady_clock::now();
    server->Kill(SIGTERM);
    auto took = std::chrono::steady_clock::now() - started;
    slow.join();
    idle.join();
    EXPECT_EQ(status, 200) << "the in-flight login completed";
    EXPECT_LT(took, std::chrono::seconds(5));
}

TEST_F(ServerApi, DemoCentreLoadsOnceAndItsLoginsWork) {
    auto first = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("loaded the demo centre"), std::string::npos);
    auto second = RunRenkei({"demo", "--db", db->url()});
    EXPECT_NE(second.output.find("already loaded"), std::string::npos);
    Client c(server->port());
    auto me = c.Login("tanaka.kenji@renkei.example", "renkei-demo-2026");
    EXPECT_EQ(me.at("organisation").at("name_ja"), "循環器内科学教室");
    auto committee = admin->Get("/api/people?role=committee").json().at("items").as_array();
    EXPECT_EQ(committee.size(), 6u) << "the steering committee of §5-3 has six members";
    int university = 0, company = 0;
    auto orgs = admin->Get("/api/organisations").json().at("items").as_array();
    for (const auto& o : orgs) {
        if (o.at("kind") == "university") ++university;
        if (o.at("kind") == "company") ++company;
    }
    EXPECT_EQ(university, 1);
    EXPECT_EQ(company, 2);
    auto areas = c.Get("/api/areas").json().at("items").as_array();
    ASSERT_EQ(areas.size(), 4u) << "the four strategic areas of §5-4";
    EXPECT_EQ(areas[0].at("name_en"), "Precision Medicine");
    EXPECT_EQ(areas[3].at("code"), "medical_device");
}

TEST_F(ServerApi, BackupCopiesALiveSqliteDatabase) {
    if (db->is_postgres()) GTEST_SKIP() << "backup is the SQLite online backup; PostgreSQL uses pg_dump";
    CreatePerson(*admin, "backed.up@test.example", {"office"});
    auto target = std::filesystem::temp_directory_path() / ("renkei-backup-" + std::to_string(getpid()) + ".db");
    auto r = RunRenkei({"backup", "--db", db->url(), target.string()});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    // The copy is a working Renkei database holding the person created above.
    auto listing = RunRenkei({"migrate", "--db", "sqlite:" + target.string()});
    EXPECT_EQ(listing.exit_code, 0) << listing.output;
    auto original = RunRenkei({"migrate", "--db", db->url()});
    EXPECT_EQ(listing.output.substr(listing.output.find("schema version")),
              original.output.substr(original.output.find("schema version")));
    auto found = RunRenkei({"user", "passwd", "--db", "sqlite:" + target.string(), "--email", "backed.up@test.example"},
                           "restored-pass-1\n");
    EXPECT_EQ(found.exit_code, 0) << found.output;
    auto missing = RunRenkei({"user", "passwd", "--db", "sqlite:" + target.string(), "--email", "never@test.example"},
                             "restored-pass-1\n");
    EXPECT_NE(missing.exit_code, 0);
    std::filesystem::remove(target);
}

}  // namespace
}  // namespace renkei::testing
