// CSV and .xlsx for the office's exports (Excel must open them with Japanese text intact).
#include <gtest/gtest.h>

#include "platform/office/csv.hpp"
#include "platform/office/table.hpp"
#include "platform/office/xlsx.hpp"

namespace renkei::office {
namespace {

TEST(CsvCell, QuotesWhenNeededAndDefusesFormulas) {
    struct Case {
        std::string in, out;
    };
    for (const auto& c : std::vector<Case>{
             {"田中 健二", "田中 健二"},
             {"JSR株式会社, 研究開発部", "\"JSR株式会社, 研究開発部\""},
             {"say \"hi\"", "\"say \"\"hi\"\"\""},
             {"two\nlines", "\"two\nlines\""},
             {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
             {"+81", "'+81"},
             {"-1", "'-1"},
             {"@SUM(A1)", "'@SUM(A1)"},
             {"", ""},
         })
        EXPECT_EQ(CsvCell(c.in), c.out) << c.in;
}

TEST(Csv, StartsWithTheByteOrderMarkAndEndsLinesWithCrlf) {
    Csv csv({"氏名", "金額"});
    csv.Row({"山田, 花子", "1000"});
    EXPECT_EQ(csv.Bytes(), "\xEF\xBB\xBF氏名,金額\r\n\"山田, 花子\",1000\r\n");
}

TEST(Workbook, IsAZipWithTheSheet) {
    Workbook book;
    auto* sheet = book.Sheet("台帳", "報奨金台帳", {"氏名", "金額"}, {20, 12});
    book.Row(sheet, {"山田 花子", ""}, 1, 12345);
    auto bytes = book.Bytes();
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.substr(0, 2), "PK");  // .xlsx is a zip archive
    EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(Table, WritesTheSameRowsAsCsvAndAsAWorkbook) {
    Table t{
        .sheet = "契約一覧", .title = "契約一覧", .lines = {"2026-12-06"}, .head = {"件名", "金額"}, .numbers = {1}};
    t.Row({"=秘密保持契約", "1200000"});
    t.Row({"共同研究契約", ""});
    EXPECT_EQ(t.Csv(), "\xEF\xBB\xBF件名,金額\r\n'=秘密保持契約,1200000\r\n共同研究契約,\r\n");
    auto bytes = t.Xlsx();  // widths missing: a default width for each column
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.substr(0, 2), "PK");
}

}  // namespace
}  // namespace renkei::office
