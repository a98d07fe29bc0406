// The KPI module over HTTP (docs/kpi.md): a small centre built through the API — two needs, one
// introduced and accepted, an NDA covering the clinician, the project that came of it, an
// invention and a launched product — then the funnel's exact figures, its filters, the refusals
// naming their field, the series and the exports.
#include <chrono>
#include <cstdio>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

// The Tokyo date `days` from today.
std::string TokyoDateIn(int days) {
    using namespace std::chrono;
    auto t = system_clock::now() + hours(9) + hours(24 * days);
    year_month_day d{floor<std::chrono::days>(t)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

class KpiApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        hospital_ = Org("慶應義塾大学病院", "hospital");
        dept_ = Org("整形外科学教室", "department", hospital_);
        acme_ = Org("株式会社アクメ医療", "company");
        lab_ = Org("アクメ研究所", "division", acme_);
        beta_ = Org("ベータ株式会社", "company");
        pi_id_ = Person("pi@test.example", {"clinician"}, dept_);
        lead_id_ = Person("lead@test.example", {"company_researcher"}, lab_);
        Person("office@test.example", {"office"}, "");
        Person("committee@test.example", {"committee"}, "");
        pi = Login("pi@test.example");
        lead = Login("lead@test.example");
        office = Login("office@test.example");
        committee = Login("committee@test.example");
    }

    std::string Need(const std::string& title, const std::string& area) {
        auto r = pi->Post("/api/exchange/needs",
                          json::object{{"title", title}, {"problem", "術後の固定が難しい"}, {"area", area}});
        EXPECT_EQ(r.status, 201) << r.body;
        return S(r.json().at("id"));
    }

    // The chain, all today except the product's launch, three days on.
    void World() {
        need1_ = Need("骨折固定具の軽量化", "medical_device");
        need2_ = Need("再生軟骨の評価法", "stem_cell");
        auto intro =
            lead->Post("/api/exchange/introductions", json::object{{"item_type", "need"}, {"item_id", need1_}});
        ASSERT_EQ(intro.status, 201) << intro.body;
        std::string intro_id = S(intro.json().at("id"));
        ASSERT_EQ(pi->Post("/api/exchange/introductions/" + intro_id + "/accept", json::object{}).status, 200);

        auto nda = office->Post("/api/contracts",
                                json::object{{"type", "nda"},
                                             {"title", "固定具に関する秘密保持契約"},
                                             {"covered", json::array{pi_id_}},
                                             {"parties", json::array{json::object{{"organisation_id", hospital_}},
                                                                     json::object{{"organisation_id", acme_}}}},
                                             {"terms", json::object{{"purpose", "固定具の検討"},
                                                                    {"confidentiality_years", 3},
                                                                    {"starts_on", "2020-04-01"},
                                                                    {"ends_on", "2099-03-31"}}}});
        ASSERT_EQ(nda.status, 201) << nda.body;
        std::string nda_id = S(nda.json().at("id"));
        for (const char* to : {"internal_review", "negotiating", "approved", "signed"}) {
            if (std::string(to) == "approved") {  // the approval chain (稟議): an admin approves
                auto chain = office->Post("/api/contracts/" + nda_id + "/approval", json::object{});
                ASSERT_EQ(chain.status, 201) << chain.body;
                auto r = admin->Post("/api/approvals/steps/" +
                                         std::string(chain.json().at("steps").at(0).at("id").as_string()) + "/decision",
                                     json::object{{"decision", "approve"}});
                ASSERT_EQ(r.status, 200) << r.body;
                continue;
            }
            auto r = office->Post("/api/contracts/" + nda_id + "/transitions", json::object{{"to", to}});
            ASSERT_EQ(r.status, 200) << to << ": " << r.body;
        }

        auto p = pi->Post("/api/projects",
                          json::object{{"kind", "joint"},
                                       {"title_ja", "軽量骨折固定具"},
                                       {"pi_id", pi_id_},
                                       {"company_lead_id", lead_id_},
                                       {"introduction_id", intro_id},
                                       {"links", json::array{json::object{{"kind", "need"}, {"target_id", need1_}}}},
                                       {"organisations",
                                        json::array{json::object{{"organisation_id", acme_}, {"role", "partner"}}}}});
        ASSERT_EQ(p.status, 201) << p.body;
        project_ = S(p.json().at("id"));
        ASSERT_EQ(
            committee->Post("/api/projects/" + project_ + "/decision", json::object{{"decision", "approve"}}).status,
            200);
        auto jra = office->Post("/api/contracts",
                                json::object{{"type", "joint_research"},
                                             {"title", "共同研究契約"},
                                             {"project_id", project_},
                                             {"parties", json::array{json::object{{"organisation_id", hospital_}},
                                                                     json::object{{"organisation_id", acme_}}}},
                                             {"terms", json::object{{"ip_share_university", 50},
                                                                    {"ip_share_company", 50},
                                                                    {"publication_review_days", 30}}}});
        ASSERT_EQ(jra.status, 201) << jra.body;
        auto inv =
            pi->Post("/api/ip/inventions", json::object{{"project_id", project_}, {"title", "軽量固定具の構造"}});
        ASSERT_EQ(inv.status, 201) << inv.body;
        auto product =
            lead->Request("PUT", "/api/projects/" + project_ + "/product",
                          R"({"kind":"product","name_ja":"軽量固定具","launched_on":")" + TokyoDateIn(3) + R"("})");
        ASSERT_EQ(product.status, 200) << product.body;
    }

    std::string Range() const { return "from=" + TokyoDateIn(-1) + "&to=" + TokyoDateIn(10); }

    json::array Steps(Client& c, const std::string& extra = "") {
        auto r = c.Get("/api/kpi/funnel?" + Range() + extra);
        EXPECT_EQ(r.status, 200) << r.body;
        auto body = r.json();
        EXPECT_EQ(S(body.at("from")), TokyoDateIn(-1));
        EXPECT_EQ(S(body.at("to")), TokyoDateIn(10));
        json::array steps = body.at("steps").as_array();
        return steps;
    }
    static std::vector<long long> Counts(const json::array& steps) {
        std::vector<long long> out;
        for (const auto& s : steps) out.push_back(s.at("count").as_int64());
        return out;
    }

    std::string hospital_, dept_, acme_, lab_, beta_, pi_id_, lead_id_, need1_, need2_, project_;
    std::unique_ptr<Client> pi, lead, office, committee;
};

