#include "modules/building/routes.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "modules/building/service.hpp"
#include "modules/building/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::building {
namespace {

using http::Access;
using http::Call;
using http::Response;
using std::chrono::days;

std::optional<int> OptionalInt(const json::object& o, std::string_view field, int min, int max) {
    auto n = OptionalInteger(o, field, min, max);
    if (!n) return std::nullopt;
    return static_cast<int>(*n);
}

std::optional<int> OptionalHhmm(const json::object& o, std::string_view field) {
    auto v = OptionalString(o, field, 5);
    if (!v) return std::nullopt;
    auto m = ParseHhmm(*v);
    if (!m) throw Invalid(std::string(field), std::string(field) + " must be a time of day like 08:00");
    return m;
}

Seconds QueryTime(const http::Request& req, std::string_view key, Seconds fallback) {
    auto v = req.Query(key);
    if (!v || v->empty()) return fallback;
    if (auto d = ParseDate(*v)) return FromTokyo(*d, 0);
    auto t = ParseRfc3339(*v);
    if (!t && v->size() > 19 && (*v)[v->size() - 6] == ' ') {
        // An unencoded "+09:00" arrives as " 09:00" (a plus in a query string means a space).
        std::string fixed = *v;
        fixed[fixed.size() - 6] = '+';
        t = ParseRfc3339(fixed);
    }
    if (!t) throw Invalid(std::string(key), std::string(key) + " must be an RFC 3339 time or a date (YYYY-MM-DD)");
    return *t;
}

std::pair<Seconds, Seconds> QueryRange(const http::Request& req, Seconds default_from, days default_length) {
    Seconds from = QueryTime(req, "from", default_from);
    Seconds to = QueryTime(req, "to", from + default_length);
    if (to <= from) throw Invalid("to", "to must be after from");
    if (to - from > days{kMaxDaysAhead + 31}) throw Invalid("to", "the range may span at most 431 days");
    return {from, to};
}

Recurrence ParseRecurrence(const json::object& r) {
    Recurrence rule;
    auto freq = r.find("freq");
    if (freq == r.end() || !freq->value().is_string()) throw Invalid("recurrence.freq", "freq is required");
    rule.freq = std::string(freq->value().as_string());
    rule.interval = OptionalInt(r, "interval", 1, 12).value_or(1);
    if (auto it = r.find("weekdays"); it != r.end() && !it->value().is_null()) {
        if (!it->value().is_array())
            throw Invalid("recurrence.weekdays", "weekdays must be a list like [\"MO\",\"WE\"]");
        for (const auto& w : it->value().as_array()) {
            auto parsed = w.is_string() ? ParseWeekdays(std::string(w.as_string())) : std::vector<int>{};
            if (parsed.size() != 1) throw Invalid("recurrence.weekdays", "weekdays are MO, TU, WE, TH, FR, SA, SU");
            rule.weekdays.push_back(parsed[0]);
        }
    }
    if (auto it = r.find("until"); it != r.end() && !it->value().is_null()) {
        auto d = it->value().is_string() ? ParseDate(std::string(it->value().as_string())) : std::nullopt;
        if (!d) throw Invalid("recurrence.until", "until must be a date (YYYY-MM-DD)");
        rule.until = d;
    }
    if (r.contains("count") && !r.at("count").is_null()) {
        try {
            rule.count = OptionalInt(r, "count", 1, kMaxOccurrences);
        } catch (const Error& e) {
            throw Invalid("recurrence.count", e.what());
        }
    }
    return rule;
}

NewBooking ParseNewBooking(const json::object& body) {
    NewBooking in;
    auto space = body.find("space_id");
    if (space == body.end() || !space->value().is_string() || space->value().as_string().empty())
        throw Invalid("space_id", "space_id is required");
    in.space_id = std::string(space->value().as_string());
    in.start = RequiredTime(body, "start");
    in.end = RequiredTime(body, "end");
    in.title = RequiredString(body, "title", 200);
    in.purpose = OptionalString(body, "purpose", 2000).value_or("");
    in.attendees = OptionalInt(body, "attendees", 0, 2000).value_or(0);
    if (auto it = body.find("recurrence"); it != body.end() && !it->value().is_null()) {
        if (!it->value().is_object()) throw Invalid("recurrence", "recurrence must be an object");
        in.recurrence = ParseRecurrence(it->value().as_object());
    }
    in.skip_conflicts = OptionalBool(body, "skip_conflicts").value_or(false);
    if (auto it = body.find("attendee_ids"); it != body.end() && !it->value().is_null())
        in.attendee_ids = OptionalStringArray(body, "attendee_ids", 50, 40).value_or(std::vector<std::string>{});
    return in;
}

json::object Items(const json::value& items) { return json::object{{"items", items}}; }

NewEvent ParseNewEvent(const json::object& body) {
    NewEvent in;
    auto space = body.find("space_id");
    if (space == body.end() || !space->value().is_string() || space->value().as_string().empty())
        throw Invalid("space_id", "space_id is required");
    in.space_id = std::string(space->value().as_string());
    auto kind = RequiredString(body, "kind", 40);
    in.title_ja = OptionalString(body, "title_ja", 200).value_or("");
    in.title_en = OptionalString(body, "title_en", 200).value_or("");
    in.description_ja = OptionalString(body, "description_ja", 5000).value_or("");
    in.description_en = OptionalString(body, "description_en", 5000).value_or("");
    in.start = RequiredTime(body, "start");
    in.end = RequiredTime(body, "end");
    auto capacity = OptionalInt(body, "capacity", 1, 2000);
    if (!capacity) throw Invalid("capacity", "capacity is required");
    in.capacity = *capacity;
    in.open_to_public = OptionalBool(body, "open_to_public").value_or(false);
    in.tags = OptionalStringArray(body, "tags", 20, 60).value_or(std::vector<std::string>{});
    // The kind is refused only after every other field was read, as the service did before.
    auto parsed = FromText<EventKind>(kind);
    if (!parsed) throw Invalid("kind", "kind must be seminar, symposium, exhibition or meetup");
    in.kind = *parsed;
    return in;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    for (const char* kind : {"floor", "space", "booking", "booking_series", "event", "event_registration"})
        audit::DeclareReadPolicy(kind, audit::OpenToAuditors);
    // A calendar feed's token is its owner's (entity id: the person).
    audit::DeclareReadPolicy("calendar_token", [](db::Tx&, const auth::Principal& reader, const std::string& person_id,
                                                  Seconds) { return reader.person_id == person_id; });
    audit::DeclareNames("space", audit::NamesFromTable(store::kSpaceNames));
    audit::DeclareNames("event", audit::NamesFromTable(store::kEventNames));
    audit::DeclareNames("calendar_token", people::AuditNames);
    // --- spaces ---
    router.Add("GET", "/api/spaces", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::object{{"items", json::value_from(ListSpaces(call.tx()))},
                                                {"floors", json::value_from(ListFloors(call.tx()))}});
    });
    router.Add("POST", "/api/spaces", Access::kSignedIn, [](Call& call) {
        if (!RunsBuilding(call.me())) throw Forbidden("only the office may add spaces");
        auto body = ParseObject(call.req.Body());
        Space s;
        s.code = RequiredString(body, "code", 40);
        s.floor = RequiredString(body, "floor", 8);
        auto kind = RequiredString(body, "kind", 40);
        s.name_ja = RequiredString(body, "name_ja", 200);
        s.name_en = OptionalString(body, "name_en", 200).value_or("");
        s.description_ja = OptionalString(body, "description_ja", 2000).value_or("");
        s.description_en = OptionalString(body, "description_en", 2000).value_or("");
        s.area_m2 = OptionalInt(body, "area_m2", 0, 5000).value_or(0);
        s.capacity = OptionalInt(body, "capacity", 0, 2000).value_or(0);
        s.opens_at = OptionalHhmm(body, "opens_at").value_or(8 * 60);
        s.closes_at = OptionalHhmm(body, "closes_at").value_or(22 * 60);
        s.max_minutes = OptionalInt(body, "max_minutes", 15, 1440).value_or(240);
        s.bookable = OptionalBool(body, "bookable").value_or(true);
        s.needs_approval = OptionalBool(body, "needs_approval").value_or(false);
        s.position = OptionalInt(body, "position", 0, 10000).value_or(0);
        auto parsed = FromText<SpaceKind>(kind);
        if (!parsed) throw Invalid("kind", "unknown kind of space");
        s.kind = *parsed;
        return Response::Json(201, json::value_from(CreateSpace(call.tx(), call.me().person_id, s, call.now)));
    });
    router.Add("PUT", "/api/floors/{code}", Access::kSignedIn, [](Call& call) {
        if (!RunsBuilding(call.me())) throw Forbidden("only the office may edit floors");
        auto body = ParseObject(call.req.Body());
        Floor f;
        f.code = call.req.params.at("code");
        f.name_ja = RequiredString(body, "name_ja", 100);
        f.name_en = OptionalString(body, "name_en", 100).value_or("");
        f.area_m2 = OptionalInt(body, "area_m2", 0, 100000).value_or(0);
        f.position = OptionalInt(body, "position", -100, 1000).value_or(0);
        return Response::Json(200, json::value_from(PutFloor(call.tx(), call.me(), f)));
    });
    router.Add("GET", "/api/spaces/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(GetSpace(call.tx(), call.req.params.at("id"))));
    });
    router.Add("PATCH", "/api/spaces/{id}", Access::kSignedIn, [](Call& call) {
        if (!RunsBuilding(call.me())) throw Forbidden("only the office may edit spaces");
        auto body = ParseObject(call.req.Body());
        SpacePatch p;
        p.kind = OptionalString(body, "kind", 40);
        p.name_ja = OptionalString(body, "name_ja", 200);
        p.name_en = OptionalString(body, "name_en", 200);
        p.description_ja = OptionalString(body, "description_ja", 2000);
        p.description_en = OptionalString(body, "description_en", 2000);
        p.area_m2 = OptionalInt(body, "area_m2", 0, 5000);
        p.capacity = OptionalInt(body, "capacity", 0, 2000);
        p.opens_at = OptionalHhmm(body, "opens_at");
        p.closes_at = OptionalHhmm(body, "closes_at");
        p.max_minutes = OptionalInt(body, "max_minutes", 15, 1440);
        p.bookable = OptionalBool(body, "bookable");
        p.needs_approval = OptionalBool(body, "needs_approval");
        p.active = OptionalBool(body, "active");
        return Response::Json(
            200, json::value_from(UpdateSpace(call.tx(), call.me(), call.req.params.at("id"), p, call.now)));
    });

    // --- bookings ---
    router.Add("GET", "/api/bookings", Access::kSignedIn, [](Call& call) {
        BookingQuery q;
        q.space_id = call.req.Query("space_id").value_or("");
        q.mine = call.req.Query("mine").value_or("") == "true";
        if (auto status = call.req.Query("status").value_or(""); !status.empty()) {
            q.status = FromText<BookingStatus>(status);
            if (!q.status || q.status == BookingStatus::kSkipped)
                throw Invalid("status", "status must be pending, confirmed, declined or cancelled");
        }
        auto today = FromTokyo(TokyoDay(call.now), 0);
        std::tie(q.from, q.to) = QueryRange(call.req, today, days{7});
        return Response::Json(200, Items(json::value_from(ListBookings(call.tx(), call.me(), q, call.now))));
    });
    for (const char* format : {"csv", "xlsx"})
        router.Add("GET", std::string("/api/bookings/export.") + format, Access::kSignedIn, [format](Call& call) {
            BookingQuery q;
            q.space_id = call.req.Query("space_id").value_or("");
            for (const char* key : {"from", "to"})
                if (call.req.Query(key).value_or("").empty())
                    throw Invalid(key, std::string(key) + " is required: the range to export");
            std::tie(q.from, q.to) = QueryRange(call.req, call.now, days{7});
            auto table = BookingsExport(call.tx(), call.me(), q, http::ExportLanguage(call.req), call.now);
            return http::TableDownload(table, format, "bookings-" + TokyoDate(q.from));
        });
    router.Add("POST", "/api/bookings", Access::kSignedIn, [](Call& call) {
        auto in = ParseNewBooking(ParseObject(call.req.Body()));
        auto result = Book(call.tx(), call.me(), in, call.now);
        json::value out = json::value_from(result.bookings.front());
        auto& o = out.as_object();
        o["occurrences"] = json::value_from(result.bookings);
        o["skipped"] = json::value_from(result.skipped);
        return Response::Json(201, out);
    });
    router.Add("POST", "/api/bookings/check", Access::kSignedIn, [](Call& call) {
        auto in = ParseNewBooking(ParseObject(call.req.Body()));
        auto check = CheckBooking(call.tx(), call.me(), in, call.now);
        json::array occurrences;
        for (const auto& s : check.occurrences)
            occurrences.push_back(json::object{{"start", FormatUtc(s.start)}, {"end", FormatUtc(s.end)}});
        return Response::Json(200, json::object{{"occurrences", std::move(occurrences)},
                                                {"conflicts", json::value_from(check.clashes)},
                                                {"needs_approval", check.needs_approval}});
    });
    router.Add("GET", "/api/bookings/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200,
                              json::value_from(GetBooking(call.tx(), call.me(), call.req.params.at("id"), call.now)));
    });
    router.Add("DELETE", "/api/bookings/{id}", Access::kSignedIn, [](Call& call) {
        auto scope = call.req.Query("scope").value_or("this");
        if (scope.empty()) scope = "this";
        return Response::Json(
            200,
            Items(json::value_from(CancelBooking(call.tx(), call.me(), call.req.params.at("id"), scope, call.now))));
    });
    // A decision answers with the booking, plus `occurrences`: every booking it decided
    // (scope "series": the series' pending occurrences).
    auto decided = [](const std::vector<Booking>& bookings) {
        json::value out = json::value_from(bookings.front());
        out.as_object()["occurrences"] = json::value_from(bookings);
        return Response::Json(200, out);
    };
    router.Add("POST", "/api/bookings/{id}/approve", Access::kSignedIn, [decided](Call& call) {
        auto body = ParseObject(call.req.Body().empty() ? "{}" : call.req.Body());
        auto scope = OptionalString(body, "scope", 10).value_or("this");
        return decided(ApproveBookings(call.tx(), call.me(), call.req.params.at("id"), scope, call.now));
    });
    router.Add("POST", "/api/bookings/{id}/decline", Access::kSignedIn, [decided](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto reason = RequiredString(body, "reason", 500);
        auto scope = OptionalString(body, "scope", 10).value_or("this");
        return decided(DeclineBookings(call.tx(), call.me(), call.req.params.at("id"), reason, scope, call.now));
    });

    // --- free slots: where and when everybody can meet ---
    router.Add("GET", "/api/slots", Access::kSignedIn, [](Call& call) {
        SlotQuery q;
        auto people = call.req.Query("people").value_or("");
        size_t start = 0;
        while (start < people.size()) {
            size_t end = people.find(',', start);
            if (end == std::string::npos) end = people.size();
            if (end > start) q.people.push_back(people.substr(start, end - start));
            if (q.people.size() > 20) throw Invalid("people", "at most 20 people");
            start = end + 1;
        }
        auto int_param = [&call](std::string_view key, int fallback) {
            auto v = call.req.Query(key);
            if (!v || v->empty()) return fallback;
            return static_cast<int>(IntegerText(*v, key, 0, 999'999));
        };
        q.minutes = int_param("minutes", 60);
        q.min_capacity = int_param("min_capacity", 0);
        q.limit = static_cast<size_t>(std::clamp(int_param("limit", 5), 1, 50));
        if (auto kind = call.req.Query("kind")) q.kind = *kind;
        q.from = QueryTime(call.req, "from", call.now);
        q.to = QueryTime(call.req, "to", q.from + days{14});
        auto slots = ProposeSlots(call.tx(), q, call.now);
        json::array out;
        for (const auto& s : slots)
            out.push_back(json::object{{"space_id", s.space_id},
                                       {"space_name_ja", s.space_name_ja},
                                       {"space_name_en", s.space_name_en},
                                       {"start", FormatUtc(s.start)},
                                       {"end", FormatUtc(s.end)}});
        return Response::Json(200, json::object{{"slots", std::move(out)}});
    });

    // --- calendar feeds: the secret token is a query parameter, which the access log never records ---
    router.Add("GET", "/api/calendar/token", Access::kSignedIn, [](Call& call) {
        auto created = CalendarTokenCreated(call.tx(), call.me());
        json::object o{{"exists", created.has_value()}};
        o["created_at"] = created ? json::value(FormatUtc(*created)) : json::value(nullptr);
        return Response::Json(200, o);
    });
    router.Add("POST", "/api/calendar/token", Access::kSignedIn, [](Call& call) {
        auto token = RotateCalendarToken(call.tx(), call.me(), call.now);
        return Response::Json(
            201, json::object{{"token", token},
                              {"created_at", FormatUtc(call.now)},
                              {"person_feed", "/api/calendar/me.ics?token=" + token},
                              {"space_feed_template", "/api/calendar/spaces/{space_id}/calendar.ics?token=" + token}});
    });
    auto ics = [](std::string body) {
        auto r = Response::Text(200, std::move(body), "text/calendar; charset=utf-8");
        r.headers.emplace_back("Cache-Control", "private, max-age=300");
        r.headers.emplace_back("Content-Disposition", "inline; filename=\"renkei.ics\"");
        return r;
    };
    router.Add("GET", "/api/calendar/me.ics", Access::kPublic, [ics](Call& call) {
        return ics(PersonFeed(call.tx(), call.req.Query("token").value_or(""), call.now));
    });
    router.Add("GET", "/api/calendar/spaces/{id}/calendar.ics", Access::kPublic, [ics](Call& call) {
        return ics(SpaceFeed(call.tx(), call.req.Query("token").value_or(""), call.req.params.at("id"), call.now));
    });

    // --- events ---
    router.Add("GET", "/api/events", Access::kSignedIn, [](Call& call) {
        auto [from, to] = QueryRange(call.req, FromTokyo(TokyoDay(call.now), 0) - days{30}, days{400});
        return Response::Json(200, Items(json::value_from(ListEvents(call.tx(), call.me(), from, to))));
    });
    router.Add("POST", "/api/events", Access::kSignedIn, [](Call& call) {
        if (!RunsBuilding(call.me())) throw Forbidden("only the office may create events");
        auto in = ParseNewEvent(ParseObject(call.req.Body()));
        return Response::Json(201, json::value_from(CreateEvent(call.tx(), call.me(), in, call.now)));
    });
    router.Add("GET", "/api/events/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(GetEvent(call.tx(), call.me(), call.req.params.at("id"))));
    });
    router.Add("PATCH", "/api/events/{id}", Access::kSignedIn, [](Call& call) {
        if (!RunsBuilding(call.me())) throw Forbidden("only the office may change events");
        auto body = ParseObject(call.req.Body());
        EventPatch p;
        p.kind = OptionalString(body, "kind", 40);
        p.title_ja = OptionalString(body, "title_ja", 200);
        p.title_en = OptionalString(body, "title_en", 200);
        p.description_ja = OptionalString(body, "description_ja", 5000);
        p.description_en = OptionalString(body, "description_en", 5000);
        p.status = OptionalString(body, "status", 20);
        p.capacity = OptionalInt(body, "capacity", 1, 2000);
        p.open_to_public = OptionalBool(body, "open_to_public");
        p.tags = OptionalStringArray(body, "tags", 20, 60);
        return Response::Json(
            200, json::value_from(UpdateEvent(call.tx(), call.me(), call.req.params.at("id"), p, call.now)));
    });
    router.Add("POST", "/api/events/{id}/registrations", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            201, json::value_from(RegisterMember(call.tx(), call.me(), call.req.params.at("id"), call.now)));
    });
    router.Add("GET", "/api/events/{id}/registrations", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, Items(json::value_from(ListRegistrations(call.tx(), call.me(), call.req.params.at("id")))));
    });
    for (const char* format : {"csv", "xlsx"})
        router.Add(
            "GET", std::string("/api/events/{id}/registrations.") + format, Access::kSignedIn, [format](Call& call) {
                auto table =
                    RegistrationsExport(call.tx(), call.me(), call.req.params.at("id"), http::ExportLanguage(call.req));
                return http::TableDownload(table, format, "registrations");
            });
    router.Add("DELETE", "/api/events/{id}/registrations/{registration_id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200,
                              json::value_from(CancelRegistration(call.tx(), call.me(), call.req.params.at("id"),
                                                                  call.req.params.at("registration_id"), call.now)));
    });
    router.Add("POST", "/api/events/{id}/registrations/{registration_id}/check-in", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body().empty() ? "{}" : call.req.Body());
        bool present = OptionalBool(body, "present").value_or(true);
        return Response::Json(200, json::value_from(CheckIn(call.tx(), call.me(), call.req.params.at("id"),
                                                            call.req.params.at("registration_id"), present, call.now)));
    });

    // --- the public face of open events: no session needed ---
    router.Add("GET", "/api/public/events", Access::kPublic, [](Call& call) {
        auto [from, to] = QueryRange(call.req, FromTokyo(TokyoDay(call.now), 0), days{400});
        return Response::Json(200, Items(json::value_from(ListEvents(call.tx(), std::nullopt, from, to))));
    });
    router.Add("GET", "/api/public/events/{id}", Access::kPublic, [](Call& call) {
        return Response::Json(200, json::value_from(GetEvent(call.tx(), std::nullopt, call.req.params.at("id"))));
    });
    router.Add("POST", "/api/public/events/{id}/registrations", Access::kPublic, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        GuestRegistration g;
        g.name = RequiredString(body, "name", 100);
        g.affiliation = OptionalString(body, "affiliation", 200).value_or("");
        g.email = RequiredString(body, "email", 254);
        auto r = RegisterGuest(call.tx(), call.req.params.at("id"), g, call.now);
        return Response::Json(
            201, json::object{{"status", Text(r.status)},
                              {"waitlist_position", r.waitlist_position},
                              {"name", r.name},
                              {"event_id", r.event_id},
                              {"cancel_token", r.cancel_token},
                              {"manage_url", "/public/events/" + r.event_id + "?registration=" + r.cancel_token}});
    });
    // A guest's own registration, by the secret token of their link.
    auto guest_view = [](const Registration& r) {
        return json::object{{"status", Text(r.status)},
                            {"waitlist_position", r.waitlist_position},
                            {"name", r.name},
                            {"event_id", r.event_id}};
    };
    router.Add("GET", "/api/public/events/{id}/registration", Access::kPublic, [guest_view](Call& call) {
        auto r = GuestRegistrationByToken(call.tx(), call.req.params.at("id"), call.req.Query("token").value_or(""));
        return Response::Json(200, guest_view(r));
    });
    router.Add("POST", "/api/public/events/{id}/registration/cancel", Access::kPublic, [guest_view](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto token = RequiredString(body, "token", 100);
        return Response::Json(
            200, guest_view(CancelGuestRegistration(call.tx(), call.req.params.at("id"), token, call.now)));
    });
}

}  // namespace renkei::building
