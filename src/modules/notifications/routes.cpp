#include "modules/notifications/routes.hpp"

#include <boost/json.hpp>

#include "modules/notifications/service.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::notifications {
namespace {

boost::json::object ToJson(const Notification& n) {
    boost::json::object o{{"id", n.id},
                          {"kind", n.kind},
                          {"title_ja", n.title_ja},
                          {"title_en", n.title_en},
                          {"link", n.link},
                          {"created_at", FormatUtc(n.created_at)}};
    o["read_at"] = n.read_at ? boost::json::value(FormatUtc(*n.read_at)) : boost::json::value(nullptr);
    o["read"] = n.read_at.has_value();
    return o;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    using http::Access;
    using http::Call;
    using http::Response;

    // Only ever the caller's own notifications: there is no way to name another person.
    router.Add("GET", "/api/notifications", Access::kSignedIn, [](Call& call) {
        bool unread_only = call.req.Query("unread").value_or("") == "true";
        int limit = 50;
        if (auto l = call.req.Query("limit"); l && !l->empty())
            limit = static_cast<int>(IntegerText(*l, "limit", 1, 200));
        boost::json::array items;
        for (const auto& n : List(call.tx(), call.me().person_id, limit, unread_only)) items.push_back(ToJson(n));
        return Response::Json(200, boost::json::object{{"items", std::move(items)},
                                                       {"unread_count", UnreadCount(call.tx(), call.me().person_id)}});
    });

    router.Add("GET", "/api/notifications/unread-count", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, boost::json::object{{"unread_count", UnreadCount(call.tx(), call.me().person_id)}});
    });

    router.Add("POST", "/api/notifications/{id}/read", Access::kSignedIn, [](Call& call) {
        return Response::Json(200,
                              ToJson(MarkRead(call.tx(), call.me().person_id, call.req.params.at("id"), call.now)));
    });

    router.Add("POST", "/api/notifications/read-all", Access::kSignedIn, [](Call& call) {
        int changed = MarkAllRead(call.tx(), call.me().person_id, call.now);
        return Response::Json(200, boost::json::object{{"marked", changed}, {"unread_count", 0}});
    });
}

}  // namespace renkei::notifications
