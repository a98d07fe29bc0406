// Tiered disclosure over HTTP (issue 16, SPEC §3): a confidential need or seed shows its owner's
// teaser to everyone and its details only to its organisation, the office (needs) and people
// covered by an NDA in force; the hidden text ranks (search and suggestions find the item) but
// never reaches an unentitled viewer's JSON, not even as a reason or a highlight. "詳細を見る (NDA を
// 依頼)" opens a draft NDA in the contracts module; once it is in force the requester sees the
// details and has an inbox item saying so. Runs on SQLite and PostgreSQL.
#include <algorithm>
#include <cctype>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The hidden words: in the title and the text of the confidential need, never in its teaser.
constexpr const char* kHiddenTitleWord = "quokkatitle";
constexpr const char* kHiddenWord = "quokkamab";

class ExchangeDisclosureApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        university_ = Org("慶應義塾大学", "university");
        department_ = Org("循環器内科学教室", "department", university_);
        other_department_ = Org("皮膚科学教室", "department", university_);
        company_a_ = Org("JSR株式会社", "company");
        division_a_ = Org("研究開発部", "division", company_a_);
        company_b_ = Org("信濃町メディテック株式会社", "company");
        clinician_id_ = Person("clinician@test.example", {"clinician"}, department_);
        colleague_id_ = Person("colleague@test.example", {"clinician"}, other_department_);
        researcher_a_id_ = Person("researcher.a@test.example", {"company_researcher"}, division_a_);
        researcher_b_id_ = Person("researcher.b@test.example", {"company_researcher"}, company_b_);
        Person("office@test.example", {"office"}, "");
        clinician = Login("clinician@test.example");
        colleague = Login("colleague@test.example");
        researcher_a = Login("researcher.a@test.example");
        researcher_b = Login("researcher.b@test.example");
        office = Login("office@test.example");
    }

    static json::object Teaser() {
        return json::object{
            {"title_ja", "心臓カテーテル治療後の合併症を減らしたい"},
            {"title_en", "Fewer complications after cardiac catheterisation"},
            {"body", "循環器内科の臨床で困っている課題です。医療機器メーカーとの共同開発を希望します。"},
            {"area", "medical_device"},
            {"kind", "治療"}};
    }

    // The clinician's confidential need: the hidden words in its title and problem.
    std::string PostConfidentialNeed(bool with_teaser = true) {
        json::object body{
            {"title", std::string("Quokkatitle 穿刺部の止血デバイス")},
            {"problem", std::string("穿刺部の止血に時間がかかる。未発表の quokkamab 抗体を使った止血材を考えている。")},
            {"desired_outcome", "止血時間を半分にしたい"},
            {"area", "medical_device"},
            {"confidential", true}};
        if (with_teaser) body["teaser"] = Teaser();
        auto r = clinician->Post("/api/exchange/needs", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? S(r.json().at("id")) : "";
    }

    static void ExpectNoHiddenWord(const HttpResponse& r, const std::string& where) {
        auto body = Lower(r.body);
        EXPECT_EQ(body.find(kHiddenWord), std::string::npos) << where << ": " << r.body;
        EXPECT_EQ(body.find(kHiddenTitleWord), std::string::npos) << where << ": " << r.body;
        EXPECT_EQ(body.find("穿刺部"), std::string::npos) << where << ": " << r.body;
    }

    static bool Lists(const json::value& items, const std::string& id) {
        for (const auto& e : items.as_array())
            if (S(e.at("id")) == id) return true;
        return false;
    }

    std::string university_, department_, other_department_, company_a_, division_a_, company_b_;
    std::string clinician_id_, colleague_id_, researcher_a_id_, researcher_b_id_;
    std::unique_ptr<Client> clinician, colleague, researcher_a, researcher_b, office;
};

TEST_F(ExchangeDisclosureApi, OutsidersGetTheTeaserTheOrganisationAndTheOfficeTheDetails) {
    auto need = PostConfidentialNeed();
    auto teaser = researcher_a->Get("/api/exchange/needs/" + need);
    ASSERT_EQ(teaser.status, 200) << teaser.body;
    ExpectNoHiddenWord(teaser, "the need page");
    auto t = teaser.json().as_object();
    EXPECT_EQ(S(t.at("disclosure")), "teaser");
    EXPECT_EQ(S(t.at("teaser").at("title_ja")), "心臓カテーテル治療後の合併症を減らしたい");
    EXPECT_EQ(S(t.at("teaser").at("title_en")), "Fewer complications after cardiac catheterisation");
    for (const char* hidden : {"problem", "desired_outcome", "current_practice", "patients", "tags", "author"})
        EXPECT_FALSE(t.contains(hidden)) << hidden << " in " << teaser.body;
    EXPECT_EQ(teaser.body.find(clinician_id_), std::string::npos) << "not even who wrote it";
    EXPECT_TRUE(t.at("disclosure_request").is_null());

    for (auto* who : {colleague.get(), office.get(), clinician.get()}) {
        auto full = who->Get("/api/exchange/needs/" + need);
        ASSERT_EQ(full.status, 200) << full.body;
        EXPECT_EQ(S(full.json().at("disclosure")), "full");
        EXPECT_NE(full.body.find(kHiddenWord), std::string::npos) << full.body;
    }
    // Only the owner side changes it.
    EXPECT_EQ(researcher_a->Patch("/api/exchange/needs/" + need, json::object{{"confidential", false}}).status, 403);
}

