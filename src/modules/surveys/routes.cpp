#include "modules/surveys/routes.hpp"

#include <boost/json.hpp>

#include "modules/surveys/internal.hpp"
#include "modules/surveys/service.hpp"
#include "modules/surveys/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::surveys {
namespace {

json::value OptTime(const std::optional<Seconds>& t) { return t ? json::value(FormatUtc(*t)) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value OptNumber(const std::optional<double>& d) { return d ? json::value(*d) : json::value(nullptr); }
json::value OptNumber(const std::optional<int>& d) { return d ? json::value(*d) : json::value(nullptr); }
json::object PersonJson(const PersonRef& p) { return {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}}; }

json::object SummaryJson(const Survey& s, Status status) {
    json::array roles(s.audience_roles.begin(), s.audience_roles.end());
    json::object o{{"id", s.id},
                   {"title_ja", s.title_ja},
                   {"title_en", s.title_en},
                   {"description_ja", s.description_ja},
                   {"description_en", s.description_en},
                   {"status", Text(status)},
                   {"source", Text(s.source)},
                   {"anonymous", s.anonymous},
                   {"results_to_respondents", s.results_to_respondents},
                   {"audience_roles", std::move(roles)},
                   {"closes_on", OptText(s.closes_on)},
                   {"sent_at", OptTime(s.sent_at)},
                   {"closed_at", OptTime(s.closed_at)},
                   {"created_at", FormatUtc(s.created_at)},
                   {"questions_total", static_cast<int>(s.questions.size())},
                   {"recipients", s.recipients},
                   {"answered", s.answered}};
    if (s.imported) {
        const auto& i = *s.imported;
        o["imported"] = json::object{{"sample_size", i.sample_size},
                                     {"conducted", i.conducted},
                                     {"citation_ja", i.citation_ja},
                                     {"citation_en", i.citation_en}};
    } else {
        o["imported"] = nullptr;
    }
    return o;
}

json::object ViewJson(const SurveyView& v) {
    auto o = SummaryJson(v.survey, v.status);
    o["questions"] = store::QuestionsJson(v.survey.questions);
    json::array people, recipients;
    for (const auto& p : v.audience_people) people.push_back(PersonJson(p));
    for (const auto& r : v.recipients)
        recipients.push_back(
            {{"person", PersonJson(r.person)}, {"answered", r.answered}, {"answered_at", OptTime(r.answered_at)}});
    o["audience_people"] = std::move(people);
    o["recipient_list"] = std::move(recipients);
    o["answered_by_me"] = v.answered;
    o["my_answers"] = v.my_answers ? store::AnswersJson(*v.my_answers) : json::value(nullptr);
    o["may"] = {{"manage", v.may_manage},
                {"edit", v.may_manage && v.status == Status::kDraft},
                {"answer", v.may_answer},
                {"results", v.may_see_results},
                {"responses", v.may_manage && !v.survey.anonymous && v.survey.source == Source::kLive}};
    o["in_audience"] = v.in_audience;
    return o;
}

json::object ResultsJson(const Results& r) {
    auto o = SummaryJson(r.survey, r.survey.status);
    o["questions"] = store::QuestionsJson(r.survey.questions);
    o["respondents"] = r.respondents;
    json::array results;
    for (const auto& q : r.questions) {
        json::array options;
        for (const auto& opt : q.options)
            options.push_back({{"count", OptNumber(opt.count)}, {"percent", OptNumber(opt.percent)}});
        json::array texts(q.texts.begin(), q.texts.end());
        json::array scale(q.scale.begin(), q.scale.end());
        results.push_back({{"answered", q.answered},
                           {"published", q.published},
                           {"options", std::move(options)},
                           {"scale", std::move(scale)},
                           {"mean", OptNumber(q.mean)},
                           {"texts", std::move(texts)}});
    }
    o["results"] = std::move(results);
    return o;
}

// ---- reading bodies, naming the full path of a field ----

std::string Text(const json::object& o, std::string_view key, const std::string& path, size_t max_chars,
                 bool multiline = false) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return "";
    if (!v->is_string()) throw Invalid(path, path + " must be text");
    std::string s(v->as_string());
    if (!CleanUtf8(s, multiline)) throw Invalid(path, path + " contains characters that are not allowed");
    if (Utf8Length(s) > max_chars) throw Invalid(path, path + " is too long");
    return s;
}
bool Bool(const json::object& o, std::string_view key, const std::string& path) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return false;
    if (!v->is_bool()) throw Invalid(path, path + " must be true or false");
    return v->as_bool();
}
const json::array* Array(const json::object& o, std::string_view key, const std::string& path, size_t max_items) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) throw Invalid(path, path + " must be a list");
    if (v->as_array().size() > max_items) throw Invalid(path, path + " has too many entries");
    return &v->as_array();
}
const json::object& Object(const json::value& v, const std::string& path) {
    if (!v.is_object()) throw Invalid(path, path + " must be an object");
    return v.as_object();
}
std::optional<int> Int(const json::object& o, std::string_view key, const std::string& path, long long min,
                       long long max) {
    auto v = OptionalInteger(o, key, min, max, path);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}
