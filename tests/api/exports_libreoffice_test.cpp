// Every list the office exports (issue 18: projects, contracts, COI cases, bookings, an event's
// registrations, the KPIs, the budget, a survey's results) opens in LibreOffice headless, and the
// workbook holds the same rows as the CSV of the same list, Japanese intact: on the demo centre,
// each .xlsx is converted to CSV by LibreOffice (one run for all of them) and its last rows must be
// the CSV's header and rows, cell for cell (the workbook adds only its title lines above them).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

// RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; rows end with CRLF or LF.
// Blank lines are dropped. A leading BOM is skipped.
Rows ParseCsv(std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    Rows rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    auto end_row = [&] {
        row.push_back(cell);
        cell.clear();
        bool blank = row.size() == 1 && row[0].empty() && !any;
        if (!blank) rows.push_back(row);
        row.clear();
        any = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else if (c != '\r') {
                cell += c;
            }
        } else if (c == '"') {
            quoted = any = true;
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
            any = true;
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            end_row();
        } else {
            cell += c;
        }
    }
    if (!cell.empty() || !row.empty()) end_row();
    return rows;
}

// The CSV keeps a cell Excel would run as a formula (= + - @ first) as text with a leading
// apostrophe; the workbook holds the text itself.
Rows Unguarded(Rows rows) {
    for (auto& r : rows)
        for (auto& c : r)
            if (c.size() >= 2 && c[0] == '\'' && std::string("=+-@").find(c[1]) != std::string::npos) c.erase(0, 1);
    return rows;
}

std::string Soffice() {
    for (const char* p : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"})
        if (fs::exists(p)) return p;
    return "";
}

struct Export {
    std::string name, path;  // path without the extension's dot: "/api/contracts/export" + ".csv"
    std::string query;
    std::string csv, xlsx;
};

class ExportsApi : public ApiTest {};

TEST_F(ExportsApi, EveryOfficeListOpensInLibreOfficeWithTheRowsOfItsCsv) {
    auto loaded = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
    Client office(server->port());
    office.Login("nakamura.yumi@renkei.example", "renkei-demo-2026");

    // The demo's event with the most registrations, and its finished survey of 111 doctors.
    std::string event;
    size_t most = 0;
    auto events = office.Get("/api/events");  // 30 days back to 400 ahead
    ASSERT_EQ(events.status, 200) << events.body;
    auto event_items = events.json().at("items").as_array();
    for (const auto& e : event_items) {
        auto regs = office.Get("/api/events/" + S(e.at("id")) + "/registrations");
        if (regs.status != 200) continue;
        auto v = regs.json();
        size_t n = v.is_array() ? v.as_array().size() : v.at("items").as_array().size();
        if (n > most) {
            most = n;
            event = S(e.at("id"));
        }
    }
    ASSERT_FALSE(event.empty()) << events.body;
    auto surveys = office.Get("/api/surveys");
    ASSERT_EQ(surveys.status, 200) << surveys.body;
    auto survey_items = surveys.json().at("items").as_array();
    ASSERT_FALSE(survey_items.empty());
    std::string survey = S(survey_items.front().at("id"));

    const std::string range = "from=" + TokyoDay(-180) + "&to=" + TokyoDay(180);
    std::vector<Export> exports = {
        {"projects", "/api/portfolio/export", ""},
        {"contracts", "/api/contracts/export", ""},
        {"coi", "/api/coi/cases/export", ""},
        {"bookings", "/api/bookings/export", range},
        {"registrations", "/api/events/" + event + "/registrations", ""},
        {"kpi", "/api/kpi/export", "from=" + TokyoDay(-1100) + "&to=" + TokyoDay(0)},
        {"budget_overview", "/api/budget/overview", ""},
        {"budget_spending", "/api/budget/spending", ""},
        {"survey_results", "/api/surveys/" + survey + "/results", ""},
        {"kpi_en", "/api/kpi/export", "lang=en"},
    };
    auto dir = fs::temp_directory_path() / ("renkei-exports-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string inputs;
    for (auto& e : exports) {
        std::string q = e.query.empty() ? "" : "?" + e.query;
        auto csv = office.Get(e.path + ".csv" + q);
        auto xlsx = office.Get(e.path + ".xlsx" + q);
        ASSERT_EQ(csv.status, 200) << e.name << ": " << csv.body;
        ASSERT_EQ(xlsx.status, 200) << e.name << ": " << xlsx.body;
        e.csv = csv.body;
        e.xlsx = xlsx.body;
        std::ofstream(dir / (e.name + ".xlsx"), std::ios::binary) << e.xlsx;
        inputs += " " + (dir / (e.name + ".xlsx")).string();
    }

    auto soffice = Soffice();
    ASSERT_FALSE(soffice.empty()) << "LibreOffice is required: apt-get install libreoffice-calc-nogui";
    // To CSV, UTF-8 (76), raw values rather than as shown, the first sheet (each export has one).
    // One run for every workbook: LibreOffice takes seconds to start.
    std::string cmd = soffice + " -env:UserInstallation=file://" + (dir / "profile").string() +
                      " --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
                      "false,1' --outdir " +
                      (dir / "out").string() + inputs + " > " + (dir / "log").string() + " 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

    for (const auto& e : exports) {
        SCOPED_TRACE(e.name);
        // LibreOffice names the file after the workbook and its sheet: "<name>-<sheet>.csv".
        fs::path converted;
        for (const auto& f : fs::directory_iterator(dir / "out"))
            if (f.path().filename().string().rfind(e.name + "-", 0) == 0) converted = f.path();
        ASSERT_FALSE(converted.empty()) << "LibreOffice did not open " << e.name << ".xlsx";
        std::ifstream in(converted, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        Rows sheet = ParseCsv(ss.str());
        Rows csv = Unguarded(ParseCsv(e.csv));
        ASSERT_GE(csv.size(), 2u) << "the demo gives every list rows: " << e.csv;
        ASSERT_GE(sheet.size(), csv.size()) << ss.str();
        Rows tail(sheet.end() - static_cast<std::ptrdiff_t>(csv.size()), sheet.end());
        // LibreOffice writes as many cells per row as the widest row: drop the empty ones at the end.
        for (auto& r : tail)
            while (r.size() > csv.front().size() && r.back().empty()) r.pop_back();
        for (size_t i = 0; i < csv.size(); ++i) EXPECT_EQ(tail[i], csv[i]) << "row " << i << " of " << e.name;
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace renkei::testing