// Search (the list endpoints too) and every suggestion engine rank on the full text: the hidden
// word finds the item, and nothing of the hidden text is in what the outsider receives.
TEST_F(ExchangeDisclosureApi, HiddenWordsRankButNeverReachAnUnentitledViewer) {
    auto need = PostConfidentialNeed();
    for (const std::string target : {"/api/exchange/search?q=quokkamab", "/api/exchange/search?q=Quokkatitle",
                                     "/api/exchange/needs?q=quokkamab", "/api/exchange/search?q=quokkamab&lang=en"}) {
        auto r = researcher_a->Get(target);
        ASSERT_EQ(r.status, 200) << r.body;
        ASSERT_TRUE(Lists(r.json().at("items"), need)) << target << " finds it by its hidden text: " << r.body;
        ExpectNoHiddenWord(r, target);
        auto items = r.json().at("items").as_array();
        EXPECT_EQ(S(items.at(0).at("item").at("disclosure")), "teaser");
    }
    // The organisation sees the hit with its highlighted hidden word.
    auto own = colleague->Get("/api/exchange/search?q=quokkamab");
    ASSERT_TRUE(Lists(own.json().at("items"), need)) << own.body;
    EXPECT_NE(Lower(own.body).find(kHiddenWord), std::string::npos) << own.body;

    // Suggestions: a seed that shares the hidden word is offered the need, explained only by what
    // its teaser says.
    auto seed = researcher_a->Post("/api/exchange/seeds", json::object{{"kind", "material"},
                                                                       {"title", "quokkamab 抗体の止血材"},
                                                                       {"description", "quokkamab を用いた止血材料。"},
                                                                       {"area", "medical_device"}});
    ASSERT_EQ(seed.status, 201) << seed.body;
    auto seed_id = S(seed.json().at("id"));
    auto suggested = researcher_a->Get("/api/exchange/seeds/" + seed_id + "/suggestions?lang=ja");
    ASSERT_EQ(suggested.status, 200) << suggested.body;
    ASSERT_TRUE(Lists(suggested.json().at("needs"), need)) << "ranked on the full text: " << suggested.body;
    ExpectNoHiddenWord(suggested, "seed suggestions");
    auto home = researcher_a->Get("/api/exchange/suggestions?lang=en");
    ASSERT_EQ(home.status, 200) << home.body;
    ExpectNoHiddenWord(home, "home suggestions");
    EXPECT_TRUE(Lists(home.json().at("needs"), need)) << home.body;
    // The colleague's (entitled) suggestions for the same seed say why: the hidden word.
    auto entitled = colleague->Get("/api/exchange/seeds/" + seed_id + "/suggestions?lang=ja");
    ASSERT_TRUE(Lists(entitled.json().at("needs"), need)) << entitled.body;
    EXPECT_NE(Lower(entitled.body).find(kHiddenWord), std::string::npos) << entitled.body;

    // "I'm interested" on the teaser: the introduction names the teaser, not the hidden title.
    auto intro = researcher_a->Post("/api/exchange/introductions",
                                    json::object{{"item_type", "need"}, {"item_id", need}, {"message", "ぜひ"}});
    ASSERT_EQ(intro.status, 201) << intro.body;
    ExpectNoHiddenWord(intro, "the introduction");
    ExpectNoHiddenWord(researcher_a->Get("/api/exchange/introductions"), "the introductions list");
}

