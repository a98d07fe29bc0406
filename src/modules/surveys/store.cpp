#include "modules/surveys/store.hpp"

#include <boost/json.hpp>

#include "platform/db/row.hpp"
#include "platform/ids.hpp"

namespace renkei::surveys::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::Nullable;
using db::NullableTime;
using db::ReadEnum;

namespace json = boost::json;

std::optional<Seconds> OptTime(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return FromUnix(GetInt(r, i));
}

std::string Str(const json::object& o, const char* k) {
    auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::optional<int> OptInt(const json::object& o, const char* k) {
    auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    return static_cast<int>(v->to_number<long long>());
}
std::optional<double> OptDouble(const json::object& o, const char* k) {
    auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    return v->to_number<double>();
}
json::value OrNull(const std::optional<int>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OrNull(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object AudienceJson(const Survey& s) {
    json::array roles(s.audience_roles.begin(), s.audience_roles.end());
    json::array people(s.audience_people.begin(), s.audience_people.end());
    return {{"roles", std::move(roles)}, {"people", std::move(people)}};
}

std::optional<ImportedResults> ImportedFrom(const std::string& text) {
    auto v = json::parse(text);
    const auto& o = v.as_object();
    if (o.empty()) return std::nullopt;
    ImportedResults r;
    r.sample_size = OptInt(o, "sample_size").value_or(0);
    r.conducted = Str(o, "conducted");
    r.citation_ja = Str(o, "citation_ja");
    r.citation_en = Str(o, "citation_en");
    for (const auto& row : o.at("results").as_array()) {
        std::vector<ImportedOption> options;
        for (const auto& cell : row.as_array()) {
            const auto& c = cell.as_object();
            options.push_back({OptInt(c, "count"), OptDouble(c, "percent")});
        }
        r.results.push_back(std::move(options));
    }
    return r;
}

constexpr const char* kColumns =
    "SELECT s.id, s.title_ja, s.title_en, s.description_ja, s.description_en, s.questions, s.status, s.source, "
    "s.anonymous, s.results_to_respondents, s.audience, s.closes_on, s.imported, s.sent_at, s.closed_at, "
    "s.created_by, s.created_at, s.updated_at, "
    "(SELECT COUNT(*) FROM survey_recipients r WHERE r.survey_id = s.id), "
    "(SELECT COUNT(*) FROM survey_recipients r WHERE r.survey_id = s.id AND r.answered = 1) "
    "FROM surveys s ";

Survey ReadSurvey(const soci::row& r) {
    Survey s;
    s.id = GetString(r, 0);
    s.title_ja = GetString(r, 1);
    s.title_en = GetString(r, 2);
    s.description_ja = GetString(r, 3);
    s.description_en = GetString(r, 4);
    s.questions = QuestionsFrom(GetString(r, 5));
    s.status = ReadEnum<Status>(r, 6);
    s.source = ReadEnum<Source>(r, 7);
    s.anonymous = GetInt(r, 8) != 0;
    s.results_to_respondents = GetInt(r, 9) != 0;
    auto audience = json::parse(GetString(r, 10));
    if (const auto* o = audience.if_object()) {
        if (const auto* roles = o->if_contains("roles"))
            for (const auto& x : roles->as_array()) s.audience_roles.emplace_back(x.as_string());
        if (const auto* people = o->if_contains("people"))
            for (const auto& x : people->as_array()) s.audience_people.emplace_back(x.as_string());
    }
    s.closes_on = GetOptionalString(r, 11);
    s.imported = ImportedFrom(GetString(r, 12));
    s.sent_at = OptTime(r, 13);
    s.closed_at = OptTime(r, 14);
    s.created_by = GetString(r, 15);
    s.created_at = FromUnix(GetInt(r, 16));
    s.updated_at = FromUnix(GetInt(r, 17));
    s.recipients = static_cast<int>(GetInt(r, 18));
    s.answered = static_cast<int>(GetInt(r, 19));
    return s;
}

}  // namespace

json::value QuestionsJson(const std::vector<Question>& questions) {
    json::array out;
    for (const auto& q : questions) {
        json::array options;
        for (const auto& o : q.options)
            options.push_back({{"text_ja", o.text_ja}, {"text_en", o.text_en}, {"jump_to", OrNull(o.jump_to)}});
        json::object j{{"kind", Text(q.kind)},          {"text_ja", q.text_ja},
                       {"text_en", q.text_en},          {"required", q.required},
                       {"options", std::move(options)}, {"max_choices", OrNull(q.max_choices)}};
        if (q.kind == QuestionKind::kScale) {
            j["scale_min"] = q.scale_min;
            j["scale_max"] = q.scale_max;
            j["min_label_ja"] = q.min_label_ja;
            j["min_label_en"] = q.min_label_en;
            j["max_label_ja"] = q.max_label_ja;
            j["max_label_en"] = q.max_label_en;
        }
        out.push_back(std::move(j));
    }
    return out;
}

std::string QuestionsText(const std::vector<Question>& questions) { return json::serialize(QuestionsJson(questions)); }

std::vector<Question> QuestionsFrom(const std::string& text) {
    auto v = json::parse(text);
    std::vector<Question> out;
    for (const auto& item : v.as_array()) {
        const auto& o = item.as_object();
        Question q;
        q.kind = db::StoredEnum<QuestionKind>(Str(o, "kind"));
        q.text_ja = Str(o, "text_ja");
        q.text_en = Str(o, "text_en");
        q.required = o.contains("required") && o.at("required").as_bool();
        for (const auto& opt : o.at("options").as_array()) {
            const auto& p = opt.as_object();
            q.options.push_back({Str(p, "text_ja"), Str(p, "text_en"), OptInt(p, "jump_to")});
        }
        q.max_choices = OptInt(o, "max_choices");
        q.scale_min = OptInt(o, "scale_min").value_or(1);
        q.scale_max = OptInt(o, "scale_max").value_or(5);
        q.min_label_ja = Str(o, "min_label_ja");
        q.min_label_en = Str(o, "min_label_en");
        q.max_label_ja = Str(o, "max_label_ja");
        q.max_label_en = Str(o, "max_label_en");
        out.push_back(std::move(q));
    }
    return out;
}

json::value AnswersJson(const Answers& answers) {
    json::array out;
    for (const auto& a : answers) {
        if (!a) {
            out.emplace_back(nullptr);
            continue;
        }
        json::object j;
        if (a->choice) j["choice"] = *a->choice;
        if (!a->choices.empty()) j["choices"] = json::array(a->choices.begin(), a->choices.end());
        if (a->value) j["value"] = *a->value;
        if (!a->text.empty()) j["text"] = a->text;
        out.push_back(std::move(j));
    }
    return out;
}

std::string AnswersText(const Answers& answers) { return json::serialize(AnswersJson(answers)); }

Answers AnswersFrom(const std::string& text) {
    auto v = json::parse(text);
    Answers out;
    for (const auto& item : v.as_array()) {
        if (item.is_null()) {
            out.emplace_back(std::nullopt);
            continue;
        }
        const auto& o = item.as_object();
        Answer a;
        a.choice = OptInt(o, "choice");
        if (const auto* cs = o.if_contains("choices"))
            for (const auto& c : cs->as_array()) a.choices.push_back(static_cast<int>(c.to_number<long long>()));
        a.value = OptInt(o, "value");
        a.text = Str(o, "text");
        out.emplace_back(std::move(a));
    }
    return out;
}

json::value ImportedJson(const ImportedResults& imported) {
    json::array results;
    for (const auto& row : imported.results) {
        json::array cells;
        for (const auto& c : row) cells.push_back({{"count", OrNull(c.count)}, {"percent", OrNull(c.percent)}});
        results.push_back(std::move(cells));
    }
    return json::object{{"sample_size", imported.sample_size},
                        {"conducted", imported.conducted},
                        {"citation_ja", imported.citation_ja},
                        {"citation_en", imported.citation_en},
                        {"results", std::move(results)}};
}

void InsertSurvey(db::Tx& tx, const Survey& s) {
    long long created = ToUnix(s.created_at), updated = ToUnix(s.updated_at);
    tx.sql() << "INSERT INTO surveys (id, title_ja, title_en, status, source, created_by, created_at, updated_at) "
                "VALUES (:id, :tja, :ten, 'draft', 'live', :by, :c, :u)",
        soci::use(s.id), soci::use(s.title_ja), soci::use(s.title_en), soci::use(s.created_by), soci::use(created),
        soci::use(updated);
    UpdateSurvey(tx, s);
}

void UpdateSurvey(db::Tx& tx, const Survey& s) {
    std::string questions = QuestionsText(s.questions), status(Text(s.status)), source(Text(s.source)),
                audience = json::serialize(AudienceJson(s)),
                imported = s.imported ? json::serialize(ImportedJson(*s.imported)) : std::string("{}");
    int anonymous = s.anonymous ? 1 : 0, share = s.results_to_respondents ? 1 : 0;
    Nullable closes(s.closes_on);
    NullableTime sent(s.sent_at), closed(s.closed_at);
    long long updated = ToUnix(s.updated_at);
    tx.sql() << "UPDATE surveys SET title_ja = :tja, title_en = :ten, description_ja = :dja, description_en = :den, "
                "questions = :q, status = :st, source = :src, anonymous = :an, results_to_respondents = :sh, "
                "audience = :au, closes_on = :cl, imported = :im, sent_at = :sent, closed_at = :closed, "
                "updated_at = :u WHERE id = :id",
        soci::use(s.title_ja), soci::use(s.title_en), soci::use(s.description_ja), soci::use(s.description_en),
        soci::use(questions), soci::use(status), soci::use(source), soci::use(anonymous), soci::use(share),
        soci::use(audience), soci::use(closes.value, closes.ind), soci::use(imported), soci::use(sent.value, sent.ind),
        soci::use(closed.value, closed.ind), soci::use(updated), soci::use(s.id);
}

void DeleteSurvey(db::Tx& tx, const std::string& id) {
    tx.sql() << "DELETE FROM survey_responses WHERE survey_id = :id", soci::use(id);
    tx.sql() << "DELETE FROM survey_recipients WHERE survey_id = :id", soci::use(id);
    tx.sql() << "DELETE FROM surveys WHERE id = :id", soci::use(id);
}

std::optional<Survey> FindSurvey(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + "WHERE s.id = :id", soci::use(id));
    std::optional<Survey> out;
    for (const auto& r : rows) out = ReadSurvey(r);
    return out;
}

std::vector<Survey> ListSurveys(db::Tx& tx, const std::optional<std::string>& person_id) {
    std::vector<Survey> out;
    if (person_id) {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kColumns) +
                                     "WHERE EXISTS (SELECT 1 FROM survey_recipients x WHERE x.survey_id = s.id AND "
                                     "x.person_id = :p) ORDER BY s.created_at DESC, s.id",
             soci::use(*person_id));
        for (const auto& r : rows) out.push_back(ReadSurvey(r));
    } else {
        soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + "ORDER BY s.created_at DESC, s.id");
        for (const auto& r : rows) out.push_back(ReadSurvey(r));
    }
    return out;
}

