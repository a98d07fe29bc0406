// The surveys' pure rules (model.hpp), table-driven: well-formed questions, branching, checking a
// response, counting results and imported figures.
#include "modules/surveys/model.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace renkei::surveys {
namespace {

Question Single(std::vector<std::optional<int>> jumps, bool required = false) {
    Question q;
    q.kind = QuestionKind::kSingle;
    q.text_ja = "単一選択";
    q.required = required;
    for (size_t i = 0; i < jumps.size(); ++i) q.options.push_back({"選択肢" + std::to_string(i), "", jumps[i]});
    return q;
}
Question Multiple(int options, std::optional<int> max = std::nullopt) {
    Question q;
    q.kind = QuestionKind::kMultiple;
    q.text_ja = "複数選択";
    for (int i = 0; i < options; ++i) q.options.push_back({"選択肢" + std::to_string(i), "", std::nullopt});
    q.max_choices = max;
    return q;
}
Question Scale(int min = 1, int max = 5) {
    Question q;
    q.kind = QuestionKind::kScale;
    q.text_ja = "尺度";
    q.scale_min = min;
    q.scale_max = max;
    return q;
}
Question FreeText(bool required = false) {
    Question q;
    q.kind = QuestionKind::kText;
    q.text_ja = "自由記述";
    q.required = required;
    return q;
}
std::optional<Answer> Choice(int c) {
    Answer a;
    a.choice = c;
    return a;
}
std::optional<Answer> Choices(std::vector<int> cs) {
    Answer a;
    a.choices = std::move(cs);
    return a;
}
std::optional<Answer> Value(int v) {
    Answer a;
    a.value = v;
    return a;
}
std::optional<Answer> Words(std::string t) {
    Answer a;
    a.text = std::move(t);
    return a;
}

TEST(SurveyQuestions, ProblemsNameTheField) {
    auto no_text = Single({std::nullopt, std::nullopt});
    no_text.text_ja = "  ";
    auto one_option = Single({std::nullopt});
    auto option_no_text = Single({std::nullopt, std::nullopt});
    option_no_text.options[1].text_ja = "";
    auto back_jump = Single({std::nullopt, 0});
    auto self_jump = Single({1, std::nullopt});
    auto past_end = Single({3, std::nullopt});
    auto jump_on_multiple = Multiple(2);
    jump_on_multiple.options[0].jump_to = 2;
    auto scale_options = Scale();
    scale_options.options.push_back({"x", "", std::nullopt});
    struct Row {
        const char* name;
        std::vector<Question> questions;
        std::string field;  // "" = well formed
    };
    std::vector<Row> rows{
        {"empty", {}, "questions"},
        {"fine", {Single({2, std::nullopt}), Multiple(3, 2), Scale(0, 10), FreeText()}, ""},
        {"jump to the end", {FreeText(), Single({2, std::nullopt})}, ""},
        {"no text", {FreeText(), no_text}, "questions[1].text_ja"},
        {"one option", {FreeText(), FreeText(), one_option}, "questions[2].options"},
        {"option without text", {option_no_text}, "questions[0].options[1].text_ja"},
        {"backward jump", {FreeText(), back_jump}, "questions[1].options[1].jump_to"},
        {"jump to itself", {FreeText(), self_jump}, "questions[1].options[0].jump_to"},
        {"jump past the end", {FreeText(), past_end}, "questions[1].options[0].jump_to"},
        {"jump on multiple", {jump_on_multiple, FreeText()}, "questions[0].options[0].jump_to"},
        {"max zero", {Multiple(3, 0)}, "questions[0].max_choices"},
        {"max above options", {Multiple(3, 4)}, "questions[0].max_choices"},
        {"max on single",
         {[] {
             auto q = Single({std::nullopt, std::nullopt});
             q.max_choices = 1;
             return q;
         }()},
         "questions[0].max_choices"},
        {"scale from 2", {Scale(2, 5)}, "questions[0].scale_min"},
        {"scale of two points", {Scale(1, 2)}, "questions[0].scale_max"},
        {"scale to 11", {Scale(1, 11)}, "questions[0].scale_max"},
        {"options on a scale", {scale_options}, "questions[0].options"},
    };
    for (const auto& r : rows) {
        auto p = CheckQuestions(r.questions);
        EXPECT_EQ(p ? p->field : "", r.field) << r.name;
    }
    EXPECT_EQ(CheckQuestions(std::vector<Question>(kMaxQuestions + 1, FreeText()))->field, "questions");
}

TEST(SurveyBranching, PathFollowsForwardJumps) {
    // 0: single (option 1 skips to 3); 1: multiple; 2: scale; 3: single (option 0 ends); 4: text.
    std::vector<Question> qs{Single({std::nullopt, 3}), Multiple(3), Scale(), Single({5, std::nullopt}), FreeText()};
    struct Row {
        const char* name;
        Answers answers;
        std::vector<int> path;
    };
    for (const auto& r : std::vector<Row>{
             {"nothing answered", {}, {0, 1, 2, 3, 4}},
             {"first option: no jump", {Choice(0)}, {0, 1, 2, 3, 4}},
             {"second option: skip to 3", {Choice(1)}, {0, 3, 4}},
             {"skip, then end", {Choice(1), std::nullopt, std::nullopt, Choice(0)}, {0, 3}},
             {"an option out of range jumps nowhere", {Choice(7)}, {0, 1, 2, 3, 4}},
         })
        EXPECT_EQ(PathOf(qs, r.answers), r.path) << r.name;
}

TEST(SurveyAnswers, CheckedAgainstTheirQuestions) {
    // 0: required single (option 1 skips to 3); 1: multiple, at most 2; 2: scale 1–5; 3: required text.
    std::vector<Question> qs{Single({std::nullopt, 3}, true), Multiple(4, 2), Scale(), FreeText(true)};
    struct Row {
        const char* name;
        Answers answers;
        std::string field;
    };
    for (const auto& r : std::vector<Row>{
             {"complete", {Choice(0), Choices({0, 2}), Value(5), Words("ok")}, ""},
             {"optional left out", {Choice(0), std::nullopt, std::nullopt, Words("ok")}, ""},
             {"required missing", {std::nullopt, std::nullopt, std::nullopt, Words("ok")}, "answers[0]"},
             {"required text blank", {Choice(0), std::nullopt, std::nullopt, Words("   ")}, "answers[3]"},
             {"option out of range", {Choice(2), std::nullopt, std::nullopt, Words("ok")}, "answers[0]"},
             {"negative option", {Choice(-1), std::nullopt, std::nullopt, Words("ok")}, "answers[0]"},
             {"over the maximum", {Choice(0), Choices({0, 1, 2}), std::nullopt, Words("ok")}, "answers[1]"},
             {"an option twice", {Choice(0), Choices({1, 1}), std::nullopt, Words("ok")}, "answers[1]"},
             {"multiple out of range", {Choice(0), Choices({4}), std::nullopt, Words("ok")}, "answers[1]"},
             {"scale below", {Choice(0), std::nullopt, Value(0), Words("ok")}, "answers[2]"},
             {"scale above", {Choice(0), std::nullopt, Value(6), Words("ok")}, "answers[2]"},
             {"text too long",
              {Choice(0), std::nullopt, std::nullopt, Words(std::string(kMaxTextChars + 1, 'a'))},
              "answers[3]"},
             {"more answers than questions", Answers(5, std::nullopt), "answers"},
             // Skipped questions are not checked (an out-of-range value there is dropped, not refused).
             {"skipped and wrong", {Choice(1), Choices({9}), Value(99), Words("ok")}, ""},
         }) {
        auto c = CheckAnswers(qs, r.answers);
        EXPECT_EQ(c.problem ? c.problem->field : "", r.field) << r.name;
    }
    auto c = CheckAnswers(qs, {Choice(1), Choices({0}), Value(3), Words(" 要望 ")});
    ASSERT_FALSE(c.problem);
    EXPECT_FALSE(c.answers[1]) << "off the path: dropped";
    EXPECT_FALSE(c.answers[2]) << "off the path: dropped";
    EXPECT_EQ(c.answers[3]->text, "要望");
}

TEST(SurveyResults, CountsSharesMeansAndTexts) {
    std::vector<Question> qs{Single({std::nullopt, std::nullopt, std::nullopt}), Multiple(3), Scale(1, 5), FreeText()};
    std::vector<Answers> responses{
        {Choice(0), Choices({0, 1}), Value(5), Words("良い")},
        {Choice(0), Choices({1}), Value(2), Words("")},
        {Choice(2), std::nullopt, Value(4), std::nullopt},
        {std::nullopt, Choices({1, 2}), std::nullopt, Words("もっと相談したい")},
    };
    auto r = Aggregate(qs, responses);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].answered, 3);
    EXPECT_EQ(r[0].options[0].count, 2);
    EXPECT_EQ(r[0].options[1].count, 0);
    EXPECT_NEAR(*r[0].options[0].percent, 66.67, 0.01);
    EXPECT_NEAR(*r[0].options[2].percent, 33.33, 0.01);
    EXPECT_EQ(r[1].answered, 3);
    EXPECT_EQ(r[1].options[1].count, 3);
    EXPECT_NEAR(*r[1].options[1].percent, 100.0, 1e-9) << "shares of a multiple choice may add up past 100";
    EXPECT_EQ(r[2].scale, (std::vector<int>{0, 1, 0, 1, 1}));
    EXPECT_NEAR(*r[2].mean, 11.0 / 3, 1e-9);
    EXPECT_EQ(r[3].texts, (std::vector<std::string>{"良い", "もっと相談したい"}));
    EXPECT_EQ(r[3].answered, 2);

    auto none = Aggregate(qs, {});
    EXPECT_EQ(none[0].answered, 0);
    EXPECT_FALSE(none[0].options[0].percent) << "no share of nobody";
    EXPECT_FALSE(none[2].mean);
}

