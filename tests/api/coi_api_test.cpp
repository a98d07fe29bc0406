// Conflict of interest over HTTP: yearly declarations (one-click "nothing to declare" from the
// inbox, last year's answers pre-filled), thresholds the office edits, cases opened when a
// project's members, companies or declarations change, the committee's decision, the gate
// requirement coi_cleared, and who may read a declaration — every read audited.
#include <set>
#include <string>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

class CoiApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        acme_id = Org("company", "株式会社アクメ医療", "Acme Medical", "");
        acme_lab_id = Org("division", "アクメ研究所", "Acme Laboratory", acme_id);
        acme_sub_id = Org("company", "アクメファーマ株式会社", "Acme Pharma", acme_id);
        other_id = Org("company", "別会社株式会社", "Other Co", "");
        clinician_id = CreatePerson(*admin, "pi@test.example", {"clinician"});
        clinician2_id = CreatePerson(*admin, "doc2@test.example", {"clinician"});
        researcher_id = CreatePerson(*admin, "member@test.example", {"researcher"});
        company_id = CreatePerson(*admin, "lead@test.example", {"company_researcher"});
        office_id = CreatePerson(*admin, "office@test.example", {"office"});
        coi_id = CreatePerson(*admin, "coi@test.example", {"coi_committee"});
        coi_doc_id = CreatePerson(*admin, "coidoc@test.example", {"coi_committee", "clinician"});
        committee_id = CreatePerson(*admin, "committee@test.example", {"committee"});
        outsider_id = CreatePerson(*admin, "outsider@test.example", {"clinician"});
        pi = Login("pi@test.example");
        doc2 = Login("doc2@test.example");
        member = Login("member@test.example");
        lead = Login("lead@test.example");
        office = Login("office@test.example");
        coi = Login("coi@test.example");
        coidoc = Login("coidoc@test.example");
        committee = Login("committee@test.example");
        outsider = Login("outsider@test.example");
        fy = static_cast<int>(pi->Get("/api/coi/declarations/mine").json().at("current_fiscal_year").as_int64());
    }
    std::string Org(const std::string& kind, const std::string& ja, const std::string& en, const std::string& parent,
                    const std::string& kana = "") {
        json::object body{{"kind", kind}, {"name_ja", ja}, {"name_en", en}, {"name_kana", kana}};
        if (!parent.empty()) body["parent_id"] = parent;
        auto r = admin->Post("/api/organisations", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(r.json().at("id").as_string());
    }
    // An active project: PI the clinician, the company lead, a researcher; partner Acme's lab.
    std::string Project(json::array organisations = {}) {
        if (organisations.empty())
            organisations.push_back(json::object{{"organisation_id", acme_lab_id}, {"role", "partner"}});
        auto r = lead->Post(
            "/api/projects",
            json::object{{"kind", "joint"},
                         {"title_ja", "利益相反の試験プロジェクト"},
                         {"title_en", "COI test project"},
                         {"pi_id", clinician_id},
                         {"company_lead_id", company_id},
                         {"members", json::array{json::object{{"person_id", researcher_id}, {"role", "researcher"}}}},
                         {"organisations", organisations}});
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id(r.json().at("id").as_string());
        auto d = committee->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}});
        EXPECT_EQ(d.status, 200) << d.body;
        return id;
    }
    static json::object Rel(const std::string& org, const std::string& category, long long yen) {
        return json::object{
            {"organisation_id", org}, {"category", category}, {"amount_yen", yen}, {"note", "顧問契約"}};
    }
    static json::object Named(const std::string& company, const std::string& category, long long yen) {
        return json::object{
            {"company_name", company}, {"category", category}, {"amount_yen", yen}, {"note", "顧問契約"}};
    }
    HttpResponse Declare(Client& c, json::array rels, int year = 0) {
        return c.Request("PUT", "/api/coi/declarations/mine",
                         json::serialize(json::object{{"fiscal_year", year ? year : fy}, {"relationships", rels}}));
    }
    HttpResponse Nothing(Client& c) {
        return c.Post("/api/coi/declarations/mine/nothing", json::object{{"fiscal_year", fy}});
    }
    json::array Inbox(Client& c) { return c.Get("/api/inbox").json().at("items").as_array(); }
    std::optional<json::value> FindKind(const json::array& items, const std::string& kind) {
        for (const auto& i : items)
            if (i.at("kind") == kind.c_str() && i.at("state") == "open") return i;
        return std::nullopt;
    }
    HttpResponse Click(Client& c, const json::value& item) {
        const auto& a = item.at("action");
        std::string body = a.at("body").is_null() ? "" : json::serialize(a.at("body"));
        return c.Request(std::string(a.at("method").as_string()), std::string(a.at("path").as_string()), body);
    }
    json::object Panel(Client& c, const std::string& project) {
        auto r = c.Get("/api/coi/projects/" + project);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json().as_object();
    }
    json::array Cases(Client& c, const std::string& status = "") {
        return c.Get("/api/coi/cases" + (status.empty() ? "" : "?status=" + status)).json().at("items").as_array();
    }
    // The one open case, which must be the PI's consulting fees from `organisation_id`'s group; its id.
    std::string OnlyOpenConsultingCase(const std::string& organisation_id) {
        auto open = Cases(*coi, "open");
        EXPECT_EQ(open.size(), 1u);
        if (open.size() != 1) return "";
        EXPECT_EQ(open[0].at("organisation").at("id"), organisation_id.c_str());
        EXPECT_EQ(open[0].at("person").at("id"), clinician_id.c_str());
        EXPECT_EQ(open[0].at("categories"), json::value(json::array{"consulting"}));
        EXPECT_EQ(open[0].as_object().count("findings"), 0u) << "amounts only on the audited case page";
        return std::string(open[0].at("id").as_string());
    }
    json::array Audit(const std::string& entity_id) {
        return admin->Get("/api/audit?shown=all&entity=coi_declaration&entity_id=" + entity_id + "&limit=200")
            .json()
            .at("items")
            .as_array();
    }
    int CountAction(const json::array& entries, const std::string& action) {
        int n = 0;
        for (const auto& e : entries)
            if (e.at("action") == action.c_str()) ++n;
        return n;
    }
    std::string acme_id, acme_lab_id, acme_sub_id, other_id;
    std::string clinician_id, clinician2_id, researcher_id, company_id, office_id, coi_id, coi_doc_id, committee_id,
        outsider_id;
    std::unique_ptr<Client> pi, doc2, member, lead, office, coi, coidoc, committee, outsider;
    int fy = 0;
};

