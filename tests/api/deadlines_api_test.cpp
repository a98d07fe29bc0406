// The office's view of deadlines over HTTP (issue 17, docs/deadlines.md): GET /api/deadlines
// gathers every module's dated obligations by ISO week, filters by kind, project and person,
// exports CSV and .xlsx, is for the office and admins only, and names the field of a bad parameter.
#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

bool IsMonday(const std::string& date) {
    using namespace std::chrono;
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return false;
    return weekday{sys_days{year{y} / month{m} / day{d}}} == Monday;
}

// Every item of a view, in order.
std::vector<json::object> ItemsOf(const json::value& view) {
    std::vector<json::object> out;
    for (const auto& w : view.at("weeks").as_array())
        for (const auto& i : w.at("items").as_array()) out.push_back(i.as_object());
    return out;
}

class DeadlinesApi : public ApiTest {};

TEST_F(DeadlinesApi, TheOfficeSeesEveryModulesDeadlinesByWeekFiltersAndExportsThem) {
    auto loaded = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
    Client nakamura(server->port());
    nakamura.Login("nakamura.yumi@renkei.example", "renkei-demo-2026");
    const std::string range = "/api/deadlines?from=" + TokyoDay(-30) + "&days=366";
    auto r = nakamura.Get(range);
    ASSERT_EQ(r.status, 200) << r.body;
    auto view = r.json();
    EXPECT_EQ(view.at("from"), TokyoDay(-30).c_str());
    EXPECT_EQ(view.at("to"), TokyoDay(335).c_str());
    auto items = ItemsOf(view);
    ASSERT_FALSE(items.empty());
    EXPECT_EQ(view.at("total").as_int64(), static_cast<long long>(items.size()));
    // Every module that has dated obligations contributes (a contract's end with no reminder yet too).
    std::set<std::string> modules;
    for (const auto& i : items) {
        std::string kind = S(i.at("kind"));
        modules.insert(kind.substr(0, kind.find('.')));
    }
    for (const char* m : {"projects", "contracts", "coi", "ethics", "ip"})
        EXPECT_TRUE(modules.count(m)) << m << " has no deadline in the range; kinds: " << S(view.at("kinds"));
    // Weeks start on Monday, in order; each item lies in its week and the range; by date.
    std::string last_week, last_day;
    for (const auto& w : view.at("weeks").as_array()) {
        std::string start = S(w.at("week_start"));
        EXPECT_TRUE(IsMonday(start)) << start;
        EXPECT_LT(last_week, start);
        last_week = start;
        for (const auto& i : w.at("items").as_array()) {
            std::string due = S(i.at("due_on"));
            EXPECT_LE(start, due);
            EXPECT_LE(last_day, due);
            last_day = due;
            EXPECT_LE(TokyoDay(-30), due);
            EXPECT_LE(due, TokyoDay(335));
        }
    }
    // Legal deadlines are marked; ethics and IP ones come from the law, a milestone does not.
    for (const auto& i : items) {
        std::string kind = S(i.at("kind"));
        if (kind.rfind("ethics.", 0) == 0 || kind.rfind("ip.", 0) == 0) EXPECT_EQ(i.at("legal"), true) << kind;
        if (kind == "projects.milestone") EXPECT_EQ(i.at("legal"), false);
        EXPECT_FALSE(S(i.at("title_ja")).empty());
        EXPECT_FALSE(S(i.at("kind_label_en")).empty());
        EXPECT_EQ(S(i.at("link")).rfind("/", 0), 0u);
    }

    // Filters: a kind, a whole module, a project, a person.
    auto expiry = ItemsOf(nakamura.Get(range + "&kind=contracts.expiry").json());
    ASSERT_FALSE(expiry.empty());
    for (const auto& i : expiry) EXPECT_EQ(i.at("kind"), "contracts.expiry");
    auto ethics = ItemsOf(nakamura.Get(range + "&kind=ethics").json());
    ASSERT_FALSE(ethics.empty());
    for (const auto& i : ethics) EXPECT_EQ(S(i.at("kind")).rfind("ethics.", 0), 0u);
    std::string project, person;
    for (const auto& i : items)
        if (!i.at("project").is_null() && !i.at("people").as_array().empty()) {
            project = S(i.at("project").at("id"));
            person = S(i.at("people").as_array()[0].at("id"));
            EXPECT_FALSE(S(i.at("project").at("title_ja")).empty()) << "the project is named";
            EXPECT_FALSE(S(i.at("people").as_array()[0].at("name_ja")).empty()) << "people are named";
            break;
        }
    ASSERT_FALSE(project.empty());
    auto of_project = nakamura.Get(range + "&project_id=" + project).json();
    ASSERT_FALSE(ItemsOf(of_project).empty());
    for (const auto& i : ItemsOf(of_project)) EXPECT_EQ(i.at("project").at("id"), project.c_str());
    EXPECT_EQ(of_project.at("projects").as_array().size(), view.at("projects").as_array().size())
        << "the filters' choices come from the whole range";
    auto of_person = ItemsOf(nakamura.Get(range + "&person_id=" + person).json());
    ASSERT_FALSE(of_person.empty());
    for (const auto& i : of_person) {
        bool named = false;
        for (const auto& p : i.at("people").as_array()) named = named || p.at("id") == person.c_str();
        EXPECT_TRUE(named);
    }
    EXPECT_LT(of_person.size(), items.size());

    // Exports: CSV for Excel (BOM, Japanese or English headers), .xlsx.
    auto csv = nakamura.Get(range + "&kind=contracts.expiry&format=csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_NE(csv.headers["content-type"].find("text/csv"), std::string::npos);
    EXPECT_NE(csv.headers["content-disposition"].find(".csv"), std::string::npos);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF期限,週,種別,内容,対象,プロジェクト,担当者,法定,リンク\r\n", 0), 0u)
        << csv.body.substr(0, 200);
    EXPECT_NE(csv.body.find("契約満了"), std::string::npos);
    size_t lines = 0;
    for (char c : csv.body) lines += c == '\n';
    EXPECT_EQ(lines, expiry.size() + 1) << "a header and one row per deadline";
    auto csv_en = nakamura.Get(range + "&format=csv&lang=en");
    EXPECT_EQ(csv_en.body.rfind("\xEF\xBB\xBF"
                                "Due,Week of,Kind,",
                                0),
              0u);
    auto xlsx = nakamura.Get(range + "&format=xlsx&lang=en");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip (Office Open XML)";

    // A clinician is refused; so is anyone not signed in.
    Client tanaka(server->port());
    tanaka.Login("tanaka.kenji@renkei.example", "renkei-demo-2026");
    auto refused = tanaka.Get(range);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(tanaka.Get(range + "&format=csv").status, 403);
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.Get(range).status, 401);
    // The admin runs the system: sees the view, but no confidential disclosures' deadlines.
    auto by_admin = admin->Get(range);
    ASSERT_EQ(by_admin.status, 200);
    for (const auto& i : ItemsOf(by_admin.json())) EXPECT_NE(S(i.at("kind")).rfind("ip.", 0), 0u);
}

