#include "platform/http/router.hpp"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>

#include <filesystem>

#include "platform/db/row.hpp"

namespace renkei::http {
namespace {

// A request whose transaction PostgreSQL aborts for meeting another one (deadlock 40P01,
// serialization failure 40001) runs again on a new transaction; nothing of the failed try
// stays; other database failures are not repeated.
class TransientConflicts : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("renkei-router-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + ".db");
        db_ = std::make_unique<db::Database>("sqlite:" + path_.string(), 2);
        db::Tx tx(*db_, db::TxMode::kWrite);
        tx.sql() << "CREATE TABLE t (v TEXT)";
        tx.Commit();
        router_.SetDatabase(db_.get());
    }
    void TearDown() override {
        db_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
    }
    // Inserts a row, then fails with `sqlstate` on the first `failures` tries.
    void AddRoute(const char* sqlstate, int failures) {
        router_.Add("POST", "/api/things", Access::kPublic, [this, sqlstate, failures](Call& call) {
            call.tx().sql() << "INSERT INTO t (v) VALUES ('try')";
            if (++tries_ <= failures) throw soci::postgresql_soci_error("simulated", sqlstate);
            Response created;
            created.status = 201;
            return created;
        });
    }
    Response Post() {
        Request req;
        req.method = "POST";
        req.path = "/api/things";
        std::map<std::string, std::string> params;
        auto match = router_.Find(req.method, req.path, params);
        return router_.Dispatch(req, match);
    }
    int Rows() {
        db::Tx tx(*db_, db::TxMode::kRead);
        int n = 0;
        tx.sql() << "SELECT COUNT(*) FROM t", soci::into(n);
        return n;
    }
    std::filesystem::path path_;
    std::unique_ptr<db::Database> db_;
    Router router_;
    int tries_ = 0;
};

TEST_F(TransientConflicts, ADeadlockedRequestRunsAgainAndOnlyTheLastTryIsStored) {
    AddRoute("40P01", 1);
    EXPECT_EQ(Post().status, 201);
    EXPECT_EQ(tries_, 2);
    EXPECT_EQ(Rows(), 1);
}

TEST_F(TransientConflicts, ASerializationFailureRunsAgainToo) {
    AddRoute("40001", 2);
    EXPECT_EQ(Post().status, 201);
    EXPECT_EQ(tries_, 3);
    EXPECT_EQ(Rows(), 1);
}

// SQLite's SQLITE_FULL (here from max_page_count; on a full file system the same error) is
// answered 507 with a clear message, not a bare 500 `internal`; nothing of the request stays.
TEST_F(TransientConflicts, AFullDatabaseIsAnswered507WithAClearMessage) {
    router_.Add("POST", "/api/things", Access::kPublic, [this](Call& call) {
        ++tries_;
        int pages = 0;
        call.tx().sql() << "PRAGMA page_count", soci::into(pages);
        call.tx().sql() << "PRAGMA max_page_count=" + std::to_string(pages + 1);
        call.tx().sql() << "INSERT INTO t (v) VALUES (hex(zeroblob(100000)))";
        Response created;
        created.status = 201;
        return created;
    });
    auto r = Post();
    EXPECT_EQ(r.status, 507) << r.body;
    EXPECT_NE(r.body.find("insufficient_storage"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("disk is full"), std::string::npos) << r.body;
    EXPECT_EQ(tries_, 1);
    EXPECT_EQ(Rows(), 0);
}

TEST_F(TransientConflicts, GiveUpAfterThreeTriesWith500AndNothingStored) {
    AddRoute("40P01", 100);
    EXPECT_EQ(Post().status, 500);
    EXPECT_EQ(tries_, 3);
    EXPECT_EQ(Rows(), 0);
}

TEST_F(TransientConflicts, OtherDatabaseFailuresAreNotRepeated) {
    AddRoute("23505", 1);
    EXPECT_EQ(Post().status, 500);
    EXPECT_EQ(tries_, 1);
    EXPECT_EQ(Rows(), 0);
}

}  // namespace
}  // namespace renkei::http