TEST_F(CoiApi, NothingToDeclareIsOneClickFromTheInbox) {
    auto asked = office->Post("/api/coi/declaration-requests", json::object{{"fiscal_year", fy}});
    ASSERT_EQ(asked.status, 200) << asked.body;
    EXPECT_GE(asked.json().at("asked").as_int64(), 4);  // the clinicians and the researcher
    EXPECT_FALSE(FindKind(Inbox(*lead), "coi.declare").has_value()) << "company researchers declare to their company";
    EXPECT_EQ(pi->Post("/api/coi/declaration-requests", json::object{}).status, 403);

    auto item = FindKind(Inbox(*pi), "coi.declare");
    ASSERT_TRUE(item.has_value());
    EXPECT_EQ(item->at("action").at("label_ja"), "申告事項なし");
    auto filed = Click(*pi, *item);
    ASSERT_EQ(filed.status, 200) << filed.body;
    EXPECT_EQ(filed.json().at("nothing_to_declare"), true);
    EXPECT_EQ(filed.json().at("fiscal_year").as_int64(), fy);
    EXPECT_FALSE(FindKind(Inbox(*pi), "coi.declare").has_value()) << "the item is done";
    EXPECT_EQ(Click(*pi, *item).status, 200) << "a second click changes nothing";

    // Asking again does not bother those who have declared.
    office->Post("/api/coi/declaration-requests", json::object{{"fiscal_year", fy}});
    EXPECT_FALSE(FindKind(Inbox(*pi), "coi.declare").has_value());

    auto status = office->Get("/api/coi/declarations?fiscal_year=" + std::to_string(fy));
    ASSERT_EQ(status.status, 200);
    bool seen = false;
    auto status_json = status.json();
    for (const auto& row : status_json.at("people").as_array()) {
        if (row.at("person").at("id") != clinician_id.c_str()) continue;
        seen = true;
        EXPECT_FALSE(row.at("declaration").is_null());
        EXPECT_EQ(row.at("declaration").as_object().count("nothing_to_declare"), 0u) << "no contents in the list";
    }
    EXPECT_TRUE(seen);
    EXPECT_GE(status_json.at("filed").as_int64(), 1);
    EXPECT_EQ(pi->Get("/api/coi/declarations").status, 403);
    EXPECT_EQ(coi->Get("/api/coi/declarations").status, 200);
}

