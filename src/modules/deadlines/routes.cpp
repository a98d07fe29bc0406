#include "modules/deadlines/routes.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "modules/deadlines/service.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/ids.hpp"

namespace renkei::deadlines {
namespace {

namespace bj = boost::json;
using http::Access;
using http::Call;
using http::Response;

int DaysParam(const Call& call) {
    auto text = call.req.Query("days");
    if (!text) return kDefaultDays;
    int days = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, days);
    if (text->empty() || ec != std::errc() || ptr != end || days < 1 || days > kMaxDays)
        throw Invalid("days", "days must be a whole number between 1 and " + std::to_string(kMaxDays));
    return days;
}

// An id filter: "" or an id.
std::string IdParam(const Call& call, const char* name) {
    auto text = call.req.Query(name).value_or("");
    if (!text.empty() && !LooksLikeId(text)) throw Invalid(name, std::string(name) + " must be an id");
    return text;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    router.Add("GET", "/api/deadlines", Access::kSignedIn, [](Call& call) {
        Query q;
        q.from = call.req.Query("from").value_or("");
        if (!q.from.empty() && !ParseDate(q.from)) throw Invalid("from", "from must be a date YYYY-MM-DD");
        q.days = DaysParam(call);
        q.filter.kind = call.req.Query("kind").value_or("");
        if (!q.filter.kind.empty() && !IsKindText(q.filter.kind))
            throw Invalid("kind", "kind must name a kind (contracts.expiry) or a module (ethics)");
        q.filter.project_id = IdParam(call, "project_id");
        q.filter.person_id = IdParam(call, "person_id");
        auto format = call.req.Query("format").value_or("json");
        if (format != "json" && format != "csv" && format != "xlsx")
            throw Invalid("format", "format must be json, csv or xlsx");
        auto language = http::ExportLanguage(call.req);
        auto v = List(call.tx(), call.me(), q, call.now);
        if (format != "json") return http::TableDownload(Export(v, language, call.now), format, "deadlines-" + v.from);
        return Response::Json(200, bj::object{{"from", v.from},
                                              {"to", v.to},
                                              {"days", v.days},
                                              {"total", v.total},
                                              {"weeks", bj::value_from(v.weeks)},
                                              {"kinds", bj::value_from(v.kinds)},
                                              {"projects", bj::value_from(v.projects)},
                                              {"people", bj::value_from(v.people)}});
    });
}

}  // namespace renkei::deadlines
