// Surveys over HTTP (issue 18, docs/surveys.md): the office builds a survey (errors name the
// question), sends it to a group (each person gets an inbox item), people answer once (a named
// answer may be changed until closing), results count per option with the scale's mean and the
// free texts, exports keep Japanese, an anonymous survey never ties a response to a person, and an
// imported survey shows its published figures with the stated sample size and nothing invented.
// Who may call each route is in authz_matrix.txt [surveys]; the rules alone in
// src/modules/surveys/model_test.cpp.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

using namespace std::chrono;

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

json::object Option(const char* ja, json::value jump = nullptr) {
    return {{"text_ja", ja}, {"text_en", ""}, {"jump_to", jump}};
}

// 0: required single (option 1 skips to 3); 1: multiple, at most 2; 2: scale 1–5; 3: free text.
json::array Questions() {
    return json::array{
        json::object{{"kind", "single"},
                     {"text_ja", "センターを利用しましたか"},
                     {"required", true},
                     {"options", json::array{Option("はい"), Option("いいえ", 3)}}},
        json::object{{"kind", "multiple"},
                     {"text_ja", "役に立った支援"},
                     {"max_choices", 2},
                     {"options", json::array{Option("契約"), Option("倫理審査"), Option("知財")}}},
        json::object{{"kind", "scale"},
                     {"text_ja", "満足度"},
                     {"scale_min", 1},
                     {"scale_max", 5},
                     {"min_label_ja", "不満"},
                     {"max_label_ja", "満足"}},
        json::object{{"kind", "text"}, {"text_ja", "ご要望"}},
    };
}

class SurveysApi : public ApiTest {
  protected:
    void World() {
        ids["office"] = Person("office@sv.example", {"office"}, "");
        ids["doc1"] = Person("doc1@sv.example", {"clinician"}, "");
        ids["doc2"] = Person("doc2@sv.example", {"clinician"}, "");
        ids["firm"] = Person("firm@sv.example", {"company_researcher"}, "");
        ids["other"] = Person("other@sv.example", {"researcher"}, "");
        for (const char* name : {"office", "doc1", "doc2", "firm", "other"})
            c[name] = Login(std::string(name) + "@sv.example");
    }
    std::string Create(json::object body) {
        if (!body.contains("questions")) body["questions"] = Questions();
        if (!body.contains("title_ja")) body["title_ja"] = "センターのサービスに関するアンケート";
        if (!body.contains("closes_on")) body["closes_on"] = TokyoDay(7);
        auto r = c["office"]->Post("/api/surveys", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return S(r.json().at("id"));
    }
    std::string Sent(json::object body) {
        auto id = Create(std::move(body));
        auto r = c["office"]->Post("/api/surveys/" + id + "/send", json::object{});
        EXPECT_EQ(r.status, 200) << r.body;
        return id;
    }
    static json::object Answers(json::array a) { return json::object{{"answers", std::move(a)}}; }
    std::map<std::string, std::string> ids;
    std::map<std::string, std::unique_ptr<Client>> c;
};

TEST_F(SurveysApi, TheOfficeSendsASurveyPeopleAnswerFromTheInboxAndTheResultsCount) {
    World();
    // Errors name the question and the field.
    auto bad = Questions();
    bad[1].as_object()["options"] = json::array{Option("ひとつ")};
    auto r = c["office"]->Post("/api/surveys", json::object{{"title_ja", "t"}, {"questions", bad}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.ErrorField(), "questions[1].options");
    bad = Questions();
    bad[3].as_object()["kind"] = "single";
    bad[3].as_object()["options"] = json::array{Option("a"), Option("b", 1)};
    r = c["office"]->Post("/api/surveys", json::object{{"title_ja", "t"}, {"questions", bad}});
    EXPECT_EQ(r.ErrorField(), "questions[3].options[1].jump_to") << "only forward jumps";

    auto id = Create(json::object{{"audience_roles", json::array{"clinician"}},
                                  {"audience_people", json::array{ids["firm"]}},
                                  {"results_to_respondents", true}});
    // A draft is the office's alone, and editable.
    EXPECT_EQ(c["doc1"]->Get("/api/surveys/" + id).status, 404);
    r = c["office"]->Put("/api/surveys/" + id, json::object{{"title_ja", "センターのサービスについて"},
                                                            {"questions", Questions()},
                                                            {"audience_roles", json::array{"clinician"}},
                                                            {"audience_people", json::array{ids["firm"]}},
                                                            {"results_to_respondents", true},
                                                            {"closes_on", TokyoDay(7)}});
    ASSERT_EQ(r.status, 200) << r.body;
    r = c["office"]->Post("/api/surveys/" + id + "/send", json::object{});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(S(r.json().at("status")), "open");
    EXPECT_EQ(r.json().at("recipient_list").as_array().size(), 3u) << "two clinicians and the chosen researcher";
    EXPECT_EQ(
        c["office"]->Put("/api/surveys/" + id, json::object{{"title_ja", "x"}, {"questions", Questions()}}).status, 409)
        << "sent: no longer editable";

    // Each person in the audience has an inbox item leading to the answer page, due on closing.
    for (const char* who : {"doc1", "doc2", "firm"}) {
        auto inbox = c[who]->Get("/api/inbox?state=open");
        EXPECT_NE(inbox.body.find("/surveys/" + id + "/answer"), std::string::npos) << who;
        EXPECT_NE(inbox.body.find(TokyoDay(7)), std::string::npos) << who;
    }
    EXPECT_EQ(c["other"]->Get("/api/inbox?state=open").body.find(id), std::string::npos);

    // doc1 answers: skipped questions are dropped; the item is resolved.
    r = c["doc1"]->Put("/api/surveys/" + id + "/response",
                       Answers({json::object{{"choice", 0}}, json::object{{"choices", json::array{0, 1}}},
                                json::object{{"value", 4}}, json::object{{"text", "倫理審査の締切を早めに"}}}));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json().at("answered_by_me").as_bool());
    EXPECT_EQ(c["doc1"]->Get("/api/inbox?state=open").body.find("/surveys/" + id), std::string::npos);
    // ... and changes their answer: still one response.
    r = c["doc1"]->Put("/api/surveys/" + id + "/response",
                       Answers({json::object{{"choice", 0}}, json::object{{"choices", json::array{1}}},
                                json::object{{"value", 2}}, json::object{{"text", "倫理審査の締切を早めに"}}}));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("my_answers").at(2).at("value").as_int64(), 2);
    r = c["doc2"]->Put("/api/surveys/" + id + "/response",
                       Answers({json::object{{"choice", 1}}, json::object{{"choices", json::array{0}}},
                                json::object{{"value", 5}}, json::object{{"text", "夜間の相談窓口"}}}));
    ASSERT_EQ(r.status, 200) << r.body;