TEST_F(CoiApi, NothingToDeclareDoesNotWipeDeclaredRelationships) {
    ASSERT_EQ(Declare(*pi, json::array{Rel(other_id, "lecture", 100'000)}).status, 200);
    auto r = Nothing(*pi);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.ErrorField(), "relationships");
}

TEST_F(CoiApi, TheFormIsPrefilledWithLastYearsAnswers) {
    auto last = Declare(
        *pi,
        json::array{Rel(acme_id, "consulting", 300'000),
                    json::object{{"company_name", "東都製薬株式会社"}, {"category", "gift"}, {"amount_yen", 20'000}}},
        fy - 1);
    ASSERT_EQ(last.status, 200) << last.body;
    auto mine = pi->Get("/api/coi/declarations/mine?fiscal_year=" + std::to_string(fy));
    ASSERT_EQ(mine.status, 200) << mine.body;
    auto m = mine.json();
    EXPECT_TRUE(m.at("declaration").is_null());
    EXPECT_EQ(m.at("prefill_from").as_int64(), fy - 1);
    ASSERT_EQ(m.at("prefill").as_array().size(), 2u);
    EXPECT_EQ(m.at("prefill").at(0).at("organisation_id"), acme_id.c_str());
    EXPECT_EQ(m.at("prefill").at(0).at("organisation_name_ja"), "株式会社アクメ医療");
    EXPECT_EQ(m.at("prefill").at(1).at("company_name"), "東都製薬株式会社");
    EXPECT_EQ(m.at("thresholds").as_array().size(), 7u);
}

TEST_F(CoiApi, BadDeclarationsAreRefusedNamingTheField) {
    auto bad_category = Declare(*pi, json::array{Rel(acme_id, "bribes", 1)});
    EXPECT_EQ(bad_category.status, 422);
    EXPECT_EQ(bad_category.ErrorField(), "relationships");
    EXPECT_EQ(Declare(*pi, json::array{Rel(acme_id, "consulting", -5)}).ErrorField(), "relationships");
    EXPECT_EQ(Declare(*pi, json::array{Rel("no-such-org", "consulting", 5)}).ErrorField(), "relationships");
    EXPECT_EQ(Declare(*pi, json::array{json::object{{"category", "gift"}, {"amount_yen", 5}}}).ErrorField(),
              "relationships")
        << "a company is named";
    EXPECT_EQ(Declare(*pi, json::array{}).ErrorField(), "relationships") << "empty without nothing_to_declare";
    auto both = pi->Request("PUT", "/api/coi/declarations/mine",
                            json::serialize(json::object{{"fiscal_year", fy},
                                                         {"nothing_to_declare", true},
                                                         {"relationships", json::array{Rel(acme_id, "gift", 1)}}}));
    EXPECT_EQ(both.ErrorField(), "relationships");
    EXPECT_EQ(Declare(*pi, json::array{Rel(acme_id, "gift", 1)}, fy - 3).ErrorField(), "fiscal_year");
    auto amount_text = pi->Request(
        "PUT", "/api/coi/declarations/mine",
        json::serialize(json::object{
            {"fiscal_year", fy},
            {"relationships",
             json::array{json::object{{"organisation_id", acme_id}, {"category", "gift"}, {"amount_yen", "多い"}}}}}));
    EXPECT_EQ(amount_text.status, 422);
    EXPECT_EQ(pi->Request("PUT", "/api/coi/declarations/mine", "not json").status, 400);
}

TEST_F(CoiApi, ConsultingFeesAboveTheThresholdFromAPartnersGroupOpenACaseTheCommitteeDecides) {
    std::string project = Project();
    ASSERT_EQ(Nothing(*member).status, 200);
    // Paid by Acme itself; the project's partner is Acme's laboratory: the same group.
    auto filed =
        Declare(*pi, json::array{Rel(acme_id, "consulting", 1'200'000), Rel(other_id, "consulting", 5'000'000)});
    ASSERT_EQ(filed.status, 200) << filed.body;

    std::string id = OnlyOpenConsultingCase(acme_id);
    ASSERT_FALSE(id.empty());
    auto item = FindKind(Inbox(*coi), "coi.case");
    ASSERT_TRUE(item.has_value());
    EXPECT_EQ(item->at("link"), ("/coi/cases/" + id).c_str());
    EXPECT_TRUE(FindKind(Inbox(*coidoc), "coi.case").has_value());

    // The gate requirement is not met while the case is open.
    auto panel = Panel(*pi, project);
    EXPECT_EQ(panel.at("cleared"), false);
    EXPECT_EQ(panel.at("open_cases").as_int64(), 1);

    // Everything on one page.
    auto page = coi->Get("/api/coi/cases/" + id);
    ASSERT_EQ(page.status, 200) << page.body;
    auto c = page.json();
    EXPECT_EQ(c.at("project").at("id"), project.c_str());
    EXPECT_EQ(c.at("project").at("person_role"), "pi");
    ASSERT_EQ(c.at("relationships").as_array().size(), 1u) << "only the group's relationships";
    EXPECT_EQ(c.at("relationships").at(0).at("amount_yen").as_int64(), 1'200'000);
    const auto& finding = c.at("findings").at(0);
    EXPECT_EQ(finding.at("category"), "consulting");
    EXPECT_EQ(finding.at("total_yen").as_int64(), 1'200'000);
    EXPECT_EQ(finding.at("threshold_yen").as_int64(), 1'000'000);
    EXPECT_EQ(finding.at("crossed"), true);
    EXPECT_EQ(c.at("group").as_array().size(), 3u);  // Acme, its laboratory, its subsidiary
    EXPECT_EQ(c.at("may_decide"), true);

    // Who decides, and how.
    EXPECT_EQ(office->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "no_conflict"}}).status,
              403);
    EXPECT_EQ(pi->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "no_conflict"}}).status, 403);
    EXPECT_EQ(outsider->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "no_conflict"}}).status,
              404);
    auto no_measures = coi->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "manageable"}});
    EXPECT_EQ(no_measures.status, 422);
    EXPECT_EQ(no_measures.ErrorField(), "measures");
    EXPECT_EQ(coi->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "maybe"}}).ErrorField(),
              "decision");
    auto decided = coi->Post(
        "/api/coi/cases/" + id + "/decision",
        json::object{{"decision", "manageable"}, {"measures", "データ解析は第三者が行う。発表時に開示する。"}});
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(decided.json().at("status"), "decided");
    EXPECT_EQ(decided.json().at("decided_by").at("id"), coi_id.c_str());
    EXPECT_EQ(coi->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "no_conflict"}}).status, 409);
    EXPECT_FALSE(FindKind(Inbox(*coi), "coi.case").has_value());
    EXPECT_FALSE(FindKind(Inbox(*coidoc), "coi.case").has_value()) << "resolved for every committee member";
    auto told = pi->Get("/api/notifications").json();
    ASSERT_FALSE(told.at("items").as_array().empty()) << json::serialize(told);
    EXPECT_EQ(told.at("items").at(0).at("kind"), "coi_decided");
    EXPECT_EQ(told.at("items").at(0).at("link"), ("/coi/cases/" + id).c_str());

    // Shown on the project, and the requirement holds.
    panel = Panel(*member, project);
    EXPECT_EQ(panel.at("cleared"), true) << json::serialize(panel);
    ASSERT_EQ(panel.at("cases").as_array().size(), 1u);
    EXPECT_EQ(panel.at("cases").at(0).at("decision"), "manageable");
    EXPECT_EQ(panel.at("cases").at(0).at("measures"), "データ解析は第三者が行う。発表時に開示する。");
    EXPECT_EQ(panel.at("cases").at(0).as_object().count("findings"), 0u);
    EXPECT_EQ(outsider->Get("/api/coi/projects/" + project).status, 404);

    // The person sees their own case; others do not.
    EXPECT_EQ(Cases(*pi).size(), 1u);
    EXPECT_EQ(Cases(*doc2).size(), 0u);
    EXPECT_EQ(doc2->Get("/api/coi/cases/" + id).status, 404);
    EXPECT_EQ(pi->Get("/api/coi/cases/" + id).json().at("may_decide"), false);
}

