// Traversal and injection as tables (issue 11), against the centre of the authorisation matrix,
// on SQLite and PostgreSQL:
// * every path form an attacker tries (//etc/passwd, %2F-encoded, encoded and double-encoded dot
//   segments, backslashes, overlong UTF-8, NUL, the database's own path) in every path parameter
//   of every download route and on the static handler (with symlinks out of the web root), sent
//   as-is on the wire: never a file from outside, never another object, never 500;
// * SQL metacharacters in every query parameter that docs/openapi.yaml documents, and in every
//   path parameter of every route: never 500, never a marker of an object the caller may not
//   see, and the database unchanged afterwards.
// The concrete request for each route (its path filled with objects of the centre, a caller who
// may use it) is its row in tests/api/authz_matrix.txt.
#include <unistd.h>

#include <filesystem>

#include "tests/api/authz_world.hpp"

namespace renkei::testing::authz {
namespace {

// --- the query parameters of docs/openapi.yaml -------------------------------------------------

struct QueryParam {
    std::string method, path, name;
};

size_t Indent(const std::string& line) { return line.find_first_not_of(' '); }
std::string Trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s.substr(std::min(s.size(), s.find_first_not_of(' ')));
}
// "key: value" → value (unquoted), or "" when the line is not that key.
std::string ValueOf(const std::string& line, const std::string& key) {
    auto t = Trim(line);
    if (t.rfind("- ", 0) == 0) t = Trim(t.substr(2));
    if (t.rfind(key + ":", 0) != 0) return "";
    auto v = Trim(t.substr(key.size() + 1));
    if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"')) v = v.substr(1, v.size() - 2);
    return v;
}

// A small reader for the layout of docs/openapi.yaml (paths → operations → parameters, and
// components/parameters), enough to list the query parameters; the openapi test validates the
// document itself.
std::vector<QueryParam> OpenApiQueryParameters() {
    std::ifstream in(std::string(RENKEI_SOURCE_DIR) + "/docs/openapi.yaml");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    // Items of a `parameters:` list starting after line i at indent `ind`: {name, in} or {ref}.
    struct Item {
        std::string name, in, ref;
    };
    // Flow style on one line: {name: q, in: query, schema: {...}}.
    auto flow = [](const std::string& t, const std::string& key) {
        auto at = t.find(key + ": ");
        if (at == std::string::npos) return std::string();
        auto v = t.substr(at + key.size() + 2);
        v = v.substr(0, v.find_first_of(",}"));
        if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"')) v = v.substr(1, v.size() - 2);
        return v;
    };
    // YAML anchors the document uses for shared parameters: "- &id003" (an item), "*id003" (it
    // again), "parameters: &id006" (a list) and "parameters: *id006".
    std::map<std::string, Item> item_anchors;
    std::map<std::string, std::vector<Item>> list_anchors;
    auto items_after = [&](size_t i, size_t ind) {
        std::vector<Item> out;
        auto list = ValueOf(lines[i], "parameters");
        if (!list.empty() && list[0] == '*') return list_anchors[list.substr(1)];
        std::vector<std::pair<size_t, std::string>> anchored;  // item index, anchor
        size_t item_indent = std::string::npos;
        for (size_t j = i + 1; j < lines.size(); ++j) {
            auto t = Trim(lines[j]);
            if (t.empty()) continue;
            auto k = Indent(lines[j]);
            bool dash = t.rfind("- ", 0) == 0;
            if (k < ind || (k == ind && !dash)) break;
            if (dash && (item_indent == std::string::npos || k == item_indent)) {
                item_indent = k;
                out.push_back({});
                auto rest = Trim(t.substr(2));
                if (!rest.empty() && rest.front() == '*') {
                    out.back() = item_anchors[rest.substr(1)];
                    continue;
                }
                if (!rest.empty() && rest.front() == '&') anchored.push_back({out.size() - 1, rest.substr(1)});
                if (!rest.empty() && rest.front() == '{') {
                    out.back().name = flow(rest, "name");
                    out.back().in = flow(rest, "in");
                    if (auto ref = flow(rest, "$ref"); !ref.empty()) out.back().ref = ref.substr(ref.rfind('/') + 1);
                    continue;
                }
            }
            if (out.empty() || k > item_indent + 2) continue;
            if (auto v = ValueOf(lines[j], "$ref"); !v.empty()) out.back().ref = v.substr(v.rfind('/') + 1);
            if (auto v = ValueOf(lines[j], "name"); !v.empty()) out.back().name = v;
            if (auto v = ValueOf(lines[j], "in"); !v.empty()) out.back().in = v;
        }
        for (const auto& [index, anchor] : anchored) item_anchors[anchor] = out[index];
        if (!list.empty() && list[0] == '&') list_anchors[list.substr(1)] = out;
        return out;
    };
    // components/parameters
    std::map<std::string, Item> components;
    bool in_components = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] == "components:") in_components = true;
        if (!in_components || lines[i] != "  parameters:") continue;
        std::string current;
        for (size_t j = i + 1; j < lines.size(); ++j) {
            if (Trim(lines[j]).empty()) continue;
            auto k = Indent(lines[j]);
            if (k <= 2) break;
            if (k == 4) current = Trim(lines[j]).substr(0, Trim(lines[j]).size() - 1);
            if (k == 6) {
                if (auto v = ValueOf(lines[j], "name"); !v.empty()) components[current].name = v;
                if (auto v = ValueOf(lines[j], "in"); !v.empty()) components[current].in = v;
            }
        }
    }
    std::vector<QueryParam> out;
    std::string path;
    std::vector<Item> path_level;
    std::vector<std::string> methods_of_path;
    std::map<std::string, std::vector<Item>> op_level;
    auto flush = [&] {
        for (const auto& m : methods_of_path) {
            std::vector<Item> all = path_level;
            for (const auto& it : op_level[m]) all.push_back(it);
            for (auto it : all) {
                if (!it.ref.empty()) it = components[it.ref];
                if (it.in == "query") out.push_back({m, path, it.name});
            }
        }
        path_level.clear();
        methods_of_path.clear();
        op_level.clear();
    };
    std::string method;
    for (size_t i = 0; i < lines.size() && lines[i] != "components:"; ++i) {
        const auto& l = lines[i];
        if (Trim(l).empty()) continue;
        auto k = Indent(l);
        if (k == 2 && Trim(l).front() == '/') {
            flush();
            path = Trim(l).substr(0, Trim(l).size() - 1);
            method.clear();
        } else if (k == 4 && !path.empty()) {
            auto t = Trim(l);
            if (t.rfind("parameters:", 0) == 0) {
                path_level = items_after(i, 4);
                method.clear();
            } else if (t == "get:" || t == "post:" || t == "put:" || t == "patch:" || t == "delete:") {
                method = t.substr(0, t.size() - 1);
                std::transform(method.begin(), method.end(), method.begin(), ::toupper);
                methods_of_path.push_back(method);
            }
        } else if (k == 6 && !method.empty() && Trim(l).rfind("parameters:", 0) == 0) {
            op_level[method] = items_after(i, 6);
        }
    }
    flush();
    return out;
}