void InsertRecipient(db::Tx& tx, const std::string& survey_id, const std::string& person_id) {
    tx.sql() << "INSERT INTO survey_recipients (survey_id, person_id, answered) VALUES (:s, :p, 0)",
        soci::use(survey_id), soci::use(person_id);
}

std::vector<StoredRecipient> Recipients(db::Tx& tx, const std::string& survey_id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT person_id, answered, answered_at FROM "
                                                        "survey_recipients WHERE survey_id = :s ORDER BY person_id",
                                    soci::use(survey_id));
    std::vector<StoredRecipient> out;
    for (const auto& r : rows) out.push_back({GetString(r, 0), GetInt(r, 1) != 0, OptTime(r, 2)});
    return out;
}

std::optional<StoredRecipient> FindRecipient(db::Tx& tx, const std::string& survey_id, const std::string& person_id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT person_id, answered, answered_at FROM "
                                                        "survey_recipients WHERE survey_id = :s AND person_id = :p",
                                    soci::use(survey_id), soci::use(person_id));
    std::optional<StoredRecipient> out;
    for (const auto& r : rows) out = StoredRecipient{GetString(r, 0), GetInt(r, 1) != 0, OptTime(r, 2)};
    return out;
}

void MarkAnswered(db::Tx& tx, const std::string& survey_id, const std::string& person_id,
                  const std::optional<Seconds>& at) {
    NullableTime when(at);
    tx.sql() << "UPDATE survey_recipients SET answered = 1, answered_at = :at WHERE survey_id = :s AND person_id = :p",
        soci::use(when.value, when.ind), soci::use(survey_id), soci::use(person_id);
}

