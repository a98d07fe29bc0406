// The office's one-click relevance judgments on suggestions over HTTP (issue 16): a seed judged
// not relevant for a need is no longer suggested for it (nor the need for the seed), for anyone;
// one judged relevant comes first with the office's reason; clearing restores the engine's
// ranking. Only the office and admins judge; a confidential seed is judged by its teaser and stays
// a teaser in every suggestion. Audited. Runs on SQLite and PostgreSQL.
#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

// The ids of a suggestions list, in order.
std::vector<std::string> Ids(const json::value& list) {
    std::vector<std::string> out;
    for (const auto& e : list.as_array()) out.push_back(S(e.at("id")));
    return out;
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

class ExchangeJudgmentsApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        auto university = Org("慶應義塾大学", "university");
        auto department = Org("皮膚科学教室", "department", university);
        auto company_a = Org("JSR株式会社", "company");
        auto company_b = Org("信濃町メディテック株式会社", "company");
        Person("clinician@test.example", {"clinician"}, department);
        Person("researcher.a@test.example", {"company_researcher"}, company_a);
        Person("researcher.b@test.example", {"company_researcher"}, company_b);
        Person("office@test.example", {"office"}, "");
        clinician_ = Login("clinician@test.example");
        researcher_a_ = Login("researcher.a@test.example");
        researcher_b_ = Login("researcher.b@test.example");
        office_ = Login("office@test.example");

        need_ = Post(*clinician_, "/api/exchange/needs",
                     json::object{{"title", "褥瘡の被覆材を痛くなくはがしたい"},
                                  {"problem", "褥瘡の被覆材をはがすときに皮膚が傷つく。シリコーン粘着材を検討したい。"},
                                  {"area", "medical_device"}});
        silicone_ = Post(*researcher_a_, "/api/exchange/seeds",
                         json::object{{"kind", "material"},
                                      {"title", "シリコーン粘着材の被覆材"},
                                      {"description", "褥瘡向けの低刺激シリコーン粘着材。はがすときの痛みが少ない。"},
                                      {"area", "medical_device"}});
        hydrogel_ = Post(*researcher_a_, "/api/exchange/seeds",
                         json::object{{"kind", "material"},
                                      {"title", "褥瘡のハイドロゲル被覆材"},
                                      {"description", "褥瘡の被覆材としてのハイドロゲル。"},
                                      {"area", "medical_device"}});
        // Shares nothing with the need: the engine never suggests it.
        microbiome_ = Post(*researcher_b_, "/api/exchange/seeds",
                           json::object{{"kind", "technology"},
                                        {"title", "腸内細菌叢の解析サービス"},
                                        {"description", "便検体からの菌叢解析を受託します。"},
                                        {"area", "microbiome"}});
    }

    std::string Post(Client& who, const std::string& target, const json::object& body) {
        auto r = who.Post(target, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? S(r.json().at("id")) : "";
    }

    std::string Path(const std::string& seed) const { return "/api/exchange/needs/" + need_ + "/judgments/" + seed; }

    static HttpResponse Judge(Client& who, const std::string& path, bool relevant) {
        return who.Put(path, json::object{{"relevant", relevant}});
    }

    // The need's suggested seeds as `who` gets them.
    json::value Suggested(Client& who, const std::string& lang = "ja") {
        auto r = who.Get("/api/exchange/needs/" + need_ + "/suggestions?limit=20&lang=" + lang);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json().at("seeds");
    }

    std::unique_ptr<Client> clinician_, researcher_a_, researcher_b_, office_;
    std::string need_, silicone_, hydrogel_, microbiome_;
};

