// The database going away under a running server: connections the server lost are replaced by
// themselves and the request that met one runs again; while the database cannot be reached,
// requests get 503 with Retry-After and /readyz says so; `serve` waits for a database that is
// not up yet instead of exiting. PostgreSQL (SQLite cannot go away).
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "platform/db/database.hpp"
#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

class DatabaseFaults : public ApiTest {
  protected:
    // Ends every other session on the test database, as `pg_terminate_backend` by an operator or
    // a failover would. Returns how many were ended.
    int TerminateServerConnections() {
        db::Database admin_db(db->url(), 1);
        db::Tx tx(admin_db, db::TxMode::kWrite);
        int ended = 0;
        tx.sql() << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()",
            soci::into(ended);
        tx.Commit();
        return ended;
    }
};

TEST_F(DatabaseFaults, TerminatedConnectionsAreReplacedAndNoRequestFails) {
    if (!db->is_postgres()) GTEST_SKIP() << "PostgreSQL only";
    for (int round = 0; round < 3; ++round) {
        ASSERT_EQ(admin->Get("/api/me").status, 200);
        EXPECT_GT(TerminateServerConnections(), 0) << "the server holds its pool open";
        // Every request after it succeeds: a broken connection is found at BEGIN and replaced,
        // and a request that met one mid-way runs again on a new one.
        for (int i = 0; i < 30; ++i) {
            auto r = i % 3 == 2 ? admin->Patch("/api/me", json::object{{"language", i % 2 ? "en" : "ja"}})
                                : admin->Get(i % 3 ? "/api/people" : "/api/me");
            ASSERT_EQ(r.status, 200) << "round " << round << ", request " << i << ": " << r.body;
        }
    }
    Client probe(server->port());
    auto ready = probe.Get("/readyz");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(ready.body, "ready\n");
}

TEST(DatabaseStartup, ServeWaitsForAnUnreachableDatabaseInsteadOfExiting) {
    // Nothing listens on port 1: connecting is refused at once, every time.
    std::string log = ::testing::TempDir() + "renkei-wait-" + std::to_string(::getpid()) + ".log";
    std::string command = std::string("timeout 10 ") + RENKEI_BIN_PATH +
                          " serve --db postgresql://renkei@127.0.0.1:1/none --listen 127.0.0.1:0 >" + log + " 2>&1";
    int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 124) << "still waiting when timeout stopped it";
    std::stringstream text;
    text << std::ifstream(log).rdbuf();
    EXPECT_NE(text.str().find("trying again in 1 s (attempt 1)"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("trying again in 2 s (attempt 2)"), std::string::npos) << text.str();
    EXPECT_EQ(text.str().find("renkei:"), std::string::npos) << "no fatal error";
    std::remove(log.c_str());
}

TEST(DatabaseStartup, OtherCommandsFailAtOnceWithTheReason) {
    auto r = RunRenkei({"migrate", "--db", "postgresql://renkei@127.0.0.1:1/none"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("cannot reach database"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace renkei::testing
