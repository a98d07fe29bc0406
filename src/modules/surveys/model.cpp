#include "modules/surveys/model.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "platform/json.hpp"

namespace renkei::surveys {
namespace {

std::string Q(size_t i) { return "questions[" + std::to_string(i) + "]"; }
std::string A(size_t i) { return "answers[" + std::to_string(i) + "]"; }

bool IsChoice(QuestionKind k) { return k == QuestionKind::kSingle || k == QuestionKind::kMultiple; }

}  // namespace

std::optional<Problem> CheckQuestions(const std::vector<Question>& questions) {
    if (questions.empty()) return Problem{"questions", "add at least one question"};
    if (questions.size() > static_cast<size_t>(kMaxQuestions))
        return Problem{"questions", "at most " + std::to_string(kMaxQuestions) + " questions"};
    const int count = static_cast<int>(questions.size());
    for (size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        if (Trim(q.text_ja).empty()) return Problem{Q(i) + ".text_ja", "the question needs a Japanese text"};
        if (IsChoice(q.kind)) {
            if (q.options.size() < 2) return Problem{Q(i) + ".options", "a choice needs at least two options"};
            if (q.options.size() > static_cast<size_t>(kMaxOptions))
                return Problem{Q(i) + ".options", "at most " + std::to_string(kMaxOptions) + " options"};
            for (size_t j = 0; j < q.options.size(); ++j) {
                const auto& o = q.options[j];
                std::string field = Q(i) + ".options[" + std::to_string(j) + "]";
                if (Trim(o.text_ja).empty()) return Problem{field + ".text_ja", "the option needs a Japanese text"};
                if (o.jump_to) {
                    if (q.kind != QuestionKind::kSingle)
                        return Problem{field + ".jump_to", "only a single choice's options may skip ahead"};
                    if (*o.jump_to <= static_cast<int>(i) || *o.jump_to > count)
                        return Problem{field + ".jump_to",
                                       "an option may only skip forward, to a later question or "
                                       "the end"};
                }
            }
        } else if (!q.options.empty()) {
            return Problem{Q(i) + ".options", "only choice questions have options"};
        }
        if (q.max_choices) {
            if (q.kind != QuestionKind::kMultiple)
                return Problem{Q(i) + ".max_choices", "only a multiple choice has a maximum"};
            if (*q.max_choices < 1 || *q.max_choices > static_cast<int>(q.options.size()))
                return Problem{Q(i) + ".max_choices", "the maximum must be between 1 and the number of options"};
        }
        if (q.kind == QuestionKind::kScale) {
            if (q.scale_min != 0 && q.scale_min != 1) return Problem{Q(i) + ".scale_min", "a scale starts at 0 or 1"};
            if (q.scale_max <= q.scale_min + 1 || q.scale_max > kMaxScale)
                return Problem{
                    Q(i) + ".scale_max",
                    "a scale ends above its start (three points at least), at most at " + std::to_string(kMaxScale)};
        }
    }
    return std::nullopt;
}

std::vector<int> PathOf(const std::vector<Question>& questions, const Answers& answers) {
    std::vector<int> path;
    const int count = static_cast<int>(questions.size());
    int i = 0;
    while (i < count) {
        path.push_back(i);
        int next = i + 1;
        const auto& q = questions[static_cast<size_t>(i)];
        if (q.kind == QuestionKind::kSingle && static_cast<size_t>(i) < answers.size() && answers[i] &&
            answers[i]->choice && *answers[i]->choice >= 0 &&
            static_cast<size_t>(*answers[i]->choice) < q.options.size()) {
            const auto& jump = q.options[static_cast<size_t>(*answers[i]->choice)].jump_to;
            if (jump && *jump > i) next = *jump;  // forward only, whatever was stored
        }
        i = next;
    }
    return path;
}

Checked CheckAnswers(const std::vector<Question>& questions, Answers answers) {
    Checked out;
    if (answers.size() > questions.size()) {
        out.problem = Problem{"answers", "more answers than questions"};
        return out;
    }
    answers.resize(questions.size());
    out.answers.assign(questions.size(), std::nullopt);
    for (int i : PathOf(questions, answers)) {
        const auto idx = static_cast<size_t>(i);
        const auto& q = questions[idx];
        auto& a = answers[idx];
        // An empty answer is no answer.
        if (a) {
            bool empty = false;
            switch (q.kind) {
                case QuestionKind::kSingle:
                    empty = !a->choice;
                    break;
                case QuestionKind::kMultiple:
                    empty = a->choices.empty();
                    break;
                case QuestionKind::kScale:
                    empty = !a->value;
                    break;
                case QuestionKind::kText:
                    empty = Trim(a->text).empty();
                    break;
            }
            if (empty) a.reset();
        }
        if (!a) {
            if (q.required) {
                out.problem = Problem{A(idx), "this question needs an answer"};
                return out;
            }
            continue;
        }
        Answer kept;
        const int options = static_cast<int>(q.options.size());
        switch (q.kind) {
            case QuestionKind::kSingle:
                if (*a->choice < 0 || *a->choice >= options) {
                    out.problem = Problem{A(idx), "no such option"};
                    return out;
                }
                kept.choice = a->choice;
                break;
            case QuestionKind::kMultiple: {
                std::set<int> seen;
                for (int c : a->choices) {
                    if (c < 0 || c >= options) {
                        out.problem = Problem{A(idx), "no such option"};
                        return out;
                    }
                    if (!seen.insert(c).second) {
                        out.problem = Problem{A(idx), "an option is chosen twice"};
                        return out;
                    }
                }
                if (q.max_choices && static_cast<int>(seen.size()) > *q.max_choices) {
                    out.problem = Problem{A(idx), "choose at most " + std::to_string(*q.max_choices)};
                    return out;
                }
                kept.choices.assign(seen.begin(), seen.end());
                break;
            }
            case QuestionKind::kScale:
                if (*a->value < q.scale_min || *a->value > q.scale_max) {
                    out.problem = Problem{A(idx), "the value is outside the scale"};
                    return out;
                }
                kept.value = a->value;
                break;
            case QuestionKind::kText:
                if (Utf8Length(a->text) > kMaxTextChars) {
                    out.problem = Problem{A(idx), "at most " + std::to_string(kMaxTextChars) + " characters"};
                    return out;
                }
                kept.text = Trim(a->text);
                break;
        }
        out.answers[idx] = std::move(kept);
    }
    return out;
}

std::vector<QuestionResult> Aggregate(const std::vector<Question>& questions, const std::vector<Answers>& responses) {
    std::vector<QuestionResult> out(questions.size());
    for (size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        auto& r = out[i];
        std::vector<int> counts(q.options.size(), 0);
        if (q.kind == QuestionKind::kScale) r.scale.assign(static_cast<size_t>(q.scale_max - q.scale_min) + 1, 0);
        long long sum = 0;
        for (const auto& response : responses) {
            if (i >= response.size() || !response[i]) continue;
            const auto& a = *response[i];
            switch (q.kind) {
                case QuestionKind::kSingle:
                    if (!a.choice || *a.choice < 0 || static_cast<size_t>(*a.choice) >= counts.size()) continue;
                    ++counts[static_cast<size_t>(*a.choice)];
                    break;
                case QuestionKind::kMultiple: {
                    bool any = false;
                    for (int c : a.choices)
                        if (c >= 0 && static_cast<size_t>(c) < counts.size()) {
                            ++counts[static_cast<size_t>(c)];
                            any = true;
                        }
                    if (!any) continue;
                    break;
                }
                case QuestionKind::kScale:
                    if (!a.value || *a.value < q.scale_min || *a.value > q.scale_max) continue;
                    ++r.scale[static_cast<size_t>(*a.value - q.scale_min)];
                    sum += *a.value;
                    break;
                case QuestionKind::kText:
                    if (Trim(a.text).empty()) continue;
                    r.texts.push_back(a.text);
                    break;
            }
            ++r.answered;
        }
        r.options.reserve(counts.size());
        for (int c : counts) {
            OptionResult o;
            o.count = c;
            if (r.answered > 0) o.percent = 100.0 * c / r.answered;
            r.options.push_back(o);
        }
        if (q.kind == QuestionKind::kScale && r.answered > 0) r.mean = static_cast<double>(sum) / r.answered;
    }
    return out;
}

std::optional<Problem> CheckImported(const std::vector<Question>& questions, const ImportedResults& imported) {
    if (imported.sample_size < 1 || imported.sample_size > 1'000'000)
        return Problem{"imported.sample_size", "the sample size must be between 1 and 1,000,000"};
    if (Trim(imported.citation_ja).empty())
        return Problem{"imported.citation_ja", "say where the results were published (出典)"};
    if (imported.results.size() != questions.size()) return Problem{"imported.results", "one entry per question"};
    for (size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        const auto& row = imported.results[i];
        std::string field = "imported.results[" + std::to_string(i) + "]";
        if (!IsChoice(q.kind)) {
            if (!row.empty()) return Problem{field, "only choice questions carry imported figures"};
            continue;
        }
        if (row.size() != q.options.size()) return Problem{field, "one entry per option"};
        for (size_t j = 0; j < row.size(); ++j) {
            const auto& o = row[j];
            std::string f = field + "[" + std::to_string(j) + "]";
            if (o.count && (*o.count < 0 || *o.count > imported.sample_size))
                return Problem{f + ".count", "a count must be between 0 and the sample size"};
            if (o.percent && (!std::isfinite(*o.percent) || *o.percent < 0 || *o.percent > 100))
                return Problem{f + ".percent", "a percentage must be between 0 and 100"};
            if (o.count && o.percent && std::abs(100.0 * *o.count / imported.sample_size - *o.percent) > 1.0)
                return Problem{f + ".percent", "the percentage does not agree with the count"};
        }
    }
    return std::nullopt;
}

std::vector<QuestionResult> ImportedView(const std::vector<Question>& questions, const ImportedResults& imported) {
    std::vector<QuestionResult> out(questions.size());
    for (size_t i = 0; i < questions.size(); ++i) {
        auto& r = out[i];
        r.answered = imported.sample_size;
        r.published = false;
        if (questions[i].kind == QuestionKind::kScale)
            r.scale.assign(static_cast<size_t>(questions[i].scale_max - questions[i].scale_min) + 1, 0);
        const auto* row = i < imported.results.size() ? &imported.results[i] : nullptr;
        r.options.reserve(questions[i].options.size());
        for (size_t j = 0; j < questions[i].options.size(); ++j) {
            OptionResult o;
            if (row && j < row->size()) {
                o.count = (*row)[j].count;
                o.percent = (*row)[j].percent;
                if (!o.percent && o.count && imported.sample_size > 0)
                    o.percent = 100.0 * *o.count / imported.sample_size;
            }
            if (o.count || o.percent) r.published = true;
            r.options.push_back(o);
        }
    }
    return out;
}

}  // namespace renkei::surveys
