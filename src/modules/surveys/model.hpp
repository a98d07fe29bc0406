// Surveys (アンケート, issue 18) as plain types and pure rules (no I/O): what a well-formed survey
// is (questions, options, scales, forward-only branching), which questions a respondent passes
// through given their answers, whether a response is complete and in range, and the counts,
// percentages and means of the results.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "platform/enum_text.hpp"

namespace renkei::surveys {

enum class QuestionKind { kSingle, kMultiple, kScale, kText };
inline constexpr std::array<EnumText<QuestionKind>, 4> kQuestionKindTexts{{{QuestionKind::kSingle, "single"},
                                                                           {QuestionKind::kMultiple, "multiple"},
                                                                           {QuestionKind::kScale, "scale"},
                                                                           {QuestionKind::kText, "text"}}};
constexpr const auto& TextsOf(QuestionKind) { return kQuestionKindTexts; }

// Limits of one survey.
inline constexpr int kMaxQuestions = 60;
inline constexpr int kMaxOptions = 30;
inline constexpr int kMaxScale = 10;                // a scale runs from 0 or 1 up to at most 10
inline constexpr std::size_t kMaxTextChars = 4000;  // a free-text answer

struct Option {
    std::string text_ja, text_en;
    // Single choice only: choosing this option skips to that question (an index after this
    // question's; the number of questions means the end of the survey). nullopt: the next one.
    std::optional<int> jump_to;
};

struct Question {
    QuestionKind kind = QuestionKind::kSingle;
    std::string text_ja, text_en;
    bool required = false;
    std::vector<Option> options;     // single and multiple choice: at least two
    std::optional<int> max_choices;  // multiple choice: at most this many (nullopt: any number)
    int scale_min = 1, scale_max = 5;
    std::string min_label_ja, min_label_en, max_label_ja, max_label_en;  // the scale's ends
};

// A rule broken, with the field it is about ("questions[2].options") and a message for people.
struct Problem {
    std::string field, message;
};

// A well-formed list of questions: at least one; each with a Japanese text; choices with two or
// more options, each with a Japanese text; a maximum between 1 and the number of options; a scale
// of min 0 or 1 and max above it up to kMaxScale; jumps on single choice only, forward only.
std::optional<Problem> CheckQuestions(const std::vector<Question>& questions);

// One answer to one question (which members count depends on its kind).
struct Answer {
    std::optional<int> choice;  // single
    std::vector<int> choices;   // multiple
    std::optional<int> value;   // scale
    std::string text;           // text
};
using Answers = std::vector<std::optional<Answer>>;  // aligned with the questions; nullopt: none

// The questions a respondent passes through, in order: from the first, each leads to the next
// unless a single choice's chosen option jumps forward. Questions off this path are skipped.
std::vector<int> PathOf(const std::vector<Question>& questions, const Answers& answers);

// The answers as they are kept: those on the path, checked against their questions (an option
// index in range, no option twice, no more than max_choices, a scale value within its ends, text
// of at most kMaxTextChars characters, every required question on the path answered); answers
// off the path are dropped. A Problem names "answers[i]" (or "answers" when the list is too long).
struct Checked {
    Answers answers;
    std::optional<Problem> problem;
};
Checked CheckAnswers(const std::vector<Question>& questions, Answers answers);

// ---- results ----
struct OptionResult {
    std::optional<int> count;       // nullopt: not known (an imported figure given as a percentage)
    std::optional<double> percent;  // of the respondents to the question; nullopt: not known
};
struct QuestionResult {
    int answered = 0;                   // how many answered it (imported: the survey's sample size)
    std::vector<OptionResult> options;  // choice questions
    std::vector<int> scale;             // scale: the count of each value from scale_min up
    std::optional<double> mean;         // scale
    std::vector<std::string> texts;     // free text
    bool published = true;              // imported: whether the source published any figure for it
};

// The results of live responses: per option the count and its share of those who answered the
// question (a multiple choice's shares may add up to more than 100), a scale's distribution and
// mean, the free-text answers (empty ones left out).
std::vector<QuestionResult> Aggregate(const std::vector<Question>& questions, const std::vector<Answers>& responses);

// Imported results (a survey run before Renkei): per question, per option, the figures the source
// published: a count, a percentage or both, or neither (not published).
struct ImportedOption {
    std::optional<int> count;
    std::optional<double> percent;
};
struct ImportedResults {
    int sample_size = 0;
    std::string conducted;  // when it was run, as the source says ("2019")
    std::string citation_ja, citation_en;
    std::vector<std::vector<ImportedOption>> results;  // aligned with the questions and their options
};
// Sample size 1–1,000,000; one entry per question, and for choice questions one per option; a
// count within 0..sample size, a percentage within 0–100; a count and a percentage given together
// must agree (the percentage within one point of count/sample size). Free text and scale
// questions carry no figures. Fields: "imported.sample_size", "imported.results[i][j]".
std::optional<Problem> CheckImported(const std::vector<Question>& questions, const ImportedResults& imported);
// The results as published: a percentage derived from a count where only the count is given
// (never a count from a percentage).
std::vector<QuestionResult> ImportedView(const std::vector<Question>& questions, const ImportedResults& imported);

}  // namespace renkei::surveys