TEST_F(ExchangeJudgmentsApi, NotRelevantDropsThePairForEveryoneUntilTheJudgmentIsCleared) {
    auto before = Ids(Suggested(*clinician_));
    ASSERT_TRUE(Has(before, silicone_)) << "the engine suggests it: " << json::serialize(Suggested(*office_));
    ASSERT_TRUE(Has(before, hydrogel_));
    ASSERT_TRUE(
        Has(Ids(researcher_b_->Get("/api/exchange/seeds/" + silicone_ + "/suggestions").json().at("needs")), need_));

    auto r = Judge(*office_, Path(silicone_), false);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("relevant"), json::value(false));
    EXPECT_EQ(S(r.json().at("need_id")), need_);
    EXPECT_EQ(S(r.json().at("seed_id")), silicone_);

    for (auto* who : {clinician_.get(), office_.get(), researcher_b_.get()}) {
        auto ids = Ids(Suggested(*who));
        EXPECT_FALSE(Has(ids, silicone_)) << "dropped for the need";
        EXPECT_TRUE(Has(ids, hydrogel_)) << "the others stay";
    }
    // Nor is the need suggested for the seed; the other seed still gets it.
    auto for_seed = researcher_b_->Get("/api/exchange/seeds/" + silicone_ + "/suggestions");
    ASSERT_EQ(for_seed.status, 200) << for_seed.body;
    EXPECT_FALSE(Has(Ids(for_seed.json().at("needs")), need_)) << for_seed.body;
    EXPECT_TRUE(
        Has(Ids(researcher_b_->Get("/api/exchange/seeds/" + hydrogel_ + "/suggestions").json().at("needs")), need_));

    // The office lists it, with the seed's title and who judged.
    auto listed = office_->Get("/api/exchange/needs/" + need_ + "/judgments");
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto items = listed.json().at("items").as_array();
    ASSERT_EQ(items.size(), 1u) << listed.body;
    EXPECT_EQ(S(items.at(0).at("seed_id")), silicone_);
    EXPECT_EQ(items.at(0).at("relevant"), json::value(false));
    EXPECT_EQ(S(items.at(0).at("seed").at("title")), "シリコーン粘着材の被覆材");

    // The same judgment from the seed's side, with the need's title.
    auto from_seed = office_->Get("/api/exchange/seeds/" + silicone_ + "/judgments");
    ASSERT_EQ(from_seed.status, 200) << from_seed.body;
    auto seed_items = from_seed.json().at("items").as_array();
    ASSERT_EQ(seed_items.size(), 1u) << from_seed.body;
    EXPECT_EQ(S(seed_items.at(0).at("need_id")), need_);
    EXPECT_EQ(S(seed_items.at(0).at("need").at("title")), "褥瘡の被覆材を痛くなくはがしたい");
    EXPECT_EQ(office_->Get("/api/exchange/seeds/" + hydrogel_ + "/judgments").json().at("items").as_array().size(), 0u);

    // A new click replaces the judgment (one per pair); clearing brings the engine's ranking back.
    ASSERT_EQ(Judge(*office_, Path(silicone_), false).status, 200);
    EXPECT_EQ(office_->Get("/api/exchange/needs/" + need_ + "/judgments").json().at("items").as_array().size(), 1u);
    auto cleared = office_->Delete(Path(silicone_));
    EXPECT_EQ(cleared.status, 204) << cleared.body;
    EXPECT_EQ(Ids(Suggested(*clinician_)), before);
    EXPECT_EQ(office_->Get("/api/exchange/needs/" + need_ + "/judgments").json().at("items").as_array().size(), 0u);
    EXPECT_EQ(office_->Delete(Path(silicone_)).status, 204) << "nothing to clear is no error";

    // Audited: the judgment and its removal, with the answer.
    auto log = admin->Get("/api/audit?entity=exchange_judgment&entity_id=" + need_ + ":" + silicone_);
    ASSERT_EQ(log.status, 200) << log.body;
    auto entries = log.json().at("items").as_array();
    ASSERT_EQ(entries.size(), 3u) << log.body;
    EXPECT_EQ(S(entries.at(0).at("action")), "delete");
    EXPECT_EQ(S(entries.at(2).at("action")), "judge");
    EXPECT_EQ(entries.at(2).at("after").at("relevant"), json::value(false)) << log.body;
}

