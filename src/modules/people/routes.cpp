#include "modules/people/routes.hpp"

#include <boost/json.hpp>

#include "modules/people/service.hpp"
#include "modules/people/store.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::people {
namespace {

using http::Access;
using http::Call;
using http::Response;

void RequireAdmin(const Call& call) {
    if (!call.me().HasRole("admin")) throw Forbidden("only an admin may do this");
}

int ActiveFilter(const http::Request& req, int fallback) {
    auto v = req.Query("active");
    if (!v || v->empty()) return fallback;
    if (*v == "true") return 1;
    if (*v == "false") return 0;
    if (*v == "all") return -1;
    throw Invalid("active", "active must be true, false or all");
}

// A JSON field that may be a string or null: absent → nullopt, null/"" → optional(nullopt).
std::optional<std::optional<std::string>> NullableId(const json::object& o, std::string_view field) {
    auto v = OptionalString(o, field, 64);
    if (!v) return std::nullopt;
    if (v->empty()) return std::optional<std::string>{};
    return std::optional<std::string>{*v};
}

std::string RequiredPassword(const json::object& o, std::string_view field) {
    auto it = o.find(field);
    if (it == o.end() || !it->value().is_string() || it->value().as_string().empty())
        throw Invalid(std::string(field), std::string(field) + " is required");
    return std::string(it->value().as_string());
}

boost::json::value MeJson(const Person& p, const std::string& csrf) {
    auto v = boost::json::value_from(p);
    v.as_object()["csrf_token"] = csrf;
    return v;
}

boost::json::value AuditJson(const AuditEntryView& v) {
    const auto& e = v.entry;
    boost::json::object o{{"id", std::to_string(e.id)}, {"at", FormatUtc(e.at)},     {"action", e.action},
                          {"entity", e.entity},         {"entity_id", e.entity_id},  {"before", e.before},
                          {"after", e.after},           {"request_id", e.request_id}};
    if (v.redaction == audit::Redaction::kNone)
        o["redacted"] = nullptr;
    else
        o["redacted"] = audit::RedactionName(v.redaction);
    if (v.entity_name)
        o["entity_name"] = {{"name_ja", v.entity_name->ja}, {"name_en", v.entity_name->en}};
    else
        o["entity_name"] = nullptr;
    if (e.actor_id) {
        boost::json::object actor{{"id", *e.actor_id}};
        actor["name_ja"] = v.actor_names ? v.actor_names->first : "";
        actor["name_en"] = v.actor_names ? v.actor_names->second : "";
        o["actor"] = std::move(actor);
    } else {
        o["actor"] = nullptr;
    }
    return o;
}

std::string SessionCookie(const Config& config, const http::Request& req, const std::string& token, int max_age) {
    bool secure = config.cookie_secure == "always" || (config.cookie_secure == "auto" && req.ViaTls());
    return std::string(kSessionCookie) + "=" + token +
           "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age) + (secure ? "; Secure" : "");
}

}  // namespace

