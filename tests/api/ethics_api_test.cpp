// Ethics review over HTTP (issue 14, docs/ethics.md): a protocol from the project's first draft
// through the generated application, submission, revisions and approval to the gate it answers;
// a serious adverse event's legal deadline in the PI's inbox and on the office's page; the COI
// forms 様式A–E as a workbook LibreOffice opens; who sees and does what, role by role; bad input.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "platform/time.hpp"
#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

namespace fs = std::filesystem;

// A list of a response, copied (a range-for over a temporary's member would dangle).
json::array Items(const HttpResponse& r, const char* key) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains(key) && v.at(key).is_array() ? v.at(key).as_array() : json::array{};
}

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

std::string Soffice() {
    for (const char* p : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"})
        if (fs::exists(p)) return p;
    return "";
}

// Every sheet of an .xlsx (or the text of a .docx) as LibreOffice headless reads it.
std::string Convert(const std::string& bytes, const std::string& name, const std::string& ext) {
    auto soffice = Soffice();
    EXPECT_FALSE(soffice.empty()) << "LibreOffice is required: apt-get install libreoffice-writer-nogui "
                                     "libreoffice-calc-nogui";
    if (soffice.empty()) return "";
    auto dir = fs::temp_directory_path() / ("renkei-ethics-" + std::to_string(getpid()) + "-" + name);
    fs::create_directories(dir);
    auto in = dir / (name + "." + ext);
    {
        std::ofstream f(in, std::ios::binary);
        f << bytes;
    }
    // csv: every sheet to its own file (sheet -1); UTF-8 (76).
    std::string filter =
        ext == "xlsx" ? "'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'" : "txt:Text";
    std::string cmd = soffice + " -env:UserInstallation=file://" + (dir / "profile").string() +
                      " --headless --convert-to " + filter + " --outdir " + dir.string() + " " + in.string() + " > " +
                      (dir / "log").string() + " 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::string text;
    for (const auto& e : fs::directory_iterator(dir)) {
        auto x = e.path().extension().string();
        if (x != ".csv" && x != ".txt") continue;
        std::ifstream out(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << out.rdbuf();
        text += "\n[" + e.path().filename().string() + "]\n" + ss.str();
    }
    fs::remove_all(dir);
    return text;
}

class EthicsApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        hospital = Org("慶應義塾大学病院", "hospital");
        acme = Org("株式会社アクメ医療", "company");
        pi_id = Person("pi@test.example", {"clinician"}, hospital);
        member_id = Person("member@test.example", {"researcher"}, hospital);
        lead_id = Person("lead@test.example", {"company_researcher"}, acme);
        Person("office@test.example", {"office"}, "");
        Person("committee@test.example", {"committee"}, "");
        reviewer_id = Person("reviewer@test.example", {"clinician"}, hospital);
        other_reviewer_id = Person("other@test.example", {"clinician"}, hospital);
        Person("outsider@test.example", {"clinician"}, hospital);
        pi = Login("pi@test.example");
        member = Login("member@test.example");
        lead = Login("lead@test.example");
        office = Login("office@test.example");
        committee = Login("committee@test.example");
        reviewer = Login("reviewer@test.example");
        other_reviewer = Login("other@test.example");
        outsider = Login("outsider@test.example");
        today = S(office->Get("/api/ethics/deadlines").json().at("from"));
        ethics_committee = Committee("医学部倫理委員会", "institutional", reviewer_id);
        crb = Committee("臨床研究審査委員会", "certified", reviewer_id);
        other_committee = Committee("別の倫理委員会", "institutional", other_reviewer_id);
        project = Project();
    }
    std::string Committee(const std::string& name, const std::string& kind, const std::string& member_id) {
        auto r = office->Post(
            "/api/ethics/committees",
            json::object{
                {"name_ja", name}, {"name_en", "Committee"}, {"kind", kind}, {"member_ids", json::array{member_id}}});
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id = S(r.json().at("id"));
        // Meets in 20 and 50 days; submissions close 14 days before.
        for (int d : {20, 50}) {
            auto m = office->Post("/api/ethics/committees/" + id + "/meetings",
                                  json::object{{"meets_on", Day(d)}, {"cutoff_on", Day(d - 14)}});
            EXPECT_EQ(m.status, 201) << m.body;
        }
        return id;
    }
    // Today in Tokyo (as the server counts it) plus `offset` days.
    std::string Day(int offset) { return AddDays(today, offset); }
    std::string Project() {
        auto r = lead->Post(
            "/api/projects",
            json::object{{"kind", "joint"},
                         {"title_ja", "心電図パッチの臨床評価"},
                         {"title_en", "Clinical evaluation of an ECG patch"},
                         {"aims", "発作性心房細動の検出率を高める。"},
                         {"pi_id", pi_id},
                         {"company_lead_id", lead_id},
                         {"members", json::array{json::object{{"person_id", member_id}, {"role", "co_investigator"}}}},
                         {"organisations", json::array{json::object{{"organisation_id", acme}, {"role", "partner"}}}}});
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id = S(r.json().at("id"));
        EXPECT_EQ(committee->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}}).status,
                  200);
        return id;
    }
    json::object Protocol(const std::string& category, const std::string& committee_id) {
        auto r = pi->Post("/api/ethics/protocols", json::object{{"project_id", project},
                                                                {"category", category},
                                                                {"committee_id", committee_id},
                                                                {"planned_start", Day(60)},
                                                                {"planned_end", Day(400)},
                                                                {"target_enrolment", 120},
                                                                {"sites", json::array{"慶應義塾大学病院"}}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    }
    HttpResponse Move(Client& c, const std::string& id, const std::string& status, const std::string& note = "") {
        return c.Post("/api/ethics/protocols/" + id + "/status", json::object{{"status", status}, {"note", note}});
    }
    // An approved and started protocol.
    std::string Active(const std::string& category, const std::string& committee_id) {
        std::string id = S(Protocol(category, committee_id).at("id"));
        EXPECT_EQ(Move(*pi, id, "submitted").status, 200);
        EXPECT_EQ(Move(*office, id, "approved").status, 200);
        if (category == "specified_clinical") {
            EXPECT_EQ(pi->Patch("/api/ethics/protocols/" + id,
                                json::object{{"jrct_id", "jRCTs032260001"}, {"jrct_registered_on", today}})
                          .status,
                      200);
        }
        EXPECT_EQ(Move(*pi, id, "active").status, 200);
        return id;
    }
    json::array Inbox(Client& c) { return c.Get("/api/inbox").json().at("items").as_array(); }
    std::optional<json::value> OpenItem(Client& c, const std::string& kind) {
        for (const auto& i : Inbox(c))
            if (i.at("kind") == kind.c_str() && i.at("state") == "open") return i;
        return std::nullopt;
    }
    std::string hospital, acme, pi_id, member_id, lead_id, reviewer_id, other_reviewer_id, project, today;
    std::string ethics_committee, crb, other_committee;
    std::unique_ptr<Client> pi, member, lead, office, committee, reviewer, other_reviewer, outsider;
};

TEST_F(EthicsApi, AProtocolGoesFromTheProjectToApprovalAndAnswersTheGateByItself) {
    // The office makes the project's next gate ask for an approved protocol.
    ASSERT_EQ(office
                  ->Request("PUT", "/api/project-gates/feasibility",
                            json::serialize(json::object{{"approver", "pi"},
                                                         {"requirements", json::array{"ethics_protocol_approved"}}}))
                  .status,
              200);
    auto gate = [&] { return lead->Get("/api/projects/" + project + "/gate").json(); };
    EXPECT_EQ(gate().at("passes"), false);

    // The PI creates the protocol: title, PI and sub-investigators come from the project.
    auto p = Protocol("interventional", ethics_committee);
    std::string id = S(p.at("id"));
    EXPECT_EQ(p.at("title_ja"), "心電図パッチの臨床評価");
    EXPECT_EQ(p.at("status"), "preparing");
    EXPECT_EQ(p.at("pi").at("id"), pi_id.c_str());
    ASSERT_EQ(p.at("investigators").as_array().size(), 2u);
    EXPECT_EQ(p.at("investigators").at(1).at("person").at("id"), member_id.c_str());
    EXPECT_EQ(p.at("meeting").at("meets_on"), Day(20).c_str()) << "the next meeting whose cut-off is open";
    EXPECT_EQ(p.at("may").at("submit"), true);

    // The generated application opens in LibreOffice with the project's title and the members' names.
    auto doc = pi->Post("/api/ethics/protocols/" + id + "/application", json::object{});
    ASSERT_EQ(doc.status, 200) << doc.body;
    EXPECT_EQ(doc.headers["content-type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_NE(doc.headers["content-disposition"].find("attachment"), std::string::npos);
    auto text = Convert(doc.body, "application", "docx");
    for (const char* want : {"研究計画審査申請書", "心電図パッチの臨床評価", "医学部倫理委員会", "株式会社アクメ医療",
                             "発作性心房細動の検出率を高める。"})
        EXPECT_NE(text.find(want), std::string::npos) << want << " in\n" << text;
    for (const auto& who : {pi_id, member_id, lead_id}) {
        auto name = S(admin->Get("/api/people/" + who).json().at("name_ja"));
        EXPECT_NE(text.find(name), std::string::npos) << name << " in\n" << text;
    }

    // Submitted: booked for the meeting; the committee's member is asked to review.
    auto submitted = Move(*pi, id, "submitted");
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    EXPECT_EQ(submitted.json().at("submitted_on"), today.c_str());
    EXPECT_TRUE(OpenItem(*reviewer, "ethics.review").has_value());
    EXPECT_FALSE(OpenItem(*other_reviewer, "ethics.review").has_value());
    auto changed = pi->Patch("/api/ethics/protocols/" + id, json::object{{"title_ja", "変更"}});
    EXPECT_EQ(changed.status, 409) << "a submitted protocol changes through an amendment";

    // Revisions need a note; then the PI submits again and the committee approves.
    auto no_note = Move(*reviewer, id, "revisions_requested");
    EXPECT_EQ(no_note.status, 422);
    EXPECT_EQ(no_note.ErrorField(), "note");
    ASSERT_EQ(Move(*reviewer, id, "revisions_requested", "同意説明文書を修正すること").status, 200);
    EXPECT_EQ(pi->Patch("/api/ethics/protocols/" + id, json::object{{"target_enrolment", 100}}).status, 200);
    ASSERT_EQ(Move(*pi, id, "submitted", "修正した").status, 200);
    EXPECT_EQ(Move(*pi, id, "approved").status, 403) << "nobody approves their own protocol";
    auto approved = reviewer->Post("/api/ethics/protocols/" + id + "/status",
                                   json::object{{"status", "approved"}, {"approval_no", "2026-015"}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json().at("approved_on"), today.c_str());
    EXPECT_EQ(approved.json().at("approval_no"), "2026-015");
    EXPECT_FALSE(OpenItem(*reviewer, "ethics.review").has_value()) << "the review request is resolved";
    auto history = approved.json().at("history").as_array();
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[1].at("note"), "同意説明文書を修正すること");
    EXPECT_EQ(history[1].at("actor").at("id"), reviewer_id.c_str());

    // The gate is met without anyone confirming it by hand.
    auto g = gate();
    EXPECT_EQ(g.at("passes"), true) << json::serialize(g);
    for (const auto& item : g.at("items").as_array())
        if (item.at("code") == "ethics_protocol_approved") {
            EXPECT_EQ(item.at("satisfied"), true);
            EXPECT_EQ(item.at("automatic"), true);
        }
    // Suspended, it no longer counts.
    ASSERT_EQ(Move(*reviewer, id, "suspended", "安全性の評価のため").status, 200);
    EXPECT_EQ(gate().at("passes"), false);
    // ...and the portfolio shows the suspension among the project's blockers.
    auto blockers = [&] {
        std::set<std::string> codes;
        for (const auto& row : Items(office->Get("/api/portfolio"), "closest_to_market"))
            if (row.at("id") == project.c_str())
                for (const auto& b : row.at("blockers").as_array()) codes.insert(S(b.at("code")));
        return codes;
    };
    EXPECT_TRUE(blockers().count("ethics_protocol_suspended"));

    // The list the outside checks read, and the turnaround.
    auto list = lead->Get("/api/ethics/protocols?project_id=" + project).json().at("items").as_array();
    ASSERT_EQ(list.size(), 1u);
    for (const char* field : {"id", "project_id", "category", "committee", "status", "approved_on"})
        EXPECT_TRUE(list[0].as_object().contains(field)) << field;
    EXPECT_EQ(list[0].at("committee"), ethics_committee.c_str());
    EXPECT_EQ(list[0].at("approved_on"), today.c_str());
    auto t = office->Get("/api/ethics/turnaround");
    ASSERT_EQ(t.status, 200);
    for (const auto& row : Items(t, "committees"))
        if (row.at("key") == ethics_committee.c_str()) {
            EXPECT_EQ(row.at("approved"), 1);
            EXPECT_EQ(row.at("median_days"), 0.0);
        }
    EXPECT_EQ(pi->Get("/api/ethics/turnaround").status, 403);
}

TEST_F(EthicsApi, ASeriousAdverseEventPutsItsLegalDeadlineInThePisInboxAndOnTheOfficesPage) {
    std::string id = S(Protocol("specified_clinical", crb).at("id"));
    ASSERT_EQ(Move(*pi, id, "submitted").status, 200);
    ASSERT_EQ(Move(*office, id, "approved").status, 200);
    // 臨床研究法 第5条: no start before the plan is on jRCT.
    auto early = Move(*pi, id, "active");
    EXPECT_EQ(early.status, 422);
    EXPECT_EQ(early.ErrorField(), "jrct_registered_on");
    auto registered = pi->Patch("/api/ethics/protocols/" + id,
                                json::object{{"jrct_id", "jRCTs032260001"}, {"jrct_registered_on", today}});
    ASSERT_EQ(registered.status, 200) << registered.body;
    ASSERT_EQ(Move(*pi, id, "active").status, 200);

    // A serious, unexpected event with an unapproved device, learnt of today: 15 days.
    auto r =
        pi->Post("/api/ethics/protocols/" + id + "/adverse-events", json::object{{"learned_on", today},
                                                                                 {"seriousness", "serious"},
                                                                                 {"expected", false},
                                                                                 {"unapproved", true},
                                                                                 {"summary", "装着中の失神で入院"}});
    ASSERT_EQ(r.status, 201) << r.body;
    std::string due;
    for (const auto& d : Items(r, "deadlines"))
        if (d.at("kind") == "sae_report") {
            due = S(d.at("due_on"));
            EXPECT_EQ(d.at("legal_due_on"), Day(15).c_str());
            EXPECT_NE(S(d.at("source_ja")).find("第54条"), std::string::npos);
        }
    ASSERT_EQ(due, Day(15));
    auto item = OpenItem(*pi, "ethics.deadline");
    ASSERT_TRUE(item.has_value()) << "the PI's inbox";
    bool sae_item = false;
    for (const auto& i : Inbox(*pi))
        if (i.at("kind") == "ethics.deadline" && i.at("state") == "open" && i.at("due_on") == due.c_str()) {
            sae_item = true;
            item = i;
        }
    ASSERT_TRUE(sae_item);
    auto page = office->Get("/api/ethics/deadlines").json().at("items").as_array();
    bool on_page = false;
    for (const auto& d : page)
        if (d.at("protocol_id") == id.c_str() && d.at("kind") == "sae_report" && d.at("due_on") == due.c_str())
            on_page = true;
    EXPECT_TRUE(on_page) << "the office's next 90 days";
    EXPECT_TRUE(outsider->Get("/api/ethics/deadlines").json().at("items").as_array().empty());

    // One click from the inbox files it: the item is done, the deadline shows its filing.
    const auto& a = item->at("action");
    auto click = pi->Request(S(a.at("method")), S(a.at("path")), json::serialize(a.at("body")));
    ASSERT_EQ(click.status, 200) << click.body;
    for (const auto& d : Items(click, "deadlines"))
        if (d.at("kind") == "sae_report") {
            EXPECT_EQ(d.at("filed_on"), today.c_str());
        }
    for (const auto& i : Inbox(*pi))
        if (i.at("due_on") == due.c_str() && i.at("kind") == "ethics.deadline") {
            EXPECT_EQ(i.at("state"), "done");
        }

    // Enrolment counts only; never in the future.
    auto count = pi->Request("PUT", "/api/ethics/protocols/" + id + "/enrolment",
                             json::serialize(json::object{{"counted_on", today}, {"enrolled", 12}}));
    ASSERT_EQ(count.status, 200) << count.body;
    EXPECT_EQ(count.json().at("enrolled"), 12);
    auto future = pi->Request("PUT", "/api/ethics/protocols/" + id + "/enrolment",
                              json::serialize(json::object{{"counted_on", Day(3)}, {"enrolled", 13}}));
    EXPECT_EQ(future.status, 422);
    EXPECT_EQ(future.ErrorField(), "counted_on");
}

TEST_F(EthicsApi, TheCoiFormsAreAWorkbookOfTheInvestigatorsDeclarations) {
    auto declared = member->Request(
        "PUT", "/api/coi/declarations/mine",
        json::serialize(json::object{{"relationships", json::array{json::object{{"organisation_id", acme},
                                                                                {"category", "consulting"},
                                                                                {"amount_yen", 1'500'000},
                                                                                {"note", "技術顧問"}}}}}));
    ASSERT_EQ(declared.status, 200) << declared.body;
    std::string id = S(Protocol("specified_clinical", crb).at("id"));
    auto book = pi->Post("/api/ethics/protocols/" + id + "/coi-forms", json::object{});
    ASSERT_EQ(book.status, 200) << book.body;
    EXPECT_EQ(book.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    auto text = Convert(book.body, "forms", "xlsx");
    for (const char* sheet : {"様式A", "様式B", "様式C", "様式D", "様式E"})
        EXPECT_NE(text.find(sheet), std::string::npos) << sheet << " in\n" << text;
    auto member_name = S(admin->Get("/api/people/" + member_id).json().at("name_ja"));
    auto pi_name = S(admin->Get("/api/people/" + pi_id).json().at("name_ja"));
    for (const auto& want :
         {std::string("心電図パッチの臨床評価"), member_name, pi_name, std::string("株式会社アクメ医療"),
          std::string("1500000"), std::string("自己申告が未提出")})
        EXPECT_NE(text.find(want), std::string::npos) << want << " in\n" << text;
    // 様式C answers the ministry's questions: 1.5 million yen of consulting fees is a personal
    // benefit above 1 million (Q3 yes); there is no donation (Q1 no); the PI has not declared.
    auto line_of = [&](const std::string& who, const std::string& question) {
        std::stringstream lines(text);
        for (std::string line; std::getline(lines, line);)
            if (line.find(who) == 0 && line.find(question) != std::string::npos) return line;
        return std::string();
    };
    EXPECT_NE(line_of(member_name, "Q3").find("はい"), std::string::npos) << text;
    EXPECT_NE(line_of(member_name, "Q1").find("いいえ"), std::string::npos) << text;
    EXPECT_NE(line_of(pi_name, "Q1").find("未申告"), std::string::npos) << text;
    // The read of the declaration is audited.
    auto audit = admin->Get("/api/audit?shown=reads&entity=coi_declaration&limit=50").json().at("items").as_array();
    EXPECT_FALSE(audit.empty());
    // Only for a 特定臨床研究; only for who sees the protocol.
    std::string observational = S(Protocol("observational", ethics_committee).at("id"));
    EXPECT_EQ(pi->Post("/api/ethics/protocols/" + observational + "/coi-forms", json::object{}).status, 409);
    EXPECT_EQ(outsider->Post("/api/ethics/protocols/" + id + "/coi-forms", json::object{}).status, 404);
}

TEST_F(EthicsApi, ConsentFormVersionsAndAmendmentsAreReviewedOnTheirOwn) {
    std::string id = S(Protocol("interventional", ethics_committee).at("id"));
    std::string base = "/api/ethics/protocols/" + id + "/amendments";
    auto upload = [&](Client& c, const std::string& query, const std::string& bytes) {
        return c.Request("POST", base + "?" + query, bytes, {{"Content-Type", "application/octet-stream"}});
    };
    // Before approval there is nothing to amend, but the consent form is versioned from v1.
    auto early = upload(*pi, "kind=amendment&summary=%E5%A4%89%E6%9B%B4", "");
    EXPECT_EQ(early.status, 409);
    auto v1 = upload(*pi, "kind=consent&summary=%E5%88%9D%E7%89%88&filename=consent-v1.pdf", "%PDF-1.4 consent v1");
    ASSERT_EQ(v1.status, 201) << v1.body;
    auto consent = v1.json().at("amendments").at(0);
    EXPECT_EQ(consent.at("kind"), "consent");
    EXPECT_EQ(consent.at("number"), 1);
    EXPECT_EQ(consent.at("status"), "submitted");
    EXPECT_EQ(consent.at("summary"), "初版");
    std::string v1_id = S(consent.at("id"));
    EXPECT_TRUE(OpenItem(*reviewer, "ethics.amendment").has_value()) << "the committee is asked";
    auto file = member->Get(base + "/" + v1_id + "/file");
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.body, "%PDF-1.4 consent v1");
    EXPECT_EQ(file.headers["content-type"], "application/pdf");
    EXPECT_EQ(outsider->Get(base + "/" + v1_id + "/file").status, 404);
    EXPECT_EQ(pi->Post(base + "/" + v1_id + "/status", json::object{{"status", "approved"}}).status, 403);
    ASSERT_EQ(reviewer->Post(base + "/" + v1_id + "/status", json::object{{"status", "approved"}}).status, 200);
    EXPECT_EQ(reviewer->Post(base + "/" + v1_id + "/status", json::object{{"status", "approved"}}).status, 409);
    EXPECT_FALSE(OpenItem(*reviewer, "ethics.amendment").has_value());
    EXPECT_EQ(pi->Get("/api/ethics/protocols/" + id).json().at("consent_version"), 1);

    // v2: a Word document; revisions asked with a note, submitted again, approved by the office.
    auto fake = upload(*pi, "kind=consent&summary=x&filename=v2.pdf", "not a pdf");
    EXPECT_EQ(fake.status, 422);
    EXPECT_EQ(fake.ErrorField(), "file");
    auto missing = upload(*pi, "kind=consent&summary=x", "");
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.ErrorField(), "file");
    auto v2 = upload(*pi, "kind=consent&summary=v2&filename=consent-v2.docx", std::string("PK\x03\x04", 4) + "docx");
    ASSERT_EQ(v2.status, 201) << v2.body;
    std::string v2_id = S(v2.json().at("amendments").at(1).at("id"));
    EXPECT_EQ(v2.json().at("amendments").at(1).at("number"), 2);
    auto no_note = reviewer->Post(base + "/" + v2_id + "/status", json::object{{"status", "revisions_requested"}});
    EXPECT_EQ(no_note.status, 422);
    EXPECT_EQ(no_note.ErrorField(), "note");
    ASSERT_EQ(reviewer
                  ->Post(base + "/" + v2_id + "/status",
                         json::object{{"status", "revisions_requested"}, {"note", "連絡先を追記すること"}})
                  .status,
              200);
    EXPECT_EQ(pi->Get("/api/ethics/protocols/" + id).json().at("consent_version"), 1);
    ASSERT_EQ(pi->Post(base + "/" + v2_id + "/status", json::object{{"status", "submitted"}}).status, 200);
    ASSERT_EQ(office->Post(base + "/" + v2_id + "/status", json::object{{"status", "approved"}}).status, 200);
    EXPECT_EQ(pi->Get("/api/ethics/protocols/" + id).json().at("consent_version"), 2);

    // Once the protocol is approved, an amendment (no document needed) has its own review.
    ASSERT_EQ(Move(*pi, id, "submitted").status, 200);
    ASSERT_EQ(Move(*reviewer, id, "approved").status, 200);
    auto amendment = upload(
        *member,
        "kind=amendment&summary=%E5%AE%9F%E6%96%BD%E5%8C%BB%E7%99%82%E6%A9%9F%E9%96%A2%E3%81%AE%E8%BF%BD%E5%8A%A0", "");
    ASSERT_EQ(amendment.status, 201) << amendment.body;
    json::value last;
    for (const auto& a : Items(amendment, "amendments"))
        if (a.at("kind") == "amendment") last = a;
    ASSERT_TRUE(last.is_object());
    EXPECT_EQ(last.at("kind"), "amendment");
    EXPECT_EQ(last.at("number"), 1);
    EXPECT_EQ(last.at("summary"), "実施医療機関の追加");
    EXPECT_EQ(upload(*lead, "kind=amendment&summary=x", "").status, 403) << "the company does not amend";
    EXPECT_EQ(upload(*reviewer, "kind=amendment&summary=x", "").status, 403);
    EXPECT_EQ(upload(*outsider, "kind=amendment&summary=x", "").status, 404);
    auto bad_kind = upload(*pi, "kind=letter&summary=x", "");
    EXPECT_EQ(bad_kind.status, 422);
    EXPECT_EQ(bad_kind.ErrorField(), "kind");
    EXPECT_EQ(pi->Post(base + "/" + S(last.at("id")) + "/status", json::object{{"status", "withdrawn"}}).status, 200);
}

TEST_F(EthicsApi, TheDemoCentreHoldsProtocolsInEveryStatusAndCategoryWithTheirDeadlines) {
    auto loaded = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
    Client nakamura(server->port());
    nakamura.Login("nakamura.yumi@renkei.example", "renkei-demo-2026");
    std::set<std::string> statuses, categories;
    for (const auto& p : Items(nakamura.Get("/api/ethics/protocols"), "items")) {
        statuses.insert(S(p.at("status")));
        categories.insert(S(p.at("category")));
    }
    EXPECT_EQ(statuses, (std::set<std::string>{"preparing", "submitted", "revisions_requested", "approved", "active",
                                               "completed", "suspended", "withdrawn"}));
    EXPECT_EQ(categories,
              (std::set<std::string>{"observational", "interventional", "specified_clinical", "clinical_trial"}));
    // The office's page has what falls due in the next 90 days and what is overdue.
    bool upcoming = false, overdue = false;
    for (const auto& d : Items(nakamura.Get("/api/ethics/deadlines"), "items")) {
        if (d.at("overdue") == true) overdue = true;
        if (d.at("kind") == "sae_report" && d.at("filed_on").is_null()) upcoming = true;
    }
    EXPECT_TRUE(upcoming) << "the ECG study's adverse event report";
    EXPECT_TRUE(overdue) << "the IBD study's progress report the office is chasing";
    // An explicit range lists that range only, unless asked for what is overdue too.
    auto from = Day(1), to = Day(60);
    auto ranged = Items(nakamura.Get("/api/ethics/deadlines?from=" + from + "&to=" + to), "items");
    for (const auto& d : ranged) {
        EXPECT_GE(S(d.at("due_on")), from);
        EXPECT_LE(S(d.at("due_on")), to);
    }
    EXPECT_FALSE(ranged.empty());
    auto with_overdue =
        Items(nakamura.Get("/api/ethics/deadlines?from=" + from + "&to=" + to + "&include_overdue=true"), "items");
    EXPECT_GT(with_overdue.size(), ranged.size());
    // The turnaround has a median for every committee that approved something.
    int with_median = 0;
    for (const auto& row : Items(nakamura.Get("/api/ethics/turnaround"), "committees"))
        if (row.at("approved").as_int64() > 0) {
            EXPECT_TRUE(row.at("median_days").is_number()) << S(row.at("label_ja"));
            ++with_median;
        }
    EXPECT_GE(with_median, 2) << "the ethics committee and the review board";
    // Dr Tanaka (PI of the ECG study) has the adverse event report in his inbox.
    Client tanaka(server->port());
    tanaka.Login("tanaka.kenji@renkei.example", "renkei-demo-2026");
    bool in_inbox = false;
    for (const auto& i : Items(tanaka.Get("/api/inbox"), "items"))
        if (i.at("kind") == "ethics.deadline" && i.at("state") == "open") in_inbox = true;
    EXPECT_TRUE(in_inbox);
}

TEST_F(EthicsApi, EachRoleSeesAndDoesWhatItMay) {
    std::string id = S(Protocol("observational", ethics_committee).at("id"));
    std::string path = "/api/ethics/protocols/" + id;
    struct Row {
        const char* who;
        Client* client;
        int read;
        size_t listed;
    };
    Client anon(server->port());
    const Row rows[] = {
        {"pi", pi.get(), 200, 1},
        {"academic member", member.get(), 200, 1},
        {"company lead (a member)", lead.get(), 200, 1},
        {"the reviewing committee's member", reviewer.get(), 200, 1},
        {"another committee's member", other_reviewer.get(), 404, 0},
        {"a clinician of nothing", outsider.get(), 404, 0},
        {"the steering committee", committee.get(), 200, 1},
        {"the office", office.get(), 200, 1},
        {"admin", admin.get(), 200, 1},
    };
    for (const auto& row : rows) {
        EXPECT_EQ(row.client->Get(path).status, row.read) << row.who;
        auto list = row.client->Get("/api/ethics/protocols");
        ASSERT_EQ(list.status, 200) << row.who;
        EXPECT_EQ(list.json().at("items").as_array().size(), row.listed) << row.who;
        EXPECT_EQ(row.client->Post(path + "/application", json::object{}).status, row.read == 200 ? 200 : 404)
            << row.who;
    }
    EXPECT_EQ(anon.Get(path).status, 401);
    EXPECT_EQ(anon.Get("/api/ethics/protocols").status, 401);

    // Submitting: the PI side and the office, not the company, the reviewer or strangers.
    struct Act {
        const char* who;
        Client* client;
        int status;
    };
    for (const auto& a : {Act{"company lead", lead.get(), 403}, Act{"reviewer", reviewer.get(), 403},
                          Act{"outsider", outsider.get(), 404}, Act{"steering committee", committee.get(), 403}})
        EXPECT_EQ(Move(*a.client, id, "submitted").status, a.status) << a.who;
    ASSERT_EQ(Move(*member, id, "submitted").status, 200) << "an academic member submits for the PI";
    // Approving: the reviewing committee and the office only.
    for (const auto& a : {Act{"pi", pi.get(), 403}, Act{"other committee", other_reviewer.get(), 404},
                          Act{"steering committee", committee.get(), 403}, Act{"company lead", lead.get(), 403}})
        EXPECT_EQ(Move(*a.client, id, "approved").status, a.status) << a.who;
    EXPECT_EQ(Move(*office, id, "preparing").status, 409);
    ASSERT_EQ(Move(*reviewer, id, "approved").status, 200);
    EXPECT_EQ(Move(*reviewer, id, "approved").status, 409) << "already approved";

    // Creating: academic members of the project and the office; not the company or strangers.
    auto create = [&](Client& c) {
        return c.Post(
            "/api/ethics/protocols",
            json::object{{"project_id", project}, {"category", "observational"}, {"committee_id", ethics_committee}});
    };
    EXPECT_EQ(create(*member).status, 201);
    EXPECT_EQ(create(*office).status, 201);
    EXPECT_EQ(create(*lead).status, 403);
    auto stranger = create(*outsider);
    EXPECT_EQ(stranger.status, 422) << "the project is not shown to who is not in it";
    EXPECT_EQ(stranger.ErrorField(), "project_id");

    // The office keeps committees and rules; nobody else.
    EXPECT_EQ(pi->Post("/api/ethics/committees", json::object{{"name_ja", "x"}, {"kind", "institutional"}}).status,
              403);
    EXPECT_EQ(reviewer
                  ->Post("/api/ethics/committees/" + ethics_committee + "/meetings",
                         json::object{{"meets_on", Day(80)}, {"cutoff_on", Day(70)}})
                  .status,
              403);
    EXPECT_EQ(reviewer->Get("/api/ethics/committees/" + ethics_committee + "/template").status, 200)
        << "a committee's members read its template";
    EXPECT_EQ(pi->Get("/api/ethics/committees/" + ethics_committee + "/template").status, 403);
    EXPECT_EQ(pi->Request("PUT", "/api/ethics/rules/sae_guideline_serious", R"({"amount":5})").status, 403);
}

TEST_F(EthicsApi, TheOfficeEditsARuleAndTheDeadlinesFollow) {
    std::string id = Active("observational", ethics_committee);
    auto r = pi->Post("/api/ethics/protocols/" + id + "/adverse-events", json::object{{"learned_on", today},
                                                                                      {"seriousness", "death"},
                                                                                      {"expected", false},
                                                                                      {"unapproved", false},
                                                                                      {"summary", ""}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto due = [&] {
        for (const auto& d : Items(pi->Get("/api/ethics/protocols/" + id), "deadlines"))
            if (d.at("kind") == "sae_report") return S(d.at("due_on"));
        return std::string();
    };
    EXPECT_EQ(due(), Day(3));
    auto edit = office->Request("PUT", "/api/ethics/rules/sae_guideline_serious",
                                json::serialize(json::object{{"amount", 5}, {"note", "規程を改正"}}));
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_EQ(due(), Day(5));
    // The PI's inbox follows: one open item, due on the new day.
    int open = 0;
    for (const auto& i : Inbox(*pi))
        if (i.at("kind") == "ethics.deadline" && i.at("state") == "open") {
            ++open;
            EXPECT_EQ(i.at("due_on"), Day(5).c_str());
        }
    EXPECT_EQ(open, 1);
    auto no_source = office->Request("PUT", "/api/ethics/rules/sae_guideline_serious", R"({"source_ja":" "})");
    EXPECT_EQ(no_source.status, 422);
    EXPECT_EQ(no_source.ErrorField(), "source_ja");
    EXPECT_EQ(office->Request("PUT", "/api/ethics/rules/no_such_rule", R"({"amount":1})").status, 404);
}

TEST_F(EthicsApi, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
    std::string id = S(Protocol("observational", ethics_committee).at("id"));
    struct Case {
        const char* method;
        std::string target, body;
        int status;
        const char* field;
    };
    const std::string p = "/api/ethics/protocols/" + id;
    const Case cases[] = {
        {"POST", "/api/ethics/protocols",
         R"({"project_id":")" + project + R"(","category":"herbal","committee_id":")" + ethics_committee + "\"}", 422,
         "category"},
        {"POST", "/api/ethics/protocols",
         R"({"project_id":")" + project + R"(","category":"observational","committee_id":"nope"})", 422,
         "committee_id"},
        {"POST", "/api/ethics/protocols", R"({"category":"observational"})", 422, "project_id"},
        {"PATCH", p, R"({"planned_start":"2027-05-01","planned_end":"2027-04-01"})", 422, "planned_end"},
        {"PATCH", p, R"({"planned_start":"2027-02-30"})", 422, "planned_start"},
        {"PATCH", p, R"({"target_enrolment":-1})", 422, "target_enrolment"},
        {"PATCH", p, R"({"target_enrolment":18446744073709551616})", 422, "target_enrolment"},
        {"PATCH", p, R"({"review_type":"quick"})", 422, "review_type"},
        {"PATCH", p, R"({"title_ja":"   "})", 422, "title_ja"},
        {"PATCH", p, R"({"investigator_ids":["nobody"]})", 422, "investigator_ids"},
        {"POST", p + "/status", R"({"status":"approved_by_magic"})", 422, "status"},
        {"POST", p + "/status", R"({"status":"submitted","on":"2999-01-01"})", 422, "on"},
        {"POST", p + "/adverse-events",
         R"({"learned_on":"2026-01-01","seriousness":"bad","expected":true,"unapproved":false})", 409, "status"},
        {"GET", "/api/ethics/deadlines?from=2026-02-01&to=2026-01-01", "", 422, "to"},
        {"GET", "/api/ethics/deadlines?from=2026-01-01&to=2029-01-01", "", 422, "to"},
        {"GET", "/api/ethics/deadlines?from=yesterday", "", 422, "from"},
        {"GET", "/api/ethics/protocols?status=lost", "", 422, "status"},
        {"POST", "/api/ethics/committees/" + ethics_committee + "/meetings",
         R"({"meets_on":")" + Day(30) + R"(","cutoff_on":")" + Day(31) + "\"}", 422, "cutoff_on"},
        {"POST", "/api/ethics/committees", R"({"name_ja":"x","kind":"secret"})", 422, "kind"},
        {"POST", "/api/ethics/committees", R"({"name_ja":"x","kind":"certified","approval_valid_months":0})", 422,
         "approval_valid_months"},
    };
    auto before = office->Get(p).json();
    for (const auto& c : cases) {
        auto r = office->Request(c.method, c.target, c.body);
        EXPECT_EQ(r.status, c.status) << c.method << " " << c.target << " " << c.body << " → " << r.body;
        EXPECT_EQ(r.ErrorField(), c.field) << c.method << " " << c.target << " " << c.body;
    }
    auto after = office->Get(p).json();
    EXPECT_EQ(json::serialize(before.at("planned_start")), json::serialize(after.at("planned_start")));
    EXPECT_EQ(after.at("status"), "preparing");
    EXPECT_EQ(after.at("target_enrolment"), 120);
    // An adverse event on an active study with a bad seriousness names the field.
    std::string active = Active("observational", ethics_committee);
    auto bad = pi->Post(
        "/api/ethics/protocols/" + active + "/adverse-events",
        json::object{{"learned_on", today}, {"seriousness", "bad"}, {"expected", true}, {"unapproved", false}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "seriousness");
    auto missing = pi->Post("/api/ethics/protocols/" + active + "/adverse-events",
                            json::object{{"learned_on", today}, {"seriousness", "serious"}, {"unapproved", false}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.ErrorField(), "expected");
}

}  // namespace
}  // namespace renkei::testing