std::string Encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// SQL metacharacters and classic injections (as text; percent-encoded when sent).
const std::vector<std::string> kSqlPayloads = {
    "'",
    "\"",
    ";",
    "--",
    "/*",
    "*/",
    "' OR '1'='1",
    "' OR 1=1 --",
    "1 OR 1=1",
    "\" OR \"\"=\"",
    "') OR ('a'='a",
    "' UNION SELECT password_hash, email FROM people --",
    "1 UNION SELECT NULL--",
    "'; DROP TABLE people; --",
    "1; DELETE FROM sessions",
    "\\",
    "\\'",
    "%",
    "_",
    "%' --",
    "a%_b",
    std::string("x\0y", 3),
    "' || (SELECT password_hash FROM people LIMIT 1) || '",
    "$1",
    "?",
    "'::text",
    "1' AND SLEEP(1)--",
    "1' AND pg_sleep(1)--",
    "9223372036854775808",
    "-1",
    "1e309",
    "全角’＇",
    "\xc0\xae\xc0\xae",
    "\xed\xa0\x80",
    "\xff\xfe'",
    "line\nbreak",  // not UTF-8 (overlong, surrogate), control
};

// --- the test fixture ---------------------------------------------------------------------------

class Attack : public AuthzWorld {
  protected:
    void SetUp() override {
        AuthzWorld::SetUp();
        table = ReadTable();
        ASSERT_TRUE(table.errors.empty());
        before = Fingerprint();
    }
    void TearDown() override {
        if (!HasFatalFailure()) {
            EXPECT_EQ(Fingerprint(), before) << "the database changed under the attack";
        }
        AuthzWorld::TearDown();
    }
    // What an attack must not change: who exists, what exists, and that everyone's session works.
    std::string Fingerprint() {
        std::string f;
        auto count = [&](Caller c, const std::string& target) {
            auto r = C(c).Get(target);
            EXPECT_EQ(r.status, 200) << target << ": " << r.body;
            f += target + "=" + (r.status == 200 ? std::to_string(r.json().at("items").as_array().size()) : "?") + "\n";
        };
        count(kAdmin, "/api/people?active=all");
        count(kAdmin, "/api/organisations");
        count(kAdmin, "/api/projects");
        count(kOffice, "/api/contracts");
        count(kCoA, "/api/exchange/seeds?limit=100");
        count(kCoB, "/api/exchange/seeds?limit=100");
        count(kOffice, "/api/exchange/needs?limit=100");
        count(kOffice, "/api/exchange/introductions?all=true");
        count(kAdmin, "/api/bookings?from=" + world["t.day_from"] + "&to=" + world["t.day_to"]);
        count(kAdmin, "/api/events");
        count(kCoi, "/api/coi/cases");
        for (int c = kAdmin; c < kCallers; ++c) f += std::to_string(C(Caller(c)).Get("/api/me").status);
        return f;
    }
    // The rows of the table for a route, in order.
    std::vector<const Row*> RowsOf(const std::string& route) {
        std::vector<const Row*> out;
        for (const auto& r : table.rows)
            if (r.Route() == route) out.push_back(&r);
        return out;
    }
    // Callers who get through to the handler on `row` (2xx, '+' for allowed, or a refusal of
    // the request's content: 409, 422); the first and the last of them (usually the most and
    // the least privileged).
    std::vector<Caller> Through(const Row& row) {
        std::vector<Caller> ok;
        for (int c = 0; c < kCallers; ++c) {
            bool pass = row.cells[c] == "+";
            for (int s : row.cells[c] == "+" ? std::set<int>{} : Expected(row.cells[c]))
                pass = pass || (s >= 200 && s < 300) || s == 409 || s == 422;
            if (pass) ok.push_back(Caller(c));
        }
        if (ok.size() > 2) ok = {ok.front(), ok.back()};
        return ok;
    }
    // The row's target with query parameter `name` set to `value` (percent-encoded).
    std::string WithQuery(const Row& row, const std::string& name, const std::string& value) {
        auto target = Resolve(row.target, row.line);
        auto q = target.find('?');
        std::string path = target.substr(0, q), out = path + "?" + name + "=" + Encode(value);
        if (q != std::string::npos) {
            std::stringstream ss(target.substr(q + 1));
            for (std::string kv; std::getline(ss, kv, '&');)
                if (kv.substr(0, kv.find('=')) != name) out += "&" + kv;
        }
        return out;
    }
    HttpResponse SendTo(Client& c, const Row& row, const std::string& target) {
        Row r = row;
        r.target = target;
        return Send(c, r);
    }
    // The query parameters of the OpenAPI document for the routes of one section of the table.
    // `only`: the paths starting with one of these (all of the section when empty); `but`: not these.
    void InjectQueries(const std::string& section, const std::vector<std::string>& only = {},
                       const std::vector<std::string>& but = {}) {
        auto params = OpenApiQueryParameters();
        ASSERT_GE(params.size(), 100u) << "the OpenAPI reader found too few query parameters";
        int sent = 0, tested = 0;
        auto started = steady_clock::now();
        for (const auto& p : params) {
            auto rows = RowsOf(p.method + " " + p.path);
            if (rows.empty() || rows.front()->section != section) continue;
            auto starts = [&](const std::vector<std::string>& prefixes) {
                return std::any_of(prefixes.begin(), prefixes.end(),
                                   [&](const std::string& x) { return p.path.rfind(x, 0) == 0; });
            };
            if ((!only.empty() && !starts(only)) || starts(but)) continue;
            const Row* row = rows.front();
            for (const auto* r : rows)
                if (!Through(*r).empty()) {
                    row = r;
                    break;
                }
            auto callers = Through(*row);
            if (callers.empty()) callers = {kPi};
            ++tested;
            for (Caller c : callers)
                for (const auto& payload : kSqlPayloads) {
                    auto target = WithQuery(*row, p.name, payload);
                    auto r = SendTo(C(c), *row, target);
                    ++sent;
                    EXPECT_LT(r.status, 500)
                        << p.method << " " << target << " as " << kCallerNames[c] << ": " << r.body.substr(0, 300);
                    ScanMarkers(*row, c, r);
                }
        }
        EXPECT_GT(tested, 0);
        fprintf(stderr, "[attack] %s: %d query parameters, %d requests, %.1f s\n", section.c_str(), tested, sent,
                duration<double>(steady_clock::now() - started).count());
    }
    Table table;
    std::string before;
};