void InsertResponse(db::Tx& tx, const std::string& survey_id, const StoredResponse& r) {
    std::string answers = AnswersText(r.answers);
    Nullable person(r.person_id);
    NullableTime submitted(r.submitted_at), updated(r.updated_at);
    tx.sql() << "INSERT INTO survey_responses (id, survey_id, person_id, answers, submitted_at, updated_at) VALUES "
                "(:id, :s, :p, :a, :sub, :upd)",
        soci::use(r.id), soci::use(survey_id), soci::use(person.value, person.ind), soci::use(answers),
        soci::use(submitted.value, submitted.ind), soci::use(updated.value, updated.ind);
}

void UpdateResponse(db::Tx& tx, const StoredResponse& r) {
    std::string answers = AnswersText(r.answers);
    NullableTime updated(r.updated_at);
    tx.sql() << "UPDATE survey_responses SET answers = :a, updated_at = :u WHERE id = :id", soci::use(answers),
        soci::use(updated.value, updated.ind), soci::use(r.id);
}

namespace {
StoredResponse ReadResponse(const soci::row& r) {
    return {GetString(r, 0), GetOptionalString(r, 1), AnswersFrom(GetString(r, 2)), OptTime(r, 3), OptTime(r, 4)};
}
}  // namespace

std::optional<StoredResponse> ResponseOf(db::Tx& tx, const std::string& survey_id, const std::string& person_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, person_id, answers, submitted_at, updated_at FROM survey_responses WHERE "
                             "survey_id = :s AND person_id = :p",
         soci::use(survey_id), soci::use(person_id));
    std::optional<StoredResponse> out;
    for (const auto& r : rows) out = ReadResponse(r);
    return out;
}

std::vector<StoredResponse> Responses(db::Tx& tx, const std::string& survey_id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT id, person_id, answers, submitted_at, updated_at FROM "
                                                        "survey_responses WHERE survey_id = :s ORDER BY id",
                                    soci::use(survey_id));
    std::vector<StoredResponse> out;
    for (const auto& r : rows) out.push_back(ReadResponse(r));
    return out;
}

}  // namespace renkei::surveys::store