TEST(SurveyImported, PublishedFiguresOnly) {
    std::vector<Question> qs{Single({std::nullopt, std::nullopt}), Multiple(3), FreeText()};
    ImportedResults ok;
    ok.sample_size = 111;
    ok.citation_ja = "論文 §3";
    ok.results = {{{std::nullopt, 40.0}, {}}, {{}, {}, {}}, {}};
    EXPECT_FALSE(CheckImported(qs, ok));
    auto view = ImportedView(qs, ok);
    EXPECT_EQ(view[0].answered, 111);
    EXPECT_TRUE(view[0].published);
    EXPECT_FALSE(view[0].options[0].count) << "no count is made up from a percentage";
    EXPECT_EQ(view[0].options[0].percent, 40.0);
    EXPECT_FALSE(view[0].options[1].percent);
    EXPECT_FALSE(view[1].published) << "no figure published for the question";

    struct Row {
        const char* name;
        std::function<void(ImportedResults&)> change;
        std::string field;
    };
    for (const auto& r : std::vector<Row>{
             {"no sample", [](ImportedResults& i) { i.sample_size = 0; }, "imported.sample_size"},
             {"no citation", [](ImportedResults& i) { i.citation_ja = ""; }, "imported.citation_ja"},
             {"too few rows", [](ImportedResults& i) { i.results.pop_back(); }, "imported.results"},
             {"too few options", [](ImportedResults& i) { i.results[1].pop_back(); }, "imported.results[1]"},
             {"figures on free text",
              [](ImportedResults& i) {
                  i.results[2].push_back({1, std::nullopt});
              },
              "imported.results[2]"},
             {"count above sample", [](ImportedResults& i) { i.results[1][0].count = 112; },
              "imported.results[1][0].count"},
             {"percent above 100", [](ImportedResults& i) { i.results[0][1].percent = 100.5; },
              "imported.results[0][1].percent"},
             {"count and percent disagree",
              [](ImportedResults& i) {
                  i.results[0][0].count = 30;  // 27 % of 111, not 40 %
              },
              "imported.results[0][0].percent"},
         }) {
        auto copy = ok;
        r.change(copy);
        auto p = CheckImported(qs, copy);
        EXPECT_EQ(p ? p->field : "", r.field) << r.name;
    }
    auto agreeing = ok;
    agreeing.results[0][0].count = 44;  // 39.6 %: within a point of 40
    EXPECT_FALSE(CheckImported(qs, agreeing));
}

}  // namespace
}  // namespace renkei::surveys