void RegisterRoutes(http::Router& router, const Config& config) {
    router.SetAuthenticator([](http::Request& req, db::Tx& tx, Seconds now) {
        return Authenticate(
            tx, {req.Cookie(kSessionCookie), std::string(req.Header("X-CSRF-Token")), req.IsSafeMethod()}, now);
    });
    for (const char* kind : {"person", "organisation"}) audit::DeclareReadPolicy(kind, audit::OpenToAuditors);
    audit::DeclareNames("person", audit::NamesFromTable(store::kPersonNames));
    audit::DeclareNames("organisation", audit::NamesFromTable(store::kOrganisationNames));

    router.Add("POST", "/api/session", Access::kPublic,
               [&config](Call& call) {
                   auto body = ParseObject(call.req.Body());
                   auto email = RequiredString(body, "email", 254);
                   auto password = RequiredPassword(body, "password");
                   auto result = Login(*call.db, config, email, password, call.req.client_ip,
                                       std::string(call.req.Header("User-Agent")), call.now);
                   auto r = Response::Json(200, boost::json::object{{"csrf_token", result.csrf_token},
                                                                    {"me", MeJson(result.person, result.csrf_token)}});
                   r.headers.emplace_back("Set-Cookie",
                                          SessionCookie(config, call.req, result.token, config.session_hours * 3600));
                   return r;
               },
               {.tx = http::TxKind::kNone});

    router.Add("DELETE", "/api/session", Access::kSignedIn, [&config](Call& call) {
        Logout(call.tx(), call.me().session_id);
        auto r = Response::NoContent();
        r.headers.emplace_back("Set-Cookie", SessionCookie(config, call.req, "", 0));
        return r;
    });

    router.Add("GET", "/api/me", Access::kSignedIn, [](Call& call) {
        auto me = GetPerson(call.tx(), call.me().person_id);
        return Response::Json(200, MeJson(me, call.me().csrf_token));
    });

    router.Add("PATCH", "/api/me", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto language = OptionalString(body, "language", 8);
        Person me = language ? SetOwnLanguage(call.tx(), call.me().person_id, *language, call.now)
                             : GetPerson(call.tx(), call.me().person_id);
        return Response::Json(200, MeJson(me, call.me().csrf_token));
    });

    router.Add("POST", "/api/me/password", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto current = RequiredPassword(body, "current_password");
        auto replacement = RequiredPassword(body, "new_password");
        ChangeOwnPassword(call.tx(), call.me().person_id, current, replacement, call.me().session_id, call.now);
        return Response::NoContent();
    });

    router.Add("GET", "/api/people", Access::kSignedIn, [](Call& call) {
        auto people = ListPeople(call.tx(), call.req.Query("q").value_or(""), call.req.Query("role").value_or(""),
                                 call.req.Query("organisation_id").value_or(""), ActiveFilter(call.req, 1));
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(people)}});
    });

    router.Add("POST", "/api/people", Access::kSignedIn, [](Call& call) {
        RequireAdmin(call);
        auto body = ParseObject(call.req.Body());
        NewPerson in;
        in.email = RequiredString(body, "email", 254);
        in.name_ja = RequiredString(body, "name_ja", 100);
        in.name_kana = OptionalString(body, "name_kana", 100).value_or("");
        in.name_en = OptionalString(body, "name_en", 100).value_or("");
        auto org = NullableId(body, "organisation_id");
        if (org) in.organisation_id = *org;
        in.roles = OptionalStringArray(body, "roles", 10, 40).value_or(std::vector<std::string>{});
        auto password = body.find("password");
        if (password != body.end() && !password->value().is_null()) in.password = RequiredPassword(body, "password");
        in.language = OptionalString(body, "language", 8).value_or("ja");
        if (in.language.empty()) in.language = "ja";
        return Response::Json(201, boost::json::value_from(CreatePerson(call.tx(), call.me().person_id, in, call.now)));
    });

    router.Add("GET", "/api/people/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, boost::json::value_from(GetPerson(call.tx(), call.req.params.at("id"))));
    });

    router.Add("PATCH", "/api/people/{id}", Access::kSignedIn, [](Call& call) {
        RequireAdmin(call);
        auto body = ParseObject(call.req.Body());
        PersonPatch in;
        in.email = OptionalString(body, "email", 254);
        if (in.email && in.email->empty()) throw Invalid("email", "email is required");
        in.name_ja = OptionalString(body, "name_ja", 100);
        in.name_kana = OptionalString(body, "name_kana", 100);
        in.name_en = OptionalString(body, "name_en", 100);
        in.organisation_id = NullableId(body, "organisation_id");
        in.roles = OptionalStringArray(body, "roles", 10, 40);
        in.active = OptionalBool(body, "active");
        return Response::Json(200, boost::json::value_from(UpdatePerson(call.tx(), call.me().person_id,
                                                                        call.req.params.at("id"), in, call.now)));
    });

    router.Add("POST", "/api/people/{id}/password", Access::kSignedIn, [](Call& call) {
        RequireAdmin(call);
        auto body = ParseObject(call.req.Body());
        ResetPassword(call.tx(), call.me().person_id, call.req.params.at("id"), RequiredPassword(body, "password"),
                      call.now);
        return Response::NoContent();
    });

    router.Add("GET", "/api/organisations", Access::kSignedIn, [](Call& call) {
        auto orgs = ListOrganisations(call.tx(), ActiveFilter(call.req, -1));
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(orgs)}});
    });

    router.Add("POST", "/api/organisations", Access::kSignedIn, [](Call& call) {
        RequireAdmin(call);
        auto body = ParseObject(call.req.Body());
        NewOrganisation in;
        in.name_ja = RequiredString(body, "name_ja", 200);
        in.name_en = OptionalString(body, "name_en", 200).value_or("");
        in.name_kana = OptionalString(body, "name_kana", 200).value_or("");
        in.kind = RequiredString(body, "kind", 40);
        auto parent = NullableId(body, "parent_id");
        if (parent) in.parent_id = *parent;
        return Response::Json(
            201, boost::json::value_from(CreateOrganisation(call.tx(), call.me().person_id, in, call.now)));
    });

    router.Add("GET", "/api/organisations/{id}", Access::kSignedIn, [](Call& call) {
        for (const auto& o : ListOrganisations(call.tx(), -1))
            if (o.id == call.req.params.at("id")) return Response::Json(200, boost::json::value_from(o));
        throw NotFound("organisation");
    });

    router.Add("PATCH", "/api/organisations/{id}", Access::kSignedIn, [](Call& call) {
        RequireAdmin(call);
        auto body = ParseObject(call.req.Body());
        OrganisationPatch in;
        in.parent_id = NullableId(body, "parent_id");
        in.kind = OptionalString(body, "kind", 40);
        in.name_ja = OptionalString(body, "name_ja", 200);
        in.name_en = OptionalString(body, "name_en", 200);
        in.name_kana = OptionalString(body, "name_kana", 200);
        in.active = OptionalBool(body, "active");
        return Response::Json(200, boost::json::value_from(UpdateOrganisation(call.tx(), call.me().person_id,
                                                                              call.req.params.at("id"), in, call.now)));
    });

    router.Add("GET", "/api/audit", Access::kSignedIn, [](Call& call) {
        audit::Filter f;
        if (auto shown = call.req.Query("shown"); shown && !shown->empty()) {
            auto s = audit::ShownFromName(*shown);
            if (!s) throw Invalid("shown", "shown must be changes, reads or all");
            f.shown = *s;
        }
        f.entity = call.req.Query("entity").value_or("");
        f.entity_id = call.req.Query("entity_id").value_or("");
        f.actor_id = call.req.Query("actor_id").value_or("");
        if (auto limit = call.req.Query("limit"); limit && !limit->empty())
            f.limit = static_cast<int>(IntegerText(*limit, "limit", 1, 200));
        if (auto before = call.req.Query("before"); before && !before->empty())
            f.before_id = IntegerText(*before, "before", 1, std::numeric_limits<long long>::max());
        auto entries = ReadAuditLog(call.tx(), call.me(), f, call.now);
        boost::json::array items;
        for (const auto& e : entries) items.push_back(AuditJson(e));
        boost::json::object out{{"items", std::move(items)}};
        out["next_before"] = (static_cast<int>(entries.size()) == f.limit && !entries.empty())
                                 ? boost::json::value(std::to_string(entries.back().entry.id))
                                 : boost::json::value(nullptr);
        return Response::Json(200, out);
    });
}

}  // namespace renkei::people