TEST_F(KpiApi, FunnelCountsConversionsAndMediansInOrder) {
    World();
    json::array steps = Steps(*office);
    ASSERT_EQ(steps.size(), 6u);
    struct Want {
        const char* name;
        long long count;
        const char* conversion;  // JSON text
        const char* median;
    } want[] = {{"need", 2, "null", "null"},  {"introduction", 1, "5E-1", "0E0"}, {"nda", 1, "1E0", "0E0"},
                {"project", 1, "1E0", "0E0"}, {"invention", 1, "1E0", "0E0"},     {"product", 1, "1E0", "3E0"}};
    for (size_t i = 0; i < 6; ++i) {
        const auto& s = steps[i].as_object();
        EXPECT_EQ(S(s.at("name")), want[i].name);
        EXPECT_EQ(s.at("count").as_int64(), want[i].count) << want[i].name;
        EXPECT_EQ(json::serialize(s.at("conversion")), want[i].conversion) << want[i].name;
        EXPECT_EQ(json::serialize(s.at("median_days")), want[i].median) << want[i].name;
    }
    // The committee and admins read it too; a range before everything counts nothing.
    EXPECT_EQ(Counts(Steps(*committee)), (std::vector<long long>{2, 1, 1, 1, 1, 1}));
    auto before = admin->Get("/api/kpi/funnel?from=2020-04-01&to=2021-03-31");
    ASSERT_EQ(before.status, 200) << before.body;
    json::array none = before.json().at("steps").as_array();
    EXPECT_EQ(Counts(none), (std::vector<long long>{0, 0, 0, 0, 0, 0}));
    EXPECT_TRUE(none[1].at("conversion").is_null());
    // Without dates: the current fiscal year.
    auto fy = office->Get("/api/kpi/funnel");
    ASSERT_EQ(fy.status, 200);
    EXPECT_EQ(S(fy.json().at("from")).substr(5), "04-01");
    EXPECT_EQ(S(fy.json().at("to")).substr(5), "03-31");
}