// Every query parameter of the OpenAPI document gets every payload, by a caller who gets through.
TEST_F(Attack, SqlInQueryParametersPeopleAndBuilding) {
    InjectQueries("people");
    InjectQueries("building");
}
TEST_F(Attack, SqlInQueryParametersExchangeNeedsAndSeeds) {
    InjectQueries("exchange", {"/api/exchange/needs", "/api/exchange/seeds"});
}
TEST_F(Attack, SqlInQueryParametersExchangeSearchAndTheRest) {
    InjectQueries("exchange", {}, {"/api/exchange/needs", "/api/exchange/seeds"});
}
TEST_F(Attack, SqlInQueryParametersProjectsCoiAndContracts) {
    InjectQueries("projects");
    InjectQueries("coi");
    InjectQueries("contracts");
}

TEST(AttackTable, EveryDocumentedQueryParameterIsAttacked) {
    // Each documented query parameter belongs to a route with a row in the table (so the tests
    // above reach it), and the reader sees the parameters the document has.
    auto params = OpenApiQueryParameters();
    auto table = ReadTable();
    std::set<std::string> routes;
    for (const auto& r : table.rows) routes.insert(r.Route());
    std::set<std::string> names;
    for (const auto& p : params) {
        EXPECT_TRUE(routes.count(p.method + " " + p.path)) << p.method << " " << p.path << " ?" << p.name;
        names.insert(p.method + " " + p.path + "?" + p.name);
        if (std::getenv("RENKEI_ATTACK_LIST"))
            fprintf(stderr, "%s %s?%s\n", p.method.c_str(), p.path.c_str(), p.name.c_str());
    }
    fprintf(stderr, "[attack] docs/openapi.yaml: %zu query parameters\n", params.size());
    for (const char* known :
         {"GET /api/people?q", "GET /api/people?active", "GET /api/audit?entity_id", "GET /api/exchange/search?q",
          "GET /api/calendar/me.ics?token", "POST /api/projects/{id}/documents?title",
          "DELETE /api/bookings/{id}?scope", "GET /api/contracts?waiting_long", "GET /api/organisations?active",
          "GET /api/events?from", "GET /api/public/events?to", "GET /api/calendar/spaces/{id}/calendar.ics?token"})
        EXPECT_TRUE(names.count(known)) << known << " not found in docs/openapi.yaml by the reader";
    EXPECT_GE(params.size(), 100u);
}