TEST_F(ExchangeJudgmentsApi, RelevantComesFirstWithTheOfficesReasonEvenWhenTheEngineMissedIt) {
    ASSERT_FALSE(Has(Ids(Suggested(*clinician_)), microbiome_)) << "shares nothing with the need";
    ASSERT_EQ(Judge(*office_, Path(microbiome_), true).status, 200);
    ASSERT_EQ(Judge(*office_, Path(hydrogel_), true).status, 200);

    for (const std::string lang : {"ja", "en"}) {
        auto seeds = Suggested(*clinician_, lang);
        auto ids = Ids(seeds);
        ASSERT_GE(ids.size(), 3u) << json::serialize(seeds);
        // Both confirmed ones first (the one sharing words with the need before the other), then
        // the engine's.
        EXPECT_EQ(ids.at(0), hydrogel_) << json::serialize(seeds);
        EXPECT_EQ(ids.at(1), microbiome_) << json::serialize(seeds);
        EXPECT_TRUE(Has(ids, silicone_));
        auto reason = seeds.as_array().at(1).at("reasons").as_array().at(0);
        EXPECT_EQ(S(reason.at("kind")), "office");
        EXPECT_EQ(S(reason.at("label")), lang == "ja" ? "事務局が関連ありと確認" : "Confirmed relevant by the office");
        EXPECT_EQ(S(seeds.as_array().at(0).at("reasons").as_array().at(0).at("kind")), "office");
        // Only the office is told of its judgments.
        EXPECT_FALSE(seeds.as_array().at(0).as_object().contains("judgment")) << json::serialize(seeds);
    }
    auto for_office = Suggested(*office_);
    EXPECT_EQ(for_office.as_array().at(0).at("judgment").at("relevant"), json::value(true))
        << json::serialize(for_office);
    // The need comes first among the seed's suggestions too.
    auto for_seed = researcher_a_->Get("/api/exchange/seeds/" + microbiome_ + "/suggestions");
    ASSERT_EQ(for_seed.status, 200) << for_seed.body;
    auto needs = Ids(for_seed.json().at("needs"));
    ASSERT_FALSE(needs.empty()) << for_seed.body;
    EXPECT_EQ(needs.at(0), need_);
    // Never one's own item: researcher B's own seed is not offered to B.
    EXPECT_FALSE(Has(Ids(Suggested(*researcher_b_)), microbiome_));
    // A seed withdrawn after the judgment is not offered.
    ASSERT_EQ(researcher_b_->Patch("/api/exchange/seeds/" + microbiome_, json::object{{"status", "withdrawn"}}).status,
              200);
    EXPECT_FALSE(Has(Ids(Suggested(*clinician_)), microbiome_));
}

TEST_F(ExchangeJudgmentsApi, AConfidentialSeedIsJudgedByItsTeaserAndStaysATeaser) {
    json::object teaser{{"title_ja", "創傷被覆の新素材"}, {"body", "創傷ケアに使える素材です。"}};
    auto secret = Post(*researcher_b_, "/api/exchange/seeds",
                       json::object{{"kind", "material"},
                                    {"title", "quokkagel の被覆材"},
                                    {"description", "quokkagel を使う褥瘡の被覆材。シリコーン粘着材より痛くない。"},
                                    {"area", "medical_device"},
                                    {"confidential", true},
                                    {"teaser", teaser}});
    auto hidden = Post(*researcher_b_, "/api/exchange/seeds",
                       json::object{{"kind", "material"},
                                    {"title", "quokkahidden 被覆材"},
                                    {"description", "褥瘡の被覆材。"},
                                    {"confidential", true}});
    // Without a teaser the office does not see it: 404, as for the seed itself.
    EXPECT_EQ(Judge(*office_, Path(hidden), true).status, 404);

    auto r = Judge(*office_, Path(secret), true);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find("quokka"), std::string::npos) << r.body;
    for (auto* who : {office_.get(), clinician_.get(), researcher_a_.get()}) {
        auto seeds = Suggested(*who);
        auto text = json::serialize(seeds);
        ASSERT_EQ(Ids(seeds).at(0), secret) << text;
        EXPECT_EQ(S(seeds.as_array().at(0).at("item").at("disclosure")), "teaser") << text;
        EXPECT_EQ(text.find("quokka"), std::string::npos) << text;
    }
    auto listed = office_->Get("/api/exchange/needs/" + need_ + "/judgments");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(listed.body.find("quokka"), std::string::npos) << listed.body;
    EXPECT_EQ(S(listed.json().at("items").at(0).at("seed").at("title")), "創傷被覆の新素材");
    // The audit log of the judgment names the seed by its teaser.
    auto log = office_->Get("/api/audit?entity=exchange_judgment&entity_id=" + need_ + ":" + secret);
    ASSERT_EQ(log.status, 200) << log.body;
    EXPECT_EQ(log.body.find("quokka"), std::string::npos) << log.body;
}

