#include "modules/budget/model.hpp"

#include <sodium.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <map>

#include "platform/json.hpp"
#include "platform/time.hpp"

namespace renkei::budget {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr long long kMaxYen = 1'000'000'000'000'000LL;
constexpr size_t kMaxRows = 5000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The text without the given prefix or suffix, if it has it.
bool StripPrefix(std::string& s, std::string_view p) {
    if (s.size() < p.size() || s.compare(0, p.size(), p) != 0) return false;
    s.erase(0, p.size());
    return true;
}
bool StripSuffix(std::string& s, std::string_view p) {
    if (s.size() < p.size() || s.compare(s.size() - p.size(), p.size(), p) != 0) return false;
    s.erase(s.size() - p.size());
    return true;
}

std::string Lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string KeyOf(const ImportLine& l, int occurrence) {
    std::string text = l.project_id + '\x1f' + l.spent_on + '\x1f' + std::to_string(l.amount_yen) + '\x1f' +
                       std::string(Text(l.category)) + '\x1f' + l.description + '\x1f' + l.reference + '\x1f' +
                       std::to_string(occurrence);
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

enum class Column { kDate, kProject, kAmount, kCategory, kDescription, kReference };
struct ColumnName {
    Column column;
    std::string_view field;
    std::array<std::string_view, 4> names;
};
constexpr std::array<ColumnName, 6> kColumns{{
    {Column::kDate, "date", {"date", "spent_on", "日付", "支出日"}},
    {Column::kProject, "project", {"project", "project_id", "プロジェクト", "プロジェクトid"}},
    {Column::kAmount, "amount", {"amount", "amount_yen", "金額", "金額（円）"}},
    {Column::kCategory, "category", {"category", "費目", "", ""}},
    {Column::kDescription, "description", {"description", "摘要", "内容", ""}},
    {Column::kReference, "reference", {"reference", "伝票番号", "voucher", ""}},
}};

}  // namespace

std::optional<Category> CategoryFrom(std::string_view text) {
    std::string t = Lower(Trim(text));
    for (const auto& c : kCategoryTexts)
        if (t == c.text || t == c.label_ja || t == Lower(std::string(c.label_en))) return c.value;
    return std::nullopt;
}

Health HealthOf(std::optional<long long> allocated_yen, long long spent_yen) {
    long long allocated = allocated_yen.value_or(0);
    if (spent_yen > allocated) return Health::kOver;
    if (allocated > 0 && static_cast<__int128>(spent_yen) * 10 >= static_cast<__int128>(allocated) * 9)
        return Health::kNear;
    return Health::kOk;
}

std::optional<std::string> ParseDay(std::string_view text) {
    std::string t = Trim(text);
    char sep = t.find('/') != std::string::npos ? '/' : '-';
    std::vector<std::string> parts(1);
    for (char c : t) {
        if (c == sep) {
            parts.emplace_back();
        } else if (IsDigit(c)) {
            parts.back() += c;
        } else {
            return std::nullopt;
        }
    }
    if (parts.size() != 3 || parts[0].size() != 4 || parts[1].empty() || parts[1].size() > 2 || parts[2].empty() ||
        parts[2].size() > 2)
        return std::nullopt;
    if (parts[1].size() == 1) parts[1] = "0" + parts[1];
    if (parts[2].size() == 1) parts[2] = "0" + parts[2];
    std::string iso = parts[0] + "-" + parts[1] + "-" + parts[2];
    if (!ParseDate(iso)) return std::nullopt;
    return iso;
}

std::optional<long long> ParseYen(std::string_view text) {
    std::string t = Trim(text);
    if (!StripPrefix(t, "\xEF\xBF\xA5")) StripPrefix(t, "\xC2\xA5");  // ￥ or ¥
    if (!StripSuffix(t, "円")) StripSuffix(t, "\xE5\x86\x86");
    t = Trim(t);
    if (t.empty()) return std::nullopt;
    long long value = 0;
    int digits_since_comma = -1;  // -1: no comma yet
    size_t leading_group = 0;
    for (char c : t) {
        if (c == ',') {
            if ((digits_since_comma == -1 && (leading_group == 0 || leading_group > 3)) ||
                (digits_since_comma != -1 && digits_since_comma != 3))
                return std::nullopt;
            digits_since_comma = 0;
            continue;
        }
        if (!IsDigit(c)) return std::nullopt;
        if (digits_since_comma == -1) {
            ++leading_group;
        } else {
            ++digits_since_comma;
        }
        if (value > (kMaxYen - (c - '0')) / 10) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (digits_since_comma != -1 && digits_since_comma != 3) return std::nullopt;
    if (value < 1 || value > kMaxYen) return std::nullopt;
    return value;
}

namespace {
// Well-formed UTF-8, whatever characters it holds (control characters are judged cell by cell).
bool WellFormedUtf8(std::string_view s) {
    std::string probe(s);
    for (auto& c : probe)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    return CleanUtf8(probe, false);
}
}  // namespace

std::optional<std::string> DecodeCsv(std::string_view bytes) {
    if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
    if (WellFormedUtf8(bytes)) return std::string(bytes);
    // Not UTF-8: try Windows-31J, then judge the result again.
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open("windows-31j", &status);
    if (U_FAILURE(status)) return std::nullopt;
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::u16string wide(bytes.size() * 2 + 2, u'\0');
    int32_t n = ucnv_toUChars(conv, wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                              static_cast<int32_t>(bytes.size()), &status);
    ucnv_close(conv);
    if (U_FAILURE(status)) return std::nullopt;
    wide.resize(static_cast<size_t>(n));
    std::string out;
    out.reserve(wide.size() * 3);
    for (size_t i = 0; i < wide.size(); ++i) {
        char32_t c = wide[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < wide.size())
            c = 0x10000 + ((c - 0xD800) << 10) + (wide[++i] - 0xDC00);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    if (!WellFormedUtf8(out)) return std::nullopt;
    return out;
}

CsvParse ParseCsv(std::string_view text) {
    CsvParse out;
    CsvRecord record;
    std::string cell;
    bool quoted = false, in_record = false, cell_started = false;
    int line = 1, quote_line = 0;
    auto end_cell = [&] {
        record.cells.push_back(std::move(cell));
        cell.clear();
        cell_started = false;
    };
    auto end_record = [&] {
        end_cell();
        bool blank = record.cells.size() == 1 && record.cells[0].empty();
        if (!blank) out.records.push_back(std::move(record));
        record = CsvRecord{};
        in_record = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (!in_record) {
            record.line = line;
            in_record = true;
        }
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cell_started) {
            quoted = true;
            cell_started = true;
            quote_line = line;
        } else if (c == ',') {
            end_cell();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_record();
            ++line;
        } else {
            cell += c;
            cell_started = true;
        }
    }
    if (quoted) {
        out.unterminated_quote_line = quote_line;
        return out;
    }
    if (in_record) end_record();
    return out;
}

ImportParse ParseImport(std::string_view utf8, const std::optional<std::string>& default_project) {
    ImportParse out;
    auto csv = ParseCsv(utf8);
    if (csv.unterminated_quote_line) {
        out.errors.push_back({*csv.unterminated_quote_line, "file", "a quoted field is never closed"});
        return out;
    }
    if (csv.records.empty()) {
        out.errors.push_back({1, "file", "the file is empty: a header row and at least one line are expected"});
        return out;
    }
    if (csv.records.size() - 1 > kMaxRows) {
        out.errors.push_back({1, "file", "at most " + std::to_string(kMaxRows) + " lines per file"});
        return out;
    }
    const auto& header = csv.records.front();
    std::map<Column, size_t> at;
    for (size_t i = 0; i < header.cells.size(); ++i) {
        std::string name = Lower(Trim(header.cells[i]));
        for (const auto& col : kColumns)
            if (std::find(col.names.begin(), col.names.end(), name) != col.names.end() && !name.empty() &&
                !at.count(col.column))
                at[col.column] = i;
    }
    for (auto required : {Column::kDate, Column::kAmount, Column::kProject}) {
        if (at.count(required) || (required == Column::kProject && default_project)) continue;
        auto it =
            std::find_if(kColumns.begin(), kColumns.end(), [&](const ColumnName& c) { return c.column == required; });
        out.errors.push_back(
            {header.line, std::string(it->field), "the header has no column " + std::string(it->field)});
    }
    if (csv.records.size() == 1) out.errors.push_back({header.line, "file", "the file has no lines after the header"});
    if (!out.errors.empty()) return out;

    std::map<std::string, int> seen;  // identical rows so far
    out.lines.reserve(csv.records.size() - 1);
    for (size_t r = 1; r < csv.records.size(); ++r) {
        const auto& rec = csv.records[r];
        auto cell = [&](Column c) -> std::string {
            auto it = at.find(c);
            if (it == at.end() || it->second >= rec.cells.size()) return "";
            return Trim(rec.cells[it->second]);
        };
        ImportLine l;
        l.line = rec.line;
        size_t errors_before = out.errors.size();
        auto error = [&](std::string_view field, const std::string& message) {
            out.errors.push_back({rec.line, std::string(field), message});
        };
        if (auto day = ParseDay(cell(Column::kDate))) {
            l.spent_on = *day;
        } else {
            error("date", "date must be a date (YYYY-MM-DD or YYYY/MM/DD)");
        }
        std::string project = cell(Column::kProject);
        if (project.empty() && default_project) project = *default_project;
        if (project.empty()) {
            error("project", "project is required");
        } else if (default_project && project != *default_project) {
            error("project", "this import is for one project only; the line names another");
        } else if (project.size() > 64 || !CleanUtf8(project, false)) {
            error("project", "project must be a project's id");
        }
        l.project_id = project;
        if (auto yen = ParseYen(cell(Column::kAmount))) {
            l.amount_yen = *yen;
        } else {
            error("amount", "amount must be a whole number of yen from 1 to 1,000,000,000,000,000");
        }
        std::string category = cell(Column::kCategory);
        if (category.empty()) {
            l.category = Category::kOther;
        } else if (auto c = CategoryFrom(category)) {
            l.category = *c;
        } else {
            error("category", "category must be 人件費, 物品費, 旅費, 謝金 or その他");
        }
        l.description = cell(Column::kDescription);
        if (Utf8Length(l.description) > 500 || !CleanUtf8(l.description, true))
            error("description", "description must be clean text of at most 500 characters");
        l.reference = cell(Column::kReference);
        if (Utf8Length(l.reference) > 100 || !CleanUtf8(l.reference, false))
            error("reference", "reference must be clean text of at most 100 characters on one line");
        if (out.errors.size() != errors_before) continue;
        std::string base = KeyOf(l, 0);
        l.key = KeyOf(l, seen[base]++);
        out.lines.push_back(std::move(l));
    }
    return out;
}

}  // namespace renkei::budget