// Every path parameter of every route gets SQL metacharacters, by a caller who gets through with
// the real object: the injected id names nothing (never 2xx), never 500.
TEST_F(Attack, SqlInPathParameters) {
    const std::vector<std::string> payloads = {
        "'", "' OR '1'='1", "1 OR 1=1", "x'; DROP TABLE people; --", "\" OR \"\"=\"", "%",
        "_", "*",           "\\",       "\xc0\xae\xc0\xae",          "\x01"};
    std::set<std::string> done;
    int sent = 0;
    for (const auto& row : table.rows) {
        // A floor is named by the code in its path: PUT creates the floor it names, whatever the text.
        if (row.Route() == "PUT /api/floors/{code}") continue;
        if (row.target.find('{') == std::string::npos || !done.insert(row.Route()).second) continue;
        auto callers = Through(row);
        if (callers.empty()) callers = {kOffice};
        // Each {name:key} in turn.
        for (size_t at = row.target.find('{'); at != std::string::npos && at < row.target.find('?');
             at = row.target.find('{', at + 1)) {
            auto close = row.target.find('}', at);
            for (const auto& payload : payloads) {
                auto target = Resolve(row.target.substr(0, at), row.line) + Encode(payload) +
                              Resolve(row.target.substr(close + 1), row.line);
                for (Caller c : callers) {
                    auto r = SendTo(C(c), row, target);
                    ++sent;
                    EXPECT_TRUE(r.status >= 400 && r.status < 500)
                        << row.method << " " << target << " as " << kCallerNames[c] << ": " << r.status << " "
                        << r.body.substr(0, 300);
                    ScanMarkers(row, c, r);
                }
            }
        }
    }
    fprintf(stderr, "[attack] path parameters: %zu routes, %d requests\n", done.size(), sent);
    EXPECT_GE(done.size(), 60u);
}