// Who may judge, and what a wrong request gets.
TEST_F(ExchangeJudgmentsApi, OnlyTheOfficeJudgesAndBadRequestsAreRefused) {
    auto draft = Post(*researcher_a_, "/api/exchange/seeds",
                      json::object{{"kind", "material"}, {"title", "下書きのシーズ"}, {"status", "draft"}});
    Client anonymous(server->port());
    const std::string none = "aaaaaaaaaaaaaaaa";
    const std::string list = "/api/exchange/needs/" + need_ + "/judgments";
    struct Case {
        const char* what;
        Client* who;
        std::string method, target;
        std::string body;
        int status;
        const char* field;
    };
    const std::string good = R"({"relevant":false})";
    const Case cases[] = {
        {"anonymous", &anonymous, "PUT", Path(silicone_), good, 401, ""},
        {"anonymous list", &anonymous, "GET", list, "", 401, ""},
        {"clinician", clinician_.get(), "PUT", Path(silicone_), good, 403, ""},
        {"the need's author", clinician_.get(), "DELETE", Path(silicone_), "", 403, ""},
        {"the seed's company", researcher_a_.get(), "PUT", Path(silicone_), good, 403, ""},
        {"company list", researcher_a_.get(), "GET", list, "", 403, ""},
        {"company list, seed's side", researcher_a_.get(), "GET", "/api/exchange/seeds/" + silicone_ + "/judgments", "",
         403, ""},
        {"clinician list, seed's side", clinician_.get(), "GET", "/api/exchange/seeds/" + silicone_ + "/judgments", "",
         403, ""},
        {"unknown seed, list", office_.get(), "GET", "/api/exchange/seeds/" + none + "/judgments", "", 404, ""},
        {"unknown need", office_.get(), "PUT", "/api/exchange/needs/" + none + "/judgments/" + silicone_, good, 404,
         ""},
        {"unknown seed", office_.get(), "PUT", Path(none), good, 404, ""},
        {"unknown seed, clear", office_.get(), "DELETE", Path(none), "", 404, ""},
        {"unknown need, list", office_.get(), "GET", "/api/exchange/needs/" + none + "/judgments", "", 404, ""},
        {"a draft seed", office_.get(), "PUT", Path(draft), good, 404, ""},
        {"no answer", office_.get(), "PUT", Path(silicone_), "{}", 422, "relevant"},
        {"not a boolean", office_.get(), "PUT", Path(silicone_), R"({"relevant":"no"})", 422, "relevant"},
        {"null", office_.get(), "PUT", Path(silicone_), R"({"relevant":null})", 422, "relevant"},
    };
    for (const auto& c : cases) {
        auto r = c.who->Request(c.method, c.target, c.body);
        EXPECT_EQ(r.status, c.status) << c.what << ": " << r.body;
        if (*c.field) {
            EXPECT_EQ(r.ErrorField(), c.field) << c.what << ": " << r.body;
        }
    }
    EXPECT_TRUE(Has(Ids(Suggested(*clinician_)), silicone_))
        << "nothing was judged: " << json::serialize(Suggested(*clinician_));
    // Admins judge too.
    EXPECT_EQ(Judge(*admin, Path(silicone_), false).status, 200);
    EXPECT_FALSE(Has(Ids(Suggested(*clinician_)), silicone_));
}

}  // namespace
}  // namespace renkei::testing
