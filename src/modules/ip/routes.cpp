#include "modules/ip/routes.hpp"

#include <boost/json.hpp>

#include "modules/ip/model.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::ip {

void RegisterRoutes(http::Router& router) {
    // A pure calculation over public law: no session, no database.
    router.Add(
        "POST", "/api/ip/deadlines/compute", http::Access::kPublic,
        [](http::Call& call) {
            auto body = ParseObject(call.req.Body());
            auto kind_text = RequiredString(body, "kind", 40);
            auto kind = FromText<DeadlineKind>(kind_text);
            if (!kind)
                throw Invalid("kind",
                              "kind must be paris_priority, pct_national_phase, jp_examination_request, "
                              "grace_period_filing or grace_period_proof");
            auto from_text = RequiredString(body, "from", 10);
            auto from = ParseDate(from_text);
            if (!from || static_cast<int>(from->year()) < 1900 || static_cast<int>(from->year()) > 2200)
                throw Invalid("from", "from must be a date YYYY-MM-DD");
            auto legal = LegalEnd(*kind, *from);
            auto due = DueOn(*kind, *from);
            const auto& rule = EntryOf(*kind);
            return http::Response::Json(200, boost::json::object{{"kind", kind_text},
                                                                 {"from", FormatDate(*from)},
                                                                 {"due_on", FormatDate(due)},
                                                                 {"period_end", FormatDate(legal)},
                                                                 {"moved", due != legal},
                                                                 {"counted_from_ja", rule.from_ja},
                                                                 {"source_ja", rule.source_ja}});
        },
        {.tx = http::TxKind::kNone});
}

}  // namespace renkei::ip
