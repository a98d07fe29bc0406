#include "modules/budget/routes.hpp"

#include <boost/json.hpp>

#include "modules/budget/internal.hpp"
#include "modules/budget/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::budget {

// JSON for the service's views (the wire format is docs/budget.md and docs/openapi.yaml).
namespace {
json::value OptTime(const std::optional<Seconds>& t) { return t ? json::value(FormatUtc(*t)) : json::value(nullptr); }
json::value OptYen(const std::optional<long long>& v) { return v ? json::value(*v) : json::value(nullptr); }
}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const PersonRef& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const AreaLine& a) {
    jv = {{"area_code", a.area_code},
          {"name_ja", a.name_ja},
          {"name_en", a.name_en},
          {"planned_yen", a.planned_yen},
          {"allocated_yen", a.allocated_yen},
          {"spent_yen", a.spent_yen}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const ProjectLine& p) {
    jv = {{"project_id", p.project_id}, {"title_ja", p.title_ja},
          {"title_en", p.title_en},     {"kind", p.kind},
          {"area_code", p.area_code},   {"allocated_yen", OptYen(p.allocated_yen)},
          {"spent_yen", p.spent_yen},   {"remaining_yen", p.remaining_yen},
          {"status", Text(p.health)},   {"lines", p.lines}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Spending& s) {
    jv = {{"id", s.id},
          {"project_id", s.project_id},
          {"project_title_ja", s.project_title_ja},
          {"project_title_en", s.project_title_en},
          {"fiscal_year", s.fiscal_year},
          {"spent_on", s.spent_on},
          {"amount_yen", s.amount_yen},
          {"category", Text(s.category)},
          {"description", s.description},
          {"reference", s.reference},
          {"imported", s.imported},
          {"created_by", json::value_from(s.created_by)},
          {"updated_by", json::value_from(s.updated_by)},
          {"created_at", FormatUtc(s.created_at)},
          {"updated_at", FormatUtc(s.updated_at)}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Change& c) {
    jv = {{"id", c.id},
          {"project_id", c.project_id},
          {"project_title_ja", c.project_title_ja},
          {"project_title_en", c.project_title_en},
          {"fiscal_year", c.fiscal_year},
          {"current_yen", OptYen(c.current_yen)},
          {"new_yen", c.new_yen},
          {"reason", c.reason},
          {"status", Text(c.status)},
          {"requested_by", json::value_from(c.requested_by)},
          {"requested_at", FormatUtc(c.requested_at)},
          {"decided_by", c.decided_by ? json::value_from(*c.decided_by) : json::value(nullptr)},
          {"decided_at", OptTime(c.decided_at)},
          {"decision_note", c.decision_note},
          {"may_withdraw", c.may_withdraw},
          {"approval", c.approval ? json::value_from(*c.approval) : json::value(nullptr)}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const RowError& e) {
    jv = {{"line", e.line}, {"field", e.field}, {"message", e.message}};
}

namespace {

const std::string& Id(http::Call& call) { return call.req.params.at("id"); }

// ?fiscal_year= (default: the fiscal year of today in Tokyo).
int YearOf(http::Call& call) {
    auto q = call.req.Query("fiscal_year");
    if (!q || q->empty()) return FiscalYearOf(TokyoDay(call.now));
    return static_cast<int>(IntegerText(*q, "fiscal_year", 2000, 2100));
}
std::optional<int> OptionalYearOf(http::Call& call) {
    auto q = call.req.Query("fiscal_year");
    if (!q || q->empty()) return std::nullopt;
    return static_cast<int>(IntegerText(*q, "fiscal_year", 2000, 2100));
}
std::optional<std::string> ProjectQuery(http::Call& call) {
    auto q = call.req.Query("project_id");
    if (!q || q->empty()) return std::nullopt;
    if (q->size() > 64) throw Invalid("project_id", "project_id is too long");
    return q;
}

json::object OverviewJson(const Overview& o) {
    return {{"fiscal_year", o.fiscal_year},
            {"from", o.from},
            {"to", o.to},
            {"areas", json::value_from(o.areas)},
            {"total", json::value_from(o.total)},
            {"projects", json::value_from(o.projects)},
            {"pending_changes", o.pending_changes},
            {"may_write", o.may_write}};
}

json::object RecordedJson(const Recorded& r) {
    auto o = json::value_from(r.spending).as_object();
    o["project_status"] = Text(r.effect.health);
    o["crossed"] = r.effect.crossed;
    return o;
}

json::object PreviewJson(const Preview& p) {
    json::array lines;
    for (const auto& v : p.lines)
        lines.push_back({{"line", v.line.line},
                         {"project_id", v.line.project_id},
                         {"project_title_ja", v.project_title_ja},
                         {"project_title_en", v.project_title_en},
                         {"fiscal_year", v.fiscal_year},
                         {"spent_on", v.line.spent_on},
                         {"amount_yen", v.line.amount_yen},
                         {"category", Text(v.line.category)},
                         {"description", v.line.description},
                         {"reference", v.line.reference},
                         {"duplicate", v.duplicate}});
    return {{"lines", std::move(lines)},  {"errors", json::value_from(p.errors)}, {"new_lines", p.new_lines},
            {"duplicates", p.duplicates}, {"new_total_yen", p.new_total_yen},     {"ok", p.errors.empty()}};
}

SpendingInput ReadSpending(const json::object& body) {
    SpendingInput in;
    in.project_id = RequiredString(body, "project_id", 64);
    in.spent_on = RequiredString(body, "spent_on", 10);
    in.amount_yen = RequiredInteger(body, "amount_yen", 1, kMaxYen);
    in.category = OptionalString(body, "category", 20).value_or("other");
    in.description = OptionalString(body, "description", 500).value_or("");
    in.reference = OptionalString(body, "reference", 100).value_or("");
    return in;
}

SpendingPatch ReadPatch(const json::object& body) {
    SpendingPatch in;
    in.spent_on = OptionalString(body, "spent_on", 10);
    in.amount_yen = OptionalInteger(body, "amount_yen", 1, kMaxYen);
    in.category = OptionalString(body, "category", 20);
    in.description = OptionalString(body, "description", 500);
    in.reference = OptionalString(body, "reference", 100);
    return in;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    RegisterApprovalSubject();
    using http::Access;
    using http::Response;
    auto readable = audit::Readable([](db::Tx&, const Me& me, const std::string&) { RequireReadAll(me); });
    audit::DeclareReadPolicy("budget_plan", readable);
    audit::DeclareReadPolicy("budget_spending", readable);
    audit::DeclareReadPolicy("budget_change", readable);
    audit::DeclareNames("budget_spending",
                        audit::NamesFromTable("SELECT id, spent_on || ' ' || description, spent_on || ' ' || "
                                              "description FROM budget_spending WHERE id IN"));
    audit::DeclareNames("budget_change",
                        audit::NamesFromTable("SELECT id, CAST(fiscal_year AS TEXT) || '年度の予算変更', "
                                              "'FY' || CAST(fiscal_year AS TEXT) || ' budget change' "
                                              "FROM budget_changes WHERE id IN"));

    // The centre-wide views refuse the caller before reading the query.
    router.Add("GET", "/api/budget/overview", Access::kSignedIn, [](http::Call& call) {
        RequireReadAll(call.me());
        return Response::Json(200, OverviewJson(GetOverview(call.tx(), call.me(), YearOf(call), call.now)));
    });
    for (const char* format : {"csv", "xlsx"}) {
        router.Add("GET", std::string("/api/budget/overview.") + format, Access::kSignedIn, [format](http::Call& call) {
            RequireReadAll(call.me());
            int fy = YearOf(call);
            auto table = OverviewExport(call.tx(), call.me(), fy, http::ExportLanguage(call.req), call.now);
            return http::TableDownload(table, format, "budget-" + std::to_string(fy));
        });
        router.Add("GET", std::string("/api/budget/spending.") + format, Access::kSignedIn, [format](http::Call& call) {
            SpendingFilter f{OptionalYearOf(call), ProjectQuery(call)};
            auto table = SpendingExport(call.tx(), call.me(), f, http::ExportLanguage(call.req), call.now);
            return http::TableDownload(table, format,
                                       "spending" + (f.fiscal_year ? "-" + std::to_string(*f.fiscal_year) : ""));
        });
    }
    router.Add("PUT", "/api/budget/plans", Access::kSignedIn, [](http::Call& call) {
        RequireWrite(call.me());  // others are refused before the body is read
        auto body = ParseObject(call.req.Body());
        auto fy = static_cast<int>(RequiredInteger(body, "fiscal_year", 2000, 2100));
        auto area = RequiredString(body, "area_code", 64);
        auto amount = RequiredInteger(body, "amount_yen", 0, kMaxYen);
        return Response::Json(200, json::value_from(SetPlan(call.tx(), call.me(), fy, area, amount, call.now)));
    });

    router.Add("GET", "/api/budget/spending", Access::kSignedIn, [](http::Call& call) {
        SpendingFilter f{OptionalYearOf(call), ProjectQuery(call)};
        return Response::Json(
            200, json::object{{"items", json::value_from(ListSpending(call.tx(), call.me(), f, call.now))}});
    });
    router.Add("POST", "/api/budget/spending", Access::kSignedIn, [](http::Call& call) {
        RequireWrite(call.me());  // others are refused before the body is read
        auto in = ReadSpending(ParseObject(call.req.Body()));
        return Response::Json(201, RecordedJson(RecordSpending(call.tx(), call.me(), in, call.now)));
    });
    router.Add("PATCH", "/api/budget/spending/{id}", Access::kSignedIn, [](http::Call& call) {
        RequireWrite(call.me());  // others are refused before the body is read
        auto in = ReadPatch(ParseObject(call.req.Body()));
        return Response::Json(200, RecordedJson(UpdateSpending(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("DELETE", "/api/budget/spending/{id}", Access::kSignedIn, [](http::Call& call) {
        DeleteSpending(call.tx(), call.me(), Id(call), call.now);
        return Response::NoContent();
    });

    // The CSV travels as the request's body (text/csv), as documents do.
    router.Add("POST", "/api/budget/import/preview", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(
            200, PreviewJson(PreviewImport(call.tx(), call.me(), call.req.Body(), ProjectQuery(call), call.now)));
    });
    router.Add("POST", "/api/budget/import", Access::kSignedIn, [](http::Call& call) {
        auto r = Import(call.tx(), call.me(), call.req.Body(), ProjectQuery(call), call.now);
        json::array crossed;
        for (const auto& id : r.crossed) crossed.emplace_back(id);
        return Response::Json(200, json::object{{"imported", r.imported},
                                                {"duplicates", r.duplicates},
                                                {"total_yen", r.total_yen},
                                                {"crossed", std::move(crossed)}});
    });

    router.Add("GET", "/api/budget/changes", Access::kSignedIn, [](http::Call& call) {
        auto status = call.req.Query("status").value_or("");
        return Response::Json(
            200, json::object{{"items", json::value_from(
                                            ListChanges(call.tx(), call.me(), status, ProjectQuery(call), call.now))}});
    });
    router.Add("POST", "/api/budget/changes", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        ChangeInput in;
        in.project_id = RequiredString(body, "project_id", 64);
        in.fiscal_year = static_cast<int>(RequiredInteger(body, "fiscal_year", 2000, 2100));
        in.new_yen = RequiredInteger(body, "new_yen", 0, kMaxYen);
        in.reason = RequiredString(body, "reason", 2000);
        return Response::Json(201, json::value_from(RequestChange(call.tx(), call.me(), in, call.now)));
    });
    router.Add("POST", "/api/budget/changes/{id}/withdraw", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(WithdrawChange(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("GET", "/api/budget/projects/{id}", Access::kSignedIn, [](http::Call& call) {
        auto b = GetProjectBudget(call.tx(), call.me(), Id(call), YearOf(call), call.now);
        return Response::Json(200, json::object{{"project_id", b.project_id},
                                                {"fiscal_year", b.fiscal_year},
                                                {"allocated_yen", OptYen(b.allocated_yen)},
                                                {"spent_yen", b.spent_yen},
                                                {"remaining_yen", b.remaining_yen},
                                                {"status", Text(b.health)},
                                                {"lines", json::value_from(b.lines)},
                                                {"changes", json::value_from(b.changes)},
                                                {"may_request_change", b.may_request_change}});
    });
}

}  // namespace renkei::budget