TEST_F(KpiApi, FiltersByAreaDepartmentAndCompany) {
    World();
    EXPECT_EQ(Counts(Steps(*office, "&area=stem_cell")), (std::vector<long long>{1, 0, 0, 0, 0, 0}));
    EXPECT_EQ(Counts(Steps(*office, "&area=medical_device")), (std::vector<long long>{1, 1, 1, 0, 0, 0}))
        << "the project has no strategic area";
    EXPECT_EQ(Counts(Steps(*office, "&company=" + acme_)), (std::vector<long long>{1, 1, 1, 1, 1, 1}));
    EXPECT_EQ(Counts(Steps(*office, "&company=" + beta_)), (std::vector<long long>{0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(Counts(Steps(*office, "&department=" + dept_)), (std::vector<long long>{2, 1, 1, 1, 1, 1}));
    EXPECT_EQ(Counts(Steps(*office, "&department=" + hospital_ + "&company=" + acme_)),
              (std::vector<long long>{1, 1, 1, 1, 1, 1}));
}

TEST_F(KpiApi, RefusalsNameTheirFieldAndOnlyTheOfficeCommitteeAndAdminsRead) {
    struct Case {
        std::string target, field;
    } cases[] = {{"/api/kpi/funnel?from=2026-13-01", "from"},
                 {"/api/kpi/funnel?to=2026-02-30", "to"},
                 {"/api/kpi/funnel?from=2026-05-01&to=2026-04-30", "from"},
                 {"/api/kpi/funnel?area=mars", "area"},
                 {"/api/kpi/funnel?department=nothing", "department"},
                 {"/api/kpi/funnel?company=" + hospital_, "company"},
                 {"/api/kpi/series?by=week", "by"},
                 {"/api/kpi/series?from=yesterday", "from"},
                 {"/api/kpi/export.csv?lang=fr", "lang"},
                 {"/api/kpi/export.xlsx?company=nothing", "company"}};
    for (const auto& c : cases) {
        auto r = office->Get(c.target);
        EXPECT_EQ(r.status, 422) << c.target;
        EXPECT_EQ(r.ErrorField(), c.field) << c.target;
    }
    for (const char* target : {"/api/kpi/funnel", "/api/kpi/series", "/api/kpi/export.xlsx"}) {
        EXPECT_EQ(pi->Get(target).status, 403) << target;
        EXPECT_EQ(lead->Get(target).status, 403) << target;
        Client anonymous(server->port());
        EXPECT_EQ(anonymous.Get(target).status, 401) << target;
    }
}

TEST_F(KpiApi, SeriesCountsByMonthAndFiscalYearWithTheOfficesWork) {
    World();
    auto r = office->Get("/api/kpi/series?" + Range() + "&by=month");
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    EXPECT_EQ(S(body.at("by")), "month");
    json::array points = body.at("points").as_array();
    ASSERT_GE(points.size(), 1u);
    long long needs = 0, intros = 0, started = 0, drafted = 0, minutes = 0, clinicians = 0, companies = 0;
    for (const auto& p : points) {
        needs += p.at("needs").as_int64();
        intros += p.at("introductions").as_int64();
        started += p.at("projects_started").as_int64();
        drafted += p.at("contracts_drafted").as_int64();
        minutes += p.at("minutes_saved").as_int64();
        clinicians += p.at("clinicians").as_int64();
        companies += p.at("companies").as_int64();
    }
    EXPECT_EQ(needs, 2);
    EXPECT_EQ(intros, 1);
    EXPECT_EQ(started, 1);
    EXPECT_EQ(drafted, 2) << "the NDA and the joint research agreement, both drafted by the office";
    EXPECT_EQ(minutes, 2 * body.at("minutes_per_action").at("contract_drafted").as_int64());
    EXPECT_GE(clinicians, 1);
    EXPECT_GE(companies, 1);
    auto fy = office->Get("/api/kpi/series?from=2025-04-01&to=2027-03-31&by=fiscal_year");
    ASSERT_EQ(fy.status, 200) << fy.body;
    json::array years = fy.json().at("points").as_array();
    ASSERT_EQ(years.size(), 2u);
    EXPECT_EQ(S(years[0].at("period")), "2025");
    EXPECT_EQ(S(years[1].at("period")), "2026");
}

TEST_F(KpiApi, ExportsHoldTheFunnelAndTheSeriesInJapaneseOrEnglish) {
    World();
    auto xlsx = committee->Get("/api/kpi/export.xlsx?" + Range());
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_NE(xlsx.headers["content-type"].find("spreadsheetml"), std::string::npos);
    auto strings = XlsxStrings(xlsx.body);
    for (const char* text : {"センターのKPI", "区分", "所要日数（中央値）", "ファネル", "臨床ニーズの登録",
                             "製品の上市", "推移", "臨床医の事務作業の削減（分・推定）"})
        EXPECT_NE(strings.find(text), std::string::npos) << text;
    auto csv = office->Get("/api/kpi/export.csv?lang=en&" + Range());
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("Section,Period,Item,Count,Conversion,Median days"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("Needs posted,2,,"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("Products launched,1,1.000,3.0"), std::string::npos) << csv.body;
}

}  // namespace
}  // namespace renkei::testing
