// Contracts over HTTP: the workflow and who may drive it, who may see what, terms validation,
// negotiation rounds, .docx drafts (converted with LibreOffice headless and read back),
// templates with merge field warnings, turnaround, reminders, the projects gate, and NDAs in
// force deciding who sees a company's confidential seeds. Runs on SQLite and PostgreSQL.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

namespace fs = std::filesystem;

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

class ContractsApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        university_ = Org("慶應義塾大学", "university");
        department_ = Org("循環器内科学教室", "department", university_);
        company_ = Org("JSR株式会社", "company");
        division_ = Org("研究開発部", "division", company_);
        other_company_ = Org("信濃町メディテック株式会社", "company");
        office_id_ = Person("office@test.example", {"office"}, "");
        clinician_id_ = Person("clinician@test.example", {"clinician"}, department_);
        outsider_id_ = Person("outsider@test.example", {"clinician"}, university_);
        company_id_ = Person("company@test.example", {"company_researcher"}, division_);
        other_company_id_ = Person("other@test.example", {"company_researcher"}, other_company_);
        office = Login("office@test.example");
        clinician = Login("clinician@test.example");
        outsider = Login("outsider@test.example");
        company = Login("company@test.example");
        other = Login("other@test.example");
        project_ = Project();
    }

    std::string Project() {
        auto r = clinician->Post("/api/projects", json::object{{"kind", "joint"},
                                                               {"title_ja", "心電図パッチによる心房細動の早期発見"},
                                                               {"title_en", "ECG patch"},
                                                               {"aims", "早期発見"},
                                                               {"pi_id", clinician_id_},
                                                               {"company_lead_id", company_id_}});
        EXPECT_EQ(r.status, 201) << r.body;
        return S(r.json().at("id"));
    }
    json::object NdaBody(const std::string& title = "心電図パッチに関する秘密保持契約") {
        return json::object{{"type", "nda"},
                            {"title", title},
                            {"project_id", project_},
                            {"parties", json::array{json::object{{"organisation_id", university_},
                                                                 {"signatory_name", "伊藤 公平"},
                                                                 {"signatory_title", "慶應義塾長"}},
                                                    json::object{{"organisation_id", company_},
                                                                 {"signatory_name", "川橋 信夫"},
                                                                 {"signatory_title", "代表取締役"}}}},
                            {"terms", json::object{{"purpose", "心電図パッチ & 解析ソフトの共同検討"},
                                                   {"confidentiality_years", 3},
                                                   {"starts_on", "2020-04-01"},
                                                   {"ends_on", "2099-03-31"}}}};
    }
    std::string Create(json::object body) {
        auto r = office->Post("/api/contracts", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? S(r.json().at("id")) : "";
    }
    HttpResponse Move(Client& c, const std::string& id, const std::string& to) {
        return c.Post("/api/contracts/" + id + "/transitions", json::object{{"to", to}});
    }
    // The office drives; approval through the approval chain (稟議): with no configuration its
    // one step is a second pair of eyes (here an admin).
    HttpResponse Approve(const std::string& id) {
        auto chain = office->Post("/api/contracts/" + id + "/approval", json::object{});
        if (chain.status != 201) return chain;
        return admin->Post("/api/approvals/steps/" + S(chain.json().at("steps").at(0).at("id")) + "/decision",
                           json::object{{"decision", "approve"}});
    }
    void MoveTo(const std::string& id, std::initializer_list<const char*> steps) {
        for (auto s : steps) {
            auto r = std::string(s) == "approved" ? Approve(id) : Move(*office, id, s);
            ASSERT_EQ(r.status, 200) << s << ": " << r.body;
        }
    }
    static bool Lists(const HttpResponse& r, const std::string& id) {
        auto body = r.json();
        for (auto& item : body.at("items").as_array())
            if (S(item.at("id")) == id) return true;
        return false;
    }

    std::string university_, department_, company_, division_, other_company_;
    std::string office_id_, clinician_id_, outsider_id_, company_id_, other_company_id_, project_;
    std::unique_ptr<Client> office, clinician, outsider, company, other;
};

TEST_F(ContractsApi, TheOfficeCreatesAndTheListShowsTypeStatusPartiesAndProject) {
    auto id = Create(NdaBody());
    auto list = office->Get("/api/contracts");
    ASSERT_EQ(list.status, 200);
    ASSERT_TRUE(Lists(list, id));
    auto item = list.json().at("items").as_array()[0].as_object();
    EXPECT_EQ(S(item.at("type")), "nda");
    EXPECT_EQ(S(item.at("status")), "draft");
    EXPECT_EQ(S(item.at("project_id")), project_);
    EXPECT_EQ(S(item.at("parties").as_array()[0].at("name_ja")), "慶應義塾大学");
    EXPECT_EQ(S(item.at("parties").as_array()[1].at("name_ja")), "JSR株式会社");
    EXPECT_EQ(S(item.at("parties").as_array()[1].at("role")), "company");
    // Filters, and search in Japanese.
    EXPECT_TRUE(Lists(office->Get("/api/contracts?type=nda&status=draft"), id));
    EXPECT_FALSE(Lists(office->Get("/api/contracts?type=mta"), id));
    EXPECT_TRUE(Lists(office->Get("/api/contracts?q=%E5%BF%83%E9%9B%BB%E5%9B%B3"), id));  // 心電図
    EXPECT_EQ(office->Get("/api/contracts?type=bogus").ErrorField(), "type");
    auto detail = office->Get("/api/contracts/" + id);
    EXPECT_EQ(S(detail.json().at("history").as_array()[0].at("to_status")), "draft");
}

