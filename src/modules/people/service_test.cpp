#include "modules/people/service.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "platform/db/migrations.hpp"

namespace renkei::people {
namespace {

// A migrated SQLite database of its own, removed afterwards.
class PeopleOnDisk : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("renkei-people-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 std::to_string(reinterpret_cast<uintptr_t>(this)) + ".db");
        db_ = std::make_unique<db::Database>("sqlite:" + path_.string(), 2);
        db::Migrate(*db_);
    }
    void TearDown() override {
        db_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
    }
    std::filesystem::path path_;
    std::unique_ptr<db::Database> db_;
};

// A list longer than one IN chunk (500), with duplicates, an empty id and ids nobody has: every
// known person keeps their own names, the unknown get empty ones, and nothing is lost at the seams.
TEST_F(PeopleOnDisk, ANameBookNamesEveryoneOfALongListAndNobodyElse) {
    const Seconds now = FromUnix(1'780'000'000);
    std::vector<std::string> ids;
    {
        db::Tx tx(*db_, db::TxMode::kWrite);
        for (int i = 0; i < 1203; ++i) {
            NewPerson in;
            in.email = "p" + std::to_string(i) + "@example.jp";
            in.name_ja = "研究者" + std::to_string(i);
            in.name_kana = "けんきゅうしゃ";
            in.name_en = "Researcher " + std::to_string(i);
            in.roles = {"researcher"};
            ids.push_back(CreatePerson(tx, std::nullopt, in, now).id);
        }
        tx.Commit();
    }
    db::Tx tx(*db_, db::TxMode::kRead);
    NameBook book(tx);
    std::vector<std::string> asked = ids;
    asked.insert(asked.end(), ids.begin(), ids.begin() + 10);  // duplicates
    asked.emplace_back("");
    asked.emplace_back("no-such-person");
    book.Load(asked);
    for (size_t i = 0; i < ids.size(); ++i) {
        const auto& n = book.Of(ids[i]);
        ASSERT_EQ(n.name_ja, "研究者" + std::to_string(i)) << "person " << i;
        ASSERT_EQ(n.name_en, "Researcher " + std::to_string(i)) << "person " << i;
    }
    EXPECT_EQ(book.Of("no-such-person").name_ja, "");
    EXPECT_EQ(book.Of("").name_en, "");
    // Someone not loaded first is read alone.
    NameBook single(tx);
    EXPECT_EQ(single.Of(ids[700]).name_en, "Researcher 700");
    EXPECT_EQ(NamesOf(tx, ids).size(), ids.size());
}

}  // namespace
}  // namespace renkei::people