    // Respondents see no results while it is open; the office does.
    EXPECT_EQ(c["doc1"]->Get("/api/surveys/" + id + "/results").status, 403);
    r = c["office"]->Get("/api/surveys/" + id + "/results");
    ASSERT_EQ(r.status, 200) << r.body;
    auto res = r.json();
    EXPECT_EQ(res.at("respondents").as_int64(), 2);
    const auto& q0 = res.at("results").at(0);
    EXPECT_EQ(q0.at("options").at(0).at("count").as_int64(), 1);
    EXPECT_DOUBLE_EQ(q0.at("options").at(1).at("percent").to_number<double>(), 50.0);
    const auto& q1 = res.at("results").at(1);
    EXPECT_EQ(q1.at("answered").as_int64(), 1) << "doc2 skipped it: their choice was dropped";
    EXPECT_EQ(q1.at("options").at(0).at("count").as_int64(), 0);
    EXPECT_EQ(q1.at("options").at(1).at("count").as_int64(), 1);
    EXPECT_EQ(res.at("results").at(2).at("answered").as_int64(), 1);
    EXPECT_DOUBLE_EQ(res.at("results").at(2).at("mean").to_number<double>(), 2.0);
    auto texts = res.at("results").at(3).at("texts").as_array();
    EXPECT_EQ(texts.size(), 2u);