// Bytes that are not UTF-8 text never reach the database (PostgreSQL refused them with a 500):
// a path parameter names nothing (404), a query parameter is refused by name (422).
class NotText : public ApiTest {};
TEST_F(NotText, ParametersThatAreNotUtf8TextAreRefusedBeforeTheDatabase) {
    for (const std::string bad : {"%c0%ae%c0%ae", "%ed%a0%80", "%ff", "x%00y", "%01"}) {
        auto path = admin->Get("/api/projects/" + bad);
        EXPECT_EQ(path.status, 404) << bad << ": " << path.body;
        auto query = admin->Get("/api/people?q=" + bad);
        EXPECT_EQ(query.status, 422) << bad << ": " << query.body;
        EXPECT_EQ(query.ErrorField(), "q");
        auto feed = admin->Get("/api/calendar/me.ics?token=" + bad);
        EXPECT_EQ(feed.status, 422) << bad << ": " << feed.body;
    }
    auto ok = admin->Get("/api/people?q=%E7%94%B0%E4%B8%AD%0A");
    EXPECT_EQ(ok.status, 200) << "Japanese text and a newline are text: " << ok.body;
}

// --- traversal ----------------------------------------------------------------------------------

// Path forms that try to leave the object or the web root, written as they go on the wire.
std::vector<std::string> TraversalForms(const std::string& db_path) {
    std::vector<std::string> forms = {
        "/etc/passwd",  // → "//etc/passwd" after a slash
        "%2Fetc%2Fpasswd",
        "%2fproc%2fself%2fenviron",
        "../../../../../../etc/passwd",
        "..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "..%2f..%2f..%2fproc%2fself%2fcmdline",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        ".%2e/.%2e/.%2e/etc/passwd",
        "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "%252Fetc%252Fpasswd",
        "%25252e%25252e%25252f",
        "..%5c..%5c..%5c..%5cetc%5cpasswd",
        "..%5C..%5Cwindows%5Cwin.ini",
        "..\\..\\..\\etc\\passwd",
        "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
        "%e0%80%ae%e0%80%ae%e0%80%afetc%e0%80%afpasswd",
        "..%c0%af..%c0%af..%c0%afetc%c0%afpasswd",
        "..%c1%9c..%c1%9cetc%c1%9cpasswd",
        "%ef%bc%8e%ef%bc%8e%ef%bc%8f%ef%bc%8e%ef%bc%8e%ef%bc%8fetc",
        "....//....//....//etc/passwd",
        "..;/..;/..;/etc/passwd",
        "..%00/..%00/etc/passwd",
        "%00",
        "x%00.pdf",
        "..",
        ".",
        "%2e%2e",
        "%2e",
        "~root",
        "%7e/.ssh/id_rsa",
    };
    if (!db_path.empty()) {
        forms.push_back(db_path.substr(1));  // → "//tmp/.../test.db"
        forms.push_back(Encode(db_path));    // %2Ftmp%2F...
        forms.push_back("../../../../../.." + db_path);
    }
    return forms;
}

const char* const kOutsideMarkers[] = {"root:x:0:0",    "root:*:0:0", "SQLite format", "PATH=",
                                       "[boot loader]", "[fonts]",    "BEGIN OPENSSH", "SECRET-OUTSIDE"};