int Element(const json::value& v, const std::string& path, long long min, long long max) {
    json::object wrap{{"v", v}};
    return static_cast<int>(RequiredInteger(wrap, "v", min, max, path));
}

std::vector<std::string> Strings(const json::object& o, std::string_view key, size_t max_items) {
    std::vector<std::string> out;
    std::string path(key);
    if (const auto* a = Array(o, key, path, max_items))
        for (const auto& v : *a) {
            if (!v.is_string() || v.as_string().size() > 64) throw Invalid(path, path + " must be a list of ids");
            out.emplace_back(v.as_string());
        }
    return out;
}

Question ReadQuestion(const json::value& v, const std::string& path) {
    const auto& o = Object(v, path);
    Question q;
    auto kind = FromText<QuestionKind>(Text(o, "kind", path + ".kind", 20));
    if (!kind) throw Invalid(path + ".kind", "kind must be single, multiple, scale or text");
    q.kind = *kind;
    q.text_ja = Text(o, "text_ja", path + ".text_ja", 1000, true);
    q.text_en = Text(o, "text_en", path + ".text_en", 1000, true);
    q.required = Bool(o, "required", path + ".required");
    if (const auto* options = Array(o, "options", path + ".options", kMaxOptions)) {
        for (size_t j = 0; j < options->size(); ++j) {
            std::string p = path + ".options[" + std::to_string(j) + "]";
            const auto& oo = Object((*options)[j], p);
            q.options.push_back({Text(oo, "text_ja", p + ".text_ja", 300), Text(oo, "text_en", p + ".text_en", 300),
                                 Int(oo, "jump_to", p + ".jump_to", 0, kMaxQuestions)});
        }
    }
    q.max_choices = Int(o, "max_choices", path + ".max_choices", 0, kMaxOptions);
    if (q.kind == QuestionKind::kScale) {
        q.scale_min = Int(o, "scale_min", path + ".scale_min", 0, kMaxScale).value_or(1);
        q.scale_max = Int(o, "scale_max", path + ".scale_max", 0, kMaxScale).value_or(5);
        q.min_label_ja = Text(o, "min_label_ja", path + ".min_label_ja", 100);
        q.min_label_en = Text(o, "min_label_en", path + ".min_label_en", 100);
        q.max_label_ja = Text(o, "max_label_ja", path + ".max_label_ja", 100);
        q.max_label_en = Text(o, "max_label_en", path + ".max_label_en", 100);
    }
    return q;
}

ImportedResults ReadImported(const json::object& o) {
    ImportedResults r;
    r.sample_size = static_cast<int>(RequiredInteger(o, "sample_size", 1, 1'000'000, "imported.sample_size"));
    r.conducted = Text(o, "conducted", "imported.conducted", 100);
    r.citation_ja = Text(o, "citation_ja", "imported.citation_ja", 1000, true);
    r.citation_en = Text(o, "citation_en", "imported.citation_en", 1000, true);
    if (const auto* rows = Array(o, "results", "imported.results", kMaxQuestions)) {
        for (size_t i = 0; i < rows->size(); ++i) {
            std::string p = "imported.results[" + std::to_string(i) + "]";
            if (!(*rows)[i].is_array()) throw Invalid(p, p + " must be a list");
            std::vector<ImportedOption> cells;
            const auto& row = (*rows)[i].as_array();
            for (size_t j = 0; j < row.size() && j <= static_cast<size_t>(kMaxOptions); ++j) {
                std::string c = p + "[" + std::to_string(j) + "]";
                const auto& co = Object(row[j], c);
                ImportedOption cell;
                cell.count = Int(co, "count", c + ".count", 0, 1'000'000);
                if (const auto* pct = co.if_contains("percent"); pct && !pct->is_null()) {
                    if (!pct->is_number()) throw Invalid(c + ".percent", "a percentage must be a number");
                    cell.percent = pct->to_number<double>();
                }
                cells.push_back(cell);
            }
            r.results.push_back(std::move(cells));
        }
    }
    return r;
}

