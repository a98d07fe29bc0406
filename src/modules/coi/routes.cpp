#include "modules/coi/routes.hpp"

#include <boost/json.hpp>

#include "modules/coi/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::coi {
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
    if (!q || q->empty()) return CurrentFiscalYear();
    return static_cast<int>(IntegerText(*q, "fiscal_year", 2000, 2100));
}

int FiscalYearBody(const json::object& body) {
    long long fy = Integer(body, "fiscal_year", "fiscal_year", 2000, 2100, CurrentFiscalYear());
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
        auto out = UpdateThresholds(call.tx(), call.me(), in);
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(out)}});
    });

    router.Add("GET", "/api/coi/declarations/mine", Access::kPublic,
               AuditedRead([](Call& call, db::Tx& tx, const auth::Principal& me) {
                   return Response::Json(200, MyDeclarationJson(tx, me, FiscalYearParam(call)));
               }),
               {.tx = http::TxKind::kNone});

    router.Add("PUT", "/api/coi/declarations/mine", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        DeclarationInput in;
        in.fiscal_year = FiscalYearBody(body);
        in.nothing_to_declare = OptionalBool(body, "nothing_to_declare").value_or(false);
        in.relationships = Relationships(body);
        auto d = File(call.tx(), call.me(), in);
        return Response::Json(200, boost::json::value_from(d));
    });

    router.Add("POST", "/api/coi/declarations/mine/nothing", Access::kSignedIn, [](Call& call) {
        auto body = call.req.Body().empty() ? json::object{} : ParseObject(call.req.Body());
        auto d = NothingToDeclare(call.tx(), call.me(), FiscalYearBody(body));
        return Response::Json(200, boost::json::value_from(d));
    });

    router.Add("GET", "/api/coi/declarations", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, StatusJson(call.tx(), call.me(), FiscalYearParam(call)));
    });

    router.Add("POST", "/api/coi/declaration-requests", Access::kSignedIn, [](Call& call) {
        auto body = call.req.Body().empty() ? json::object{} : ParseObject(call.req.Body());
        int fy = FiscalYearBody(body);
        int asked = AskToDeclare(call.tx(), call.me(), fy);
        return Response::Json(200, boost::json::object{{"fiscal_year", fy}, {"asked", asked}});
    });

    router.Add("GET", "/api/coi/declarations/{id}", Access::kPublic,
               AuditedRead([](Call& call, db::Tx& tx, const auth::Principal& me) {
                   return Response::Json(200, boost::json::value_from(ReadDeclaration(tx, me, Id(call))));
               }),
               {.tx = http::TxKind::kNone});

    router.Add("GET", "/api/coi/cases", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, boost::json::object{{"items", CasesJson(call.tx(), call.me(),
                                                                           call.req.Query("status").value_or(""))}});
    });

    router.Add("GET", "/api/coi/cases/{id}", Access::kPublic,
               AuditedRead([](Call& call, db::Tx& tx, const auth::Principal& me) {
                   return Response::Json(200, CaseJson(tx, me, Id(call)));
               }),
               {.tx = http::TxKind::kNone});

    router.Add("POST", "/api/coi/cases/{id}/decision", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto c = Decide(call.tx(), call.me(), Id(call), RequiredString(body, "decision", 20),
                        OptionalString(body, "measures", 4000).value_or(""));
        return Response::Json(200, boost::json::value_from(c));
    });

    router.Add("GET", "/api/coi/projects/{id}", Access::kSignedIn,
               [](Call& call) { return Response::Json(200, ProjectJson(call.tx(), call.me(), Id(call))); });
}

}  // namespace renkei::coi
