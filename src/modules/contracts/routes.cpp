#include "modules/contracts/routes.hpp"

#include <boost/json.hpp>

#include "modules/contracts/service.hpp"
#include "modules/contracts/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::contracts {

// JSON for the service's results, written once per type (the wire format is docs/openapi.yaml).
namespace {
json::value RefJson(const std::optional<PersonRef>& p) {
    if (!p) return nullptr;
    return json::object{{"id", p->id}, {"name_ja", p->name_ja}, {"name_en", p->name_en}};
}
json::value TextOrNull(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::array Texts(const std::vector<std::string>& list) {
    json::array out;
    for (const auto& s : list) out.emplace_back(s);
    return out;
}
json::array UnknownMergeFields(const std::vector<std::string>& names) {
    json::array out;
    for (const auto& n : names)
        if (!IsKnownMergeField(n)) out.emplace_back(n);
    return out;
}
// The list's filters from the query (GET /api/contracts and its exports).
ListFilter ListFilterOf(const http::Request& req) {
    ListFilter f;
    f.type = req.Query("type").value_or("");
    f.status = req.Query("status").value_or("");
    f.project_id = req.Query("project_id").value_or("");
    f.q = req.Query("q").value_or("");
    auto waiting = req.Query("waiting_long").value_or("");
    if (!waiting.empty() && waiting != "true" && waiting != "false")
        throw Invalid("waiting_long", "waiting_long must be true or false");
    f.waiting_long = waiting == "true";
    return f;
}

}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const PersonRef& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Party& p) {
    jv = {{"organisation_id", p.organisation_id},
          {"name", p.name_ja},  // the organisation's name as registered (Japanese)
          {"name_ja", p.name_ja},
          {"name_en", p.name_en},
          {"organisation_kind", p.kind},
          {"role", p.role},
          {"signatory", RefJson(p.signatory)},
          {"signatory_name", p.signatory_name},
          {"signatory_title", p.signatory_title}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ContractSummary& s) {
    const auto& c = s.contract;
    jv = {{"id", c.id},
          {"type", ToText(c.type)},
          {"title", c.title},
          {"status", ToText(c.status)},
          {"status_since", FormatUtc(c.status_since)},
          {"days_in_status", s.days_in_status},
          {"waiting_long", s.waiting_long},
          {"waiting_on", c.waiting_on},
          {"project_id", TextOrNull(c.project_id)},
          {"parties", json::value_from(c.parties)},
          {"starts_on", TextOrNull(c.terms.starts_on)},
          {"ends_on", TextOrNull(c.terms.ends_on)},
          {"amount_yen", c.terms.amount_yen ? json::value(*c.terms.amount_yen) : json::value(nullptr)},
          {"updated_at", FormatUtc(c.updated_at)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const HistoryView& h) {
    jv = {{"from_status", h.entry.from_status ? json::value(ToText(*h.entry.from_status)) : json::value(nullptr)},
          {"to_status", ToText(h.entry.to_status)},
          {"at", FormatUtc(h.entry.at)},
          {"by", RefJson(h.by)},
          {"note", h.entry.note},
          {"days", h.days}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const RoundView& v) {
    const auto& r = v.round;
    jv = {{"id", r.id},
          {"round_no", r.round_no},
          {"sent_by", r.sent_by},
          {"sent_on", r.sent_on},
          {"clauses", Texts(r.clauses)},
          {"summary", r.summary},
          {"waiting_on", r.waiting_on},
          {"recorded_by", RefJson(v.recorded_by)},
          {"recorded_at", FormatUtc(r.recorded_at)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ContractDetail& d) {
    jv = json::value_from(d.summary);
    auto& o = jv.as_object();
    const auto& c = d.summary.contract;
    o["terms"] = TermsToJson(c.terms);
    o["notes"] = c.notes;
    o["signed_on"] = TextOrNull(c.signed_on);
    o["approved_by"] = RefJson(d.approved_by);
    o["created_by"] = RefJson(d.created_by);
    o["created_at"] = FormatUtc(c.created_at);
    o["type_label_ja"] = TypeLabelJa(c.type);
    o["type_label_en"] = TypeLabelEn(c.type);
    o["project"] =
        d.project
            ? json::value{{"id", d.project->id}, {"title_ja", d.project->title_ja}, {"title_en", d.project->title_en}}
            : json::value(nullptr);
    o["covered"] = json::value_from(d.covered);
    o["covered_effective"] = json::value_from(d.covered_effective);
    o["history"] = json::value_from(d.history);
    o["rounds"] = json::value_from(d.rounds);
    json::array next;
    for (auto s : d.next_statuses) next.emplace_back(ToText(s));
    o["next_statuses"] = std::move(next);
    o["may_edit"] = d.may_edit;
    o["may_draft"] = d.may_draft;
    o["approval_needs_other"] = d.approval_needs_other;
    o["approvals"] = json::value_from(d.approvals);
    o["approval"] = d.approvals.empty() ? json::value(nullptr) : json::value_from(d.approvals.back());
    o["may_start_approval"] = d.may_start_approval;
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const TemplateVersion& v) {
    const auto& t = v.stored;
    jv = {{"version", t.version},
          {"filename", t.filename},
          {"size_bytes", t.size_bytes},
          {"merge_fields", Texts(t.merge_fields)},
          {"note", t.note},
          {"uploaded_by", RefJson(v.uploaded_by)},
          {"uploaded_at", FormatUtc(t.uploaded_at)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const TypeTemplates& t) {
    jv = {{"type", ToText(t.type)},
          {"label_ja", TypeLabelJa(t.type)},
          {"label_en", TypeLabelEn(t.type)},
          {"current_version", t.current_version},
          {"built_in", t.current_version == 0},
          {"merge_fields", Texts(t.merge_fields)},
          {"unknown_merge_fields", UnknownMergeFields(t.merge_fields)},
          {"versions", json::value_from(t.versions)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const TypeTurnaround& t) {
    json::object stages;
    for (const auto& s : t.stages)
        stages[ToText(s.stage)] =
            json::object{{"median_days", s.median_days ? json::value(*s.median_days) : json::value(nullptr)},
                         {"count", static_cast<std::int64_t>(s.count)}};
    jv = {{"type", ToText(t.type)},          {"label_ja", TypeLabelJa(t.type)},
          {"label_en", TypeLabelEn(t.type)}, {"contracts", t.contracts},
          {"stages", std::move(stages)},     {"median_days_to_sign", t.median_days_to_sign}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ReminderRun& r) {
    jv = {{"activated", r.activated}, {"expired", r.expired}, {"stale", r.stale}, {"expiring", r.expiring}};
}

namespace {

using http::Access;
using http::Call;
using http::Response;

const std::string& Id(Call& call, const char* name = "id") { return call.req.params.at(name); }

const json::array* OptionalArray(const json::object& o, std::string_view field, size_t max = 50) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return nullptr;
    if (!it->value().is_array()) throw Invalid(std::string(field), std::string(field) + " must be a list");
    if (it->value().as_array().size() > max)
        throw Invalid(std::string(field), std::string(field) + " has too many items");
    return &it->value().as_array();
}

std::optional<std::vector<Party>> Parties(const json::object& o) {
    auto* a = OptionalArray(o, "parties", 10);
    if (!a) return std::nullopt;
    std::vector<Party> out;
    for (const auto& v : *a) {
        if (!v.is_object()) throw Invalid("parties", "parties must be a list of objects");
        const auto& x = v.as_object();
        Party p;
        p.organisation_id = OptionalString(x, "organisation_id", 64).value_or("");
        if (p.organisation_id.empty()) throw Invalid("parties", "each party needs organisation_id");
        p.role = OptionalString(x, "role", 20).value_or("");
        auto person = OptionalString(x, "signatory_person_id", 64);
        if (person && !person->empty()) p.signatory_person_id = *person;
        p.signatory_name = OptionalString(x, "signatory_name", 100).value_or("");
        p.signatory_title = OptionalString(x, "signatory_title", 100).value_or("");
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<Terms> TermsOf(const json::object& o) {
    auto it = o.find("terms");
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    return TermsFromJson(it->value());
}

Response FileResponse(const File& f) {
    Response r = Response::Text(200, f.bytes, f.content_type);
    r.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(f.filename, "contract.docx"));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    RegisterRequirementChecks();
    RegisterExchangeHooks();
    RegisterApprovalSubject();
    // The office and admins see every contract and template.
    for (const char* kind : {"contract", "contract_template"}) audit::DeclareReadPolicy(kind, audit::OpenToAuditors);
    audit::DeclareNames("contract", audit::NamesFromTable(store::kContractNames));

    // Literal paths first: the router takes the first pattern that matches.
    router.Add("GET", "/api/contracts/templates", Access::kSignedIn, [](Call& call) {
        json::array known;
        for (const auto& p : KnownMergeFields())
            known.push_back(json::object{{"name", p.name}, {"label_ja", p.label_ja}, {"label_en", p.label_en}});
        return Response::Json(200, json::object{{"types", json::value_from(Templates(call.tx(), call.me()))},
                                                {"merge_fields", std::move(known)}});
    });

    router.Add("GET", "/api/contracts/templates/{type}/file", Access::kSignedIn, [](Call& call) {
        std::optional<int> version;
        if (auto v = call.req.Query("version"); v && !v->empty())
            version = static_cast<int>(IntegerText(*v, "version", 0, 1'000'000));
        return FileResponse(TemplateFile(call.tx(), call.me(), Id(call, "type"), version));
    });

    router.Add("POST", "/api/contracts/templates/{type}", Access::kSignedIn, [](Call& call) {
        auto filename = call.req.Query("filename").value_or("");
        auto note = call.req.Query("note").value_or("");
        if (Utf8Length(note) > 500) throw Invalid("note", "note is at most 500 characters");
        auto t = UploadTemplate(call.tx(), call.me(), Id(call, "type"), filename, call.req.Body(), note, call.now);
        auto unknown = UnknownMergeFields(t.merge_fields);
        json::array warnings;
        if (!unknown.empty()) warnings.emplace_back("unknown merge fields stay as they are in drafts");
        return Response::Json(201, json::object{{"type", ToText(t.type)},
                                                {"version", t.version},
                                                {"filename", t.filename},
                                                {"size_bytes", t.size_bytes},
                                                {"merge_fields", Texts(t.merge_fields)},
                                                {"unknown_merge_fields", std::move(unknown)},
                                                {"warnings", std::move(warnings)}});
    });

    router.Add("GET", "/api/contracts/turnaround", Access::kSignedIn, [](Call& call) {
        auto types = Turnaround(call.tx(), call.me());
        json::array stage_names;
        for (auto s : kWorkStages) stage_names.emplace_back(ToText(s));
        return Response::Json(200,
                              json::object{{"stages", std::move(stage_names)}, {"types", json::value_from(types)}});
    });

    router.Add("POST", "/api/contracts/reminders", Access::kSignedIn, [](Call& call) {
        if (!call.me().HasAnyRole({"office", "admin"})) throw Forbidden("only the office runs reminders");
        return Response::Json(200, json::value_from(RunReminders(call.tx(), call.now)));
    });

    router.Add("GET", "/api/contracts", Access::kSignedIn, [](Call& call) {
        auto items = List(call.tx(), call.me(), ListFilterOf(call.req), call.now);
        auto total = static_cast<std::int64_t>(items.size());
        return Response::Json(200, json::object{{"items", json::value_from(items)}, {"total", total}});
    });

    for (const char* format : {"csv", "xlsx"})
        router.Add("GET", std::string("/api/contracts/export.") + format, Access::kSignedIn, [format](Call& call) {
            auto table = Export(call.tx(), call.me(), ListFilterOf(call.req), http::ExportLanguage(call.req), call.now);
            return http::TableDownload(table, format, "contracts");
        });

    router.Add("POST", "/api/contracts", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        NewContract in;
        in.type = RequiredString(body, "type", 40);
        in.title = RequiredString(body, "title", 200);
        in.notes = OptionalString(body, "notes", 4000).value_or("");
        if (auto p = NullableString(body, "project_id")) in.project_id = *p;
        auto parties = Parties(body);
        if (!parties) throw Invalid("parties", "parties are required");
        in.parties = *parties;
        in.terms = TermsOf(body).value_or(Terms{});
        in.covered = OptionalStringArray(body, "covered", 100, 64).value_or(std::vector<std::string>{});
        auto id = Create(call.tx(), call.me(), in, call.now);
        return Response::Json(201, json::value_from(GetContract(call.tx(), call.me(), id, call.now)));
    });

    router.Add("GET", "/api/contracts/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(GetContract(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("PATCH", "/api/contracts/{id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        ContractPatch in;
        in.title = OptionalString(body, "title", 200);
        if (in.title && in.title->empty()) throw Invalid("title", "title must not be empty");
        in.notes = OptionalString(body, "notes", 4000);
        in.waiting_on = OptionalString(body, "waiting_on", 20);
        in.project_id = NullableString(body, "project_id");
        in.parties = Parties(body);
        in.terms = TermsOf(body);
        in.covered = OptionalStringArray(body, "covered", 100, 64);
        Update(call.tx(), call.me(), Id(call), in, call.now);
        return Response::Json(200, json::value_from(GetContract(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("POST", "/api/contracts/{id}/transitions", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto to = RequiredString(body, "to", 40);
        auto note = OptionalString(body, "note", 1000).value_or("");
        auto signed_on = OptionalString(body, "signed_on", 10);
        if (signed_on && signed_on->empty()) signed_on.reset();
        Transition(call.tx(), call.me(), Id(call), to, note, signed_on, call.now);
        return Response::Json(200, json::value_from(GetContract(call.tx(), call.me(), Id(call), call.now)));
    });

    // 稟議を開始: the contract's approval chain starts (no body); the chain comes back.
    router.Add("POST", "/api/contracts/{id}/approval", Access::kSignedIn, [](Call& call) {
        return Response::Json(201, json::value_from(StartApproval(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("POST", "/api/contracts/{id}/rounds", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        RoundInput in;
        in.sent_by = RequiredString(body, "sent_by", 20);
        in.sent_on = RequiredString(body, "sent_on", 10);
        in.waiting_on = RequiredString(body, "waiting_on", 20);
        in.summary = OptionalString(body, "summary", 2000).value_or("");
        in.clauses = OptionalStringArray(body, "clauses", 50, 100).value_or(std::vector<std::string>{});
        AddRound(call.tx(), call.me(), Id(call), in, call.now);
        return Response::Json(201, json::value_from(GetContract(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("POST", "/api/contracts/{id}/draft", Access::kSignedIn,
               [](Call& call) { return FileResponse(Draft(call.tx(), call.me(), Id(call), call.now)); });
}

}  // namespace renkei::contracts