// The list exports as CSV and .xlsx with the rows the caller sees in it, and no others.
TEST_F(ContractsApi, TheListExportsAsCsvAndXlsxWithTheCallersRows) {
    auto body = NdaBody();
    body["terms"].as_object()["amount_yen"] = 1200000;
    auto id = Create(body);
    auto csv = company->Get("/api/contracts/export.csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_NE(csv.headers["content-type"].find("text/csv"), std::string::npos);
    EXPECT_NE(csv.headers["content-disposition"].find("contracts.csv"), std::string::npos);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFID,種別,件名,当事者,プロジェクト,状況,", 0), 0u) << csv.body;
    EXPECT_NE(csv.body.find(id + ",秘密保持契約,心電図パッチに関する秘密保持契約,慶應義塾大学、JSR株式会社,"
                                 "心電図パッチによる心房細動の早期発見,"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find(",1200000,2020-04-01,2099-03-31,"), std::string::npos) << csv.body;
    auto hidden = other->Get("/api/contracts/export.csv");
    ASSERT_EQ(hidden.status, 200);
    EXPECT_EQ(hidden.body.find(id), std::string::npos) << "another company does not see it in the file either";
    EXPECT_EQ(hidden.body.find("心電図パッチ"), std::string::npos);
    EXPECT_EQ(office->Get("/api/contracts/export.csv?type=mta").body.find(id), std::string::npos) << "filters apply";
    EXPECT_NE(office->Get("/api/contracts/export.csv?lang=en").body.find("ID,Type,Title,Parties,Project,Status,"),
              std::string::npos);
    EXPECT_EQ(office->Get("/api/contracts/export.csv?type=bogus").ErrorField(), "type");

    auto xlsx = office->Get("/api/contracts/export.xlsx");
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip (Office Open XML)";
    auto strings = XlsxStrings(xlsx.body);
    EXPECT_NE(strings.find("契約一覧"), std::string::npos) << strings.substr(0, 500);
    EXPECT_NE(strings.find("心電図パッチに関する秘密保持契約"), std::string::npos);
    EXPECT_EQ(XlsxStrings(other->Get("/api/contracts/export.xlsx").body).find("心電図パッチ"), std::string::npos);
}

TEST_F(ContractsApi, BadInputNamesTheField) {
    auto body = NdaBody();
    body["type"] = "handshake";
    EXPECT_EQ(office->Post("/api/contracts", body).ErrorField(), "type");
    body = NdaBody();
    body["parties"] = json::array{json::object{{"organisation_id", university_}}};
    EXPECT_EQ(office->Post("/api/contracts", body).ErrorField(), "parties");
    body = NdaBody();
    body["terms"] = json::object{{"ip_share_university", 70}, {"ip_share_company", 40}};
    auto r = office->Post("/api/contracts", body);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.ErrorField(), "terms.ip_share_company");
    body = NdaBody();
    body["terms"] = json::object{{"starts_on", "2026-13-01"}};
    EXPECT_EQ(office->Post("/api/contracts", body).ErrorField(), "terms.starts_on");
    body = NdaBody();
    body["project_id"] = "aaaaaaaaaaaaaaaa";
    EXPECT_EQ(office->Post("/api/contracts", body).ErrorField(), "project_id");
    body = NdaBody();
    body.erase("title");
    EXPECT_EQ(office->Post("/api/contracts", body).ErrorField(), "title");
}

TEST_F(ContractsApi, WorkflowIsCheckedTimedAndOnlyTheOfficeDrivesIt) {
    auto body = NdaBody();
    body["terms"] = json::object{{"purpose", "x"}};
    auto id = Create(body);
    auto skip = Move(*office, id, "signed");
    EXPECT_EQ(skip.status, 409);
    EXPECT_EQ(skip.ErrorField(), "status");
    EXPECT_EQ(Move(*clinician, id, "internal_review").status, 403) << "a project member sees but does not drive";
    EXPECT_EQ(Move(*outsider, id, "internal_review").status, 404);
    EXPECT_EQ(company->Post("/api/contracts", NdaBody()).status, 403);
    MoveTo(id, {"internal_review", "draft", "internal_review", "negotiating"});
    // Approval only through the chain (稟議); four eyes: who prepared it does not approve it (and
    // is not offered the button).
    auto own = Move(*office, id, "approved");
    EXPECT_EQ(own.status, 409);
    EXPECT_EQ(own.ErrorField(), "status");
    auto chain = office->Post("/api/contracts/" + id + "/approval", json::object{});
    ASSERT_EQ(chain.status, 201) << chain.body;
    std::string step = S(chain.json().at("steps").at(0).at("id"));
    auto seen = office->Get("/api/contracts/" + id).json();
    EXPECT_FALSE(seen.at("approval").at("steps").at(0).at("may_act").as_bool());
    for (auto& s : seen.at("next_statuses").as_array()) EXPECT_NE(S(s), "approved");
    EXPECT_EQ(office->Post("/api/approvals/steps/" + step + "/decision", json::object{{"decision", "approve"}}).status,
              403);
    Client second(server->port());
    CreatePerson(*admin, "office2@test.example", {"office"});
    second.Login("office2@test.example", "password-123");
    EXPECT_TRUE(second.Get("/api/contracts/" + id).json().at("approval").at("steps").at(0).at("may_act").as_bool());
    ASSERT_EQ(second.Post("/api/approvals/steps/" + step + "/decision", json::object{{"decision", "approve"}}).status,
              200)
        << "another office member approves";
    // No term yet: signing names the missing field.
    auto unsigned_r = Move(*office, id, "signed");
    EXPECT_EQ(unsigned_r.status, 422);
    EXPECT_EQ(unsigned_r.ErrorField(), "terms.starts_on");
    ASSERT_EQ(office
                  ->Patch("/api/contracts/" + id, json::object{{"terms", json::object{{"purpose", "x"},
                                                                                      {"starts_on", "2026-04-01"},
                                                                                      {"ends_on", "2028-03-31"}}}})
                  .status,
              200);
    auto signed_r = office->Post("/api/contracts/" + id + "/transitions",
                                 json::object{{"to", "signed"}, {"signed_on", "2026-03-20"}});
    ASSERT_EQ(signed_r.status, 200) << signed_r.body;
    auto c = signed_r.json().as_object();
    EXPECT_EQ(S(c.at("status")), "signed");
    EXPECT_EQ(S(c.at("signed_on")), "2026-03-20");
    EXPECT_FALSE(c.at("approved_by").is_null());
    auto history = c.at("history").as_array();
    ASSERT_EQ(history.size(), 7u);
    EXPECT_EQ(S(history[6].at("from_status")), "approved");
    EXPECT_FALSE(S(history[6].at("at")).empty());
    // Signed: the terms are fixed.
    auto patch = office->Patch("/api/contracts/" + id, json::object{{"title", "changed"}});
    EXPECT_EQ(patch.status, 409);
    EXPECT_EQ(Move(*office, id, "negotiating").status, 409);
    MoveTo(id, {"terminated"});
    EXPECT_EQ(Move(*office, id, "active").status, 409);
    // Every change is in the audit log.
    auto audit = admin->Get("/api/audit?entity=contract&entity_id=" + id);
    ASSERT_EQ(audit.status, 200) << audit.body;
    EXPECT_GE(audit.body.find("transition") != std::string::npos, true);
}

TEST_F(ContractsApi, WhoMaySeeAContract) {
    auto id = Create(NdaBody());
    // Office, project members (the PI), and the company party's people see it.
    EXPECT_EQ(clinician->Get("/api/contracts/" + id).status, 200);
    EXPECT_EQ(company->Get("/api/contracts/" + id).status, 200) << "a member of the company party (via its division)";
    EXPECT_TRUE(Lists(company->Get("/api/contracts"), id));
    // Not a colleague elsewhere in the university, not another company.
    EXPECT_EQ(outsider->Get("/api/contracts/" + id).status, 404);
    EXPECT_FALSE(Lists(outsider->Get("/api/contracts"), id));
    EXPECT_EQ(other->Get("/api/contracts/" + id).status, 404);
    EXPECT_EQ(other->Post("/api/contracts/" + id + "/draft", json::object{}).status, 404);
    EXPECT_FALSE(Lists(other->Get("/api/contracts"), id));
    // A signatory named by person sees it too.
    auto body = NdaBody("別件");
    body["project_id"] = nullptr;
    body["parties"].as_array()[0].as_object()["signatory_person_id"] = outsider_id_;
    auto second = Create(body);
    EXPECT_EQ(outsider->Get("/api/contracts/" + second).status, 200);
    EXPECT_EQ(clinician->Get("/api/contracts/" + second).status, 404);
    // Only the office edits; others learn nothing more than they may.
    EXPECT_EQ(clinician->Patch("/api/contracts/" + id, json::object{{"title", "x"}}).status, 403);
    EXPECT_EQ(other->Patch("/api/contracts/" + id, json::object{{"title", "x"}}).status, 404);
    EXPECT_EQ(clinician->Get("/api/contracts/templates").status, 403);
    EXPECT_EQ(clinician->Get("/api/contracts/turnaround").status, 403);
    EXPECT_EQ(clinician->Post("/api/contracts/reminders", json::object{}).status, 403);
}

TEST_F(ContractsApi, NegotiationRoundsRecordWhoWaitsOnWhom) {
    auto id = Create(NdaBody());
    MoveTo(id, {"internal_review", "negotiating"});
    auto r = office->Post("/api/contracts/" + id + "/rounds",
                          json::object{{"sent_by", "us"},
                                       {"sent_on", "2026-05-01"},
                                       {"clauses", json::array{"第3条（秘密情報の範囲）", "第7条（有効期間）"}},
                                       {"summary", "秘密情報の範囲を限定"},
                                       {"waiting_on", "company"}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(S(r.json().at("waiting_on")), "company");
    r = office->Post("/api/contracts/" + id + "/rounds",
                     json::object{{"sent_by", "company"}, {"sent_on", "2026-05-09"}, {"waiting_on", "university"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto rounds = r.json().at("rounds").as_array();
    ASSERT_EQ(rounds.size(), 2u);
    EXPECT_EQ(rounds[1].at("round_no"), 2);
    EXPECT_EQ(S(rounds[0].at("clauses").as_array()[0]), "第3条（秘密情報の範囲）");
    EXPECT_EQ(S(r.json().at("waiting_on")), "university");
    EXPECT_EQ(office
                  ->Post("/api/contracts/" + id + "/rounds",
                         json::object{{"sent_by", "them"}, {"sent_on", "2026-05-09"}, {"waiting_on", "us"}})
                  .ErrorField(),
              "sent_by");
    EXPECT_EQ(clinician
                  ->Post("/api/contracts/" + id + "/rounds",
                         json::object{{"sent_by", "us"}, {"sent_on", "2026-05-09"}, {"waiting_on", "us"}})
                  .status,
              403);
}

std::string Soffice() {
    for (const char* p : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"})
        if (fs::exists(p)) return p;
    return "";
}

// Converts a .docx to text with LibreOffice headless; fails the test when soffice is missing.
std::string ConvertToText(const std::string& docx_bytes, const std::string& name) {
    auto soffice = Soffice();
    EXPECT_FALSE(soffice.empty()) << "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui";
    if (soffice.empty()) return "";
    auto dir = fs::temp_directory_path() / ("renkei-contracts-" + std::to_string(getpid()) + "-" + name);
    fs::create_directories(dir);
    auto in = dir / (name + ".docx");
    {
        std::ofstream f(in, std::ios::binary);
        f << docx_bytes;
    }
    // Its own profile directory, so parallel runs do not share a LibreOffice user installation.
    std::string cmd = soffice + " -env:UserInstallation=file://" + (dir / "profile").string() +
                      " --headless --convert-to txt:Text --outdir " + dir.string() + " " + in.string() + " > " +
                      (dir / "log").string() + " 2>&1";
    int rc = std::system(cmd.c_str());
    EXPECT_EQ(rc, 0) << cmd;
    std::ifstream out(dir / (name + ".txt"), std::ios::binary);
    std::stringstream ss;
    ss << out.rdbuf();
    std::string text = ss.str();
    fs::remove_all(dir);
    return text;
}

TEST_F(ContractsApi, TheDraftIsAWordDocumentThatLibreOfficeReadsWithTheSubstitutedJapaneseText) {
    auto id = Create(NdaBody());
    auto r = office->Post("/api/contracts/" + id + "/draft", json::object{});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_NE(r.headers["content-disposition"].find("attachment"), std::string::npos);
    ASSERT_GT(r.body.size(), 1000u);
    EXPECT_EQ(r.body.substr(0, 2), "PK");
    auto text = ConvertToText(r.body, "nda");
    EXPECT_NE(text.find("秘密保持契約書"), std::string::npos) << text;
    EXPECT_NE(text.find("慶應義塾大学（以下「甲」という。）とJSR株式会社（以下「乙」という。）"), std::string::npos)
        << text;
    EXPECT_NE(text.find("心電図パッチ & 解析ソフトの共同検討"), std::string::npos) << "escaped and read back: " << text;
    EXPECT_NE(text.find("3年間存続する"), std::string::npos) << text;
    EXPECT_NE(text.find("2020年4月1日から2099年3月31日まで"), std::string::npos) << text;
    EXPECT_NE(text.find("心電図パッチによる心房細動の早期発見"), std::string::npos) << "the project's title: " << text;
    EXPECT_NE(text.find("代表取締役　川橋 信夫"), std::string::npos) << text;
    EXPECT_EQ(text.find("{{"), std::string::npos) << text;
    // A project member may download it too.
    EXPECT_EQ(clinician->Post("/api/contracts/" + id + "/draft", json::object{}).status, 200);
}

// A .docx whose document has a merge field split over runs, one unknown merge field, a header.
std::string UploadedTemplate(Client& office) {
    auto builtin = office.Get("/api/contracts/templates/nda/file");
    EXPECT_EQ(builtin.status, 200);
    return builtin.body;
}

TEST_F(ContractsApi, TemplatesAreVersionedAndUploadsWarnAboutUnknownMergeFields) {
    auto list = office->Get("/api/contracts/templates");
    ASSERT_EQ(list.status, 200) << list.body;
    auto types = list.json().at("types").as_array();
    ASSERT_EQ(types.size(), 6u);
    EXPECT_EQ(types[0].at("current_version"), 0);
    EXPECT_TRUE(types[0].at("built_in").as_bool());
    EXPECT_FALSE(types[0].at("merge_fields").as_array().empty());
    // Not a Word document: refused, naming the field.
    auto bad = office->Request("POST", "/api/contracts/templates/nda?filename=x.docx", "hello",
                               {{"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "file");
    // Upload a new version: the built-in one with an unknown merge field added by an editor who
    // typed it in pieces (Word's split runs).
    std::string docx = UploadedTemplate(*office);
    // Unzip, edit, zip with python3 (any office suite would do this); keep it self-contained.
    auto dir = fs::temp_directory_path() / ("renkei-tpl-" + std::to_string(getpid()));
    fs::create_directories(dir);
    {
        std::ofstream f(dir / "in.docx", std::ios::binary);
        f << docx;
    }
    std::string script =
        "import zipfile,sys\n"
        "src=zipfile.ZipFile(sys.argv[1]);dst=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_DEFLATED)\n"
        "for i in src.infolist():\n"
        "  b=src.read(i.filename)\n"
        "  if i.filename=='word/document.xml':\n"
        "    "
        "b=b.replace(b'</"
        "w:body>',('<w:p><w:r><w:t>\xe7\xae\xa1\xe7\x90\x86\xe7\x95\xaa\xe5\x8f\xb7\xef\xbc\x9a{{contract_</w:t></"
        "w:r><w:r><w:rPr><w:b/></w:rPr><w:t>number}}</w:t></w:r></w:p>'"
        "+'<w:p><w:r><w:t>{{party_</w:t></w:r><w:r><w:t>b_name}}\xe3\x81\xa8\xe5\x8d\x94\xe8\xad\xb0</w:t></w:r></"
        "w:p></w:body>').encode('utf-8'))\n"
        "  dst.writestr(i,b)\n"
        "dst.close()\n";
    {
        std::ofstream f(dir / "edit.py");
        f << script;
    }
    std::string cmd =
        "python3 " + (dir / "edit.py").string() + " " + (dir / "in.docx").string() + " " + (dir / "out.docx").string();
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(dir / "out.docx", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    fs::remove_all(dir);
    auto up = office->Request(
        "POST", "/api/contracts/templates/nda?filename=%E7%A7%98%E5%AF%86%E4%BF%9D%E6%8C%81v2.docx&note=v2", ss.str(),
        {{"Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}});
    ASSERT_EQ(up.status, 201) << up.body;
    EXPECT_EQ(up.json().at("version"), 1);
    auto unknown = up.json().at("unknown_merge_fields").as_array();
    ASSERT_EQ(unknown.size(), 1u) << up.body;
    EXPECT_EQ(S(unknown[0]), "contract_number");
    EXPECT_EQ(clinician->Request("POST", "/api/contracts/templates/nda?filename=x.docx", ss.str()).status, 403);
    list = office->Get("/api/contracts/templates");
    EXPECT_EQ(list.json().at("types").as_array()[0].at("current_version"), 1);
    EXPECT_EQ(list.json().at("types").as_array()[0].at("versions").as_array().size(), 1u);
    // Drafts now use version 1: the split merge field is filled, the unknown one stays.
    auto id = Create(NdaBody());
    auto draft = office->Post("/api/contracts/" + id + "/draft", json::object{});
    ASSERT_EQ(draft.status, 200);
    auto text = ConvertToText(draft.body, "v2");
    EXPECT_NE(text.find("JSR株式会社と協議"), std::string::npos) << text;
    EXPECT_NE(text.find("{{contract_number}}"), std::string::npos) << text;
    // Old versions stay downloadable.
    EXPECT_EQ(office->Get("/api/contracts/templates/nda/file?version=1").status, 200);
    EXPECT_EQ(office->Get("/api/contracts/templates/nda/file?version=0").status, 200);
    EXPECT_EQ(office->Get("/api/contracts/templates/nda/file?version=9").status, 404);
    EXPECT_EQ(office->Get("/api/contracts/templates/nda/file?version=x").ErrorField(), "version");
}

TEST_F(ContractsApi, AnNdaInForceLetsItsPeopleSeeTheCompanysConfidentialSeedsForItsTerm) {
    auto seed =
        company->Post("/api/exchange/seeds", json::object{{"title", "極秘 Quokkagel 心電図電極ゲル"},
                                                          {"description", "Quokkagel unpublished electrode gel"},
                                                          {"confidential", true}});
    ASSERT_EQ(seed.status, 201) << seed.body;
    auto seed_id = S(seed.json().at("id"));
    auto visible = [&](Client& c) { return c.Get("/api/exchange/search?q=quokkagel").json().at("total").as_int64(); };
    EXPECT_EQ(visible(*clinician), 0);
    auto id = Create(NdaBody());
    MoveTo(id, {"internal_review", "negotiating", "approved"});
    EXPECT_EQ(visible(*clinician), 0) << "approved is not yet in force";
    MoveTo(id, {"signed"});
    EXPECT_EQ(visible(*clinician), 1) << "the project's PI is covered";
    EXPECT_EQ(clinician->Get("/api/exchange/seeds/" + seed_id).status, 200);
    EXPECT_EQ(visible(*outsider), 0) << "not covered";
    auto grants = office->Get("/api/exchange/grants?person_id=" + clinician_id_);
    EXPECT_NE(grants.body.find(company_), std::string::npos) << grants.body;
    auto detail = office->Get("/api/contracts/" + id);
    EXPECT_NE(detail.body.find(clinician_id_), std::string::npos) << "covered_effective lists the PI";
    MoveTo(id, {"active"});
    EXPECT_EQ(visible(*clinician), 1);
    MoveTo(id, {"terminated"});
    EXPECT_EQ(visible(*clinician), 0) << "terminated: access ends";
    EXPECT_EQ(clinician->Get("/api/exchange/seeds/" + seed_id).status, 404);

    // Named people instead of the project; an expired term covers nothing.
    auto body = NdaBody("期間満了の秘密保持契約");
    body["covered"] = json::array{outsider_id_};
    body["terms"].as_object()["starts_on"] = "2020-01-01";
    body["terms"].as_object()["ends_on"] = "2020-12-31";
    auto old = Create(body);
    MoveTo(old, {"internal_review", "negotiating", "approved", "signed"});
    EXPECT_EQ(visible(*outsider), 0) << "the term is over";
    auto run = office->Post("/api/contracts/reminders", json::object{});
    ASSERT_EQ(run.status, 200) << run.body;
    EXPECT_GE(run.json().at("expired").as_int64(), 1);
    EXPECT_EQ(S(office->Get("/api/contracts/" + old).json().at("status")), "expired");
    body = NdaBody("現在有効な秘密保持契約");
    body["covered"] = json::array{outsider_id_};
    auto current = Create(body);
    MoveTo(current, {"internal_review", "negotiating", "approved", "signed"});
    EXPECT_EQ(visible(*outsider), 1) << "named in the NDA";
    EXPECT_EQ(visible(*clinician), 0) << "only the named people";
}

TEST_F(ContractsApi, TheProjectGateAsksForASignedNdaFromThisModule) {
    auto gate_item = [&](const std::string& code) -> json::value {
        auto r = office->Get("/api/projects/" + project_ + "/gate");
        auto body = r.json();
        for (auto& i : body.at("items").as_array())
            if (S(i.at("code")) == code) return i;
        return nullptr;
    };
    // Whatever stage's gate lists nda_signed, the check is answered by the contracts module.
    auto id = Create(NdaBody());
    MoveTo(id, {"internal_review", "negotiating", "approved", "signed"});
    auto item = gate_item("nda_signed");
    if (!item.is_null()) {
        EXPECT_TRUE(item.at("satisfied").as_bool()) << json::serialize(item);
        EXPECT_EQ(S(item.at("how")), "module");
    }
    auto projects = office->Get("/api/contracts?project_id=" + project_);
    EXPECT_TRUE(Lists(projects, id));
}

TEST_F(ContractsApi, RemindersAreIdempotentAndTurnaroundHasMediansPerTypeAndStage) {
    auto id = Create(NdaBody());
    MoveTo(id, {"internal_review", "negotiating", "approved", "signed", "active"});
    auto t = office->Get("/api/contracts/turnaround");
    ASSERT_EQ(t.status, 200) << t.body;
    auto nda = t.json().at("types").as_array()[0].as_object();
    EXPECT_EQ(S(nda.at("type")), "nda");
    EXPECT_EQ(nda.at("contracts"), 1);
    EXPECT_EQ(nda.at("stages").at("negotiating").at("count"), 1);
    EXPECT_TRUE(nda.at("stages").at("negotiating").at("median_days").is_number());
    // Nothing is stale in a fresh database; running twice posts nothing twice.
    auto a = office->Post("/api/contracts/reminders", json::object{});
    auto b = office->Post("/api/contracts/reminders", json::object{});
    ASSERT_EQ(a.status, 200);
    EXPECT_EQ(b.json().at("activated"), 0);
    // The CLI does the same.
    auto cli = RunRenkei({"remind", "--db", db->url()});
    EXPECT_EQ(cli.exit_code, 0) << cli.output;
    EXPECT_NE(cli.output.find("contracts:"), std::string::npos) << cli.output;
}

TEST_F(ContractsApi, TheDemoCentreHoldsEveryTypeWithAHistoryAndTheOfficeGetsIdempotentReminders) {
    auto loaded = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
    Client nakamura(server->port());
    nakamura.Login("nakamura.yumi@renkei.example", "renkei-demo-2026");
    auto list = nakamura.Get("/api/contracts");
    ASSERT_EQ(list.status, 200);
    auto body = list.json();
    std::set<std::string> types;
    for (auto& c : body.at("items").as_array()) {
        types.insert(S(c.at("type")));
        EXPECT_GE(c.at("parties").as_array().size(), 2u);
        EXPECT_FALSE(S(c.at("parties").as_array()[0].at("name_ja")).empty());
    }
    EXPECT_EQ(types.size(), 6u) << "every contract type";
    // The turnaround table has a median for every type and every stage before signature.
    auto t = nakamura.Get("/api/contracts/turnaround").json();
    for (auto& row : t.at("types").as_array())
        for (const char* stage : {"draft", "internal_review", "negotiating", "approved", "signed"})
            EXPECT_TRUE(row.at("stages").at(stage).at("median_days").is_number()) << S(row.at("type")) << " " << stage;
    // Licences take longer to negotiate than NDAs.
    auto rows = t.at("types").as_array();
    EXPECT_GT(rows[5].at("stages").at("negotiating").at("median_days").to_number<double>(),
              rows[0].at("stages").at("negotiating").at("median_days").to_number<double>());
    // A clinician sees only the contracts of projects they are in.
    Client tanaka(server->port());
    tanaka.Login("tanaka.kenji@renkei.example", "renkei-demo-2026");
    auto mine = tanaka.Get("/api/contracts").json();
    EXPECT_GT(mine.at("items").as_array().size(), 0u);
    EXPECT_LT(mine.at("items").as_array().size(), body.at("items").as_array().size());
    // Reminders: contracts waiting too long and one nearing its end reach the office's inbox, once.
    auto run = nakamura.Post("/api/contracts/reminders", json::object{});
    ASSERT_EQ(run.status, 200) << run.body;
    EXPECT_GE(run.json().at("stale").as_int64(), 1);
    EXPECT_GE(run.json().at("expiring").as_int64(), 1);
    auto count = [&] {
        int n = 0;
        auto inbox = nakamura.Get("/api/inbox").json();
        for (auto& item : inbox.at("items").as_array())
            if (S(item.at("source")) == "contracts") ++n;
        return n;
    };
    int first = count();
    EXPECT_GE(first, 2);
    ASSERT_EQ(nakamura.Post("/api/contracts/reminders", json::object{}).status, 200);
    EXPECT_EQ(count(), first) << "idempotent";
    EXPECT_EQ(tanaka.Get("/api/inbox").body.find("contracts.stale"), std::string::npos)
        << "the office's, not a clinician's";
    // Moving a waiting contract on resolves its reminder.
    auto waiting =
        nakamura.Get("/api/contracts?waiting_long=true&status=internal_review").json().at("items").as_array();
    ASSERT_FALSE(waiting.empty());
    ASSERT_EQ(
        nakamura.Post("/api/contracts/" + S(waiting[0].at("id")) + "/transitions", json::object{{"to", "negotiating"}})
            .status,
        200);
    EXPECT_EQ(count(), first - 1);
}

// The states of the person's "sign this contract" inbox items for one contract, sorted.
std::vector<std::string> SignItems(Client& c, const std::string& contract_id) {
    std::vector<std::string> out;
    auto r = c.Get("/api/inbox?state=all");
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (auto& item : body.at("items").as_array())
        if (S(item.at("kind")) == "contracts.sign" && S(item.at("link")) == "/contracts/" + contract_id)
            out.push_back(S(item.at("state")));
    std::sort(out.begin(), out.end());
    return out;
}
int OpenCount(const std::vector<std::string>& states) {
    return static_cast<int>(std::count(states.begin(), states.end(), "open"));
}

TEST_F(ContractsApi, AnApprovedContractAsksEachSignatoryThroughTheInboxUntilItIsSigned) {
    auto body = NdaBody("署名依頼のテスト契約");
    body["parties"].as_array()[0].as_object()["signatory_person_id"] = clinician_id_;
    body["parties"].as_array()[1].as_object()["signatory_person_id"] = company_id_;
    auto id = Create(body);
    MoveTo(id, {"internal_review", "negotiating"});
    EXPECT_TRUE(SignItems(*clinician, id).empty()) << "nothing to sign before approval";
    MoveTo(id, {"approved"});
    // Each named signatory gets one open item that links to the contract, with the title and a due date.
    auto inbox = clinician->Get("/api/inbox").json();
    bool found = false;
    for (auto& item : inbox.at("items").as_array()) {
        if (S(item.at("kind")) != "contracts.sign") continue;
        found = true;
        EXPECT_EQ(S(item.at("link")), "/contracts/" + id);
        EXPECT_NE(S(item.at("title_ja")).find("署名依頼のテスト契約"), std::string::npos);
        EXPECT_NE(S(item.at("title_en")).find("Sign contract"), std::string::npos);
        EXPECT_NE(S(item.at("context_ja")).find("JSR株式会社"), std::string::npos);
        EXPECT_FALSE(item.at("due_on").is_null());
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(SignItems(*clinician, id), std::vector<std::string>{"open"});
    EXPECT_EQ(SignItems(*company, id), std::vector<std::string>{"open"});
    EXPECT_TRUE(SignItems(*outsider, id).empty()) << "not a signatory";
    EXPECT_TRUE(SignItems(*office, id).empty());
    // Moved back to negotiation: the requests are cancelled; approved again: asked again, once.
    MoveTo(id, {"negotiating"});
    EXPECT_EQ(SignItems(*clinician, id), (std::vector<std::string>{"cancelled"}));
    MoveTo(id, {"approved"});
    EXPECT_EQ(SignItems(*clinician, id), (std::vector<std::string>{"cancelled", "open"}));
    // A signatory replaced while awaiting signature: the old one's request is withdrawn, the new one asked.
    auto parties = body["parties"];
    parties.as_array()[1].as_object()["signatory_person_id"] = other_company_id_;
    auto patch = office->Patch("/api/contracts/" + id, json::object{{"parties", parties}});
    ASSERT_EQ(patch.status, 200) << patch.body;
    EXPECT_EQ(SignItems(*company, id), (std::vector<std::string>{"cancelled", "cancelled"}));
    EXPECT_EQ(OpenCount(SignItems(*other, id)), 1);
    EXPECT_EQ(OpenCount(SignItems(*clinician, id)), 1) << "unchanged signatory keeps one request";
    // Signed: done for everyone still asked.
    MoveTo(id, {"signed"});
    EXPECT_EQ(SignItems(*clinician, id), (std::vector<std::string>{"cancelled", "done"}));
    EXPECT_EQ(SignItems(*other, id), std::vector<std::string>{"done"});
    EXPECT_EQ(OpenCount(SignItems(*company, id)), 0);

    // Terminated while approved: cancelled. A signatory given only by name is not asked.
    auto second_body = NdaBody("署名依頼のテスト契約（解除）");
    second_body["parties"].as_array()[0].as_object()["signatory_person_id"] = clinician_id_;
    auto second = Create(second_body);
    MoveTo(second, {"internal_review", "negotiating", "approved"});
    EXPECT_EQ(SignItems(*clinician, second), std::vector<std::string>{"open"});
    EXPECT_TRUE(SignItems(*company, second).empty());
    MoveTo(second, {"terminated"});
    EXPECT_EQ(SignItems(*clinician, second), std::vector<std::string>{"cancelled"});

    // A deactivated account is not asked.
    auto third_body = NdaBody("署名依頼のテスト契約（無効化）");
    third_body["parties"].as_array()[1].as_object()["signatory_person_id"] = other_company_id_;
    auto third = Create(third_body);
    ASSERT_EQ(admin->Patch("/api/people/" + other_company_id_, json::object{{"active", false}}).status, 200);
    MoveTo(third, {"internal_review", "negotiating", "approved"});
    ASSERT_EQ(admin->Patch("/api/people/" + other_company_id_, json::object{{"active", true}}).status, 200);
    auto again = Login("other@test.example");
    EXPECT_TRUE(SignItems(*again, third).empty());
}

// The open inbox items linking to a contract, in the person's inbox (state "open" or "all").
json::array ItemsAbout(Client& c, const std::string& contract_id, const std::string& state = "open") {
    json::array out;
    auto r = c.Get("/api/inbox?state=" + state);
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (auto& item : body.at("items").as_array())
        if (S(item.at("link")) == "/contracts/" + contract_id) out.push_back(item);
    return out;
}

TEST_F(ContractsApi, RenamingAContractRenamesTheSignatoriesOpenRequests) {
    auto body = NdaBody("旧題の秘密保持契約");
    body["parties"].as_array()[0].as_object()["signatory_person_id"] = clinician_id_;
    auto id = Create(body);
    MoveTo(id, {"internal_review", "negotiating", "approved", "negotiating", "approved"});
    auto patch = office->Patch("/api/contracts/" + id, json::object{{"title", "新題の秘密保持契約"}});
    ASSERT_EQ(patch.status, 200) << patch.body;
    int open = 0, cancelled = 0;
    for (auto& item : ItemsAbout(*clinician, id, "all")) {
        std::string ja = S(item.at("title_ja")), en = S(item.at("title_en"));
        if (S(item.at("state")) == "open") {
            ++open;
            EXPECT_EQ(ja, "契約「新題の秘密保持契約」に署名してください");
            EXPECT_EQ(en, "Sign contract \u201c新題の秘密保持契約\u201d");
            EXPECT_NE(S(item.at("context_ja")).find("JSR株式会社"), std::string::npos) << "the context stays";
        } else {
            ++cancelled;
            EXPECT_NE(ja.find("旧題"), std::string::npos) << "a resolved item keeps its words";
        }
    }
    EXPECT_EQ(open, 1);
    EXPECT_EQ(cancelled, 1);
    // Other changes leave the wording alone; the rename is audited on the items.
    ASSERT_EQ(office->Patch("/api/contracts/" + id, json::object{{"notes", "メモ"}}).status, 200);
    auto still = ItemsAbout(*clinician, id);
    ASSERT_EQ(still.size(), 1u);
    EXPECT_EQ(S(still[0].at("title_ja")), "契約「新題の秘密保持契約」に署名してください");
    auto audit = admin->Get("/api/audit?entity=inbox_item&entity_id=contracts:sign:" + id + ":" + clinician_id_);
    ASSERT_EQ(audit.status, 200) << audit.body;
    bool reworded = false;
    auto entries = audit.json().at("items").as_array();
    for (auto& e : entries) reworded = reworded || S(e.at("action")) == "reword";
    EXPECT_TRUE(reworded) << audit.body;
}

TEST_F(ContractsApi, TheOfficesRemindersAboutARenamedContractSayItsNewTitle) {
    auto loaded = RunRenkei({"demo", "--db", db->url()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.output;
    Client nakamura(server->port());
    nakamura.Login("nakamura.yumi@renkei.example", "renkei-demo-2026");
    ASSERT_EQ(nakamura.Post("/api/contracts/reminders", json::object{}).status, 200);
    auto waiting =
        nakamura.Get("/api/contracts?waiting_long=true&status=internal_review").json().at("items").as_array();
    ASSERT_FALSE(waiting.empty());
    std::string id = S(waiting[0].at("id"));
    ASSERT_EQ(ItemsAbout(nakamura, id).size(), 1u);
    auto patch = nakamura.Patch("/api/contracts/" + id, json::object{{"title", "改題された共同研究契約"}});
    ASSERT_EQ(patch.status, 200) << patch.body;
    auto items = ItemsAbout(nakamura, id);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(S(items[0].at("kind")), "contracts.stale");
    EXPECT_NE(S(items[0].at("context_ja")).find("：改題された共同研究契約"), std::string::npos) << S(items[0]);
    EXPECT_NE(S(items[0].at("context_en")).find(": 改題された共同研究契約"), std::string::npos) << S(items[0]);
    EXPECT_NE(S(items[0].at("title_ja")).find("日経過"), std::string::npos) << "the reminder's own title stays";
    // Running the reminders again neither duplicates nor undoes it.
    ASSERT_EQ(nakamura.Post("/api/contracts/reminders", json::object{}).status, 200);
    items = ItemsAbout(nakamura, id);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_NE(S(items[0].at("context_ja")).find("改題された共同研究契約"), std::string::npos);
}

}  // namespace
}  // namespace renkei::testing
