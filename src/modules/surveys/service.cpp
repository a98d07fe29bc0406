#include "modules/surveys/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <set>

#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "modules/surveys/internal.hpp"
#include "modules/surveys/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::surveys {
namespace {

namespace json = boost::json;

void RequireManage(const Me& me) {
    if (!MayManage(me)) throw Forbidden("only the office builds and runs surveys");
}

json::value Snapshot(const Survey& s) {
    return json::object{{"title_ja", s.title_ja},
                        {"title_en", s.title_en},
                        {"status", Text(s.status)},
                        {"source", Text(s.source)},
                        {"questions", static_cast<int>(s.questions.size())},
                        {"anonymous", s.anonymous},
                        {"results_to_respondents", s.results_to_respondents},
                        {"closes_on", s.closes_on ? json::value(*s.closes_on) : json::value(nullptr)}};
}

Survey Load(db::Tx& tx, const std::string& id) {
    auto s = store::FindSurvey(tx, id);
    if (!s) throw NotFound("survey");
    return *s;
}

std::string Lang(const std::string& ja, const std::string& en, const std::string& lang) {
    return lang == "en" && !en.empty() ? en : ja;
}

std::string Percent(const std::optional<double>& p, int digits = 1) {
    if (!p) return "";
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.*f", digits, *p);
    return buf.data();
}

void Check(db::Tx& tx, const SurveyInput& in, Seconds now) {
    if (Trim(in.title_ja).empty()) throw Invalid("title_ja", "the survey needs a Japanese title");
    if (auto p = CheckQuestions(in.questions)) throw Invalid(p->field, p->message);
    for (const auto& r : in.audience_roles)
        if (std::find(kAudienceRoles.begin(), kAudienceRoles.end(), r) == kAudienceRoles.end())
            throw Invalid("audience_roles", "unknown audience: " + r);
    for (const auto& id : in.audience_people) {
        auto p = people::FindPerson(tx, id);
        if (!p || !p->active) throw Invalid("audience_people", "no active person " + id);
    }
    if (in.closes_on) {
        if (!ParseDate(*in.closes_on)) throw Invalid("closes_on", "closes_on must be a date (YYYY-MM-DD)");
        if (!in.imported && *in.closes_on < TokyoDate(now)) throw Invalid("closes_on", "the closing date has passed");
    }
    if (in.imported) {
        if (auto p = CheckImported(in.questions, *in.imported)) throw Invalid(p->field, p->message);
    }
}

void Apply(Survey& s, const SurveyInput& in) {
    s.title_ja = Trim(in.title_ja);
    s.title_en = Trim(in.title_en);
    s.description_ja = in.description_ja;
    s.description_en = in.description_en;
    s.questions = in.questions;
    s.anonymous = in.anonymous;
    s.results_to_respondents = in.results_to_respondents;
    s.audience_roles = in.audience_roles;
    s.audience_people = in.audience_people;
    s.closes_on = in.closes_on;
}

PersonRef Ref(people::NameBook& names, const std::string& id) {
    const auto& n = names.Of(id);
    return PersonRef{id, n.name_ja, n.name_en};
}

}  // namespace

Status Effective(const Survey& s, Seconds now) {
    if (s.status == Status::kOpen && s.closes_on && TokyoDate(now) > *s.closes_on) return Status::kClosed;
    return s.status;
}

Survey ReadableSurvey(db::Tx& tx, const Me& me, const std::string& id) {
    auto s = Load(tx, id);
    if (MayManage(me)) return s;
    if (s.status == Status::kDraft || !store::FindRecipient(tx, id, me.person_id)) throw NotFound("survey");
    return s;
}

std::vector<Survey> ListSurveys(db::Tx& tx, const Me& me, Seconds now) {
    auto list = store::ListSurveys(tx, MayManage(me) ? std::nullopt : std::optional<std::string>(me.person_id));
    for (auto& s : list) s.status = Effective(s, now);
    return list;
}

