// Learning the suggestions' ranking from the centre's decisions (issue 16): `renkei exchange
// train` reads the office's judgments and the introductions that led somewhere, keeps a model
// when there are enough of them, the office sees it at GET /api/exchange/ranking, the same
// decisions give the same model, and every run is audited. Runs on SQLite and PostgreSQL.
#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

class ExchangeRankingApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        auto hospital = Org("信濃町病院", "hospital");
        auto company = Org("JSR株式会社", "company");
        Person("clinician@test.example", {"clinician"}, hospital);
        Person("researcher@test.example", {"company_researcher"}, company);
        Person("office@test.example", {"office"}, "");
        clinician_ = Login("clinician@test.example");
        researcher_ = Login("researcher@test.example");
        office_ = Login("office@test.example");
        // Four needs, each with a seed that answers it and one that only shares a word.
        struct Topic {
            const char* need;
            const char* problem;
            const char* answer;
            const char* near;
            const char* area;
        } topics[] = {
            {"褥瘡の被覆材をはがすと痛い", "被覆材をはがすときに皮膚が傷つく。", "シリコーン粘着材の被覆材",
             "被覆材の在庫管理システム", "medical_device"},
            {"点滴の針が抜けやすい", "高齢患者の点滴の針がすぐ抜ける。固定したい。", "留置針の固定具",
             "点滴スタンドの転倒防止", "medical_device"},
            {"腸内細菌を手軽に調べたい", "腸内細菌叢の検査に時間がかかる。", "腸内細菌叢の迅速解析",
             "腸内環境のサプリメント", "microbiome"},
            {"がんの遺伝子検査を早くしたい", "遺伝子パネル検査の結果が出るまで長い。", "がん遺伝子パネルの迅速解析",
             "遺伝子検査の説明動画", "precision_medicine"},
        };
        for (const auto& t : topics) {
            needs_.push_back(Post(*clinician_, "/api/exchange/needs",
                                  json::object{{"title", t.need}, {"problem", t.problem}, {"area", t.area}}));
            answers_.push_back(Post(*researcher_, "/api/exchange/seeds",
                                    json::object{{"kind", "technology"},
                                                 {"title", t.answer},
                                                 {"description", std::string(t.answer) + "を提供します。"},
                                                 {"area", t.area}}));
            nears_.push_back(Post(*researcher_, "/api/exchange/seeds",
                                  json::object{{"kind", "technology"},
                                               {"title", t.near},
                                               {"description", std::string(t.near) + "を提供します。"},
                                               {"area", "other"}}));
        }
    }

    std::string Post(Client& who, const std::string& target, const json::object& body) {
        auto r = who.Post(target, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? S(r.json().at("id")) : "";
    }

    // The office's judgments on need i: its answer relevant, the near one not.
    void Decide(size_t i) {
        auto base = "/api/exchange/needs/" + needs_[i] + "/judgments/";
        ASSERT_EQ(office_->Put(base + answers_[i], json::object{{"relevant", true}}).status, 200);
        ASSERT_EQ(office_->Put(base + nears_[i], json::object{{"relevant", false}}).status, 200);
    }

    CommandResult Train() { return RunRenkei({"exchange", "train", "--db", db->url()}); }

    json::value Ranking() {
        auto r = office_->Get("/api/exchange/ranking");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json().at("run");
    }

    std::unique_ptr<Client> clinician_, researcher_, office_;
    std::vector<std::string> needs_, answers_, nears_;
};