    // Exports keep Japanese; a named survey's responses list who answered.
    auto csv = c["office"]->Get("/api/surveys/" + id + "/results.csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.body.find("夜間の相談窓口"), std::string::npos);
    EXPECT_NE(csv.body.find("倫理審査"), std::string::npos);
    auto xlsx = c["office"]->Get("/api/surveys/" + id + "/results.xlsx?lang=en");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_NE(XlsxStrings(xlsx.body).find("センターのサービスについて"), std::string::npos);
    auto responses = c["office"]->Get("/api/surveys/" + id + "/responses.xlsx");
    ASSERT_EQ(responses.status, 200) << responses.body;
    EXPECT_NE(XlsxStrings(responses.body).find("試験 doc2"), std::string::npos);

    // Closed: the unanswered item goes; respondents now see the results (the survey shares them).
    r = c["office"]->Post("/api/surveys/" + id + "/close", json::object{});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(c["firm"]->Get("/api/inbox?state=open").body.find("/surveys/" + id), std::string::npos);
    EXPECT_EQ(c["doc1"]->Get("/api/surveys/" + id + "/results").status, 200);
    EXPECT_EQ(c["other"]->Get("/api/surveys/" + id + "/results").status, 404);
}

TEST_F(SurveysApi, RefusalsAndAnAnonymousSurveyKeepsNoLinkToPeople) {
    World();
    auto named = Sent(json::object{{"audience_roles", json::array{"clinician"}}});
    auto anon = Sent(json::object{{"audience_roles", json::array{"clinician"}}, {"anonymous", true}});
    auto closed = Sent(json::object{{"audience_roles", json::array{"clinician"}}});
    auto draft = Create(json::object{{"audience_roles", json::array{"clinician"}}});
    ASSERT_EQ(c["office"]->Post("/api/surveys/" + closed + "/close", json::object{}).status, 200);
    auto fine = Answers(
        {json::object{{"choice", 0}}, nullptr, json::object{{"value", 3}}, json::object{{"text", "匿名の意見です"}}});
    ASSERT_EQ(c["doc1"]->Put("/api/surveys/" + named + "/response", fine).status, 200);
    ASSERT_EQ(c["doc1"]->Put("/api/surveys/" + anon + "/response", fine).status, 200);

    struct Row {
        const char* name;
        const char* who;
        std::string method, path;
        json::value body;
        int status;
        std::string field;
    };
    auto choice = [](json::value v) { return Answers({json::object{{"choice", v}}}); };
    std::vector<Row> rows{
        {"outsider reads", "other", "GET", "/api/surveys/" + named, nullptr, 404, ""},
        {"outsider answers", "other", "PUT", "/api/surveys/" + named + "/response", fine, 404, ""},
        {"outsider results", "firm", "GET", "/api/surveys/" + named + "/results", nullptr, 404, ""},
        {"a draft is not sent", "doc1", "GET", "/api/surveys/" + draft, nullptr, 404, ""},
        {"unknown survey", "doc1", "GET", "/api/surveys/nosuchsurvey0000", nullptr, 404, ""},
        {"respondent closes", "doc1", "POST", "/api/surveys/" + named + "/close", json::object{}, 403, ""},
        {"respondent builds", "doc1", "POST", "/api/surveys", json::object{{"title_ja", "x"}}, 403, ""},
        {"respondent exports responses", "doc1", "GET", "/api/surveys/" + named + "/responses.csv", nullptr, 403, ""},
        {"results while open", "doc2", "GET", "/api/surveys/" + named + "/results", nullptr, 403, ""},
        {"option 2^63", "doc2", "PUT", "/api/surveys/" + named + "/response",
         choice(json::value(9223372036854775808ULL)), 422, "answers[0]"},
        {"option 2^64 as a double", "doc2", "PUT", "/api/surveys/" + named + "/response",
         choice(json::value(18446744073709551616.0)), 422, "answers[0]"},
        {"option out of range", "doc2", "PUT", "/api/surveys/" + named + "/response", choice(2), 422, "answers[0]"},
        {"option as text", "doc2", "PUT", "/api/surveys/" + named + "/response", choice("0"), 422, "answers[0]"},
        {"multiple over its maximum", "doc2", "PUT", "/api/surveys/" + named + "/response",
         Answers({json::object{{"choice", 0}}, json::object{{"choices", json::array{0, 1, 2}}}}), 422, "answers[1]"},
        {"scale out of range", "doc2", "PUT", "/api/surveys/" + named + "/response",
         Answers({json::object{{"choice", 0}}, nullptr, json::object{{"value", 6}}}), 422, "answers[2]"},
        {"required missing", "doc2", "PUT", "/api/surveys/" + named + "/response", Answers({nullptr}), 422,
         "answers[0]"},
        {"answering an anonymous survey twice", "doc1", "PUT", "/api/surveys/" + anon + "/response", fine, 409, ""},
        {"answering after close", "doc1", "PUT", "/api/surveys/" + closed + "/response", fine, 409, ""},
        {"an anonymous survey's respondents", "office", "GET", "/api/surveys/" + anon + "/responses.csv", nullptr, 403,
         ""},
        {"sending twice", "office", "POST", "/api/surveys/" + named + "/send", json::object{}, 409, ""},
        {"a past closing date", "office", "POST", "/api/surveys",
         json::object{{"title_ja", "x"}, {"questions", Questions()}, {"closes_on", TokyoDay(-1)}}, 422, "closes_on"},
        {"an unknown audience", "office", "POST", "/api/surveys",
         json::object{{"title_ja", "x"}, {"questions", Questions()}, {"audience_roles", json::array{"admin"}}}, 422,
         "audience_roles"},
    };
    for (const auto& row : rows) {
        auto& client = *c[row.who];
        HttpResponse r = row.method == "GET"   ? client.Get(row.path)
                         : row.method == "PUT" ? client.Put(row.path, row.body)
                                               : client.Post(row.path, row.body);
        EXPECT_EQ(r.status, row.status) << row.name << ": " << r.body;
        if (!row.field.empty()) {
            EXPECT_EQ(r.ErrorField(), row.field) << row.name;
        }
    }

    // Another person's response is nobody else's to read: doc2 sees the survey, not doc1's answers.
    auto mine = c["doc2"]->Get("/api/surveys/" + named);
    ASSERT_EQ(mine.status, 200);
    EXPECT_TRUE(mine.json().at("my_answers").is_null());
    EXPECT_EQ(mine.body.find(ids["doc1"]), std::string::npos);

    // The anonymous survey: counted, but no person anywhere near a response.
    auto view = c["office"]->Get("/api/surveys/" + anon);
    ASSERT_EQ(view.status, 200);
    EXPECT_EQ(view.json().at("answered").as_int64(), 1);
    EXPECT_TRUE(view.json().at("recipient_list").as_array().empty());
    EXPECT_EQ(view.body.find(ids["doc1"]), std::string::npos);
    auto results = c["office"]->Get("/api/surveys/" + anon + "/results");
    ASSERT_EQ(results.status, 200);
    EXPECT_NE(results.body.find("匿名の意見です"), std::string::npos);
    EXPECT_EQ(results.body.find(ids["doc1"]), std::string::npos);
    EXPECT_TRUE(c["doc1"]->Get("/api/surveys/" + anon).json().at("my_answers").is_null())
        << "not even the respondent gets it back";
    // Named: the answer was kept and may be changed until closing; after, no more.
    EXPECT_EQ(c["doc1"]->Put("/api/surveys/" + named + "/response", fine).status, 200);
}

TEST_F(SurveysApi, AnImportedSurveyShowsPublishedFiguresWithItsSampleSize) {
    World();
    json::array qs{json::object{{"kind", "single"},
                                {"text_ja", "事業化を考えているアイデア等の有無"},
                                {"options", json::array{Option("有"), Option("無")}}},
                   json::object{{"kind", "text"}, {"text_ja", "自由記述"}}};
    auto imported = [](json::value percent) {
        return json::object{{"sample_size", 111},
                            {"citation_ja", "論文 §3"},
                            {"results", json::array{json::array{json::object{{"count", nullptr}, {"percent", percent}},
                                                                json::object{{"count", nullptr}, {"percent", nullptr}}},
                                                    json::array{}}}};
    };
    auto r = c["office"]->Post(
        "/api/surveys",
        json::object{{"title_ja", "医学系研究者の意識調査"}, {"questions", qs}, {"imported", imported(101)}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.ErrorField(), "imported.results[0][0].percent");
    r = c["doc1"]->Post(
        "/api/surveys",
        json::object{{"title_ja", "医学系研究者の意識調査"}, {"questions", qs}, {"imported", imported(40)}});
    EXPECT_EQ(r.status, 403);
    r = c["office"]->Post(
        "/api/surveys",
        json::object{{"title_ja", "医学系研究者の意識調査"}, {"questions", qs}, {"imported", imported(40)}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto id = S(r.json().at("id"));
    EXPECT_EQ(S(r.json().at("status")), "closed");
    EXPECT_EQ(S(r.json().at("source")), "imported");

    r = c["office"]->Get("/api/surveys/" + id + "/results");
    ASSERT_EQ(r.status, 200) << r.body;
    auto res = r.json();
    EXPECT_EQ(res.at("respondents").as_int64(), 111);
    const auto& yes = res.at("results").at(0).at("options").at(0);
    EXPECT_DOUBLE_EQ(yes.at("percent").to_number<double>(), 40.0);
    EXPECT_TRUE(yes.at("count").is_null()) << "no count invented from 40 % of 111";
    EXPECT_TRUE(res.at("results").at(0).at("options").at(1).at("percent").is_null()) << "not published";
    auto csv = c["office"]->Get("/api/surveys/" + id + "/results.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("40.0"), std::string::npos);
    EXPECT_NE(csv.body.find("有"), std::string::npos);
    EXPECT_EQ(c["office"]->Get("/api/surveys/" + id + "/responses.csv").status, 403) << "no responses to list";
    EXPECT_EQ(c["office"]->Post("/api/surveys/" + id + "/send", json::object{}).status, 409);
    EXPECT_EQ(c["doc1"]->Get("/api/surveys/" + id).status, 404) << "not sent to anyone";
}

}  // namespace
}  // namespace renkei::testing
