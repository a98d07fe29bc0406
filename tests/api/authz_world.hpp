// The small centre the authorisation matrix and the injection tests run against, and the table
// of tests/api/authz_matrix.txt that says who gets what from every route (issue 11). Header-only:
// included by authz_matrix_test.cpp and injection_test.cpp.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/api/harness.hpp"

namespace renkei::testing::authz {

using namespace std::chrono;  // NOLINT: test helpers

inline std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

// The callers, in the order of the table's columns.
enum Caller { kAnon, kAdmin, kOffice, kCommittee, kPi, kClinician, kResearcher, kCoA, kCoB, kCoi, kCallers };
const char* const kCallerNames[kCallers] = {"anon",      "admin",      "office", "committee", "pi",
                                            "clinician", "researcher", "co_a",   "co_b",      "coi"};

inline std::string TablePath() { return std::string(RENKEI_SOURCE_DIR) + "/tests/api/authz_matrix.txt"; }

// ---------------------------------------------------------------------------------------------
// The table

struct Row {
    int line = 0;
    std::string section, method, target, body;
    std::string cells[kCallers];  // "200", "200|201", or "+" (allowed, not sent: see the file's header)
    // The route the row exercises: the target's path with {name:key} written {name}.
    std::string Route() const {
        std::string path = target.substr(0, target.find('?')), out;
        for (size_t i = 0; i < path.size(); ++i) {
            if (path[i] == '{') {
                auto colon = path.find(':', i), close = path.find('}', i);
                if (close == std::string::npos) return method + " " + path;
                if (colon != std::string::npos && colon < close) {
                    out += path.substr(i, colon - i) + "}";
                    i = close;
                    continue;
                }
            }
            out += path[i];
        }
        return method + " " + out;
    }
};

struct Table {
    std::vector<Row> rows;
    std::vector<std::string> sections;
    std::vector<std::string> errors;
};

inline Table ReadTable() {
    Table t;
    std::ifstream in(TablePath());
    if (!in) {
        t.errors.push_back("cannot read " + TablePath());
        return t;
    }
    std::string line, section;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        if (line[first] == '[') {
            section = line.substr(first + 1, line.find(']') - first - 1);
            t.sections.push_back(section);
            continue;
        }
        // METHOD TARGET c1 .. c10 [BODY...]: the body is the rest of the line, as written.
        std::vector<std::string> tokens;
        size_t pos = first;
        size_t body_at = std::string::npos;
        while (pos < line.size() && tokens.size() < 2 + kCallers) {
            auto end = line.find_first_of(" \t", pos);
            if (end == std::string::npos) end = line.size();
            tokens.push_back(line.substr(pos, end - pos));
            pos = line.find_first_not_of(" \t", end);
            if (pos == std::string::npos) pos = line.size();
        }
        body_at = pos;
        if (tokens[0] == "METHOD") {  // a column header, repeated for the reader
            std::vector<std::string> want{"METHOD", "TARGET"};
            for (auto c : kCallerNames) want.push_back(c);
            if (tokens != want)
                t.errors.push_back("line " + std::to_string(n) +
                                   ": the columns are METHOD TARGET anon admin office committee pi clinician "
                                   "researcher co_a co_b coi");
            continue;
        }
        if (tokens.size() < 2 + kCallers) {
            t.errors.push_back("line " + std::to_string(n) + ": expected METHOD TARGET and " +
                               std::to_string(kCallers) + " cells");
            continue;
        }
        if (section.empty()) t.errors.push_back("line " + std::to_string(n) + ": a row before the first [section]");
        Row r;
        r.line = n;
        r.section = section;
        r.method = tokens[0];
        r.target = tokens[1];
        for (int c = 0; c < kCallers; ++c) {
            r.cells[c] = tokens[2 + c];
            bool ok = r.cells[c] == "+";
            if (!ok) {
                ok = true;
                std::stringstream ss(r.cells[c]);
                std::string s;
                while (std::getline(ss, s, '|'))
                    if (s.size() != 3 || !std::all_of(s.begin(), s.end(), ::isdigit)) ok = false;
            }
            if (!ok) t.errors.push_back("line " + std::to_string(n) + ": bad cell '" + r.cells[c] + "'");
            if (r.cells[c] == "+" && r.method == "GET")
                t.errors.push_back("line " + std::to_string(n) + ": every caller of a GET is sent ('+' is for writes)");
        }
        r.body = body_at < line.size() ? line.substr(body_at) : "";
        while (!r.body.empty() && (r.body.back() == ' ' || r.body.back() == '\t')) r.body.pop_back();
        t.rows.push_back(std::move(r));
    }
    return t;
}

