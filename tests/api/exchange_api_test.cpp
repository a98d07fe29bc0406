// The exchange over HTTP: needs, seeds, profiles, search, suggestions with reasons,
// confidentiality (never a leak through search, suggestions, counts or snippets), grants,
// introductions and the office's synonyms. Runs on SQLite and PostgreSQL.
#include <set>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

class ExchangeApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        hospital_ = Org("慶應義塾大学病院", "hospital");
        company_a_ = Org("JSR株式会社", "company");
        division_a_ = Org("研究開発部", "division", company_a_);
        company_b_ = Org("信濃町メディテック株式会社", "company");
        clinician_id_ = Person("clinician@test.example", {"clinician"}, hospital_);
        researcher_a_id_ = Person("researcher.a@test.example", {"company_researcher"}, division_a_);
        researcher_b_id_ = Person("researcher.b@test.example", {"company_researcher"}, company_b_);
        office_id_ = Person("office@test.example", {"office"}, "");
        committee_id_ = Person("committee@test.example", {"committee"}, "");
        clinician = Login("clinician@test.example");
        researcher_a = Login("researcher.a@test.example");
        researcher_b = Login("researcher.b@test.example");
        office = Login("office@test.example");
    }

    static std::string Id(const HttpResponse& r) { return std::string(r.json().at("id").as_string()); }

    std::string PostNeed(Client& c, json::object extra = {}) {
        json::object body{{"title", "寝たきりの患者さんの床ずれ、ジュクジュクが止まらない"},
                          {"problem", "仙骨部の床ずれで浸出液が多く、ガーゼが1日に何回もびしょびしょになる。"},
                          {"current_practice", "ガーゼと軟膏を1日3回交換"},
                          {"patients", "寝たきりの高齢者"},
                          {"desired_outcome", "交換の回数を減らし、はがすときに傷つけないようにしたい"},
                          {"area", "medical_device"}};
        for (auto& [k, v] : extra) body[k] = v;
        auto r = c.Post("/api/exchange/needs", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? Id(r) : "";
    }
    std::string PostSeed(Client& c, json::object extra = {}) {
        json::object body{{"kind", "material"},
                          {"title", "Superabsorbent foam dressing for pressure ulcers"},
                          {"description",
                           "A soft-silicone bordered foam dressing with a superabsorbent core that "
                           "locks in wound exudate and removes without skin stripping."},
                          {"capabilities", json::array{"exudate management", "atraumatic removal"}},
                          {"area", "medical_device"}};
        for (auto& [k, v] : extra) body[k] = v;
        auto r = c.Post("/api/exchange/seeds", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? Id(r) : "";
    }
    static bool Contains(const json::value& list, const std::string& id) {
        for (const auto& e : list.as_array())
            if (e.at("id").as_string() == id) return true;
        return false;
    }

    std::string hospital_, company_a_, division_a_, company_b_;
    std::string clinician_id_, researcher_a_id_, researcher_b_id_, office_id_, committee_id_;
    std::unique_ptr<Client> clinician, researcher_a, researcher_b, office;
};

TEST_F(ExchangeApi, ClinicianPostsNeedAndAResearcherSeesItSuggestedAcrossLanguages) {
    auto need = PostNeed(*clinician);
    auto seed = PostSeed(*researcher_a);
    auto unrelated = PostSeed(*researcher_b, {{"title", "EUV photoresist for 13 nm lithography"},
                                              {"description", "Metal-oxide resist for semiconductor patterning."},
                                              {"capabilities", json::array{"low LER"}},
                                              {"kind", "material"}});
    auto r = researcher_a->Get("/api/exchange/seeds/" + seed + "/suggestions");
    ASSERT_EQ(r.status, 200) << r.body;
    auto needs = r.json().at("needs").as_array();
    ASSERT_FALSE(needs.empty()) << r.body;
    EXPECT_EQ(S(needs[0].at("id")), need) << "床ずれ (ja) meets pressure ulcer (en)";
    EXPECT_GT(needs[0].at("score").as_int64(), 0);
    bool concept_reason = false;
    for (const auto& reason : needs[0].at("reasons").as_array())
        if (reason.at("kind") == "concept") concept_reason = true;
    EXPECT_TRUE(concept_reason) << r.body;

    auto s = clinician->Get("/api/exchange/needs/" + need + "/suggestions");
    ASSERT_EQ(s.status, 200);
    auto seeds = s.json().at("seeds").as_array();
    ASSERT_FALSE(seeds.empty());
    EXPECT_EQ(S(seeds[0].at("id")), seed);
    EXPECT_FALSE(Contains(s.json().at("seeds"), unrelated)) << "a photoresist shares nothing with a bedsore";
}

TEST_F(ExchangeApi, SuggestionsThatShareOnlyGenericWordsAreNoMatchAndReasonsNameOnlyContent) {
    auto need =
        PostNeed(*clinician, {{"title", "医療現場で床ずれの患者さんが多い"},
                              {"problem", "寝たきりの患者さんに貼りやすいドレッシングが欲しい。医療の課題です。"}});
    auto generic =
        PostSeed(*researcher_b, {{"title", "医療現場の研究開発"},
                                 {"description", "多くの患者さんに貼りやすく、医療の課題を解決する技術です。"},
                                 {"capabilities", json::array{}},
                                 {"kind", "theme"}});
    auto dressing = PostSeed(*researcher_a);
    auto r = clinician->Get("/api/exchange/needs/" + need + "/suggestions");
    ASSERT_EQ(r.status, 200) << r.body;
    auto seeds = r.json().at("seeds");
    EXPECT_FALSE(Contains(seeds, generic)) << "医療, 患者, 多い and 貼り are no reason to meet: " << r.body;
    ASSERT_TRUE(Contains(seeds, dressing)) << r.body;
    const std::set<std::string> generic_words = {"医療", "医療現場", "課題", "患者", "患者さん",
                                                 "多い", "多く",     "貼り", "貼る"};
    for (const auto& s : seeds.as_array()) {
        ASSERT_FALSE(s.at("reasons").as_array().empty()) << "a suggestion says why it matches: " << json::serialize(s);
        for (const auto& reason : s.at("reasons").as_array())
            EXPECT_FALSE(generic_words.count(S(reason.at("label")))) << json::serialize(reason);
    }
    // The other way round too: the generic seed is offered no need.
    auto back = researcher_b->Get("/api/exchange/seeds/" + generic + "/suggestions");
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_FALSE(Contains(back.json().at("needs"), need)) << back.body;
}

TEST_F(ExchangeApi, SuggestionsNeverShowTheViewersOwnItems) {
    auto need = PostNeed(*clinician);
    auto own_seed = PostSeed(*clinician);  // a clinician may post a seed too
    auto other_seed = PostSeed(*researcher_a);
    auto r = clinician->Get("/api/exchange/needs/" + need + "/suggestions");
    ASSERT_EQ(r.status, 200);
    EXPECT_FALSE(Contains(r.json().at("seeds"), own_seed));
    EXPECT_TRUE(Contains(r.json().at("seeds"), other_seed));
    auto home = clinician->Get("/api/exchange/suggestions");
    ASSERT_EQ(home.status, 200);
    EXPECT_FALSE(Contains(home.json().at("needs"), need));
    EXPECT_FALSE(Contains(home.json().at("seeds"), own_seed));
}

TEST_F(ExchangeApi, DraftNeedIsSeenOnlyByItsAuthorAndTheOfficeWhichCompletesIt) {
    auto draft = PostNeed(*clinician, {{"status", "draft"}, {"problem", ""}});
    EXPECT_EQ(clinician->Get("/api/exchange/needs/" + draft).status, 200);
    EXPECT_EQ(researcher_a->Get("/api/exchange/needs/" + draft).status, 404);
    EXPECT_EQ(researcher_a->Get("/api/exchange/needs?q=%E5%BA%8A%E3%81%9A%E3%82%8C").json().at("total"), 0);
    EXPECT_EQ(office->Get("/api/exchange/needs/" + draft).status, 200);
    auto completed =
        office->Patch("/api/exchange/needs/" + draft,
                      json::object{{"problem", "浸出液が多い"}, {"tags", json::array{"褥瘡"}}, {"status", "open"}});
    ASSERT_EQ(completed.status, 200) << completed.body;
    EXPECT_EQ(completed.json().at("status"), "open");
    EXPECT_EQ(researcher_a->Get("/api/exchange/needs/" + draft).status, 200);
    EXPECT_EQ(researcher_a->Patch("/api/exchange/needs/" + draft, json::object{{"title", "x"}}).status, 403);
}

TEST_F(ExchangeApi, BadInputNamesTheField) {
    auto no_title = clinician->Post("/api/exchange/needs", json::object{{"problem", "x"}});
    EXPECT_EQ(no_title.status, 422);
    EXPECT_EQ(no_title.ErrorField(), "title");
    auto no_problem = clinician->Post("/api/exchange/needs", json::object{{"title", "x"}});
    EXPECT_EQ(no_problem.ErrorField(), "problem");
    auto bad_area =
        clinician->Post("/api/exchange/needs", json::object{{"title", "x"}, {"problem", "y"}, {"area", "mars"}});
    EXPECT_EQ(bad_area.ErrorField(), "area");
    auto bad_kind = researcher_a->Post("/api/exchange/seeds",
                                       json::object{{"title", "x"}, {"description", "y"}, {"kind", "magic"}});
    EXPECT_EQ(bad_kind.ErrorField(), "kind");
    auto hospital_secret = clinician->Post("/api/exchange/seeds",
                                           json::object{{"title", "x"}, {"description", "y"}, {"confidential", true}});
    EXPECT_EQ(hospital_secret.ErrorField(), "confidential") << "only a company's material can be confidential";
    auto bad_limit = clinician->Get("/api/exchange/search?q=a&limit=0");
    EXPECT_EQ(bad_limit.ErrorField(), "limit");
    Client committee(server->port());
    committee.Login("committee@test.example", "password-123");
    EXPECT_EQ(committee.Post("/api/exchange/needs", json::object{{"title", "x"}, {"problem", "y"}}).status, 403);
}

TEST_F(ExchangeApi, ConfidentialSeedNeverLeaksThroughSearchSuggestionsCountsOrSnippets) {
    auto need = PostNeed(*clinician);
    auto secret =
        PostSeed(*researcher_a, {{"title", "極秘ハイドロコロイド褥瘡ドレッシング Zebracore"},
                                 {"description", "Zebracore superabsorbent pressure ulcer dressing, unpublished."},
                                 {"confidential", true}});
    auto visible_count = [&](Client& c) {
        auto r = c.Get("/api/exchange/search?q=zebracore");
        EXPECT_EQ(r.status, 200);
        return r.json().at("total").as_int64();
    };
    // The company sees its own material; a colleague in another division of the company too.
    EXPECT_EQ(visible_count(*researcher_a), 1);
    // Nobody else: not in search, not in its count, not in any snippet or suggestion.
    for (Client* c : {clinician.get(), researcher_b.get(), office.get()}) {
        auto r = c->Get("/api/exchange/search?q=zebracore");
        EXPECT_EQ(r.json().at("total"), 0) << r.body;
        EXPECT_EQ(r.body.find("Zebracore"), std::string::npos);
        auto all = c->Get("/api/exchange/seeds?q=%E8%A4%A5%E7%98%A1");  // 褥瘡
        EXPECT_EQ(all.body.find("Zebracore"), std::string::npos);
        EXPECT_EQ(all.body.find(secret), std::string::npos);
        EXPECT_EQ(c->Get("/api/exchange/seeds/" + secret).status, 404);
        EXPECT_EQ(c->Get("/api/exchange/seeds/" + secret + "/suggestions").status, 404);
        auto home = c->Get("/api/exchange/suggestions");
        EXPECT_EQ(home.body.find(secret), std::string::npos);
    }
    auto s = clinician->Get("/api/exchange/needs/" + need + "/suggestions");
    EXPECT_EQ(s.body.find(secret), std::string::npos) << s.body;
    EXPECT_EQ(s.body.find("Zebracore"), std::string::npos);
    auto intro =
        clinician->Post("/api/exchange/introductions", json::object{{"item_type", "seed"}, {"item_id", secret}});
    EXPECT_EQ(intro.status, 404);

    // The office records a confidentiality agreement: now the clinician sees it, everywhere.
    auto grant = office->Post("/api/exchange/grants", json::object{{"person_id", clinician_id_},
                                                                   {"company_id", company_a_},
                                                                   {"starts_at", "2020-01-01T00:00:00Z"},
                                                                   {"ends_at", "2099-01-01T00:00:00Z"},
                                                                   {"note", "NDA 2026-014"}});
    ASSERT_EQ(grant.status, 201) << grant.body;
    EXPECT_TRUE(grant.json().at("active").as_bool());
    auto listed = clinician->Get("/api/exchange/grants").json().at("items").as_array();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_TRUE(listed[0].at("active").as_bool());
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=zebracore").json().at("total"), 1);
    EXPECT_EQ(clinician->Get("/api/exchange/seeds/" + secret).status, 200);
    EXPECT_NE(clinician->Get("/api/exchange/needs/" + need + "/suggestions").body.find(secret), std::string::npos);
    EXPECT_EQ(researcher_b->Get("/api/exchange/search?q=zebracore").json().at("total"), 0) << "the grant is personal";

    // Revoked: hidden again.
    auto revoked = office->Post("/api/exchange/grants/" + Id(grant) + "/revoke", json::object{});
    ASSERT_EQ(revoked.status, 200);
    EXPECT_FALSE(revoked.json().at("active").as_bool());
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=zebracore").json().at("total"), 0);
    EXPECT_EQ(clinician->Get("/api/exchange/needs/" + need + "/suggestions").body.find(secret), std::string::npos);

    // An expired grant covers nothing.
    auto expired = office->Post("/api/exchange/grants", json::object{{"person_id", clinician_id_},
                                                                     {"company_id", company_a_},
                                                                     {"starts_at", "2020-01-01T00:00:00Z"},
                                                                     {"ends_at", "2021-01-01T00:00:00Z"}});
    ASSERT_EQ(expired.status, 201);
    EXPECT_FALSE(expired.json().at("active").as_bool());
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=zebracore").json().at("total"), 0);
    auto grants = clinician->Get("/api/exchange/grants").json();
    for (const auto& g : grants.at("items").as_array()) EXPECT_FALSE(g.at("active").as_bool()) << "revoked or expired";
}

TEST_F(ExchangeApi, OnlyTheOfficeRecordsGrants) {
    auto r = clinician->Post("/api/exchange/grants", json::object{{"person_id", clinician_id_},
                                                                  {"company_id", company_a_},
                                                                  {"starts_at", "2020-01-01T00:00:00Z"},
                                                                  {"ends_at", "2099-01-01T00:00:00Z"}});
    EXPECT_EQ(r.status, 403);
    auto not_company = office->Post("/api/exchange/grants", json::object{{"person_id", clinician_id_},
                                                                         {"company_id", hospital_},
                                                                         {"starts_at", "2020-01-01T00:00:00Z"},
                                                                         {"ends_at", "2099-01-01T00:00:00Z"}});
    EXPECT_EQ(not_company.ErrorField(), "company_id");
    auto backwards = office->Post("/api/exchange/grants", json::object{{"person_id", clinician_id_},
                                                                       {"company_id", company_a_},
                                                                       {"starts_at", "2030-01-01T00:00:00Z"},
                                                                       {"ends_at", "2029-01-01T00:00:00Z"}});
    EXPECT_EQ(backwards.ErrorField(), "ends_at");
    EXPECT_EQ(clinician->Get("/api/exchange/grants?person_id=" + office_id_).status, 403);
}

TEST_F(ExchangeApi, SearchNormalisesWidthCaseAndScriptAndHighlights) {
    auto seed = PostSeed(*researcher_a,
                         {{"title", "陽性ボトルから直接の多項目ＰＣＲ同定カートリッジ"},
                          {"description", "血液培養の陽性ボトルから直接、菌種と耐性遺伝子を約1時間で同定します。"},
                          {"capabilities", json::array{"ｶｰﾄﾘｯｼﾞ式"}},
                          {"kind", "device"}});
    auto other = PostSeed(*researcher_b);
    for (const char* q : {"pcr", "PCR", "%EF%BC%B0%EF%BC%A3%EF%BC%B2" /* ＰＣＲ */, "blood%20culture"}) {
        auto r = clinician->Get(std::string("/api/exchange/search?q=") + q);
        ASSERT_EQ(r.status, 200);
        ASSERT_GE(r.json().at("total").as_int64(), 1) << q << " " << r.body;
        EXPECT_EQ(S(r.json().at("items").as_array()[0].at("id")), seed) << q;
    }
    auto r = clinician->Get("/api/exchange/search?q=%E8%8F%8C%E7%A8%AE");  // 菌種
    auto first = r.json().at("items").as_array().at(0);
    bool marked = false;
    for (const auto& seg : first.at("snippet").as_array())
        if (seg.at("hit").as_bool() && std::string(seg.at("text").as_string()).find("菌種") != std::string::npos)
            marked = true;
    EXPECT_TRUE(marked) << r.body;
    // Filters.
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=pcr&kind=material").json().at("total"), 0);
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=pcr&kind=device").json().at("total"), 1);
    EXPECT_EQ(clinician->Get("/api/exchange/seeds?organisation_id=" + company_b_).json().at("total"), 1);
    EXPECT_TRUE(
        Contains(clinician->Get("/api/exchange/seeds?organisation_id=" + company_b_).json().at("items"), other));
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=pcr&type=need").json().at("total"), 0);
}

TEST_F(ExchangeApi, EditsReachTheIndexImmediately) {
    auto seed = PostSeed(*researcher_a);
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=zirconia").json().at("total"), 0);
    ASSERT_EQ(
        researcher_a->Patch("/api/exchange/seeds/" + seed, json::object{{"title", "Zirconia dental implant coating"}})
            .status,
        200);
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=zirconia").json().at("total"), 1);
    ASSERT_EQ(researcher_a->Patch("/api/exchange/seeds/" + seed, json::object{{"status", "withdrawn"}}).status, 200);
    EXPECT_EQ(clinician->Get("/api/exchange/search?q=zirconia").json().at("total"), 0);
    EXPECT_EQ(clinician->Get("/api/exchange/seeds/" + seed).status, 404);
    EXPECT_EQ(researcher_b->Patch("/api/exchange/seeds/" + seed, json::object{{"title", "x"}}).status, 404);
}

TEST_F(ExchangeApi, ProfilesAreEditedByTheirOwnerAndSuggestedAsPeople) {
    auto put = clinician->Request("PUT", "/api/exchange/profiles/" + clinician_id_,
                                  json::serialize(json::object{{"expertise", "褥瘡ケアと創傷治癒。皮膚・排泄ケア。"},
                                                               {"keywords", json::array{"褥瘡", "wound care"}}}));
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.json().at("keywords").as_array().size(), 2u);
    auto other = researcher_a->Request("PUT", "/api/exchange/profiles/" + clinician_id_,
                                       json::serialize(json::object{{"expertise", "x"}}));
    EXPECT_EQ(other.status, 403);
    auto seed = PostSeed(*researcher_a);
    auto r = researcher_a->Get("/api/exchange/seeds/" + seed + "/suggestions");
    EXPECT_TRUE(Contains(r.json().at("people"), clinician_id_)) << r.body;
    EXPECT_EQ(clinician->Get("/api/exchange/profiles/" + clinician_id_).json().at("expertise"),
              "褥瘡ケアと創傷治癒。皮膚・排泄ケア。");
}

