#include "modules/contracts/routes.hpp"

#include <boost/json.hpp>

#include "modules/contracts/service.hpp"
#include "modules/contracts/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::contracts {
namespace {

using http::Access;
using http::Call;
using http::Response;

const std::string& Id(Call& call, const char* name = "id") { return call.req.params.at(name); }

const json::array* OptionalArray(const json::object& o, std::string_view field, size_t max = 50) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return nullptr;
    if (!it->value().is_array()) throw Invalid(std::string(field), std::string(field) + " must be a list");
    if (it->value().as_array().size() > max) throw Invalid(std::string(field), std::string(field) + " has too many items");
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

std::optional<std::optional<std::string>> NullableId(const json::object& o, std::string_view field) {
    auto it = o.find(field);
    if (it == o.end()) return std::nullopt;
    if (it->value().is_null()) return std::optional<std::string>{};
    auto v = OptionalString(o, field, 64);
    if (!v || v->empty()) return std::optional<std::string>{};
    return std::optional<std::string>{*v};
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
    // The office and admins see every contract and template.
    for (const char* kind : {"contract", "contract_template"}) audit::DeclareReadPolicy(kind, audit::OpenToAuditors);
    audit::DeclareNames("contract", audit::NamesFromTable(store::kContractNames));

    // Literal paths first: the router takes the first pattern that matches.
    router.Add("GET", "/api/contracts/templates", Access::kSignedIn,
               [](Call& call) { return Response::Json(200, TemplatesJson(call.tx(), call.me())); });

    router.Add("GET", "/api/contracts/templates/{type}/file", Access::kSignedIn, [](Call& call) {
        std::optional<int> version;
        if (auto v = call.req.Query("version"); v && !v->empty()) version = static_cast<int>(IntegerText(*v, "version", 0, 1'000'000));
        return FileResponse(TemplateFile(call.tx(), call.me(), Id(call, "type"), version));
    });

    router.Add("POST", "/api/contracts/templates/{type}", Access::kSignedIn, [](Call& call) {
        auto filename = call.req.Query("filename").value_or("");
        auto note = call.req.Query("note").value_or("");
        if (Utf8Length(note) > 500) throw Invalid("note", "note is at most 500 characters");
        return Response::Json(201, UploadTemplate(call.tx(), call.me(), Id(call, "type"), filename, call.req.Body(), note));
    });

    router.Add("GET", "/api/contracts/turnaround", Access::kSignedIn,
               [](Call& call) { return Response::Json(200, TurnaroundJson(call.tx(), call.me())); });

    router.Add("POST", "/api/contracts/reminders", Access::kSignedIn, [](Call& call) {
        if (!call.me().HasAnyRole({"office", "admin"})) throw Forbidden("only the office runs reminders");
        auto run = RunReminders(call.tx(), Now());
        return Response::Json(200, json::object{{"activated", run.activated},
                                                {"expired", run.expired},
                                                {"stale", run.stale},
                                                {"expiring", run.expiring}});
    });

    router.Add("GET", "/api/contracts", Access::kSignedIn, [](Call& call) {
        ListFilter f;
        f.type = call.req.Query("type").value_or("");
        f.status = call.req.Query("status").value_or("");
        f.project_id = call.req.Query("project_id").value_or("");
        f.q = call.req.Query("q").value_or("");
        auto waiting = call.req.Query("waiting_long").value_or("");
        if (!waiting.empty() && waiting != "true" && waiting != "false")
            throw Invalid("waiting_long", "waiting_long must be true or false");
        f.waiting_long = waiting == "true";
        return Response::Json(200, ListJson(call.tx(), call.me(), f));
    });

    router.Add("POST", "/api/contracts", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        NewContract in;
        in.type = RequiredString(body, "type", 40);
        in.title = RequiredString(body, "title", 200);
        in.notes = OptionalString(body, "notes", 4000).value_or("");
        if (auto p = NullableId(body, "project_id")) in.project_id = *p;
        auto parties = Parties(body);
        if (!parties) throw Invalid("parties", "parties are required");
        in.parties = *parties;
        in.terms = TermsOf(body).value_or(Terms{});
        in.covered = OptionalStringArray(body, "covered", 100, 64).value_or(std::vector<std::string>{});
        auto id = Create(call.tx(), call.me(), in);
        return Response::Json(201, ContractJson(call.tx(), call.me(), id));
    });

    router.Add("GET", "/api/contracts/{id}", Access::kSignedIn,
               [](Call& call) { return Response::Json(200, ContractJson(call.tx(), call.me(), Id(call))); });

    router.Add("PATCH", "/api/contracts/{id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        ContractPatch in;
        in.title = OptionalString(body, "title", 200);
        if (in.title && in.title->empty()) throw Invalid("title", "title must not be empty");
        in.notes = OptionalString(body, "notes", 4000);
        in.waiting_on = OptionalString(body, "waiting_on", 20);
        in.project_id = NullableId(body, "project_id");
        in.parties = Parties(body);
        in.terms = TermsOf(body);
        in.covered = OptionalStringArray(body, "covered", 100, 64);
        Update(call.tx(), call.me(), Id(call), in);
        return Response::Json(200, ContractJson(call.tx(), call.me(), Id(call)));
    });

    router.Add("POST", "/api/contracts/{id}/transitions", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto to = RequiredString(body, "to", 40);
        auto note = OptionalString(body, "note", 1000).value_or("");
        auto signed_on = OptionalString(body, "signed_on", 10);
        if (signed_on && signed_on->empty()) signed_on.reset();
        Transition(call.tx(), call.me(), Id(call), to, note, signed_on);
        return Response::Json(200, ContractJson(call.tx(), call.me(), Id(call)));
    });

    router.Add("POST", "/api/contracts/{id}/rounds", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        RoundInput in;
        in.sent_by = RequiredString(body, "sent_by", 20);
        in.sent_on = RequiredString(body, "sent_on", 10);
        in.waiting_on = RequiredString(body, "waiting_on", 20);
        in.summary = OptionalString(body, "summary", 2000).value_or("");
        in.clauses = OptionalStringArray(body, "clauses", 50, 100).value_or(std::vector<std::string>{});
        AddRound(call.tx(), call.me(), Id(call), in);
        return Response::Json(201, ContractJson(call.tx(), call.me(), Id(call)));
    });

    router.Add("POST", "/api/contracts/{id}/draft", Access::kSignedIn,
               [](Call& call) { return FileResponse(Draft(call.tx(), call.me(), Id(call))); });
}

}  // namespace renkei::contracts
