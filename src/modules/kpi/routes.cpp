#include "modules/kpi/routes.hpp"

#include <boost/json.hpp>

#include "modules/kpi/service.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::kpi {

namespace {
json::value OptNumber(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

Query QueryOf(const http::Request& req) {
    return {req.Query("from"),       req.Query("to"),      req.Query("area"),
            req.Query("department"), req.Query("company"), req.Query("by")};
}
}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const FunnelStep& s) {
    jv = {{"name", s.name},
          {"count", s.count},
          {"conversion", OptNumber(s.conversion)},
          {"median_days", OptNumber(s.median_days)},
          {"pairs", s.pairs}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Funnel& f) {
    jv = {{"from", FormatDate(f.range.from)}, {"to", FormatDate(f.range.to)}, {"steps", json::value_from(f.steps)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const SeriesPoint& p) {
    json::object stages, areas;
    for (const auto& [k, v] : p.stages) stages[k] = v;
    for (const auto& [k, v] : p.areas) areas[k] = v;
    jv = {{"period", p.period},
          {"needs", p.needs},
          {"seeds", p.seeds},
          {"introductions", p.introductions},
          {"projects_started", p.projects_started},
          {"stages", std::move(stages)},
          {"areas", std::move(areas)},
          {"companies", p.companies},
          {"clinicians", p.clinicians},
          {"contract_turnaround_days", OptNumber(p.contract_turnaround_days)},
          {"ethics_turnaround_days", OptNumber(p.ethics_turnaround_days)},
          {"contracts_drafted", p.contracts_drafted},
          {"ethics_prepared", p.ethics_prepared},
          {"coi_checks", p.coi_checks},
          {"inventions_drafted", p.inventions_drafted},
          {"minutes_saved", p.minutes_saved},
          {"funnel", json::value_from(p.funnel)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Series& s) {
    jv = {{"from", FormatDate(s.range.from)},
          {"to", FormatDate(s.range.to)},
          {"by", s.by == By::kMonth ? "month" : "fiscal_year"},
          {"minutes_per_action",
           {{"contract_drafted", kMinutesPerContractDrafted},
            {"ethics_application", kMinutesPerEthicsApplication},
            {"coi_check", kMinutesPerCoiCheck},
            {"invention_disclosure", kMinutesPerInventionDisclosure}}},
          {"points", json::value_from(s.points)}};
}

void RegisterRoutes(http::Router& router) {
    using http::Access;
    using http::Call;
    using http::Response;

    router.Add("GET", "/api/kpi/funnel", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(FunnelOf(call.tx(), call.me(), QueryOf(call.req), call.now)));
    });

    router.Add("GET", "/api/kpi/series", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(SeriesOf(call.tx(), call.me(), QueryOf(call.req), call.now)));
    });

    for (const char* format : {"csv", "xlsx"})
        router.Add("GET", std::string("/api/kpi/export.") + format, Access::kSignedIn, [format](Call& call) {
            auto table = Export(call.tx(), call.me(), QueryOf(call.req), http::ExportLanguage(call.req), call.now);
            return http::TableDownload(table, format, "kpi");
        });
}

}  // namespace renkei::kpi