SurveyInput ReadInput(const json::object& o) {
    SurveyInput in;
    in.title_ja = Text(o, "title_ja", "title_ja", 200);
    in.title_en = Text(o, "title_en", "title_en", 200);
    in.description_ja = Text(o, "description_ja", "description_ja", 4000, true);
    in.description_en = Text(o, "description_en", "description_en", 4000, true);
    if (const auto* qs = Array(o, "questions", "questions", kMaxQuestions))
        for (size_t i = 0; i < qs->size(); ++i)
            in.questions.push_back(ReadQuestion((*qs)[i], "questions[" + std::to_string(i) + "]"));
    in.anonymous = Bool(o, "anonymous", "anonymous");
    in.results_to_respondents = Bool(o, "results_to_respondents", "results_to_respondents");
    in.audience_roles = Strings(o, "audience_roles", 10);
    in.audience_people = Strings(o, "audience_people", 500);
    if (auto c = Text(o, "closes_on", "closes_on", 10); !c.empty()) in.closes_on = c;
    if (const auto* imp = o.if_contains("imported"); imp && !imp->is_null())
        in.imported = ReadImported(Object(*imp, "imported"));
    return in;
}

Answers ReadAnswers(const json::object& o) {
    const auto* list = Array(o, "answers", "answers", kMaxQuestions);
    if (!list) throw Invalid("answers", "answers is required");
    Answers out;
    for (size_t i = 0; i < list->size(); ++i) {
        std::string p = "answers[" + std::to_string(i) + "]";
        const auto& v = (*list)[i];
        if (v.is_null()) {
            out.emplace_back(std::nullopt);
            continue;
        }
        const auto& a = Object(v, p);
        Answer answer;
        answer.choice = Int(a, "choice", p, 0, 1000);
        if (const auto* cs = Array(a, "choices", p, kMaxOptions))
            for (const auto& c : *cs) answer.choices.push_back(Element(c, p, 0, 1000));
        answer.value = Int(a, "value", p, -1000, 1000);
        answer.text = Text(a, "text", p, kMaxTextChars + 1, true);
        out.emplace_back(std::move(answer));
    }
    return out;
}

const std::string& Id(http::Call& call) { return call.req.params.at("id"); }

}  // namespace

void RegisterRoutes(http::Router& router) {
    using http::Access;
    using http::Response;
    audit::DeclareReadPolicy(
        "survey", audit::Readable([](db::Tx& tx, const Me& me, const std::string& id) { ReadableSurvey(tx, me, id); }));
    audit::DeclareNames("survey", audit::NamesFromTable("SELECT id, title_ja, title_en FROM surveys WHERE id IN"));

    router.Add("GET", "/api/surveys", Access::kSignedIn, [](http::Call& call) {
        json::array items;
        for (const auto& s : ListSurveys(call.tx(), call.me(), call.now)) items.push_back(SummaryJson(s, s.status));
        return Response::Json(200, json::object{{"items", std::move(items)}});
    });
    router.Add("POST", "/api/surveys", Access::kSignedIn, [](http::Call& call) {
        auto in = ReadInput(ParseObject(call.req.Body()));
        return Response::Json(201, ViewJson(CreateSurvey(call.tx(), call.me(), in, call.now)));
    });
    router.Add("GET", "/api/surveys/{id}", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, ViewJson(GetSurvey(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PUT", "/api/surveys/{id}", Access::kSignedIn, [](http::Call& call) {
        auto in = ReadInput(ParseObject(call.req.Body()));
        return Response::Json(200, ViewJson(UpdateSurvey(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("DELETE", "/api/surveys/{id}", Access::kSignedIn, [](http::Call& call) {
        DeleteSurvey(call.tx(), call.me(), Id(call), call.now);
        return Response::NoContent();
    });
    router.Add("POST", "/api/surveys/{id}/send", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, ViewJson(SendSurvey(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/surveys/{id}/close", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, ViewJson(CloseSurvey(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PUT", "/api/surveys/{id}/response", Access::kSignedIn, [](http::Call& call) {
        auto answers = ReadAnswers(ParseObject(call.req.Body()));
        return Response::Json(200, ViewJson(Respond(call.tx(), call.me(), Id(call), answers, call.now)));
    });
    router.Add("GET", "/api/surveys/{id}/results", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, ResultsJson(ResultsOf(call.tx(), call.me(), Id(call), call.now)));
    });
    for (const char* format : {"csv", "xlsx"}) {
        router.Add(
            "GET", std::string("/api/surveys/{id}/results.") + format, Access::kSignedIn, [format](http::Call& call) {
                auto table = ResultsTable(call.tx(), call.me(), Id(call), http::ExportLanguage(call.req), call.now);
                return http::TableDownload(table, format, "survey-results");
            });
        router.Add(
            "GET", std::string("/api/surveys/{id}/responses.") + format, Access::kSignedIn, [format](http::Call& call) {
                auto table = ResponsesTable(call.tx(), call.me(), Id(call), http::ExportLanguage(call.req), call.now);
                return http::TableDownload(table, format, "survey-responses");
            });
    }
}

}  // namespace renkei::surveys
