// The authorisation matrix (issue 11): every route of `renkei routes` × every kind of caller →
// the expected status, as a table in tests/api/authz_matrix.txt. Each section of the table is one
// test here; each test builds the same small centre through the API (two companies, their
// confidential seeds, a project with confidential documents, a COI declaration and case,
// contracts, bookings, events...), signs every caller in once, sends every cell of its section
// and checks the status. Every response, of every cell, is also scanned for the marker strings of
// the confidential objects the caller may not see (titles, notes, file contents, tokens,
// password hashes). A route missing from the table, or a row naming a route that does not exist,
// fails `EveryRouteIsInTheTable`. Runs on SQLite and PostgreSQL like every API test.
#include "tests/api/authz_world.hpp"

namespace renkei::testing::authz {
namespace {

using namespace std::chrono;

// The sections of the table, one test each (below).
const std::vector<std::string> kSections = {"people", "building", "exchange",  "projects", "coi",      "contracts",
                                            "ethics", "ip",       "deadlines", "mail",     "opencall", "committee",
                                            "kpi",    "budget",   "surveys",   "approvals"};

TEST(AuthzMatrixTable, EveryRouteIsInTheTable) {
    auto table = ReadTable();
    for (const auto& e : table.errors) ADD_FAILURE() << "authz_matrix.txt: " << e;
    ASSERT_FALSE(table.rows.empty());
    auto routes = ServerRoutes();
    ASSERT_GE(routes.size(), 100u);
    std::set<std::string> covered;
    for (const auto& r : table.rows) {
        auto route = r.Route();
        covered.insert(route);
        bool outside_router = route == "GET /healthz" || route == "GET /readyz" || route == "GET /metrics";
        EXPECT_TRUE(routes.count(route) || outside_router)
            << "authz_matrix.txt:" << r.line << ": " << route << " is not a route of `renkei routes`";
    }
    for (const auto& route : routes)
        EXPECT_TRUE(covered.count(route)) << route << " is missing from tests/api/authz_matrix.txt: add a row with the "
                                          << "expected status for every caller";
    std::set<std::string> named(table.sections.begin(), table.sections.end());
    EXPECT_EQ(named, std::set<std::string>(kSections.begin(), kSections.end()))
        << "each [section] of the table is a test of AuthzMatrix: add one for a new section";
}

class AuthzMatrix : public AuthzWorld {
  protected:
    void Run(const std::string& section) {
        auto table = ReadTable();
        for (const auto& e : table.errors) ADD_FAILURE() << "authz_matrix.txt: " << e;
        auto started = steady_clock::now();
        int cells = 0, rows = 0, skipped = 0;
        std::ofstream record;
        if (const char* dir = std::getenv("RENKEI_AUTHZ_RECORD"))
            record.open(std::string(dir) + "/" + section + ".txt");
        for (const auto& row : table.rows) {
            if (row.section != section) continue;
            ++rows;
            std::string actual[kCallers];
            for (int c = 0; c < kCallers; ++c) {
                actual[c] = row.cells[c];
                if (row.cells[c] == "+") {
                    ++skipped;
                    continue;
                }
                auto r = Send(C(Caller(c)), row);
                ++cells;
                actual[c] = std::to_string(r.status);
                auto want = Expected(row.cells[c]);
                if (!want.count(r.status))
                    ADD_FAILURE() << "authz_matrix.txt:" << row.line << ": " << row.method << " " << row.target
                                  << " as " << kCallerNames[c] << ": expected " << row.cells[c] << ", got " << r.status
                                  << " " << r.body.substr(0, 300);
                EXPECT_NE(r.status, 500) << "authz_matrix.txt:" << row.line;
                ScanMarkers(row, Caller(c), r);
            }
            // A state-changing request of a signed-in route without the session's CSRF token is
            // refused before anything else, whoever sends it (the login itself has no session yet).
            if (row.method != "GET" && row.cells[kAnon] == "401" && row.Route() != "POST /api/session") {
                Client no_token = C(kPi);
                no_token.ForgetCsrf();
                for (const std::string& header : {std::string(), std::string("wrong-token")}) {
                    std::map<std::string, std::string> h;
                    if (!header.empty()) h["X-CSRF-Token"] = header;
                    auto r = Send(no_token, row, h);
                    ++cells;
                    EXPECT_EQ(r.status, 403)
                        << "authz_matrix.txt:" << row.line << ": " << row.method << " " << row.target
                        << " without a valid X-CSRF-Token: " << r.body.substr(0, 300);
                    EXPECT_NE(r.body.find("X-CSRF-Token"), std::string::npos)
                        << "authz_matrix.txt:" << row.line << ": " << r.body;
                }
            }
            if (record.is_open()) {
                record << row.line << " " << row.method << " " << row.target;
                for (auto& a : actual) record << " " << a;
                record << "\n";
            }
        }
        EXPECT_GT(rows, 0) << "no rows in section " << section;
        fprintf(stderr,
                "[authz] %s: %d rows, %d requests checked, %d allowed writes left to the feature tests, %.1f s\n",
                section.c_str(), rows, cells, skipped, duration<double>(steady_clock::now() - started).count());
    }
};

TEST_F(AuthzMatrix, People) { Run("people"); }
TEST_F(AuthzMatrix, Building) { Run("building"); }
TEST_F(AuthzMatrix, Exchange) { Run("exchange"); }
TEST_F(AuthzMatrix, Projects) { Run("projects"); }
TEST_F(AuthzMatrix, Coi) { Run("coi"); }
TEST_F(AuthzMatrix, Contracts) { Run("contracts"); }
TEST_F(AuthzMatrix, Ethics) { Run("ethics"); }
TEST_F(AuthzMatrix, Ip) { Run("ip"); }
TEST_F(AuthzMatrix, Deadlines) { Run("deadlines"); }
TEST_F(AuthzMatrix, Mail) { Run("mail"); }
TEST_F(AuthzMatrix, OpenCall) { Run("opencall"); }
TEST_F(AuthzMatrix, Committee) { Run("committee"); }
TEST_F(AuthzMatrix, Kpi) { Run("kpi"); }
TEST_F(AuthzMatrix, Budget) { Run("budget"); }
TEST_F(AuthzMatrix, Surveys) { Run("surveys"); }
TEST_F(AuthzMatrix, Approvals) { Run("approvals"); }

}  // namespace
}  // namespace renkei::testing::authz