// The cases list exports as CSV and .xlsx for the office and the COI committee only, without
// amounts; everyone else (who sees only their own cases in the list) gets 403.
TEST_F(CoiApi, TheCasesExportAsCsvAndXlsxForTheOfficeAndTheCommitteeOnly) {
    Project();
    ASSERT_EQ(Nothing(*member).status, 200);
    ASSERT_EQ(Declare(*pi, json::array{Rel(acme_id, "consulting", 1'234'567)}).status, 200);
    std::string id = OnlyOpenConsultingCase(acme_id);
    ASSERT_FALSE(id.empty());
    auto csv = coi->Get("/api/coi/cases/export.csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_NE(csv.headers["content-type"].find("text/csv"), std::string::npos);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFID,申告者,年度,プロジェクト,企業,該当した区分,状況,", 0), 0u) << csv.body;
    EXPECT_NE(csv.body.find(id + ","), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find(",利益相反の試験プロジェクト,株式会社アクメ医療,顧問料・コンサルティング料,審査中,"),
              std::string::npos)
        << csv.body;
    EXPECT_EQ(csv.body.find("1234567"), std::string::npos) << "amounts only on the audited case page";
    EXPECT_NE(
        office->Get("/api/coi/cases/export.csv?lang=en").body.find(",COI test project,Acme Medical,consulting,open,"),
        std::string::npos);
    EXPECT_EQ(office->Get("/api/coi/cases/export.csv?status=decided").body.find(id), std::string::npos);
    EXPECT_EQ(office->Get("/api/coi/cases/export.csv?status=maybe").ErrorField(), "status");
    for (auto* who : {pi.get(), committee.get(), outsider.get()}) {
        EXPECT_EQ(who->Get("/api/coi/cases/export.csv").status, 403);
        EXPECT_EQ(who->Get("/api/coi/cases/export.xlsx").status, 403);
    }
    EXPECT_EQ(admin->Get("/api/coi/cases/export.csv").status, 403);

    auto xlsx = office->Get("/api/coi/cases/export.xlsx");
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip (Office Open XML)";
    auto strings = XlsxStrings(xlsx.body);
    EXPECT_NE(strings.find("利益相反審査案件一覧"), std::string::npos) << strings.substr(0, 500);
    EXPECT_NE(strings.find("利益相反の試験プロジェクト"), std::string::npos);
}

