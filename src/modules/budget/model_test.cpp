// The budget's pure rules (model.hpp), table-driven: fiscal years, health against an allocation,
// dates and amounts as the office writes them, and reading its CSV.
#include "modules/budget/model.hpp"

#include <gtest/gtest.h>

#include "platform/time.hpp"

namespace renkei::budget {
namespace {

TEST(BudgetRules, FiscalYearRunsAprilToMarch) {
    struct Row {
        const char* date;
        int fy;
    };
    for (const auto& r : std::vector<Row>{{"2026-04-01", 2026},
                                          {"2027-03-31", 2026},
                                          {"2026-03-31", 2025},
                                          {"2026-12-31", 2026},
                                          {"2027-01-01", 2026},
                                          {"2027-04-01", 2027}})
        EXPECT_EQ(FiscalYearOf(std::string_view(r.date)), r.fy) << r.date;
}

TEST(BudgetRules, HealthIsNearFromNinetyPercentAndOverBeyondTheAllocation) {
    struct Row {
        std::optional<long long> allocated;
        long long spent;
        Health health;
    };
    for (const auto& r : std::vector<Row>{{1000, 0, Health::kOk},
                                          {1000, 899, Health::kOk},
                                          {1000, 900, Health::kNear},
                                          {1000, 1000, Health::kNear},
                                          {1000, 1001, Health::kOver},
                                          {std::nullopt, 0, Health::kOk},
                                          {std::nullopt, 1, Health::kOver},
                                          {0, 0, Health::kOk},
                                          {0, 1, Health::kOver},
                                          {1'000'000'000'000'000LL, 900'000'000'000'000LL, Health::kNear},
                                          {1'000'000'000'000'000LL, 899'999'999'999'999LL, Health::kOk}})
        EXPECT_EQ(HealthOf(r.allocated, r.spent), r.health)
            << (r.allocated ? std::to_string(*r.allocated) : "none") << " / " << r.spent;
}

TEST(BudgetRules, DaysAsTheOfficeWritesThem) {
    struct Row {
        const char* text;
        std::optional<std::string> day;
    };
    for (const auto& r : std::vector<Row>{{"2026-04-01", "2026-04-01"},
                                          {"2026/4/1", "2026-04-01"},
                                          {" 2026/12/31 ", "2026-12-31"},
                                          {"2026-02-30", std::nullopt},
                                          {"2026-13-01", std::nullopt},
                                          {"yesterday", std::nullopt},
                                          {"2026/04-01", std::nullopt},
                                          {"26-04-01", std::nullopt},
                                          {"", std::nullopt}})
        EXPECT_EQ(ParseDay(r.text), r.day) << r.text;
}

TEST(BudgetRules, AmountsAreWholePositiveYenUpToTenToTheFifteenth) {
    struct Row {
        const char* text;
        std::optional<long long> yen;
    };
    for (const auto& r : std::vector<Row>{{"12345", 12345},
                                          {"12,345", 12345},
                                          {"1,234,567", 1234567},
                                          {"¥12,345", 12345},
                                          {"￥500", 500},
                                          {"12,345円", 12345},
                                          {"1000000000000000", 1'000'000'000'000'000LL},
                                          {"1000000000000001", std::nullopt},
                                          {"9223372036854775808", std::nullopt},
                                          {"0", std::nullopt},
                                          {"-500", std::nullopt},
                                          {"12.5", std::nullopt},
                                          {"1,23", std::nullopt},
                                          {"1234,567", std::nullopt},
                                          {",123", std::nullopt},
                                          {"abc", std::nullopt},
                                          {"", std::nullopt}})
        EXPECT_EQ(ParseYen(r.text), r.yen) << r.text;
}

TEST(BudgetRules, CategoriesByTextOrLabel) {
    EXPECT_EQ(CategoryFrom("旅費"), Category::kTravel);
    EXPECT_EQ(CategoryFrom("travel"), Category::kTravel);
    EXPECT_EQ(CategoryFrom("Honoraria"), Category::kHonoraria);
    EXPECT_EQ(CategoryFrom("人件費"), Category::kPersonnel);
    EXPECT_EQ(CategoryFrom("food"), std::nullopt);
}

TEST(BudgetCsv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
    auto p = ParseCsv("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n\n3,,\n");
    ASSERT_FALSE(p.unterminated_quote_line);
    ASSERT_EQ(p.records.size(), 4U);
    EXPECT_EQ(p.records[1].cells, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
    EXPECT_EQ(p.records[2].cells, (std::vector<std::string>{"2", "two\nlines", "z"}));
    EXPECT_EQ(p.records[2].line, 3);
    EXPECT_EQ(p.records[3].line, 6);  // the record after the two-line one and a blank line
    EXPECT_EQ(p.records[3].cells, (std::vector<std::string>{"3", "", ""}));
}

TEST(BudgetCsv, AnUnclosedQuoteIsReportedOnItsLine) {
    auto p = ParseCsv("a,b\n1,\"open\n2,3\n");
    ASSERT_TRUE(p.unterminated_quote_line);
    EXPECT_EQ(*p.unterminated_quote_line, 2);
}

TEST(BudgetCsv, DecodesUtf8WithOrWithoutBomAndShiftJis) {
    EXPECT_EQ(DecodeCsv("\xEF\xBB\xBF日付,金額\n"), std::optional<std::string>("日付,金額\n"));
    EXPECT_EQ(DecodeCsv("日付,金額\n"), std::optional<std::string>("日付,金額\n"));
    // 旅費 in Shift_JIS (Windows-31J): 97 B7 94 EF.
    EXPECT_EQ(DecodeCsv("\x97\xB7\x94\xEF,1\r\n"), std::optional<std::string>("旅費,1\r\n"));
    // Neither: a Shift_JIS lead byte followed by a space is no character in either.
    EXPECT_EQ(DecodeCsv("\x81\x20"), std::nullopt);
    // UTF-8 with a stray control character is still UTF-8 (the cell is refused later).
    EXPECT_EQ(DecodeCsv("摘要\x0c,1\n"), std::optional<std::string>("摘要\x0c,1\n"));
}

TEST(BudgetCsv, ReadsLinesAndNamesEveryBadRowWithItsLineAndField) {
    std::string csv =
        "日付,プロジェクト,金額,費目,摘要,伝票番号\n"
        "2026-05-01,p1,\"12,000\",旅費,\"学会出張, 大阪\",V-1\n"
        "2026/5/2,p1,500,物品費,試薬,V-2\n"
        "2026-02-30,p1,500,物品費,,\n"
        "2026-05-03,p1,-5,物品費,,\n"
        "2026-05-04,,100,食費,,\n";
    auto r = ParseImport(csv, std::nullopt);
    ASSERT_EQ(r.lines.size(), 2U);
    EXPECT_EQ(r.lines[0].line, 2);
    EXPECT_EQ(r.lines[0].amount_yen, 12000);
    EXPECT_EQ(r.lines[0].category, Category::kTravel);
    EXPECT_EQ(r.lines[0].description, "学会出張, 大阪");
    EXPECT_EQ(r.lines[1].spent_on, "2026-05-02");
    struct Want {
        int line;
        const char* field;
    };
    std::vector<Want> want{{4, "date"}, {5, "amount"}, {6, "project"}, {6, "category"}};
    ASSERT_EQ(r.errors.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(r.errors[i].line, want[i].line) << i;
        EXPECT_EQ(r.errors[i].field, want[i].field) << i;
    }
}

TEST(BudgetCsv, AHeaderWithoutTheRequiredColumnsIsRefused) {
    auto r = ParseImport("description,category\nx,旅費\n", std::nullopt);
    ASSERT_EQ(r.errors.size(), 3U);
    EXPECT_EQ(r.errors[0].field, "date");
    EXPECT_EQ(r.errors[1].field, "amount");
    EXPECT_EQ(r.errors[2].field, "project");
    EXPECT_TRUE(ParseImport("date,amount\n2026-05-01,1\n", std::string("p1")).errors.empty());
    EXPECT_EQ(ParseImport("", std::nullopt).errors.at(0).field, "file");
    EXPECT_EQ(ParseImport("date,project,amount\n", std::nullopt).errors.at(0).field, "file");
}

TEST(BudgetCsv, AFileForOneProjectRefusesRowsOfAnother) {
    auto r = ParseImport("date,project,amount\n2026-05-01,p1,1\n2026-05-01,p2,1\n2026-05-01,,1\n", std::string("p1"));
    ASSERT_EQ(r.errors.size(), 1U);
    EXPECT_EQ(r.errors[0].line, 3);
    EXPECT_EQ(r.errors[0].field, "project");
    ASSERT_EQ(r.lines.size(), 2U);
    EXPECT_EQ(r.lines[1].project_id, "p1");
}

TEST(BudgetCsv, KeysAreStableAcrossImportsAndTellIdenticalRowsApart) {
    std::string csv = "date,project,amount,description\n2026-05-01,p1,1000,タクシー\n2026-05-01,p1,1000,タクシー\n";
    auto first = ParseImport(csv, std::nullopt), again = ParseImport(csv, std::nullopt);
    ASSERT_EQ(first.lines.size(), 2U);
    EXPECT_NE(first.lines[0].key, first.lines[1].key);
    EXPECT_EQ(first.lines[0].key, again.lines[0].key);
    EXPECT_EQ(first.lines[1].key, again.lines[1].key);
    auto changed = ParseImport("date,project,amount,description\n2026-05-01,p1,1001,タクシー\n", std::nullopt);
    EXPECT_NE(changed.lines[0].key, first.lines[0].key);
    // The same rows in another column order are the same lines.
    auto reordered = ParseImport("amount,description,project,date\n1000,タクシー,p1,2026-05-01\n", std::nullopt);
    EXPECT_EQ(reordered.lines[0].key, first.lines[0].key);
}

}  // namespace
}  // namespace renkei::budget