SurveyView GetSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    SurveyView v;
    v.survey = ReadableSurvey(tx, me, id);
    const auto& s = v.survey;
    v.status = Effective(s, now);
    v.may_manage = MayManage(me);
    auto mine = store::FindRecipient(tx, id, me.person_id);
    v.in_audience = mine.has_value();
    v.answered = mine && mine->answered;
    v.may_answer = v.in_audience && v.status == Status::kOpen && !(s.anonymous && v.answered);
    if (mine && !s.anonymous)
        if (auto r = store::ResponseOf(tx, id, me.person_id)) v.my_answers = r->answers;
    v.may_see_results = v.may_manage || (v.in_audience && v.status == Status::kClosed && s.results_to_respondents);
    if (v.may_manage) {
        people::NameBook names(tx);
        auto recipients = s.anonymous ? std::vector<store::StoredRecipient>{} : store::Recipients(tx, id);
        std::vector<std::string> ids = s.audience_people;
        for (const auto& r : recipients) ids.push_back(r.person_id);
        names.Load(ids);
        for (const auto& p : s.audience_people) v.audience_people.push_back(Ref(names, p));
        for (const auto& r : recipients) v.recipients.push_back({Ref(names, r.person_id), r.answered, r.answered_at});
        std::sort(v.recipients.begin(), v.recipients.end(),
                  [](const Recipient& a, const Recipient& b) { return a.person.name_ja < b.person.name_ja; });
    }
    return v;
}

SurveyView CreateSurvey(db::Tx& tx, const Me& me, const SurveyInput& in, Seconds now) {
    RequireManage(me);
    Check(tx, in, now);
    Survey s;
    s.id = NewId();
    Apply(s, in);
    s.created_by = me.person_id;
    s.created_at = s.updated_at = now;
    if (in.imported) {
        // A finished survey run elsewhere: its published figures, nobody to ask.
        s.source = Source::kImported;
        s.status = Status::kClosed;
        s.imported = in.imported;
        s.audience_roles.clear();
        s.audience_people.clear();
        s.anonymous = true;
        s.closed_at = now;
    }
    store::InsertSurvey(tx, s);
    audit::Record(tx, me.person_id, "create", "survey", s.id, nullptr, Snapshot(s));
    return GetSurvey(tx, me, s.id, now);
}

SurveyView UpdateSurvey(db::Tx& tx, const Me& me, const std::string& id, const SurveyInput& in, Seconds now) {
    RequireManage(me);
    auto s = Load(tx, id);
    if (s.status != Status::kDraft) throw Error{ErrorCode::kConflict, "status", "only a draft may be edited"};
    if (in.imported) throw Invalid("imported", "imported results are given when the survey is created");
    Check(tx, in, now);
    auto before = Snapshot(s);
    Apply(s, in);
    s.updated_at = now;
    store::UpdateSurvey(tx, s);
    audit::Record(tx, me.person_id, "update", "survey", s.id, before, Snapshot(s));
    return GetSurvey(tx, me, s.id, now);
}

void DeleteSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds /*now*/) {
    RequireManage(me);
    auto s = Load(tx, id);
    if (s.status != Status::kDraft) throw Error{ErrorCode::kConflict, "status", "only a draft may be deleted"};
    audit::Record(tx, me.person_id, "delete", "survey", s.id, Snapshot(s), nullptr);
    store::DeleteSurvey(tx, id);
}

SurveyView SendSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireManage(me);
    auto s = Load(tx, id);
    if (s.status != Status::kDraft) throw Error{ErrorCode::kConflict, "status", "the survey has been sent already"};
    if (auto p = CheckQuestions(s.questions)) throw Invalid(p->field, p->message);
    if (!s.closes_on) throw Invalid("closes_on", "set a closing date before sending");
    if (*s.closes_on < TokyoDate(now)) throw Invalid("closes_on", "the closing date has passed");
    std::set<std::string> audience;
    for (const auto& role : s.audience_roles)
        for (const auto& p : people::ListPeople(tx, "", role == "everyone" ? "" : role, "", 1))
            if (p.active) audience.insert(p.id);
    for (const auto& chosen : s.audience_people)
        if (auto p = people::FindPerson(tx, chosen); p && p->active) audience.insert(p->id);
    if (audience.empty()) throw Invalid("audience_roles", "nobody is in the audience: choose roles or people");
    auto before = Snapshot(s);
    s.status = Status::kOpen;
    s.sent_at = now;
    s.updated_at = now;
    store::UpdateSurvey(tx, s);
    audit::Record(tx, me.person_id, "send", "survey", s.id, before, Snapshot(s));
    const auto questions = std::to_string(s.questions.size());
    for (const auto& person : audience) {
        store::InsertRecipient(tx, s.id, person);
        inbox::NewItem n;
        n.person_id = person;
        n.kind = "surveys.answer";
        n.source = kSource;
        n.source_key = "answer:" + s.id;
        n.title_ja = "アンケートへの回答: " + s.title_ja;
        n.title_en = "Please answer a survey: " + (s.title_en.empty() ? s.title_ja : s.title_en);
        n.context_ja = "設問 " + questions + " 問・" + *s.closes_on + " 締切" + (s.anonymous ? "・無記名" : "");
        n.context_en = questions + " question(s) · closes " + *s.closes_on + (s.anonymous ? " · anonymous" : "");
        n.link = "/surveys/" + s.id + "/answer";
        n.due_on = s.closes_on;
        inbox::Post(tx, n, now);
    }
    return GetSurvey(tx, me, id, now);
}