inline std::set<int> Expected(const std::string& cell) {
    std::set<int> out;
    std::stringstream ss(cell);
    std::string s;
    while (std::getline(ss, s, '|')) out.insert(std::stoi(s));
    return out;
}

// The routes the server registers, METHOD PATH.
inline std::set<std::string> ServerRoutes() {
    auto r = RunRenkei({"routes"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    std::set<std::string> out;
    std::stringstream ss(r.output);
    std::string line;
    while (std::getline(ss, line))
        if (!line.empty()) out.insert(line);
    return out;
}

// ---------------------------------------------------------------------------------------------
// The seeded centre

inline std::string TokyoAt(int days_ahead, int hour, int minute = 0) {
    auto local_today = floor<days>(system_clock::now() + hours{9});
    year_month_day d{local_today + days{days_ahead}};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:00+09:00", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), hour, minute);
    return buf;
}
// The next weekday at least `days_ahead` days ahead (Tokyo), as days ahead.
inline int Weekday(int days_ahead) {
    auto local_today = floor<days>(system_clock::now() + hours{9});
    for (;; ++days_ahead) {
        weekday w{local_today + days{days_ahead}};
        if (w != Saturday && w != Sunday) return days_ahead;
    }
}

class AuthzWorld : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        if (HasFatalFailure()) return;
        auto started = steady_clock::now();
        BuildWorld();
        fprintf(stderr, "[authz] world built in %.1f s\n", duration<double>(steady_clock::now() - started).count());
    }

    // --- helpers to build it ---
    std::string Id(const HttpResponse& r, const std::string& what, int status = 201) {
        EXPECT_EQ(r.status, status) << what << ": " << r.body;
        if (r.status != status) return "missing-" + what;
        auto v = r.json();
        return v.is_object() && v.as_object().contains("id") ? S(v.at("id")) : "";
    }
    std::string Org(const std::string& name, const std::string& kind) {
        return Id(admin->Post("/api/organisations", json::object{{"name_ja", name}, {"name_en", name}, {"kind", kind}}),
                  name);
    }
    std::string Person(const std::string& email, const std::vector<std::string>& roles, const std::string& org) {
        auto id = CreatePerson(*admin, email, roles);
        if (!org.empty()) {
            EXPECT_EQ(admin->Patch("/api/people/" + id, json::object{{"organisation_id", org}}).status, 200);
        }
        return id;
    }
    Client& C(Caller c) { return *clients[c]; }
    void Mark(const std::string& marker, std::initializer_list<Caller> may_see) {
        markers[marker] = std::set<Caller>(may_see);
    }

    void BuildWorld() {
        for (int c = 0; c < kCallers; ++c) clients[c] = std::make_unique<Client>(server->port());
        clients[kAdmin] = std::make_unique<Client>(*admin);
        auto& w = world;
        // Organisations and people.
        w["org.hospital"] = Org("慶應義塾大学病院", "hospital");
        w["org.company_a"] = Org("JSR株式会社", "company");
        w["org.company_b"] = Org("信濃町メディテック株式会社", "company");
        const std::pair<Caller, std::pair<std::vector<std::string>, std::string>> people[] = {
            {kOffice, {{"office"}, ""}},
            {kCommittee, {{"committee"}, ""}},
            {kPi, {{"clinician"}, "org.hospital"}},
            {kClinician, {{"clinician"}, "org.hospital"}},
            {kResearcher, {{"researcher"}, "org.hospital"}},
            {kCoA, {{"company_researcher"}, "org.company_a"}},
            {kCoB, {{"company_researcher"}, "org.company_b"}},
            {kCoi, {{"coi_committee"}, ""}},
        };
        for (const auto& [caller, spec] : people) {
            std::string email = std::string(kCallerNames[caller]) + "@matrix.example";
            std::replace(email.begin(), email.end(), '_', '-');
            w[std::string("id.") + kCallerNames[caller]] =
                Person(email, spec.first, spec.second.empty() ? "" : w[spec.second]);
            C(caller).Login(email, "password-123");
        }
        w["id.admin"] = S(admin->Get("/api/me").json().at("id"));
        w["id.grantee"] = Person("grantee@matrix.example", {"researcher"}, w["org.hospital"]);
        // Each caller's CSRF token is theirs alone; session tokens are in no body at all.
        const std::string cookie_name = "renkei_session=";
        for (int c = kAdmin; c < kCallers; ++c) {
            if (C(Caller(c)).csrf().size() >= 16) Mark(C(Caller(c)).csrf(), {Caller(c)});
            if (C(Caller(c)).cookie().size() >= cookie_name.size() + 16)
                Mark(C(Caller(c)).cookie().substr(cookie_name.size()), {});
        }
        // Literal path segments the table names like objects.
        w["floor"] = "1F";
        w["gate_stage"] = "feasibility";
        w["contract_type"] = "nda";
        Mark("$argon2id$", {});

        // The building: a meeting room and a hall that needs approval.
        EXPECT_EQ(
            admin->Request("PUT", "/api/floors/1F", R"({"name_ja":"1階","name_en":"1F","area_m2":500,"position":1})")
                .status,
            200);
        auto space = [&](const std::string& code, const std::string& kind, bool approval, int capacity) {
            return Id(admin->Post("/api/spaces", json::object{{"code", code},
                                                              {"floor", "1F"},
                                                              {"kind", kind},
                                                              {"name_ja", code},
                                                              {"name_en", code},
                                                              {"capacity", capacity},
                                                              {"bookable", true},
                                                              {"needs_approval", approval},
                                                              {"opens_at", "08:00"},
                                                              {"closes_at", "22:00"},
                                                              {"max_minutes", 480},
                                                              {"area_m2", 40}}),
                      code);
        };
        w["space.room"] = space("1F-MR1", "meeting_room", false, 12);
        w["space.hall"] = space("1F-HALL", "hall", true, 150);
        int d1 = Weekday(3), d2 = Weekday(d1 + 1), d3 = Weekday(d2 + 1);
        w["t.free_start"] = TokyoAt(d3, 15);
        w["t.free_end"] = TokyoAt(d3, 16);
        w["t.day_from"] = TokyoAt(1, 0).substr(0, 10);
        w["t.day_to"] = TokyoAt(20, 0).substr(0, 10);
        w["t.due"] = TokyoAt(30, 0).substr(0, 10);
        // The PI's booking with the researcher invited; its purpose is for them and the office.
        w["booking.pi"] =
            Id(C(kPi).Post("/api/bookings", json::object{{"space_id", w["space.room"]},
                                                         {"start", TokyoAt(d1, 10)},
                                                         {"end", TokyoAt(d1, 11)},
                                                         {"title", "循環器 定例"},
                                                         {"purpose", "MK-BOOKING-PURPOSE"},
                                                         {"attendee_ids", json::array{w["id.researcher"]}}}),
               "booking");
        Mark("MK-BOOKING-PURPOSE", {kAdmin, kOffice, kPi, kResearcher});
        // Company B asks for the hall: a pending request, the requester's and the office's business.
        w["booking.pending"] = Id(C(kCoB).Post("/api/bookings", json::object{{"space_id", w["space.hall"]},
                                                                             {"start", TokyoAt(d2, 10)},
                                                                             {"end", TokyoAt(d2, 12)},
                                                                             {"title", "製品説明会"},
                                                                             {"purpose", "MK-PENDING-PURPOSE"}}),
                                  "pending booking");
        Mark("MK-PENDING-PURPOSE", {kAdmin, kOffice, kCoB});
        // Events: an open seminar in the hall, a members-only one in the room.
        auto event = [&](const std::string& space_key, int day, bool open, int capacity) {
            return Id(C(kOffice).Post("/api/events", json::object{{"space_id", w[space_key]},
                                                                  {"kind", "seminar"},
                                                                  {"title_ja", open ? "公開セミナー" : "内部勉強会"},
                                                                  {"title_en", "Seminar"},
                                                                  {"start", TokyoAt(day, 13)},
                                                                  {"end", TokyoAt(day, 15)},
                                                                  {"capacity", capacity},
                                                                  {"open_to_public", open}}),
                      "event");
        };
        w["event.open"] = event("space.hall", d3, true, 50);
        w["event.members"] = event("space.room", d2, false, 10);
        w["registration.clinician"] =
            Id(C(kClinician).Post("/api/events/" + w["event.open"] + "/registrations", json::object{}), "registration");
        // A guest registers on the public page: the e-mail is for the office (the name is also
        // shown to whoever holds the guest's token, by design).
        auto guest = C(kAnon).Post("/api/public/events/" + w["event.open"] + "/registrations",
                                   json::object{{"name", "来訪者 一郎"}, {"email", "mk-guest@matrix.example"}});
        EXPECT_EQ(guest.status, 201) << guest.body;
        w["guest.token"] = guest.status == 201 ? S(guest.json().at("cancel_token")) : "missing";
        Mark("mk-guest@matrix.example", {kAdmin, kOffice});
        Mark(w["guest.token"], {});
        auto token = C(kPi).Post("/api/calendar/token", json::object{});
        EXPECT_EQ(token.status, 201) << token.body;
        w["calendar.token"] = token.status == 201 ? S(token.json().at("token")) : "missing";
        Mark(w["calendar.token"], {});
        auto notes = C(kResearcher).Get("/api/notifications").json();
        w["notification.researcher"] =
            notes.at("items").as_array().empty() ? "missing" : S(notes.at("items").as_array()[0].at("id"));

        // The exchange.
        auto need = [&](const std::string& title, const std::string& status) {
            return Id(C(kPi).Post("/api/exchange/needs", json::object{{"title", title},
                                                                      {"problem", "浸出液が多くガーゼ交換が頻回"},
                                                                      {"area", "medical_device"},
                                                                      {"status", status}}),
                      "need");
        };
        w["need.open"] = need("褥瘡の浸出液でガーゼ交換が大変", "open");
        w["need.draft"] = need("MK-DRAFT-NEED 下書き", "draft");
        Mark("MK-DRAFT-NEED", {kPi, kOffice});
        auto seed = [&](Caller who, const std::string& title, bool confidential) {
            return Id(C(who).Post("/api/exchange/seeds", json::object{{"kind", "material"},
                                                                      {"title", title},
                                                                      {"description", "高吸水性ハイドロゲル " + title},
                                                                      {"confidential", confidential}}),
                      "seed");
        };
        w["seed.open"] = seed(kCoA, "吸水ゲルシート", false);
        w["seed.conf_a"] = seed(kCoA, "MK-CONF-SEED-A 新規ハイドロゲル", true);
        w["seed.conf_b"] = seed(kCoB, "MK-CONF-SEED-B 吸水ポリマー", true);
        Mark("MK-CONF-SEED-A", {kCoA});
        Mark("MK-CONF-SEED-B", {kCoB});
        w["intro"] = Id(C(kCoA).Post("/api/exchange/introductions", json::object{{"item_type", "need"},
                                                                                 {"item_id", w["need.open"]},
                                                                                 {"via_type", "seed"},
                                                                                 {"via_id", w["seed.open"]},
                                                                                 {"message", "MK-INTRO-MESSAGE"}}),
                        "introduction");
        Mark("MK-INTRO-MESSAGE", {kPi, kCoA, kOffice});
        auto from = FormatDate(-1), to = FormatDate(365);
        w["grant"] = Id(C(kOffice).Post("/api/exchange/grants", json::object{{"person_id", w["id.grantee"]},
                                                                             {"company_id", w["org.company_a"]},
                                                                             {"starts_at", from + "T00:00:00Z"},
                                                                             {"ends_at", to + "T00:00:00Z"}}),
                        "grant");
        EXPECT_EQ(C(kPi)
                      .Request("PUT", "/api/exchange/profiles/" + w["id.pi"],
                               R"({"expertise":"循環器内科","keywords":["心電図"]})")
                      .status,
                  200);

        // Projects: an active project (PI, company A's lead, a researcher) with documents of each
        // visibility, a milestone, a report, a review meeting; a proposal not yet decided.
        auto propose = [&](const std::string& title) {
            return C(kCoA).Post(
                "/api/projects",
                json::object{
                    {"kind", "joint"},
                    {"title_ja", title},
                    {"aims", "MK-PROJECT-AIMS"},
                    {"public_summary", "創傷被覆材の共同研究"},
                    {"pi_id", w["id.pi"]},
                    {"company_lead_id", w["id.co_a"]},
                    {"members", json::array{json::object{{"person_id", w["id.researcher"]}, {"role", "researcher"}}}},
                    {"organisations",
                     json::array{json::object{{"organisation_id", w["org.company_a"]}, {"role", "sponsor"}}}},
                    {"links", json::array{json::object{{"kind", "need"}, {"target_id", w["need.open"]}},
                                          json::object{{"kind", "seed"}, {"target_id", w["seed.conf_a"]}}}}});
        };
        w["project"] = Id(propose("ハイドロゲル創傷被覆材の共同研究"), "project");
        EXPECT_EQ(C(kCommittee)
                      .Post("/api/projects/" + w["project"] + "/decision", json::object{{"decision", "approve"}})
                      .status,
                  200);
        w["proposal"] = Id(propose("MK-PROPOSAL 未承認の提案"), "proposal");
        Mark("MK-PROJECT-AIMS", {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA});
        // The COI committee learns of a proposal through the case its PI's declaration opens on it.
        Mark("MK-PROPOSAL", {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA, kCoi});
        auto doc = [&](const std::string& title, const std::string& visibility, const std::string& bytes) {
            return Id(C(kResearcher)
                          .Request("POST",
                                   "/api/projects/" + w["project"] + "/documents?title=" + title +
                                       "&visibility=" + visibility + "&filename=" + visibility + ".pdf",
                                   "%PDF-1.4 " + bytes, {{"Content-Type", "application/pdf"}}),
                      "document");
        };
        w["doc.public"] = doc("poster", "public", "public-poster");
        w["doc.internal"] = doc("MK-DOC-INTERNAL", "internal", "MK-BYTES-INTERNAL");
        w["doc.confidential"] = doc("MK-DOC-CONFIDENTIAL", "confidential", "MK-BYTES-CONFIDENTIAL");
        for (const char* m : {"MK-DOC-INTERNAL", "MK-BYTES-INTERNAL"})
            Mark(m, {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA});
        for (const char* m : {"MK-DOC-CONFIDENTIAL", "MK-BYTES-CONFIDENTIAL"}) Mark(m, {kPi, kResearcher, kCoA});
        w["milestone"] = Id(
            C(kPi).Post("/api/projects/" + w["project"] + "/milestones",
                        json::object{{"title", "倫理申請"}, {"owner_id", w["id.researcher"]}, {"due_on", w["t.due"]}}),
            "milestone");
        w["report"] = Id(
            C(kResearcher).Post("/api/projects/" + w["project"] + "/reports", json::object{{"done", "MK-REPORT-DONE"}}),
            "report");
        Mark("MK-REPORT-DONE", {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA});
        auto meeting = C(kPi).Post("/api/projects/" + w["project"] + "/meetings",
                                   json::object{{"title", "第1回 進捗レビュー"},
                                                {"attendee_ids", json::array{w["id.researcher"], w["id.co_a"]}},
                                                {"start", TokyoAt(d3, 10)},
                                                {"end", TokyoAt(d3, 11)}});
        w["meeting"] = Id(meeting, "meeting");
        EXPECT_EQ(C(kPi)
                      .Patch("/api/projects/" + w["project"] + "/meetings/" + w["meeting"],
                             json::object{{"minutes", "MK-MINUTES"}})
                      .status,
                  200);
        auto decision = C(kPi).Post("/api/projects/" + w["project"] + "/meetings/" + w["meeting"] + "/decisions",
                                    json::object{{"text", "MK-DECISION 試作を作る"}});
        EXPECT_EQ(decision.status, 201) << decision.body;
        w["decision"] = decision.status == 201 ? S(decision.json().at("decisions").as_array()[0].at("id")) : "missing";
        Mark("MK-MINUTES", {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA});
        Mark("MK-DECISION", {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA});

        // COI: the PI declares consulting fees from company A (a case on the project); the
        // researcher has nothing to declare, so the gate lets company A's lead ask for the next stage.
        auto declared = C(kPi).Request(
            "PUT", "/api/coi/declarations/mine",
            json::serialize(
                json::object{{"relationships", json::array{json::object{{"organisation_id", w["org.company_a"]},
                                                                        {"category", "consulting"},
                                                                        {"amount_yen", 1200000},
                                                                        {"note", "MK-COI-NOTE"}}}}}));
        w["declaration"] = Id(declared, "declaration", 200);
        Mark("MK-COI-NOTE", {kPi, kOffice, kCoi});
        EXPECT_EQ(C(kResearcher).Request("POST", "/api/coi/declarations/mine/nothing", "").status, 200);
        // One case on the project and one on the proposal (proposals are checked too).
        auto cases = C(kCoi).Get("/api/coi/cases?status=open").json().at("items").as_array();
        EXPECT_EQ(cases.size(), 2u) << json::serialize(cases);
        w["case"] = w["case.proposal"] = "missing";
        for (const auto& c : cases)
            w[S(c.at("project").at("id")) == w["project"] ? "case" : "case.proposal"] = S(c.at("id"));
        w["stage_request"] = Id(C(kCoA).Post("/api/projects/" + w["project"] + "/stage-requests",
                                             json::object{{"to_stage", "feasibility"}}),
                                "stage request");

        // Contracts: an NDA of the hospital with company A for the project, an MTA with company B.
        auto contract = [&](const std::string& type, const std::string& title, const std::string& company,
                            bool with_project) {
            json::object body{
                {"type", type},
                {"title", title},
                {"parties", json::array{json::object{{"organisation_id", w["org.hospital"]}},
                                        json::object{{"organisation_id", w[company]}}}},
                {"terms",
                 json::object{{"purpose", "共同検討"}, {"starts_on", "2020-04-01"}, {"ends_on", "2099-03-31"}}}};
            if (with_project) body["project_id"] = w["project"];
            return Id(C(kOffice).Post("/api/contracts", body), "contract");
        };
        w["contract.a"] = contract("nda", "MK-CONTRACT-A 秘密保持契約", "org.company_a", true);
        w["contract.b"] = contract("mta", "MK-CONTRACT-B 試料提供契約", "org.company_b", false);
        Mark("MK-CONTRACT-A", {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA});
        Mark("MK-CONTRACT-B", {kAdmin, kOffice, kCommittee, kCoB});

        // Ethics review: a committee with a meeting, and the PI's protocol for the project, still
        // in preparation (its title for the project's people, the office and the committee).
        w["ethics.committee"] =
            Id(C(kOffice).Post("/api/ethics/committees",
                               json::object{{"name_ja", "医学部倫理委員会"}, {"kind", "institutional"}}),
               "ethics committee");
        auto committee = C(kOffice).Post("/api/ethics/committees/" + w["ethics.committee"] + "/meetings",
                                         json::object{{"meets_on", FormatDate(40)}, {"cutoff_on", FormatDate(20)}});
        EXPECT_EQ(committee.status, 201) << committee.body;
        w["ethics.meeting"] = S(committee.json().at("meetings").at(0).at("id"));
        w["protocol"] = Id(C(kPi).Post("/api/ethics/protocols", json::object{{"project_id", w["project"]},
                                                                             {"category", "interventional"},
                                                                             {"committee_id", w["ethics.committee"]},
                                                                             {"title_ja", "MK-PROTOCOL 臨床研究"}}),
                           "protocol");
        Mark("MK-PROTOCOL", {kAdmin, kOffice, kCommittee, kPi, kResearcher, kCoA});
        w["rule"] = "sae_guideline_serious";

        // IP: the researcher discloses an invention of the project; its inventors (the PI and the
        // researcher) and the office see it — not admins, the committee or the company.
        w["invention"] = Id(C(kResearcher)
                                .Post("/api/ip/inventions",
                                      json::object{{"project_id", w["project"]}, {"title", "MK-INVENTION 被覆材"}}),
                            "invention");
        Mark("MK-INVENTION", {kOffice, kPi, kResearcher});

        // The open call: an open call whose pool is the clinician and the committee member, and a
        // draft call (the office's alone). The PI submits a proposal with company A's researcher
        // as company lead and the researcher on the team, with one attachment: its people and the
        // office see it; the reviewers only once the review starts.
        auto call = [&](const std::string& title) {
            json::object body{
                {"title_ja", title},
                {"total_budget_yen", 10000000},
                {"per_project_cap_yen", 5000000},
                {"opens_on", FormatDate(0)},
                {"closes_on", FormatDate(30)},
                {"reviews_per_proposal", 1},
                {"criteria", json::array{json::object{{"code", "novelty"}, {"label_ja", "新規性"}, {"weight", 1}}}},
                {"reviewers", json::array{json::object{{"person_id", w["id.clinician"]}, {"load_cap", 2}},
                                          json::object{{"person_id", w["id.committee"]}, {"load_cap", 2}}}}};
            return Id(C(kOffice).Post("/api/opencall/calls", body), "call");
        };
        w["call.open"] = call("学内公募2027");
        EXPECT_EQ(C(kOffice).Post("/api/opencall/calls/" + w["call.open"] + "/open", json::object{}).status, 200);
        w["call.draft"] = call("MK-DRAFT-CALL 下書きの公募");
        Mark("MK-DRAFT-CALL", {kOffice});
        w["oc.proposal"] = Id(
            C(kPi).Post(
                "/api/opencall/calls/" + w["call.open"] + "/proposals",
                json::object{
                    {"title_ja", "MK-OC-PROPOSAL 応募"},
                    {"aims", "目的"},
                    {"company_lead_id", w["id.co_a"]},
                    {"team", json::array{json::object{{"person_id", w["id.researcher"]}, {"role", "co_investigator"}}}},
                    {"budgets", json::array{json::object{{"fiscal_year", 2027}, {"amount_yen", 3000000}}}}}),
            "proposal");
        EXPECT_EQ(C(kPi).Post("/api/opencall/proposals/" + w["oc.proposal"] + "/submit", json::object{}).status, 200);
        w["oc.attachment"] =
            Id(C(kPi).Request("POST", "/api/opencall/proposals/" + w["oc.proposal"] + "/attachments?filename=plan.txt",
                              "MK-OC-BYTES", {{"Content-Type", "text/plain"}}),
               "attachment");
        Mark("MK-OC-PROPOSAL", {kOffice, kPi, kResearcher, kCoA});
        Mark("MK-OC-BYTES", {kOffice, kPi, kResearcher, kCoA});

        // The steering committee: the committee member is on the roll; the office's meeting
        // gathered the waiting proposal (MK-PROPOSAL) onto its agenda.
        EXPECT_EQ(C(kOffice)
                      .Put("/api/committee/members/" + w["id.committee"],
                           json::object{{"side", "university"}, {"term_from", "2020-04-01"}})
                      .status,
                  200);
        auto cm_meeting = C(kOffice).Post(
            "/api/committee/meetings",
            json::object{{"title_ja", "運営委員会"}, {"starts_at", TokyoAt(20, 10)}, {"ends_at", TokyoAt(20, 11)}});
        w["cm.meeting"] = Id(cm_meeting, "committee meeting");
        auto agenda = cm_meeting.json().at("agenda").as_array();
        for (const auto& item : agenda)
            if (S(item.at("subject_id")) == w["proposal"]) w["cm.item"] = S(item.at("id"));
        w["cm.written"] = Id(C(kOffice).Post("/api/committee/written", json::object{{"title_ja", "書面決議の議案"},
                                                                                    {"vote_deadline", TokyoAt(5, 12)}}),
                             "written resolution");

        // The budget: the office's spending line on the project (MK-BUDGET-LINE) and the PI's
        // pending request to change its allocation (MK-BUDGET-CHANGE), made after the meeting so
        // that its agenda stays as the committee rows expect.
        w["budget.line"] = Id(C(kOffice).Post("/api/budget/spending", json::object{{"project_id", w["project"]},
                                                                                   {"spent_on", "2026-05-01"},
                                                                                   {"amount_yen", 1000},
                                                                                   {"category", "travel"},
                                                                                   {"description", "MK-BUDGET-LINE"}}),
                              "spending line");
        w["budget.change"] = Id(C(kPi).Post("/api/budget/changes", json::object{{"project_id", w["project"]},
                                                                                {"fiscal_year", 2026},
                                                                                {"new_yen", 5000000},
                                                                                {"reason", "MK-BUDGET-CHANGE"}}),
                                "budget change");
        Mark("MK-BUDGET-LINE", {kAdmin, kOffice, kCommittee, kPi, kCoA});
        Mark("MK-BUDGET-CHANGE", {kAdmin, kOffice, kCommittee, kPi, kCoA});
        // Surveys: one sent to the clinicians (the PI answered MK-SURVEY-ANSWER), one draft.
        json::array sv_questions{json::object{{"kind", "text"}, {"text_ja", "ご意見"}}};
        w["sv.open"] = Id(C(kOffice).Post("/api/surveys", json::object{{"title_ja", "サービスのアンケート"},
                                                                       {"questions", sv_questions},
                                                                       {"audience_roles", json::array{"clinician"}},
                                                                       {"closes_on", FormatDate(14)}}),
                          "survey");
        EXPECT_EQ(C(kOffice).Post("/api/surveys/" + w["sv.open"] + "/send", json::object{}).status, 200);
        EXPECT_EQ(C(kPi)
                      .Put("/api/surveys/" + w["sv.open"] + "/response",
                           json::object{{"answers", json::array{json::object{{"text", "MK-SURVEY-ANSWER"}}}}})
                      .status,
                  200);
        Mark("MK-SURVEY-ANSWER", {kAdmin, kOffice, kPi});
        w["sv.draft"] = Id(C(kOffice).Post("/api/surveys", json::object{{"title_ja", "下書きのアンケート"},
                                                                        {"questions", sv_questions}}),
                           "survey draft");
    }

    static std::string FormatDate(int days_from_today) { return TokyoAt(days_from_today, 0).substr(0, 10); }

    // --- running a section ---
    std::string Resolve(const std::string& text, int line) {
        std::string out;
        for (size_t i = 0; i < text.size(); ++i) {
            char ch = text[i];
            bool brace = ch == '{' && i + 1 < text.size() && std::islower(static_cast<unsigned char>(text[i + 1]));
            if (brace) {  // {name:key} in a path
                auto close = text.find('}', i), colon = text.find(':', i);
                if (close != std::string::npos && colon != std::string::npos && colon < close) {
                    out += Lookup(text.substr(colon + 1, close - colon - 1), line);
                    i = close;
                    continue;
                }
            }
            if (ch == '$' && i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
                size_t end = i + 1;
                while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
                                             (text[end] == '.' && end + 1 < text.size() &&
                                              std::isalnum(static_cast<unsigned char>(text[end + 1])))))
                    ++end;
                out += Lookup(text.substr(i + 1, end - i - 1), line);
                i = end - 1;
                continue;
            }
            out += ch;
        }
        return out;
    }
    std::string Lookup(const std::string& key, int line) {
        if (key == "none") return "0000000000000000";  // an id that names nothing
        auto it = world.find(key);
        if (it == world.end()) {
            ADD_FAILURE() << "authz_matrix.txt:" << line << ": the world has no '" << key << "'";
            return "unknown";
        }
        return it->second;
    }
    HttpResponse Send(Client& c, const Row& row, std::map<std::string, std::string> headers = {}) {
        std::string body = row.body;
        if (body == "@pdf") {
            body = "%PDF-1.4 matrix";
            headers["Content-Type"] = "application/pdf";
        } else if (body == "@docx") {
            body = std::string("PK\x03\x04", 4) + "matrix";
            headers["Content-Type"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        } else if (body == "-") {
            body.clear();
        } else {
            body = Resolve(body, row.line);
        }
        return c.Request(row.method, Resolve(row.target, row.line), body, headers);
    }
    void ScanMarkers(const Row& row, Caller caller, const HttpResponse& r) {
        std::string all = r.body;
        for (const auto& [k, v] : r.headers) all += "\n" + k + ": " + v;
        for (const auto& [marker, may_see] : markers)
            if (!may_see.count(caller) && all.find(marker) != std::string::npos)
                ADD_FAILURE() << "authz_matrix.txt:" << row.line << ": " << row.method << " " << row.target << " as "
                              << kCallerNames[caller] << " (" << r.status << ") shows " << marker.substr(0, 24)
                              << ", which this caller may not see: " << r.body.substr(0, 600);
    }

    std::unique_ptr<Client> clients[kCallers];
    std::map<std::string, std::string> world;
    std::map<std::string, std::set<Caller>> markers;
};

}  // namespace renkei::testing::authz