TEST_F(ExchangeApi, InterestBecomesAnIntroductionWithAMeetingAndAnOutcome) {
    auto need = PostNeed(*clinician);
    auto seed = PostSeed(*researcher_a);
    EXPECT_EQ(clinician->Post("/api/exchange/introductions", json::object{{"item_type", "need"}, {"item_id", need}})
                  .ErrorField(),
              "item_id")
        << "not one's own item";
    auto r = researcher_a->Post("/api/exchange/introductions",
                                json::object{{"item_type", "need"},
                                             {"item_id", need},
                                             {"via_type", "seed"},
                                             {"via_id", seed},
                                             {"message", "当社のドレッシング材で解決できるかもしれません"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto id = Id(r);
    EXPECT_EQ(r.json().at("status"), "requested");
    EXPECT_EQ(S(r.json().at("owner_id")), clinician_id_);
    EXPECT_EQ(researcher_a->Post("/api/exchange/introductions", json::object{{"item_type", "need"}, {"item_id", need}})
                  .status,
              409);
    EXPECT_EQ(researcher_a->Post("/api/exchange/introductions/" + id + "/accept", json::object{}).status, 403)
        << "the requester cannot accept their own request";
    EXPECT_EQ(researcher_b->Get("/api/exchange/introductions/" + id).status, 404);
    EXPECT_EQ(
        clinician->Post("/api/exchange/introductions/" + id + "/outcome", json::object{{"outcome", "project_proposal"}})
            .status,
        409);
    auto accepted = clinician->Post("/api/exchange/introductions/" + id + "/accept", json::object{});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json().at("status"), "accepted");
    EXPECT_EQ(accepted.json().at("proposed_slots").as_array().size(), 3u);
    auto met = clinician->Post("/api/exchange/introductions/" + id + "/accept",
                               json::object{{"meeting_at", "2026-12-03T05:00:00Z"}});
    ASSERT_EQ(met.status, 200) << met.body;
    EXPECT_EQ(met.json().at("meeting_at"), "2026-12-03T05:00:00Z");
    EXPECT_EQ(researcher_a->Post("/api/exchange/introductions/" + id + "/outcome", json::object{{"outcome", "great"}})
                  .ErrorField(),
              "outcome");
    auto done = researcher_a->Post("/api/exchange/introductions/" + id + "/outcome",
                                   json::object{{"outcome", "project_proposal"}, {"note", "共同研究を提案"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json().at("outcome"), "project_proposal");
    auto mine = clinician->Get("/api/exchange/introductions");
    EXPECT_TRUE(Contains(mine.json().at("items"), id));
    EXPECT_EQ(clinician->Get("/api/exchange/introductions?all=true").status, 403);
    EXPECT_TRUE(Contains(office->Get("/api/exchange/introductions?all=true").json().at("items"), id));
    auto audit = admin->Get("/api/audit?entity=introduction&entity_id=" + id);
    if (audit.status == 200) EXPECT_GE(audit.json().at("items").as_array().size(), 3u);
}

TEST_F(ExchangeApi, TheOfficeExtendsTheSynonymDictionary) {
    auto need =
        PostNeed(*clinician, {{"title", "ケモポートの閉塞が多い"}, {"problem", "ケモポートが詰まって再留置になる。"}});
    auto seed = PostSeed(*researcher_a, {{"title", "Implantable port with anti-occlusion valve"},
                                         {"description", "A totally implantable venous access port."},
                                         {"capabilities", json::array{"implanted port"}}});
    // Both are in the index before the dictionary changes: the rebuild keeps their other terms and
    // finds the new concept in their texts again.
    auto concept_reasons = [&](const HttpResponse& r) {
        int n = 0;
        const auto body = r.json();  // held: the loop reads into it
        for (const auto& m : body.at("needs").as_array())
            if (S(m.at("id")) == need)
                for (const auto& reason : m.at("reasons").as_array()) n += reason.at("kind") == "concept" ? 1 : 0;
        return n;
    };
    auto before = researcher_a->Get("/api/exchange/seeds/" + seed + "/suggestions");
    ASSERT_EQ(before.status, 200) << before.body;
    const int concepts_before = concept_reasons(before);  // 閉塞 is a shipped concept
    EXPECT_EQ(
        clinician
            ->Post("/api/exchange/synonyms", json::object{{"terms", json::array{"ケモポート", "implantable port"}}})
            .status,
        403);
    auto bad = office->Post("/api/exchange/synonyms", json::object{{"terms", json::array{"ケモポート"}}});
    EXPECT_EQ(bad.ErrorField(), "terms");
    auto added = office->Post("/api/exchange/synonyms",
                              json::object{{"concept", "implantable_port"},
                                           {"terms", json::array{"ケモポート", "CVポート", "implantable port"}}});
    ASSERT_EQ(added.status, 201) << added.body;
    auto r = researcher_a->Get("/api/exchange/seeds/" + seed + "/suggestions");
    ASSERT_FALSE(r.json().at("needs").as_array().empty()) << r.body;
    EXPECT_EQ(S(r.json().at("needs").as_array()[0].at("id")), need);
    EXPECT_EQ(concept_reasons(r), concepts_before + 1) << "the office's concept is a reason now: " << r.body;
    auto found = office->Get("/api/exchange/synonyms?q=%E3%82%B1%E3%83%A2%E3%83%9D%E3%83%BC%E3%83%88");
    EXPECT_EQ(found.json().at("items").as_array().at(0).at("concept"), "implantable_port");
}

TEST_F(ExchangeApi, AnEditOnOneInstanceIsFoundOnAnotherAtOnce) {
    ServerProcess second(*db);  // a second instance on the same database
    Client other(second.port());
    other.Login("clinician@test.example", "password-123");
    EXPECT_EQ(other.Get("/api/exchange/search?q=zirconia").json().at("total"), 0);
    auto seed = PostSeed(*researcher_a, {{"title", "Zirconia dental implant coating"}});
    EXPECT_EQ(other.Get("/api/exchange/search?q=zirconia").json().at("total"), 1)
        << "the change log reached instance 2";
    ASSERT_EQ(researcher_a->Patch("/api/exchange/seeds/" + seed, json::object{{"confidential", true}}).status, 200);
    EXPECT_EQ(other.Get("/api/exchange/search?q=zirconia").json().at("total"), 0)
        << "now confidential on instance 2 too";
}

}  // namespace
}  // namespace renkei::testing