class Traversal : public Attack {
  protected:
    // A raw request line as the attacker writes it, with the caller's cookie.
    std::string Raw(Caller c, const std::string& method, const std::string& target) {
        std::string req = method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
        if (!C(c).cookie().empty()) req += "Cookie: " + C(c).cookie() + "\r\n";
        if (method != "GET") req += "X-CSRF-Token: " + C(c).csrf() + "\r\nContent-Length: 0\r\n";
        return RawExchange(server->port(), req + "\r\n");
    }
    static int StatusOf(const std::string& raw) {
        if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return 0;
        return std::atoi(raw.substr(9, 3).c_str());
    }
    void Check(Caller c, const Row& row, const std::string& method, const std::string& target,
               const std::set<int>& allowed) {
        auto raw = Raw(c, method, target);
        int status = StatusOf(raw);
        EXPECT_TRUE(allowed.count(status))
            << method << " " << target << " as " << kCallerNames[c] << ": " << raw.substr(0, 300);
        for (const char* m : kOutsideMarkers) EXPECT_EQ(raw.find(m), std::string::npos) << target << " shows " << m;
        HttpResponse r;
        r.status = status;
        r.body = raw;
        ScanMarkers(row, c, r);
    }
};

// Every path parameter of every download route, replaced by (and followed by) every form: no
// file from outside, no other object, never 500. Downloads hold their bytes in the database, so
// symlinks are the static handler's part (below).
TEST_F(Traversal, DownloadRoutesNeverServeAnythingButTheirObject) {
    std::string db_path = db->is_postgres() ? "" : db->url().substr(std::string("sqlite:").size());
    auto forms = TraversalForms(db_path);
    std::set<std::string> downloads;
    int sent = 0;
    for (const auto& row : table.rows) {
        auto route = row.Route();
        auto path = route.substr(route.find(' ') + 1);
        bool download = path.ends_with("/content") || path.ends_with("/file") || path.ends_with(".ics") ||
                        path.ends_with(".csv") || path.ends_with("/draft") || path.ends_with(".docx");
        if (!download || downloads.count(route)) continue;
        auto callers = Through(row);
        if (callers.empty()) continue;
        downloads.insert(route);
        const std::set<int> refused = {400, 401, 403, 404, 405, 422};
        auto resolved = Resolve(row.target, row.line);
        auto query = resolved.find('?') == std::string::npos ? std::string() : resolved.substr(resolved.find('?'));
        for (Caller c : callers) {
            // The row itself works for this caller (so the refusals below are about the forms).
            auto ok = Raw(c, row.method, resolved);
            EXPECT_EQ(StatusOf(ok), 200) << row.method << " " << resolved << ": " << ok.substr(0, 300);
            for (const auto& form : forms) {
                // In place of each path parameter ...
                for (size_t at = row.target.find('{'); at != std::string::npos && at < row.target.find('?');
                     at = row.target.find('{', at + 1)) {
                    auto close = row.target.find('}', at);
                    auto tail = row.target.substr(close + 1);
                    tail = tail.substr(0, tail.find('?'));
                    auto target = Resolve(row.target.substr(0, at), row.line) + form + Resolve(tail, row.line) + query;
                    Check(c, row, row.method, target, refused);
                    // ... and after it, leading elsewhere.
                    auto after = Resolve(row.target.substr(0, close + 1), row.line) + "/" + form +
                                 Resolve(tail, row.line) + query;
                    Check(c, row, row.method, after, refused);
                    sent += 2;
                }
                // Appended to the whole path.
                Check(c, row, row.method, resolved.substr(0, resolved.find('?')) + "/" + form + query, refused);
                ++sent;
            }
        }
    }
    for (const char* expected :
         {"GET /api/projects/{id}/documents/{document_id}/content", "GET /api/contracts/templates/{type}/file",
          "GET /api/events/{id}/registrations.csv", "GET /api/portfolio/export.csv", "GET /api/calendar/me.ics",
          "GET /api/calendar/spaces/{id}/calendar.ics", "POST /api/contracts/{id}/draft"})
        EXPECT_TRUE(downloads.count(expected)) << expected << " was not attacked";
    fprintf(stderr, "[attack] %zu download routes, %d requests\n", downloads.size(), sent);
}