TEST_F(DeadlinesApi, BadParametersAre422NamingTheField) {
    CreatePerson(*admin, "office@test.example", {"office"});
    Client office(server->port());
    office.Login("office@test.example", "password-123");
    auto ok = office.Get("/api/deadlines");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json().at("from"), TokyoDay(0).c_str()) << "from today";
    EXPECT_EQ(ok.json().at("days"), 90);
    EXPECT_EQ(ok.json().at("to"), TokyoDay(89).c_str());
    EXPECT_TRUE(ok.json().at("weeks").as_array().empty());
    struct Case {
        std::string query, field;
    } cases[] = {
        {"from=2026-13-01", "from"},
        {"from=2026-02-30", "from"},
        {"from=tomorrow", "from"},
        {"days=0", "days"},
        {"days=367", "days"},
        {"days=abc", "days"},
        {"days=", "days"},
        {"days=9x", "days"},
        {"days=-5", "days"},
        {"format=pdf", "format"},
        {"lang=fr", "lang"},
        {"kind=Contracts%20expiry", "kind"},
        {"project_id=%27%20OR%201", "project_id"},
        {"person_id=..%2F", "person_id"},
    };
    for (const auto& c : cases) {
        auto r = office.Get("/api/deadlines?" + c.query);
        EXPECT_EQ(r.status, 422) << c.query << ": " << r.body;
        EXPECT_EQ(r.ErrorField(), c.field) << c.query;
    }
    EXPECT_EQ(office.Get("/api/deadlines?days=366&from=2028-02-29").status, 200);
    EXPECT_EQ(office.Get("/api/deadlines?days=1").status, 200);
}

}  // namespace
}  // namespace renkei::testing