TEST_F(ExchangeDisclosureApi, AConfidentialItemWithoutATeaserStaysHiddenAndTeasersAreChecked) {
    auto need = PostConfidentialNeed(false);
    EXPECT_EQ(researcher_a->Get("/api/exchange/needs/" + need).status, 404);
    auto found = researcher_a->Get("/api/exchange/search?q=quokkamab");
    EXPECT_EQ(found.json().at("total").as_int64(), 0) << found.body;
    ExpectNoHiddenWord(found, "search");
    EXPECT_EQ(researcher_a->Post("/api/exchange/needs/" + need + "/disclosure-request", json::object{}).status, 404);
    EXPECT_EQ(colleague->Get("/api/exchange/needs/" + need).status, 200) << "the organisation sees it";

    struct Bad {
        json::object teaser;
        const char* field;
    };
    const Bad bad[] = {
        {json::object{{"body", "説明だけ"}}, "teaser.title_ja"},
        {json::object{{"title_ja", "題"}, {"area", "astrology"}}, "teaser.area"},
        {json::object{{"title_ja", "題"}, {"body", "一段落目。\n\n二段落目。"}}, "teaser.body"},
        {json::object{{"title_ja", std::string(121 * 3, 'a')}}, "teaser.title_ja"},
        {json::object{{"title_ja", "題"}, {"kind", std::string(41, 'k')}}, "teaser.kind"},
    };
    for (const auto& b : bad) {
        auto r = clinician->Patch("/api/exchange/needs/" + need, json::object{{"teaser", b.teaser}});
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.ErrorField(), b.field) << r.body;
    }
    EXPECT_EQ(clinician->Patch("/api/exchange/needs/" + need, json::object{{"teaser", "x"}}).ErrorField(), "teaser");
    // The teaser written, the need shows as a teaser; removed (null), hidden again.
    ASSERT_EQ(clinician->Patch("/api/exchange/needs/" + need, json::object{{"teaser", Teaser()}}).status, 200);
    EXPECT_EQ(researcher_a->Get("/api/exchange/needs/" + need).status, 200);
    ASSERT_EQ(clinician->Patch("/api/exchange/needs/" + need, json::object{{"teaser", nullptr}}).status, 200);
    EXPECT_EQ(researcher_a->Get("/api/exchange/needs/" + need).status, 404);
    // A company's confidential seed with a teaser: the other company sees the teaser.
    auto seed = researcher_a->Post("/api/exchange/seeds", json::object{{"kind", "material"},
                                                                       {"title", "Quokkatitle gel"},
                                                                       {"description", "quokkamab hydrogel"},
                                                                       {"confidential", true},
                                                                       {"teaser", Teaser()}});
    ASSERT_EQ(seed.status, 201) << seed.body;
    auto seen = researcher_b->Get("/api/exchange/seeds/" + S(seed.json().at("id")));
    ASSERT_EQ(seen.status, 200) << seen.body;
    ExpectNoHiddenWord(seen, "the seed page");
    EXPECT_EQ(S(seen.json().at("disclosure")), "teaser");
}

