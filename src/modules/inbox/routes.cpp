#include "modules/inbox/routes.hpp"

#include <boost/json.hpp>

#include "modules/inbox/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"

namespace renkei::inbox {

void RegisterRoutes(http::Router& router) {
    audit::DeclareReadPolicy("inbox_item", [](db::Tx& tx, const auth::Principal& reader, const std::string& id,
                                              Seconds) { return ItemsBelongTo(tx, id, reader.person_id); });
    router.Add("GET", "/api/inbox", http::Access::kSignedIn, [](http::Call& call) {
        std::string state = call.req.Query("state").value_or("open");
        if (state.empty()) state = "open";
        if (state != "all" && !IsState(state)) throw Invalid("state", "state must be open, done, cancelled or all");
        auto items = ListFor(call.tx(), call.me().person_id, state, call.now);
        auto count = CountFor(call.tx(), call.me().person_id, call.now);
        return http::Response::Json(
            200, boost::json::object{
                     {"items", boost::json::value_from(items)}, {"open", count.open}, {"overdue", count.overdue}});
    });
    router.Add("GET", "/api/inbox/count", http::Access::kSignedIn, [](http::Call& call) {
        auto count = CountFor(call.tx(), call.me().person_id, call.now);
        return http::Response::Json(200, boost::json::object{{"open", count.open}, {"overdue", count.overdue}});
    });
}

}  // namespace renkei::inbox
