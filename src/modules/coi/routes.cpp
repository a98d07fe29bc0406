#include "modules/coi/routes.hpp"

#include <boost/json.hpp>

#include "modules/coi/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::coi {

// JSON for the service's results, written once per type (the wire format is docs/openapi.yaml).
namespace {
namespace bj = boost::json;
bj::value StampJson(const std::optional<DeclarationStamp>& d) {
    if (!d) return nullptr;
    return bj::object{{"id", d->id}, {"filed_at", FormatUtc(d->filed_at)}, {"updated_at", FormatUtc(d->updated_at)}};
}
// A case as lists show it: without its findings (amounts only on the case page).
bj::value CaseWithoutFindings(const Case& c) {
    auto v = bj::value_from(c);
    v.as_object().erase("findings");
    return v;
}
}  // namespace

void tag_invoke(const bj::value_from_tag&, bj::value& jv, const OrgRef& o) {
    jv = {{"id", o.id}, {"name_ja", o.name_ja}, {"name_en", o.name_en}};
}

void tag_invoke(const bj::value_from_tag&, bj::value& jv, const MyDeclaration& m) {
    jv = {{"fiscal_year", m.fiscal_year},
          {"current_fiscal_year", m.current_fiscal_year},
          {"declaration", m.declaration ? bj::value_from(*m.declaration) : bj::value(nullptr)},
          {"prefill", bj::value_from(m.prefill)},
          {"prefill_from", m.prefill_from ? bj::value(*m.prefill_from) : bj::value(nullptr)},
          {"thresholds", bj::value_from(m.thresholds)}};
}

void tag_invoke(const bj::value_from_tag&, bj::value& jv, const DeclarerStatus& d) {
    jv = {{"person", bj::value_from(d.person)},
          {"roles", bj::value_from(d.roles)},
          {"member_of_active_project", d.member_of_active_project},
          {"must_declare", d.must_declare},
          {"organisation", d.organisation ? bj::value_from(*d.organisation) : bj::value(nullptr)},
          {"declaration", StampJson(d.declaration)}};
}

void tag_invoke(const bj::value_from_tag&, bj::value& jv, const YearStatus& y) {
    jv = {{"fiscal_year", y.fiscal_year},
          {"round_opened_at", y.round_opened_at ? bj::value(FormatUtc(*y.round_opened_at)) : bj::value(nullptr)},
          {"must_declare", y.must_declare},
          {"filed", y.filed},
          {"missing", y.must_declare - y.filed},
          {"people", bj::value_from(y.people)}};
}

void tag_invoke(const bj::value_from_tag&, bj::value& jv, const CaseSummary& c) {
    jv = CaseWithoutFindings(c.kase);
    jv.as_object()["categories"] = bj::value_from(c.categories);
}

void tag_invoke(const bj::value_from_tag&, bj::value& jv, const CaseDetail& d) {
    jv = bj::value_from(d.kase);
    auto& o = jv.as_object();
    if (d.person_roles) {
        auto& po = o["person"].as_object();
        po["roles"] = bj::value_from(*d.person_roles);
        if (d.person_organisation) po["organisation"] = bj::value_from(*d.person_organisation);
    }
    if (d.project) {
        auto& po = o["project"].as_object();
        po["status"] = d.project->status;
        po["stage"] = d.project->stage;
        po["person_role"] = d.project->person_role ? bj::value(*d.project->person_role) : bj::value(nullptr);
        bj::array members;
        for (const auto& m : d.project->members)
            members.push_back({{"person", bj::value_from(m.person)}, {"role", m.role}});
        po["members"] = std::move(members);
        bj::array orgs;
        for (const auto& x : d.project->organisations)
            orgs.push_back({{"id", x.organisation.id},
                            {"role", x.role},
                            {"name_ja", x.organisation.name_ja},
                            {"name_en", x.organisation.name_en}});
        po["organisations"] = std::move(orgs);
        po["companies"] = bj::value_from(d.project->companies);
    }
    o["group"] = bj::value_from(d.group);
    o["declaration"] = StampJson(d.declaration);
    o["current"] = bj::value_from(d.current);
    o["relationships"] = bj::value_from(d.relationships);
    o["thresholds"] = bj::value_from(d.thresholds);
    o["may_decide"] = d.may_decide;
}