SurveyView CloseSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireManage(me);
    auto s = Load(tx, id);
    if (s.status != Status::kOpen) throw Error{ErrorCode::kConflict, "status", "only an open survey may be closed"};
    auto before = Snapshot(s);
    s.status = Status::kClosed;
    s.closed_at = now;
    s.updated_at = now;
    store::UpdateSurvey(tx, s);
    audit::Record(tx, me.person_id, "close_survey", "survey", s.id, before, Snapshot(s));
    inbox::Resolve(tx, kSource, "answer:" + s.id, me.person_id, now, "cancelled");
    return GetSurvey(tx, me, id, now);
}

SurveyView Respond(db::Tx& tx, const Me& me, const std::string& id, const Answers& answers, Seconds now) {
    auto s = ReadableSurvey(tx, me, id);
    auto mine = store::FindRecipient(tx, id, me.person_id);
    if (!mine) throw Forbidden("this survey was not sent to you");
    if (Effective(s, now) != Status::kOpen) throw Error{ErrorCode::kConflict, "status", "the survey is closed"};
    if (s.anonymous && mine->answered)
        throw Error{ErrorCode::kConflict, "answers", "an anonymous survey is answered once and cannot be changed"};
    auto checked = CheckAnswers(s.questions, answers);
    if (checked.problem) throw Invalid(checked.problem->field, checked.problem->message);
    if (s.anonymous) {
        // No person, no time: nothing joins the response to who gave it.
        store::InsertResponse(tx, id, {NewId(), std::nullopt, checked.answers, std::nullopt, std::nullopt});
        store::MarkAnswered(tx, id, me.person_id, std::nullopt);
    } else if (auto existing = store::ResponseOf(tx, id, me.person_id)) {
        existing->answers = checked.answers;
        existing->updated_at = now;
        store::UpdateResponse(tx, *existing);
        store::MarkAnswered(tx, id, me.person_id, now);
    } else {
        store::InsertResponse(tx, id, {NewId(), me.person_id, checked.answers, now, now});
        store::MarkAnswered(tx, id, me.person_id, now);
    }
    // The record says that the person answered (as the survey's own "has answered" does), never what.
    audit::Record(tx, me.person_id, mine->answered ? "reanswer" : "answer", "survey", id, nullptr,
                  json::object{{"answered", true}});
    inbox::ResolveFor(tx, kSource, "answer:" + id, me.person_id, me.person_id, now);
    return GetSurvey(tx, me, id, now);
}

Results ResultsOf(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto v = GetSurvey(tx, me, id, now);
    if (!v.may_see_results)
        throw Forbidden(v.status == Status::kClosed ? "this survey's results are for the office only"
                                                    : "the results are shown once the survey closes");
    Results r;
    r.survey = v.survey;
    r.survey.status = v.status;
    if (r.survey.source == Source::kImported && r.survey.imported) {
        r.respondents = r.survey.imported->sample_size;
        r.questions = ImportedView(r.survey.questions, *r.survey.imported);
        return r;
    }
    std::vector<Answers> responses;
    for (auto& stored : store::Responses(tx, id)) responses.push_back(std::move(stored.answers));
    r.respondents = static_cast<int>(responses.size());
    r.questions = Aggregate(r.survey.questions, responses);
    // Free texts in an order that says nothing of who wrote them or when.
    for (auto& q : r.questions) std::sort(q.texts.begin(), q.texts.end());
    return r;
}