TEST_F(ExchangeDisclosureApi, AskingForTheDetailsOpensAnNdaAndTheDetailsAppearOnceItIsInForce) {
    auto need = PostConfidentialNeed();
    // Another clinician's confidential need at the same university: the NDA asked for from the
    // first need does not open it.
    json::object other_body{{"title", "褥瘡の早期発見 secretsore"},
                            {"problem", "夜間の体位変換の記録が残らない。secretsore の試作を考えている。"},
                            {"area", "medical_device"},
                            {"confidential", true},
                            {"teaser", Teaser()}};
    auto other = colleague->Post("/api/exchange/needs", other_body);
    ASSERT_EQ(other.status, 201) << other.body;
    std::string other_need = S(other.json().at("id"));
    auto ask = researcher_a->Post("/api/exchange/needs/" + need + "/disclosure-request", json::object{});
    ASSERT_EQ(ask.status, 201) << ask.body;
    auto contract = S(ask.json().at("contract_id"));
    EXPECT_EQ(S(ask.json().at("link")), "/contracts/" + contract);
    ExpectNoHiddenWord(ask, "the request");

    // Asked twice: 409 with the way to the first request.
    auto again = researcher_a->Post("/api/exchange/needs/" + need + "/disclosure-request", json::object{});
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(S(again.json().at("contract_id")), contract) << again.body;
    EXPECT_EQ(S(again.json().at("link")), "/contracts/" + contract) << again.body;
    // Refusals: the details already open, an unknown item, no session.
    EXPECT_EQ(colleague->Post("/api/exchange/needs/" + need + "/disclosure-request", json::object{}).ErrorField(),
              "item_id");
    EXPECT_EQ(researcher_b->Post("/api/exchange/needs/nope/disclosure-request", json::object{}).status, 404);
    EXPECT_EQ(researcher_b->Post("/api/exchange/seeds/" + need + "/disclosure-request", json::object{}).status, 404);
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.Post("/api/exchange/needs/" + need + "/disclosure-request", json::object{}).status, 401);

    // The teaser shows the request; the office's queue holds a draft NDA between the two
    // organisations covering the requester, with nothing of the hidden text.
    auto teaser = researcher_a->Get("/api/exchange/needs/" + need);
    EXPECT_EQ(S(teaser.json().at("disclosure_request").at("contract_id")), contract) << teaser.body;
    auto queue = office->Get("/api/contracts?status=draft&type=nda");
    ASSERT_EQ(queue.status, 200) << queue.body;
    EXPECT_TRUE(Lists(queue.json().at("items"), contract)) << queue.body;
    auto detail = office->Get("/api/contracts/" + contract);
    ASSERT_EQ(detail.status, 200) << detail.body;
    ExpectNoHiddenWord(detail, "the NDA");
    EXPECT_NE(detail.body.find(company_a_), std::string::npos) << detail.body;
    EXPECT_NE(detail.body.find(university_), std::string::npos) << detail.body;
    EXPECT_NE(detail.body.find(researcher_a_id_), std::string::npos) << "covers the requester: " << detail.body;
    EXPECT_EQ(researcher_a->Get("/api/contracts/" + contract).status, 200) << "the requester follows it";

    // The office carries it through; until it is in force, the teaser only.
    ASSERT_EQ(office
                  ->Patch("/api/contracts/" + contract,
                          json::object{{"terms", json::object{{"starts_on", "2020-04-01"}, {"ends_on", "2099-03-31"}}}})
                  .status,
              200);
    for (const char* to : {"internal_review", "negotiating"}) {
        auto r = office->Post("/api/contracts/" + contract + "/transitions", json::object{{"to", to}});
        ASSERT_EQ(r.status, 200) << to << ": " << r.body;
    }
    // Approved through its approval chain (稟議): with no rules configured, one office member other
    // than whoever prepared it (the requester here).
    auto chain = office->Post("/api/contracts/" + contract + "/approval", json::object{});
    ASSERT_EQ(chain.status, 201) << chain.body;
    auto step = S(chain.json().at("steps").at(0).at("id"));
    auto approved = office->Post("/api/approvals/steps/" + step + "/decision", json::object{{"decision", "approve"}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    ASSERT_EQ(S(office->Get("/api/contracts/" + contract).json().at("status")), "approved");
    EXPECT_EQ(S(researcher_a->Get("/api/exchange/needs/" + need).json().at("disclosure")), "teaser");
    EXPECT_EQ(researcher_a->Get("/api/inbox").body.find("詳細が閲覧可能になりました"), std::string::npos);
    for (const char* to : {"signed", "active"}) {
        auto r = office->Post("/api/contracts/" + contract + "/transitions", json::object{{"to", to}});
        ASSERT_EQ(r.status, 200) << to << ": " << r.body;
    }
    auto full = researcher_a->Get("/api/exchange/needs/" + need);
    ASSERT_EQ(full.status, 200);
    EXPECT_EQ(S(full.json().at("disclosure")), "full") << full.body;
    EXPECT_NE(full.body.find(kHiddenWord), std::string::npos) << full.body;
    auto hit = researcher_a->Get("/api/exchange/search?q=quokkamab");
    EXPECT_NE(Lower(hit.body).find(kHiddenWord), std::string::npos) << "search shows the details now: " << hit.body;
    auto inbox = researcher_a->Get("/api/inbox");
    ASSERT_EQ(inbox.status, 200);
    int told = 0;
    auto inbox_items = inbox.json().at("items").as_array();
    for (const auto& item : inbox_items)
        if (S(item.at("title_ja")) == "詳細が閲覧可能になりました") {
            ++told;
            EXPECT_EQ(S(item.at("link")), "/exchange/needs/" + need) << json::serialize(item);
        }
    EXPECT_EQ(told, 1) << "told once, not again at activation: " << inbox.body;
    // The university's other confidential need stays a teaser for the requester.
    auto other_seen = researcher_a->Get("/api/exchange/needs/" + other_need);
    ASSERT_EQ(other_seen.status, 200) << other_seen.body;
    EXPECT_EQ(S(other_seen.json().at("disclosure")), "teaser") << other_seen.body;
    EXPECT_EQ(Lower(other_seen.body).find("secretsore"), std::string::npos) << other_seen.body;
    EXPECT_EQ(Lower(researcher_a->Get("/api/exchange/search?q=secretsore").body).find("secretsore"), std::string::npos);
    // The other company is not covered.
    EXPECT_EQ(S(researcher_b->Get("/api/exchange/needs/" + need).json().at("disclosure")), "teaser");
    // Terminated: back to the teaser.
    ASSERT_EQ(office->Post("/api/contracts/" + contract + "/transitions", json::object{{"to", "terminated"}}).status,
              200);
    auto after = researcher_a->Get("/api/exchange/needs/" + need);
    EXPECT_EQ(S(after.json().at("disclosure")), "teaser");
    ExpectNoHiddenWord(after, "after termination");
}

}  // namespace
}  // namespace renkei::testing