// A document uploaded with a path for a name downloads under a plain file name.
TEST_F(Traversal, UploadedFileNamesNeverCarryAPath) {
    for (const std::string name :
         {"../../../../etc/passwd", "..\\..\\boot.ini", "/etc/cron.d/x", "a/../../b.pdf", "%2e%2e%2fx.pdf"}) {
        auto up = C(kPi).Request(
            "POST",
            "/api/projects/" + world["project"] + "/documents?title=t&visibility=internal&filename=" + Encode(name),
            "%PDF-1.4 x", {{"Content-Type", "application/pdf"}});
        EXPECT_LT(up.status, 500) << name << ": " << up.body;
        if (up.status != 201) continue;
        auto doc = S(up.json().at("id"));
        auto down = C(kPi).Get("/api/projects/" + world["project"] + "/documents/" + doc + "/content");
        ASSERT_EQ(down.status, 200) << down.body;
        auto disposition = down.headers["content-disposition"];
        auto plain = disposition.substr(0, disposition.find("filename*"));
        EXPECT_EQ(plain.find('/'), std::string::npos) << name << " → " << disposition;
        EXPECT_EQ(plain.find('\\'), std::string::npos) << name << " → " << disposition;
        EXPECT_EQ(disposition.find("%2F"), std::string::npos) << name << " → " << disposition;
        EXPECT_EQ(disposition.find("%5C"), std::string::npos) << name << " → " << disposition;
    }
}

// The static handler: the same forms at the root and under /assets/, and symlinks that leave the
// web root (to /etc/passwd, to a directory and to a file outside): 404 or the app's index.html,
// never the file.
TEST(TraversalStatic, TheWebRootIsTheOnlyPlaceFilesComeFrom) {
    namespace fs = std::filesystem;
    auto base = fs::temp_directory_path() / ("renkei-traversal-" + std::to_string(getpid()));
    fs::remove_all(base);
    fs::create_directories(base / "web" / "assets");
    fs::create_directories(base / "outside");
    const std::string index = "<!doctype html><title>matrix</title>";
    std::ofstream(base / "web" / "index.html") << index;
    std::ofstream(base / "web" / "assets" / "app-1.js") << "console.log(1)";
    std::ofstream(base / "outside" / "secret.txt") << "SECRET-OUTSIDE";
    fs::create_symlink("/etc/passwd", base / "web" / "assets" / "passwd.js");
    fs::create_symlink(base / "outside", base / "web" / "outdir");
    fs::create_symlink(base / "outside" / "secret.txt", base / "web" / "secret.txt");
    TestDatabase db;
    ServerProcess server(db, {}, (base / "web").string());
    std::string db_path = db.is_postgres() ? "" : db.url().substr(std::string("sqlite:").size());
    std::vector<std::string> targets = {"/assets/passwd.js",
                                        "/outdir/secret.txt",
                                        "/secret.txt",
                                        "/outdir/",
                                        "/assets/..%2f..%2foutside%2fsecret.txt",
                                        "/outdir%2fsecret.txt"};
    for (const auto& form : TraversalForms(db_path)) {
        targets.push_back("/" + form);
        targets.push_back("/assets/" + form);
        targets.push_back("/assets/app-1.js/" + form);
        targets.push_back("/outdir/" + form);
    }
    int served = 0;
    for (const auto& target : targets) {
        auto raw = RawExchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        bool not_found = raw.rfind("HTTP/1.1 404", 0) == 0 || raw.rfind("HTTP/1.1 400", 0) == 0;
        bool app = raw.rfind("HTTP/1.1 200", 0) == 0 && raw.size() >= index.size() &&
                   raw.compare(raw.size() - index.size(), index.size(), index) == 0;
        served += app;
        EXPECT_TRUE(not_found || app) << target << "\n" << raw.substr(0, 300);
        for (const char* m : kOutsideMarkers) EXPECT_EQ(raw.find(m), std::string::npos) << target << " shows " << m;
        EXPECT_EQ(raw.find("console.log"), std::string::npos) << target << " reaches an asset by a detour";
    }
    auto asset = RawExchange(server.port(), "GET /assets/app-1.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(asset.rfind("HTTP/1.1 200", 0), 0u) << "the real asset is served";
    fprintf(stderr, "[attack] static handler: %zu paths, %d answered with the app's page\n", targets.size(), served);
    fs::remove_all(base);
}

}  // namespace
}  // namespace renkei::testing::authz