TEST_F(CoiApi, AFreeTextCompanyNameOpensTheCaseTheRegisteredOrganisationWould) {
    std::string meditech = Org("company", "信濃町メディテック株式会社", "Shinanomachi Meditech Co., Ltd.", "",
                               "しなのまちめでぃてっく");  // the reading, stored in katakana
    std::string project = Project(json::array{json::object{{"organisation_id", meditech}, {"role", "partner"}}});
    ASSERT_EQ(Nothing(*member).status, 200);

    // The clinician types the company in half-width kana instead of choosing it.
    auto filed = Declare(*pi, json::array{Named("ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）", "consulting", 1'500'000)});
    ASSERT_EQ(filed.status, 200) << filed.body;
    auto row = filed.json().at("relationships").at(0);
    EXPECT_EQ(row.at("company_name"), "ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）") << "what the person typed is kept";
    EXPECT_TRUE(row.at("organisation_id").is_null());
    EXPECT_EQ(row.at("resolved_organisation").at("id"), meditech.c_str());
    EXPECT_EQ(row.at("resolved_organisation").at("name_ja"), "信濃町メディテック株式会社");

    std::string id = OnlyOpenConsultingCase(meditech);
    ASSERT_FALSE(id.empty());
    EXPECT_TRUE(FindKind(Inbox(*coi), "coi.case").has_value());
    EXPECT_EQ(Panel(*pi, project).at("cleared"), false);

    auto page = coi->Get("/api/coi/cases/" + id);
    ASSERT_EQ(page.status, 200) << page.body;
    auto c = page.json();
    ASSERT_EQ(c.at("relationships").as_array().size(), 1u);
    EXPECT_EQ(c.at("relationships").at(0).at("company_name"), "ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）");
    EXPECT_EQ(c.at("relationships").at(0).at("resolved_organisation").at("id"), meditech.c_str());
    EXPECT_EQ(c.at("findings").at(0).at("total_yen").as_int64(), 1'500'000);
    EXPECT_EQ(c.at("findings").at(0).at("crossed"), true);
    EXPECT_EQ(c.at("current").at(0).at("crossed"), true);

    // The declaration page shows the resolution on reading too.
    auto mine = pi->Get("/api/coi/declarations/mine");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.json().at("declaration").at("relationships").at(0).at("resolved_organisation").at("id"),
              meditech.c_str());

    // Choosing the registered organisation instead changes nothing: the same case, still open.
    ASSERT_EQ(Declare(*pi, json::array{Rel(meditech, "consulting", 1'500'000)}).status, 200);
    auto open = Cases(*coi, "open");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].at("id"), id.c_str());
    // And the other ways of writing the name are the same company too.
    for (const char* name : {"信濃町メディテック", "ｼﾅﾉﾏﾁﾒﾃﾞｨﾃｯｸ株式会社", "Shinanomachi Meditech Co., Ltd.",
                             "SHINANOMACHI MEDITECH K.K."}) {
        auto again = Declare(*pi, json::array{Named(name, "consulting", 1'500'000)});
        ASSERT_EQ(again.status, 200) << again.body;
        EXPECT_EQ(again.json().at("relationships").at(0).at("resolved_organisation").at("id"), meditech.c_str())
            << name;
        open = Cases(*coi, "open");
        ASSERT_EQ(open.size(), 1u) << name;
        EXPECT_EQ(open[0].at("id"), id.c_str()) << name;
    }
}

TEST_F(CoiApi, AFreeTextCompanyNameThatMatchesNoOrOneOfTwoOrganisationsOpensNoCase) {
    std::string meditech = Org("company", "信濃町メディテック株式会社", "Shinanomachi Meditech Co., Ltd.", "");
    std::string kk = Org("company", "アクメ株式会社", "Acme K.K.", "");
    Org("company", "アクメ合同会社", "Acme LLC", "");
    std::string project = Project(json::array{json::object{{"organisation_id", meditech}, {"role", "partner"}},
                                              json::object{{"organisation_id", kk}, {"role", "sponsor"}}});
    ASSERT_EQ(Nothing(*member).status, 200);
    // A name like the partner's but not the same (no fuzzy matching), and a name two registered
    // companies share once their legal forms are set aside (ambiguous: left unresolved).
    auto filed = Declare(*pi, json::array{Named("信濃町メディカル株式会社", "consulting", 1'500'000),
                                          Named("アクメ", "consulting", 1'500'000)});
    ASSERT_EQ(filed.status, 200) << filed.body;
    auto rows = filed.json().at("relationships").as_array();
    for (const auto& r : rows) EXPECT_TRUE(r.at("resolved_organisation").is_null()) << json::serialize(r);
    EXPECT_TRUE(Cases(*coi, "open").empty());
    EXPECT_EQ(Panel(*pi, project).at("open_cases").as_int64(), 0);
}

TEST_F(CoiApi, ACommitteeMemberDoesNotDecideTheirOwnCase) {
    std::string project = Project();
    auto patch = lead->Patch(
        "/api/projects/" + project,
        json::object{{"members", json::array{json::object{{"person_id", clinician_id}, {"role", "pi"}},
                                             json::object{{"person_id", company_id}, {"role", "company_lead"}},
                                             json::object{{"person_id", coi_doc_id}, {"role", "co_investigator"}}}}});
    ASSERT_EQ(patch.status, 200) << patch.body;
    ASSERT_EQ(Declare(*coidoc, json::array{Rel(acme_lab_id, "position", 0)}).status, 200);
    auto open = Cases(*coi, "open");
    ASSERT_EQ(open.size(), 1u);
    std::string id(open[0].at("id").as_string());
    EXPECT_FALSE(FindKind(Inbox(*coidoc), "coi.case").has_value()) << "not asked to review themselves";
    EXPECT_EQ(coidoc->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "no_conflict"}}).status,
              403);
    EXPECT_EQ(coidoc->Get("/api/coi/cases/" + id).json().at("may_decide"), false);
    EXPECT_EQ(coi->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "no_conflict"}}).status, 200);
}