TEST_F(ExchangeRankingApi, TheOfficesDecisionsTrainAModelTheOfficeSeesAndTheSameDecisionsGiveTheSameModel) {
    EXPECT_TRUE(Ranking().is_null()) << "no run yet";

    // Two decided needs are too few: nothing is kept and suggestions keep their order.
    Decide(0);
    Decide(1);
    auto few = Train();
    EXPECT_EQ(few.exit_code, 0) << few.output;
    EXPECT_NE(few.output.find("no model: too few decisions"), std::string::npos) << few.output;
    EXPECT_TRUE(Ranking().is_null());

    Decide(2);
    auto first = Train();
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("read 6 decided pairs: 3 needs to learn from"), std::string::npos) << first.output;
    auto run = Ranking();
    ASSERT_TRUE(run.is_object()) << first.output;
    EXPECT_NE(first.output.find(S(run.at("id"))), std::string::npos) << first.output;
    EXPECT_EQ(run.at("decisions"), json::value(6));
    EXPECT_EQ(run.at("lists"), json::value(3));
    EXPECT_GT(run.at("pairs").to_number<double>(), 0);
    EXPECT_TRUE(run.at("trained_by").is_null()) << "the command line";
    EXPECT_GE(run.at("ndcg_after").to_number<double>(), run.at("ndcg_before").to_number<double>());
    EXPECT_EQ(run.at("adopted"), json::value(true));
    EXPECT_EQ(S(run.at("reason")), "");
    auto weights = run.at("weights").as_array();
    ASSERT_EQ(weights.size(), 8u);
    EXPECT_EQ(S(weights.at(0).at("feature")), "engine");
    EXPECT_EQ(S(weights.at(7).at("feature")), "coverage");

    // The same decisions again: the same model, to the last digit.
    auto second = Train();
    ASSERT_EQ(second.exit_code, 0) << second.output;
    auto again = Ranking();
    EXPECT_NE(S(again.at("id")), S(run.at("id")));
    EXPECT_EQ(json::serialize(again.at("weights")), json::serialize(run.at("weights")));

    // Suggestions are re-ranked by it and still answer with what the engine found.
    auto fresh = clinician_->Get("/api/exchange/needs/" + needs_[3] + "/suggestions");
    ASSERT_EQ(fresh.status, 200) << fresh.body;
    auto seeds = fresh.json().at("seeds").as_array();
    bool found = false;
    for (const auto& s : seeds) found = found || S(s.at("id")) == answers_[3];
    EXPECT_TRUE(found) << fresh.body;

    // Every kept run is audited.
    auto log = admin->Get("/api/audit?entity=exchange_ranking");
    ASSERT_EQ(log.status, 200) << log.body;
    auto entries = log.json().at("items").as_array();
    ASSERT_EQ(entries.size(), 2u) << log.body;
    EXPECT_EQ(S(entries.at(0).at("action")), "train");
    EXPECT_EQ(entries.at(0).at("after").at("lists"), json::value(3)) << log.body;
}

TEST_F(ExchangeRankingApi, AnIntroductionThatLedToAProjectIsADecision) {
    Decide(0);
    Decide(1);
    // The researcher asks the clinician about need 2 through the seed that answers it; they meet
    // and start a project.
    auto intro = researcher_->Post("/api/exchange/introductions", json::object{{"item_type", "need"},
                                                                               {"item_id", needs_[2]},
                                                                               {"via_type", "seed"},
                                                                               {"via_id", answers_[2]},
                                                                               {"message", "ご相談させてください"}});
    ASSERT_EQ(intro.status, 201) << intro.body;
    auto id = S(intro.json().at("id"));
    ASSERT_EQ(clinician_->Post("/api/exchange/introductions/" + id + "/accept", json::object{}).status, 200);
    auto done = researcher_->Post("/api/exchange/introductions/" + id + "/outcome",
                                  json::object{{"outcome", "project_started"}});
    ASSERT_EQ(done.status, 200) << done.body;
    auto r = Train();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("read 5 decided pairs: 3 needs to learn from"), std::string::npos) << r.output;
    EXPECT_EQ(Ranking().at("lists"), json::value(3));
}

TEST_F(ExchangeRankingApi, OnlyTheOfficeAndAdminsSeeHowSuggestionsAreRanked) {
    struct Case {
        const char* who;
        Client* client;
        int status;
    } cases[] = {
        {"office", office_.get(), 200},
        {"admin", admin.get(), 200},
        {"clinician", clinician_.get(), 403},
        {"company researcher", researcher_.get(), 403},
    };
    for (const auto& c : cases) EXPECT_EQ(c.client->Get("/api/exchange/ranking").status, c.status) << c.who;
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.Get("/api/exchange/ranking").status, 401);
}

}  // namespace
}  // namespace renkei::testing