void tag_invoke(const bj::value_from_tag&, bj::value& jv, const ProjectCoi& p) {
    bj::array members;
    for (const auto& m : p.members)
        members.push_back({{"person", bj::value_from(m.person)},
                           {"role", m.role},
                           {"must_declare", m.must_declare},
                           {"declared", m.declared}});
    bj::array cases;
    for (const auto& c : p.cases) cases.push_back(CaseWithoutFindings(c));
    jv = {{"project_id", p.project_id},    {"fiscal_year", p.fiscal_year},
          {"cleared", p.cleared},          {"missing_declarations", p.missing_declarations},
          {"open_cases", p.open_cases},    {"companies", bj::value_from(p.companies)},
          {"members", std::move(members)}, {"cases", std::move(cases)}};
}

namespace {

using http::Access;
using http::Call;
using http::Response;

const std::string& Id(Call& call, const char* name = "id") { return call.req.params.at(name); }

// A whole number that defaults when absent; null is refused (it is not zero).
long long Integer(const json::object& o, std::string_view field, const std::string& name, long long min, long long max,
                  long long fallback) {
    return OptionalInteger(o, field, min, max, name, false).value_or(fallback);
}

int FiscalYearParam(Call& call) {
    auto q = call.req.Query("fiscal_year");
    if (!q || q->empty()) return CurrentFiscalYear(call.now);
    return static_cast<int>(IntegerText(*q, "fiscal_year", 2000, 2100));
}

int FiscalYearBody(Call& call, const json::object& body) {
    long long fy = Integer(body, "fiscal_year", "fiscal_year", 2000, 2100, CurrentFiscalYear(call.now));
    return static_cast<int>(fy);
}

std::vector<Relationship> Relationships(const json::object& body) {
    auto it = body.find("relationships");
    if (it == body.end() || it->value().is_null()) return {};
    if (!it->value().is_array()) throw Invalid("relationships", "relationships must be a list");
    const auto& a = it->value().as_array();
    if (a.size() > kMaxRelationships) throw Invalid("relationships", "at most 100 relationships");
    std::vector<Relationship> out;
    for (const auto& v : a) {
        if (!v.is_object()) throw Invalid("relationships", "relationships must be a list of objects");
        const auto& x = v.as_object();
        Relationship r;
        auto org = OptionalString(x, "organisation_id", 64);
        if (org && !org->empty()) r.organisation_id = *org;
        r.company_name = OptionalString(x, "company_name", 200).value_or("");
        r.category = OptionalString(x, "category", 40).value_or("");
        r.amount_yen = Integer(x, "amount_yen", "relationships", 0, kMaxYen, 0);
        r.note = OptionalString(x, "note", 500).value_or("");
        out.push_back(std::move(r));
    }
    return out;
}

// A read that writes its audit record in the same transaction. The router's transaction for a
// GET is read-only (READ ONLY on PostgreSQL), so these routes open a write transaction and
// authenticate in it themselves.
template <class F>
http::Handler AuditedRead(F f) {
    return [f](Call& call) {
        db::Tx tx(*call.db, db::TxMode::kWrite);
        Response r = f(call, tx, call.Authenticate(tx));
        if (r.status < 400) tx.Commit();
        return r;
    };
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    Install();
    // Snapshots of declarations and cases carry no companies and no amounts (docs/coi.md).
    for (const char* kind : {"coi_declaration", "coi_case", "coi_thresholds"})
        audit::DeclareReadPolicy(kind, audit::OpenToAuditors);

    router.Add("GET", "/api/coi/thresholds", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(ListThresholds(call.tx()))}});
    });

    router.Add("PUT", "/api/coi/thresholds", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto it = body.find("thresholds");
        if (it == body.end() || !it->value().is_array()) throw Invalid("thresholds", "thresholds must be a list");
        std::vector<Threshold> in;
        for (const auto& v : it->value().as_array()) {
            if (!v.is_object()) throw Invalid("thresholds", "thresholds must be a list of objects");
            const auto& x = v.as_object();
            in.push_back({OptionalString(x, "category", 40).value_or(""), OptionalString(x, "rule", 20).value_or(""),
                          Integer(x, "amount_yen", "thresholds", 0, kMaxYen, 0)});
        }
        auto out = UpdateThresholds(call.tx(), call.me(), in, call.now);
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(out)}});
    });

    router.Add("GET", "/api/coi/declarations/mine", Access::kPublic,
               AuditedRead([](Call& call, db::Tx& tx, const auth::Principal& me) {
                   return Response::Json(200,
                                         bj::value_from(ReadMyDeclaration(tx, me, FiscalYearParam(call), call.now)));
               }),
               {.tx = http::TxKind::kNone});

    router.Add("PUT", "/api/coi/declarations/mine", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        DeclarationInput in;
        in.fiscal_year = FiscalYearBody(call, body);
        in.nothing_to_declare = OptionalBool(body, "nothing_to_declare").value_or(false);
        in.relationships = Relationships(body);
        auto d = File(call.tx(), call.me(), in, call.now);
        return Response::Json(200, boost::json::value_from(d));
    });

    router.Add("POST", "/api/coi/declarations/mine/nothing", Access::kSignedIn, [](Call& call) {
        auto body = call.req.Body().empty() ? json::object{} : ParseObject(call.req.Body());
        auto d = NothingToDeclare(call.tx(), call.me(), FiscalYearBody(call, body), call.now);
        return Response::Json(200, boost::json::value_from(d));
    });

    router.Add("GET", "/api/coi/declarations", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, bj::value_from(DeclarationStatus(call.tx(), call.me(), FiscalYearParam(call))));
    });

    router.Add("POST", "/api/coi/declaration-requests", Access::kSignedIn, [](Call& call) {
        auto body = call.req.Body().empty() ? json::object{} : ParseObject(call.req.Body());
        int fy = FiscalYearBody(call, body);
        int asked = AskToDeclare(call.tx(), call.me(), fy, call.now);
        return Response::Json(200, boost::json::object{{"fiscal_year", fy}, {"asked", asked}});
    });

    router.Add("GET", "/api/coi/declarations/{id}", Access::kPublic,
               AuditedRead([](Call& call, db::Tx& tx, const auth::Principal& me) {
                   return Response::Json(200, boost::json::value_from(ReadDeclaration(tx, me, Id(call))));
               }),
               {.tx = http::TxKind::kNone});

    router.Add("GET", "/api/coi/cases", Access::kSignedIn, [](Call& call) {
        auto cases = ListCases(call.tx(), call.me(), call.req.Query("status").value_or(""));
        return Response::Json(200, bj::object{{"items", bj::value_from(cases)}});
    });

    for (const char* format : {"csv", "xlsx"})
        router.Add("GET", std::string("/api/coi/cases/export.") + format, Access::kSignedIn, [format](Call& call) {
            auto table = ExportCases(call.tx(), call.me(), call.req.Query("status").value_or(""),
                                     http::ExportLanguage(call.req), call.now);
            return http::TableDownload(table, format, "coi-cases");
        });

    router.Add("GET", "/api/coi/cases/{id}", Access::kPublic,
               AuditedRead([](Call& call, db::Tx& tx, const auth::Principal& me) {
                   return Response::Json(200, bj::value_from(ReadCase(tx, me, Id(call))));
               }),
               {.tx = http::TxKind::kNone});

    router.Add("POST", "/api/coi/cases/{id}/decision", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto c = Decide(call.tx(), call.me(), Id(call), RequiredString(body, "decision", 20),
                        OptionalString(body, "measures", 4000).value_or(""), call.now);
        return Response::Json(200, boost::json::value_from(c));
    });

    router.Add("GET", "/api/coi/projects/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, bj::value_from(ReadProject(call.tx(), call.me(), Id(call), call.now)));
    });
}

}  // namespace renkei::coi