TEST_F(CoiApi, ExactlyAtTheThresholdCrossesAndSmallPaymentsAddUp) {
    std::string project = Project();
    // Two lecture fees of 250,000 from two parts of the group: 500,000, exactly the threshold.
    ASSERT_EQ(
        Declare(*pi, json::array{Rel(acme_lab_id, "lecture", 250'000), Rel(acme_sub_id, "lecture", 250'000)}).status,
        200);
    auto open = Cases(*coi, "open");
    ASSERT_EQ(open.size(), 1u);
    std::string id(open[0].at("id").as_string());
    // One yen less: the case is withdrawn and leaves the committee's inbox.
    ASSERT_EQ(
        Declare(*pi, json::array{Rel(acme_lab_id, "lecture", 250'000), Rel(acme_sub_id, "lecture", 249'999)}).status,
        200);
    EXPECT_TRUE(Cases(*coi, "open").empty());
    auto withdrawn = Cases(*coi, "withdrawn");
    ASSERT_EQ(withdrawn.size(), 1u);
    EXPECT_EQ(withdrawn[0].at("id"), id.c_str());
    EXPECT_FALSE(FindKind(Inbox(*coi), "coi.case").has_value());
    // Back at the threshold: the same case opens again.
    ASSERT_EQ(Declare(*pi, json::array{Rel(acme_lab_id, "lecture", 500'000)}).status, 200);
    open = Cases(*coi, "open");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].at("id"), id.c_str());
    (void)project;
}

TEST_F(CoiApi, ADecidedCaseReopensWhenTheDeclarationChanges) {
    Project();
    ASSERT_EQ(Declare(*pi, json::array{Rel(acme_id, "consulting", 1'000'000)}).status, 200);
    std::string id(Cases(*coi, "open").at(0).at("id").as_string());
    ASSERT_EQ(coi->Post("/api/coi/cases/" + id + "/decision", json::object{{"decision", "no_conflict"}}).status, 200);
    // The same figures filed again leave the decision alone.
    ASSERT_EQ(Declare(*pi, json::array{Rel(acme_id, "consulting", 1'000'000)}).status, 200);
    EXPECT_TRUE(Cases(*coi, "open").empty());
    // More money: back to the committee.
    ASSERT_EQ(Declare(*pi, json::array{Rel(acme_id, "consulting", 3'000'000)}).status, 200);
    auto open = Cases(*coi, "open");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].at("id"), id.c_str());
    EXPECT_TRUE(open[0].at("decision").is_null());
    EXPECT_TRUE(FindKind(Inbox(*coi), "coi.case").has_value());
}