office::Table ResultsTable(db::Tx& tx, const Me& me, const std::string& id, const std::string& lang, Seconds now) {
    auto r = ResultsOf(tx, me, id, now);
    const bool en = lang == "en";
    const auto& s = r.survey;
    office::Table t;
    t.sheet = en ? "Results" : "集計結果";
    t.title = Lang(s.title_ja, s.title_en, lang);
    t.lines.push_back("n = " + std::to_string(r.respondents));
    if (s.imported)
        t.lines.push_back((en ? "Source: " : "出典: ") + Lang(s.imported->citation_ja, s.imported->citation_en, lang));
    t.head = en ? std::vector<std::string>{"No.", "Question", "Answer", "Count", "Percent"}
                : std::vector<std::string>{"No.", "設問", "回答", "件数", "割合（%）"};
    t.widths = {6, 40, 40, 10, 10};
    t.numbers = {0, 3};
    for (size_t i = 0; i < s.questions.size(); ++i) {
        const auto& q = s.questions[i];
        const auto& res = r.questions[i];
        std::string no = std::to_string(i + 1), text = Lang(q.text_ja, q.text_en, lang);
        switch (q.kind) {
            case QuestionKind::kSingle:
            case QuestionKind::kMultiple:
                for (size_t j = 0; j < q.options.size(); ++j) {
                    const auto& o = res.options[j];
                    t.Row({no, text, Lang(q.options[j].text_ja, q.options[j].text_en, lang),
                           o.count ? std::to_string(*o.count) : "", Percent(o.percent)});
                }
                break;
            case QuestionKind::kScale:
                for (size_t j = 0; j < res.scale.size(); ++j) {
                    int value = q.scale_min + static_cast<int>(j);
                    std::string pct = res.answered ? Percent(100.0 * res.scale[j] / res.answered) : "";
                    t.Row({no, text, std::to_string(value), std::to_string(res.scale[j]), pct});
                }
                t.Row({no, text, en ? "Mean" : "平均", "", Percent(res.mean, 2)});
                break;
            case QuestionKind::kText:
                for (const auto& answer : res.texts) t.Row({no, text, answer, "", ""});
                break;
        }
    }
    return t;
}

office::Table ResponsesTable(db::Tx& tx, const Me& me, const std::string& id, const std::string& lang,
                             Seconds /*now*/) {
    auto s = ReadableSurvey(tx, me, id);
    RequireManage(me);
    if (s.anonymous) throw Forbidden("an anonymous survey's responses are not shown person by person");
    if (s.source == Source::kImported)
        throw Error{ErrorCode::kConflict, "source", "an imported survey has no responses"};
    const bool en = lang == "en";
    office::Table t;
    t.sheet = en ? "Responses" : "回答一覧";
    t.title = Lang(s.title_ja, s.title_en, lang);
    t.head = {en ? "Name" : "氏名", en ? "Answered at" : "回答日時"};
    t.widths = {20, 18};
    for (size_t i = 0; i < s.questions.size(); ++i) {
        t.head.push_back("Q" + std::to_string(i + 1) + " " +
                         Lang(s.questions[i].text_ja, s.questions[i].text_en, lang));
        t.widths.push_back(24);
    }
    auto responses = store::Responses(tx, id);
    people::NameBook names(tx);
    std::vector<std::string> ids;
    ids.reserve(responses.size());
    for (const auto& r : responses)
        if (r.person_id) ids.push_back(*r.person_id);
    names.Load(ids);
    std::vector<std::vector<std::string>> rows;
    rows.reserve(responses.size());
    for (const auto& r : responses) {
        std::vector<std::string> row;
        row.reserve(t.head.size());
        const auto& n = names.Of(r.person_id.value_or(""));
        row.push_back(en && !n.name_en.empty() ? n.name_en : n.name_ja);
        row.push_back(r.updated_at ? FormatTokyo(*r.updated_at) : "");
        for (size_t i = 0; i < s.questions.size(); ++i) {
            const auto& q = s.questions[i];
            std::string cell;
            if (i < r.answers.size() && r.answers[i]) {
                const auto& a = *r.answers[i];
                auto option = [&](int c) {
                    return c >= 0 && static_cast<size_t>(c) < q.options.size()
                               ? Lang(q.options[static_cast<size_t>(c)].text_ja,
                                      q.options[static_cast<size_t>(c)].text_en, lang)
                               : std::string();
                };
                if (a.choice) cell = option(*a.choice);
                for (int c : a.choices) cell += (cell.empty() ? "" : "; ") + option(c);
                if (a.value) cell = std::to_string(*a.value);
                if (!a.text.empty()) cell = a.text;
            }
            row.push_back(cell);
        }
        rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end());
    for (auto& row : rows) t.Row(std::move(row));
    return t;
}

}  // namespace renkei::surveys
