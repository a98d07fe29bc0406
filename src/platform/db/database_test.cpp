#include "platform/db/database.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "platform/db/row.hpp"

namespace renkei::db {
namespace {

class CachedStatements : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("renkei-cache-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 std::to_string(reinterpret_cast<uintptr_t>(this)) + ".db");
        db_ = std::make_unique<Database>("sqlite:" + path_.string(), 2);
        Tx tx(*db_, TxMode::kWrite);
        tx.sql() << "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)";
        tx.sql() << "INSERT INTO t VALUES ('a', 'one'), ('b', 'two'), ('c', 'three')";
        tx.Commit();
    }
    void TearDown() override {
        db_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
    }
    std::vector<std::string> Values(Tx& tx, const std::string& from) {
        std::vector<std::string> out;
        tx.ForEachCached("SELECT v FROM t WHERE k >= :k ORDER BY k", {from},
                         [&](const soci::row& r) { out.push_back(GetString(r, 0)); });
        return out;
    }
    std::filesystem::path path_;
    std::unique_ptr<Database> db_;
};

TEST_F(CachedStatements, RebindTheirParametersOnEveryRun) {
    Tx tx(*db_, TxMode::kRead);
    EXPECT_EQ(Values(tx, "a"), (std::vector<std::string>{"one", "two", "three"}));
    EXPECT_EQ(Values(tx, "c"), (std::vector<std::string>{"three"}));
    EXPECT_TRUE(Values(tx, "z").empty());
    EXPECT_EQ(Values(tx, "b"), (std::vector<std::string>{"two", "three"}));
}

TEST_F(CachedStatements, StartAfreshAfterARunThatStoppedHalfWay) {
    Tx tx(*db_, TxMode::kRead);
    int seen = 0;
    EXPECT_THROW(tx.ForEachCached("SELECT v FROM t WHERE k >= :k ORDER BY k", {"a"},
                                  [&](const soci::row&) {
                                      if (++seen == 1) throw std::runtime_error("stop");
                                  }),
                 std::runtime_error);
    EXPECT_EQ(Values(tx, "a"), (std::vector<std::string>{"one", "two", "three"}));
}

TEST_F(CachedStatements, SeeWhatOtherConnectionsCommitted) {
    {
        Tx r(*db_, TxMode::kRead);
        EXPECT_EQ(Values(r, "d").size(), 0u);
    }
    {
        Tx w(*db_, TxMode::kWrite);
        w.sql() << "INSERT INTO t VALUES ('d', 'four')";
        w.Commit();
    }
    Tx a(*db_, TxMode::kRead);
    Tx b(*db_, TxMode::kRead);  // both pooled connections
    EXPECT_EQ(Values(a, "d"), (std::vector<std::string>{"four"}));
    EXPECT_EQ(Values(b, "d"), (std::vector<std::string>{"four"}));
}

using Savepoints = CachedStatements;

int Count(Tx& tx) {
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM t", soci::into(n);
    return n;
}

TEST_F(Savepoints, UndoWhatFollowedThemAndKeepWhatCameBefore) {
    {
        Tx tx(*db_, TxMode::kWrite);
        tx.sql() << "INSERT INTO t VALUES ('d', 'four')";
        Savepoint sp(tx, "insert_pair");
        try {
            tx.sql() << "INSERT INTO t VALUES ('e', 'five')";
            tx.sql() << "INSERT INTO t VALUES ('a', 'again')";  // 'a' exists: the pair fails
            sp.Release();
            FAIL() << "the duplicate key was accepted";
        } catch (const soci::soci_error& e) {
            EXPECT_TRUE(IsUniqueViolation(e)) << e.what();
            EXPECT_FALSE(IsExclusionViolation(e));
            sp.Rollback();
        }
        EXPECT_EQ(Count(tx), 4);  // 'd' stays, 'e' went with the savepoint
        tx.Commit();
    }
    Tx r(*db_, TxMode::kRead);
    EXPECT_EQ(Values(r, "d"), (std::vector<std::string>{"four"}));
}

TEST_F(Savepoints, RollBackWhenLeftWithoutRelease) {
    Tx tx(*db_, TxMode::kWrite);
    {
        Savepoint sp(tx, "abandoned");
        tx.sql() << "INSERT INTO t VALUES ('x', 'gone')";
    }
    EXPECT_EQ(Count(tx), 3);
    {
        Savepoint sp(tx, "kept");
        tx.sql() << "INSERT INTO t VALUES ('y', 'kept')";
        sp.Release();
    }
    EXPECT_EQ(Count(tx), 4);
}

TEST_F(Savepoints, RefuseANameThatIsNotPlainLetters) {
    Tx tx(*db_, TxMode::kWrite);
    for (const char* name : {"", "a; DROP TABLE t", "Upper", "x1"})
        EXPECT_THROW(Savepoint(tx, name), std::invalid_argument) << name;
    EXPECT_EQ(Count(tx), 3);
}

}  // namespace
}  // namespace renkei::db