TEST_F(CoiApi, ANotAllowedDecisionLapsesWhenTheRelationshipEnds) {
    auto gate = office->Request(
        "PUT", "/api/project-gates/feasibility",
        json::serialize(json::object{{"approver", "pi"}, {"requirements", json::array{"coi_cleared"}}}));
    ASSERT_EQ(gate.status, 200) << gate.body;
    std::string project = Project();
    ASSERT_EQ(Nothing(*member).status, 200);
    ASSERT_EQ(Declare(*pi, json::array{Rel(acme_id, "position", 0)}).status, 200);
    std::string id(Cases(*coi, "open").at(0).at("id").as_string());
    ASSERT_EQ(coi->Post("/api/coi/cases/" + id + "/decision",
                        json::object{{"decision", "not_allowed"}, {"measures", "役職を辞すること"}})
                  .status,
              200);
    EXPECT_EQ(lead->Get("/api/projects/" + project + "/gate").json().at("passes"), false);
    // The PI resigns the position and files again: the decision no longer blocks the project.
    ASSERT_EQ(Declare(*pi, json::array{Rel(other_id, "lecture", 10'000)}).status, 200);
    auto withdrawn = Cases(*coi, "withdrawn");
    ASSERT_EQ(withdrawn.size(), 1u);
    EXPECT_EQ(withdrawn[0].at("decision"), "not_allowed") << "the record of the decision is kept";
    EXPECT_EQ(lead->Get("/api/projects/" + project + "/gate").json().at("passes"), true);
}

TEST_F(CoiApi, ChangingTheProjectsMembersOrCompaniesChecksAgain) {
    // Dr 2 holds Acme shares but is not on the project: no case.
    ASSERT_EQ(Declare(*doc2, json::array{Rel(acme_sub_id, "equity", 0)}).status, 200);
    std::string project = Project(json::array{json::object{{"organisation_id", other_id}, {"role", "sponsor"}}});
    EXPECT_TRUE(Cases(*coi, "open").empty());
    // Adding Acme's laboratory as a partner brings Acme's group in: still nobody on the project
    // holds anything in it.
    auto orgs = json::array{json::object{{"organisation_id", other_id}, {"role", "sponsor"}},
                            json::object{{"organisation_id", acme_lab_id}, {"role", "partner"}}};
    ASSERT_EQ(lead->Patch("/api/projects/" + project, json::object{{"organisations", orgs}}).status, 200);
    EXPECT_TRUE(Cases(*coi, "open").empty());
    // Dr 2 joins: equity crosses whatever the amount.
    auto members = json::array{json::object{{"person_id", clinician_id}, {"role", "pi"}},
                               json::object{{"person_id", company_id}, {"role", "company_lead"}},
                               json::object{{"person_id", clinician2_id}, {"role", "co_investigator"}}};
    ASSERT_EQ(lead->Patch("/api/projects/" + project, json::object{{"members", members}}).status, 200);
    auto open = Cases(*coi, "open");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].at("person").at("id"), clinician2_id.c_str());
    EXPECT_EQ(open[0].at("categories"), json::value(json::array{"equity"}));
    // Acme leaves the project: the case is withdrawn.
    ASSERT_EQ(lead->Patch("/api/projects/" + project,
                          json::object{{"organisations",
                                        json::array{json::object{{"organisation_id", other_id}, {"role", "sponsor"}}}}})
                  .status,
              200);
    EXPECT_TRUE(Cases(*coi, "open").empty());
    EXPECT_EQ(Cases(*coi, "withdrawn").size(), 1u);
}

TEST_F(CoiApi, MissingDeclarationsAndOpenCasesBlockTheGate) {
    // The office makes the next gate ask for coi_cleared.
    auto gate = office->Request(
        "PUT", "/api/project-gates/feasibility",
        json::serialize(json::object{{"approver", "pi"}, {"requirements", json::array{"pi_and_lead", "coi_cleared"}}}));
    ASSERT_EQ(gate.status, 200) << gate.body;
    std::string project = Project();
    EXPECT_FALSE(FindKind(Inbox(*pi), "coi.declare").has_value())
        << "nobody is asked before the office opens the round";
    ASSERT_EQ(office->Post("/api/coi/declaration-requests", json::object{{"fiscal_year", fy}}).status, 200);
    EXPECT_TRUE(FindKind(Inbox(*pi), "coi.declare").has_value());
    EXPECT_TRUE(FindKind(Inbox(*member), "coi.declare").has_value());
    // Once the round is open, whoever joins an active project is asked as they join.
    std::string late_id = CreatePerson(*admin, "late@test.example", {"office"});
    auto late = Login("late@test.example");
    auto with_late = json::array{json::object{{"person_id", clinician_id}, {"role", "pi"}},
                                 json::object{{"person_id", company_id}, {"role", "company_lead"}},
                                 json::object{{"person_id", researcher_id}, {"role", "researcher"}},
                                 json::object{{"person_id", late_id}, {"role", "coordinator"}}};
    ASSERT_EQ(lead->Patch("/api/projects/" + project, json::object{{"members", with_late}}).status, 200);
    EXPECT_TRUE(FindKind(Inbox(*late), "coi.declare").has_value());
    ASSERT_EQ(Nothing(*late).status, 200);

    auto next = lead->Get("/api/projects/" + project + "/gate").json();
    EXPECT_EQ(next.at("passes"), false);
    EXPECT_EQ(
        lead->Post("/api/projects/" + project + "/stage-requests", json::object{{"to_stage", "feasibility"}}).status,
        409);
    auto by_hand = office->Post("/api/projects/" + project + "/confirmations",
                                json::object{{"code", "coi_cleared"}, {"note", "x"}});
    EXPECT_EQ(by_hand.status, 422) << "the coi module answers it";

    auto panel = Panel(*pi, project);
    EXPECT_EQ(panel.at("missing_declarations").as_int64(), 2);  // the PI and the researcher, not the company lead
    ASSERT_EQ(Nothing(*pi).status, 200);
    ASSERT_EQ(Declare(*member, json::array{Rel(acme_id, "gift", 60'000)}).status, 200);
    // Declared, but the gift crosses: the case blocks the gate until decided.
    EXPECT_EQ(lead->Get("/api/projects/" + project + "/gate").json().at("passes"), false);
    std::string id(Cases(*coi, "open").at(0).at("id").as_string());
    ASSERT_EQ(coi->Post("/api/coi/cases/" + id + "/decision",
                        json::object{{"decision", "not_allowed"}, {"measures", "受領を辞退すること"}})
                  .status,
              200);
    EXPECT_EQ(lead->Get("/api/projects/" + project + "/gate").json().at("passes"), false)
        << "not allowed while still a member";
    // The researcher leaves the project: the gate opens.
    auto members = json::array{json::object{{"person_id", clinician_id}, {"role", "pi"}},
                               json::object{{"person_id", company_id}, {"role", "company_lead"}}};
    ASSERT_EQ(lead->Patch("/api/projects/" + project, json::object{{"members", members}}).status, 200);
    next = lead->Get("/api/projects/" + project + "/gate").json();
    EXPECT_EQ(next.at("passes"), true) << json::serialize(next);
}

TEST_F(CoiApi, ThresholdsAreConfigurationTheOfficeEditsAndChecksFollowThem) {
    auto list = pi->Get("/api/coi/thresholds");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.json().at("items").as_array().size(), 7u);
    EXPECT_EQ(list.json().at("items").at(0).at("category"), "consulting");
    EXPECT_EQ(list.json().at("items").at(0).at("amount_yen").as_int64(), 1'000'000);

    Project();
    ASSERT_EQ(Declare(*pi, json::array{Rel(acme_id, "consulting", 150'000)}).status, 200);
    EXPECT_TRUE(Cases(*coi, "open").empty());

    auto body = [](const std::string& rule, long long yen) {
        return json::serialize(
            json::object{{"thresholds",
                          json::array{json::object{{"category", "consulting"}, {"rule", rule}, {"amount_yen", yen}}}}});
    };
    EXPECT_EQ(pi->Request("PUT", "/api/coi/thresholds", body("amount", 100'000)).status, 403);
    EXPECT_EQ(coi->Request("PUT", "/api/coi/thresholds", body("amount", 100'000)).status, 403);
    EXPECT_EQ(office->Request("PUT", "/api/coi/thresholds", body("amount", 0)).ErrorField(), "thresholds");
    EXPECT_EQ(office->Request("PUT", "/api/coi/thresholds", body("sometimes", 10)).ErrorField(), "thresholds");
    auto changed = office->Request("PUT", "/api/coi/thresholds", body("amount", 100'000));
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json().at("items").at(0).at("amount_yen").as_int64(), 100'000);
    EXPECT_EQ(changed.json().at("items").at(2).at("rule"), "any") << "the other categories are kept";
    EXPECT_EQ(Cases(*coi, "open").size(), 1u) << "lowering the threshold opens the case at once";
    auto audit = admin->Get("/api/audit?entity=coi_thresholds").json().at("items").as_array();
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].at("actor").at("id"), office_id.c_str());
}

TEST_F(CoiApi, OnlyThePersonTheOfficeAndTheCoiCommitteeReadADeclarationAndEveryReadIsAudited) {
    auto filed = Declare(*pi, json::array{Rel(acme_id, "consulting", 1'234'567)});
    ASSERT_EQ(filed.status, 200);
    std::string id(filed.json().at("id").as_string());
    EXPECT_EQ(outsider->Get("/api/coi/declarations/" + id).status, 404);
    EXPECT_EQ(admin->Get("/api/coi/declarations/" + id).status, 404) << "not even an admin";
    EXPECT_EQ(committee->Get("/api/coi/declarations/" + id).status, 404)
        << "the steering committee is not the COI committee";
    EXPECT_EQ(Audit(id).size(), 1u) << "refused reads read nothing";  // the filing itself

    auto by_office = office->Get("/api/coi/declarations/" + id);
    ASSERT_EQ(by_office.status, 200);
    EXPECT_EQ(by_office.json().at("relationships").at(0).at("amount_yen").as_int64(), 1'234'567);
    EXPECT_EQ(coi->Get("/api/coi/declarations/" + id).status, 200);
    EXPECT_EQ(pi->Get("/api/coi/declarations/" + id).status, 200);
    EXPECT_EQ(pi->Get("/api/coi/declarations/mine").status, 200);

    auto entries = Audit(id);
    EXPECT_EQ(CountAction(entries, "read"), 4);
    EXPECT_EQ(CountAction(entries, "file"), 1);
    std::set<std::string> readers;
    for (const auto& e : entries)
        if (e.at("action") == "read") readers.insert(std::string(e.at("actor").at("id").as_string()));
    EXPECT_EQ(readers, (std::set<std::string>{office_id, coi_id, clinician_id}));
    // The audit log keeps no amounts or companies of a declaration (admins read the log).
    for (const auto& e : entries) {
        std::string text = json::serialize(e);
        EXPECT_EQ(text.find("1234567"), std::string::npos) << text;
        EXPECT_EQ(text.find(acme_id), std::string::npos) << text;
    }
    // Reading a case page is a read of the declaration too.
    Project();
    std::string case_id(Cases(*coi, "open").at(0).at("id").as_string());
    ASSERT_EQ(coi->Get("/api/coi/cases/" + case_id).status, 200);
    EXPECT_EQ(CountAction(Audit(id), "read"), 5);
    // The log shows reads apart from changes: by default the filing alone, the reads on request.
    auto changes = admin->Get("/api/audit?entity=coi_declaration&entity_id=" + id + "&limit=200");
    ASSERT_EQ(changes.status, 200) << changes.body;
    EXPECT_EQ(changes.json().at("items").as_array().size(), 1u) << "five page views are not five changes";
    EXPECT_EQ(CountAction(changes.json().at("items").as_array(), "file"), 1);
    auto reads = admin->Get("/api/audit?shown=reads&entity=coi_declaration&entity_id=" + id + "&limit=200");
    ASSERT_EQ(reads.status, 200) << reads.body;
    EXPECT_EQ(reads.json().at("items").as_array().size(), 5u);
    EXPECT_EQ(CountAction(reads.json().at("items").as_array(), "read"), 5);
    EXPECT_EQ(pi->Get("/api/coi/declarations/nope").status, 404);
    EXPECT_EQ(Client(server->port()).Get("/api/coi/declarations/" + id).status, 401);
    EXPECT_EQ(Client(server->port()).Get("/api/coi/declarations/mine").status, 401);
    EXPECT_EQ(Client(server->port()).Get("/api/coi/cases/x").status, 401);
    pi->ForgetCsrf();
    EXPECT_EQ(pi->Post("/api/coi/declarations/mine/nothing", json::object{}).status, 403)
        << "state changes need the CSRF token";
}

}  // namespace
}  // namespace renkei::testing
