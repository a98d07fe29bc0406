#include "modules/mail/routes.hpp"

#include <boost/json.hpp>

#include "modules/mail/service.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"
#include "platform/log/log.hpp"

namespace renkei::mail {
namespace {

namespace bj = boost::json;
using http::Access;
using http::Call;
using http::Response;

bj::value Opt(const std::optional<int>& n) { return n ? bj::value(*n) : bj::value(nullptr); }

bj::array KindsJson(const std::vector<KindChoice>& kinds) {
    bj::array out;
    out.reserve(kinds.size());
    for (const auto& k : kinds)
        out.push_back(bj::object{{"kind", k.info.kind},
                                 {"label_ja", k.info.label_ja},
                                 {"label_en", k.info.label_en},
                                 {"legal", k.info.legal},
                                 {"urgent", k.info.urgent},
                                 {"delivery", Text(k.delivery)},
                                 {"centre_delivery", Text(k.centre)},
                                 {"own", k.own}});
    return out;
}

bj::object PreferencesJson(const Preferences& p) {
    return {{"digest_hour", Opt(p.digest_hour)},
            {"centre_digest_hour", p.centre_digest_hour},
            {"kinds", KindsJson(p.kinds)}};
}

bj::object EntryJson(const OutboxEntry& e) {
    return {{"id", e.id},
            {"person_id", e.person_id ? bj::value(*e.person_id) : bj::value(nullptr)},
            {"to", e.to},
            {"kind", e.kind},
            {"language", e.language},
            {"subject", e.subject},
            {"state", e.state},
            {"attempts", e.attempts},
            {"last_error", e.last_error},
            {"created_at", FormatUtc(e.created_at)},
            {"next_attempt_at", FormatUtc(e.next_attempt_at)},
            {"sent_at", e.sent_at ? bj::value(FormatUtc(*e.sent_at)) : bj::value(nullptr)}};
}

Delivery DeliveryField(const bj::value& v, const std::string& field) {
    auto d = v.is_string() ? FromText<Delivery>(std::string_view(v.as_string())) : std::nullopt;
    if (!d) throw Invalid(field, field + " must be immediate, digest or off");
    return *d;
}

const bj::object& KindsObject(const bj::object& body) {
    auto it = body.find("kinds");
    if (it == body.end()) {
        static const bj::object empty;
        return empty;
    }
    if (!it->value().is_object()) throw Invalid("kinds", "kinds must be an object of kind → delivery");
    if (it->value().as_object().size() > 100) throw Invalid("kinds", "too many kinds");
    return it->value().as_object();
}

}  // namespace

void RegisterRoutes(http::Router& router, const Config& config) {
    audit::DeclareReadPolicy("mail_preferences", audit::OpenToAuditors);
    audit::DeclareReadPolicy("mail_defaults", audit::OpenToAuditors);
    audit::DeclareReadPolicy("mail_message", audit::OpenToAuditors);

    router.Add("GET", "/api/me/mail", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, PreferencesJson(GetPreferences(call.tx(), call.me().person_id)));
    });

    router.Add("PUT", "/api/me/mail", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        PreferencesPatch patch;
        if (auto it = body.find("digest_hour"); it != body.end())
            patch.digest_hour =
                it->value().is_null()
                    ? std::optional<int>{}
                    : std::optional<int>(static_cast<int>(*OptionalInteger(body, "digest_hour", 0, 23)));
        for (const auto& [kind, value] : KindsObject(body)) {
            std::string field = "kinds." + std::string(kind);
            patch.kinds.emplace_back(std::string(kind), value.is_null()
                                                            ? std::nullopt
                                                            : std::optional<Delivery>(DeliveryField(value, field)));
        }
        return Response::Json(200, PreferencesJson(SetPreferences(call.tx(), call.me().person_id, patch)));
    });

    router.Add("GET", "/api/mail/defaults", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, bj::object{{"digest_hour", Installed().digest_hour},
                                              {"kinds", KindsJson(CentreDefaults(call.tx(), call.me()))}});
    });

    router.Add("PUT", "/api/mail/defaults", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        std::vector<std::pair<std::string, Delivery>> kinds;
        for (const auto& [kind, value] : KindsObject(body))
            kinds.emplace_back(std::string(kind), DeliveryField(value, "kinds." + std::string(kind)));
        return Response::Json(200, bj::object{{"digest_hour", Installed().digest_hour},
                                              {"kinds", KindsJson(SetCentreDefaults(call.tx(), call.me(), kinds))}});
    });

    router.Add("GET", "/api/mail/outbox", Access::kSignedIn, [](Call& call) {
        auto limit = IntegerText(call.req.Query("limit").value_or("100"), "limit", 1, 500);
        auto page = ListOutbox(call.tx(), call.me(), call.req.Query("state").value_or("all"), static_cast<int>(limit));
        bj::array items;
        items.reserve(page.items.size());
        for (const auto& e : page.items) items.push_back(EntryJson(e));
        return Response::Json(200, bj::object{{"items", std::move(items)},
                                              {"counts",
                                               {{"pending", page.counts.pending},
                                                {"sending", page.counts.sending},
                                                {"sent", page.counts.sent},
                                                {"failed", page.counts.failed}}}});
    });

    router.Add("POST", "/api/mail/outbox/{id}/retry", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, EntryJson(RetryMessage(call.tx(), call.me(), call.req.params.at("id"), call.now)));
    });

    // A forgotten password. The answer is 202 whether or not the address exists; a person with an
    // account gets a single-use link. Throttled by address and by client (429).
    router.Add("POST", "/api/session/reset", Access::kPublic, [&config](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto email = RequiredString(body, "email", 254);
        auto ticket = people::StartPasswordReset(call.tx(), config, email, call.req.client_ip, call.now);
        if (ticket) {
            const auto& p = ticket->person;
            MailPasswordReset(call.tx(), p.id, p.email, p.language,
                              p.language == "en" && !p.name_en.empty() ? p.name_en : p.name_ja, ticket->token,
                              call.now);
        }
        return Response::Json(202, bj::object{{"status", "accepted"}});
    });

    router.Add("POST", "/api/session/reset/{token}", Access::kPublic,
               [](Call& call) {
                   auto body = ParseObject(call.req.Body());
                   auto it = body.find("password");
                   if (it == body.end() || !it->value().is_string() || it->value().as_string().empty())
                       throw Invalid("password", "password is required");
                   people::FinishPasswordReset(*call.db, call.req.params.at("token"),
                                               std::string(it->value().as_string()), call.now);
                   return Response::NoContent();
               },
               {.tx = http::TxKind::kNone});
}

}  // namespace renkei::mail
