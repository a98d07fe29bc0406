// The centre's budget (issue 18, docs/budget.md) as plain types and pure rules (no I/O): spending
// categories, a project's budget health against its allocation, and reading the office's CSV of
// spending lines (encoding, quoting, columns, bad rows with their line and field, and the key that
// makes importing the same file twice add nothing).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_text.hpp"

namespace renkei::budget {

// The plan's line for projects outside the four strategic areas (open call, other joint research).
inline constexpr std::string_view kOtherArea = "other";

// Spending categories (費目) as Japanese research accounting names them.
enum class Category { kPersonnel, kEquipment, kTravel, kHonoraria, kOther };
struct CategoryText {
    Category value;
    std::string_view text, label_ja, label_en;
};
inline constexpr std::array<CategoryText, 5> kCategoryTexts{{
    {Category::kPersonnel, "personnel", "人件費", "Personnel"},
    {Category::kEquipment, "equipment", "物品費", "Equipment and supplies"},
    {Category::kTravel, "travel", "旅費", "Travel"},
    {Category::kHonoraria, "honoraria", "謝金", "Honoraria"},
    {Category::kOther, "other", "その他", "Other"},
}};
constexpr const auto& TextsOf(Category) { return kCategoryTexts; }
// A category from its text or its Japanese or English label (as a CSV may name it).
std::optional<Category> CategoryFrom(std::string_view text);

// A project against its allocation for a year: ok, near (spent at least 90 % of it) or over
// (spent more than it, or spent anything without an allocation).
enum class Health { kOk, kNear, kOver };
inline constexpr std::array<EnumText<Health>, 3> kHealthTexts{
    {{Health::kOk, "ok"}, {Health::kNear, "near"}, {Health::kOver, "over"}}};
constexpr const auto& TextsOf(Health) { return kHealthTexts; }
Health HealthOf(std::optional<long long> allocated_yen, long long spent_yen);

// A date as the office writes it (2026-04-01, 2026/4/1) as YYYY-MM-DD; nullopt when it is no date.
std::optional<std::string> ParseDay(std::string_view text);
// An amount of yen as the office writes it (12345, 12,345, ¥12,345, 12,345円): a whole number from
// 1 to 10^15; nullopt otherwise (negative, zero, a fraction, text, too large).
std::optional<long long> ParseYen(std::string_view text);

// The bytes of an uploaded CSV as UTF-8: a UTF-8 byte order mark is dropped; text that is not
// UTF-8 is read as Shift_JIS (Windows-31J, as Excel saves "CSV"); nullopt when it is neither.
std::optional<std::string> DecodeCsv(std::string_view bytes);

// One record of a CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks),
// with the line it starts on (1-based).
struct CsvRecord {
    int line = 0;
    std::vector<std::string> cells;
};
struct CsvParse {
    std::vector<CsvRecord> records;  // blank lines left out
    std::optional<int> unterminated_quote_line;
};
CsvParse ParseCsv(std::string_view utf8);

// A spending line read from a CSV row.
struct ImportLine {
    int line = 0;
    std::string project_id, spent_on;
    long long amount_yen = 0;
    Category category = Category::kOther;
    std::string description, reference;
    // A hash of the row's fields and how many identical rows came before it in the file: the same
    // file imported again yields the same keys, two identical rows in one file two keys.
    std::string key;
};
struct RowError {
    int line = 0;
    std::string field, message;
};
struct ImportParse {
    std::vector<ImportLine> lines;
    std::vector<RowError> errors;
};
// Reads a CSV of spending lines. The first record is the header; columns are found by name, in
// any order, in English or Japanese: date (日付), project (project_id, プロジェクト), amount (amount_yen,
// 金額), category (費目), description (摘要, 内容), reference (伝票番号). date and amount are required,
// and project unless `default_project` is given (then a row naming another project is an error).
ImportParse ParseImport(std::string_view utf8, const std::optional<std::string>& default_project);

}  // namespace renkei::budget
