// Calendar feeds (iCalendar, RFC 5545): a person's bookings, events and open inbox items with a
// due date (as to-dos with alarms), and a space's bookings, behind a secret token that only its
// hash is stored of.
#include <boost/json.hpp>
#include <set>

#include "modules/building/internal.hpp"
#include "modules/building/service.hpp"
#include "modules/building/store.hpp"
#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/ids.hpp"

namespace renkei::building {
namespace {

namespace json = boost::json;
using std::chrono::days;

// At most this many to-dos in a feed (the open items due first).
constexpr int kMaxFeedTodos = 500;

std::string CalendarHeader(const std::string& name) {
    return IcsLine("BEGIN:VCALENDAR") + IcsLine("VERSION:2.0") + IcsLine("PRODID:-//Renkei//Building//JA") +
           IcsLine("CALSCALE:GREGORIAN") + IcsLine("METHOD:PUBLISH") + IcsLine("X-WR-CALNAME:" + IcsEscape(name)) +
           IcsLine("X-WR-TIMEZONE:Asia/Tokyo") + IcsTokyoTimezone();
}

std::string BookingSummary(const Booking& b, const Space* space) {
    std::string where = space ? " (" + space->name_ja + ")" : "";
    return b.title + where;
}

// VEVENTs for bookings: single bookings in UTC; a series as one VEVENT in Asia/Tokyo with
// RRULE and EXDATE (occurrences cancelled, declined or left out), so clients see a series.
std::string BookingEvents(db::Tx& tx, const std::vector<Booking>& bookings, const SpaceNames& spaces, Seconds now) {
    std::string out;
    std::set<std::string> series_done;
    const std::string stamp = IcsUtc(now);
    for (const auto& b : bookings) {
        const Space* space = spaces.Find(b.space_id);
        if (!b.series_id) {
            if (!HoldsSpace(b.status)) continue;
            out +=
                IcsLine("BEGIN:VEVENT") + IcsLine("UID:" + b.id + "@renkei") + IcsLine("DTSTAMP:" + stamp) +
                IcsLine("DTSTART:" + IcsUtc(b.start)) + IcsLine("DTEND:" + IcsUtc(b.end)) +
                IcsLine("SUMMARY:" + IcsEscape(BookingSummary(b, space))) +
                IcsLine("LOCATION:" + IcsEscape(space ? space->name_ja + " / " + space->name_en : "")) +
                IcsLine(std::string("STATUS:") + (b.status == BookingStatus::kConfirmed ? "CONFIRMED" : "TENTATIVE")) +
                IcsLine("LAST-MODIFIED:" + IcsUtc(b.updated_at)) + IcsLine("END:VEVENT");
            continue;
        }
        if (!series_done.insert(*b.series_id).second) continue;
        auto series = store::FindSeries(tx, *b.series_id);
        if (!series) continue;
        auto occurrences = store::SeriesOccurrences(tx, series->id);
        std::optional<Booking> last_holding;
        bool any_pending = false;
        for (const auto& o : occurrences)
            if (HoldsSpace(o.status)) {
                last_holding = o;
                any_pending = any_pending || o.status == BookingStatus::kPending;
            }
        if (!last_holding || occurrences.empty()) continue;
        const Booking& first = occurrences.front();
        std::string exdates;
        for (const auto& o : occurrences) {
            if (o.start > last_holding->start) break;
            if (!HoldsSpace(o.status)) exdates += (exdates.empty() ? "" : ",") + IcsLocal(o.start);
        }
        out += IcsLine("BEGIN:VEVENT") + IcsLine("UID:series-" + series->id + "@renkei") + IcsLine("DTSTAMP:" + stamp) +
               IcsLine("DTSTART;TZID=Asia/Tokyo:" + IcsLocal(first.start)) +
               IcsLine("DTEND;TZID=Asia/Tokyo:" + IcsLocal(first.end)) +
               IcsLine("RRULE:" + RRuleText(series->rule, TokyoDay(first.start), last_holding->start));
        if (!exdates.empty()) out += IcsLine("EXDATE;TZID=Asia/Tokyo:" + exdates);
        out += IcsLine("SUMMARY:" + IcsEscape(BookingSummary(first, space))) +
               IcsLine("LOCATION:" + IcsEscape(space ? space->name_ja + " / " + space->name_en : "")) +
               IcsLine(std::string("STATUS:") + (any_pending ? "TENTATIVE" : "CONFIRMED")) + IcsLine("END:VEVENT");
    }
    return out;
}

// The person's open inbox items that have a due date — a report or a milestone due, a contract's
// end, a declaration, an ethics or IP deadline — as all-day VTODOs in the person's language, each
// with two alarms: the day before and on the day, at 09:00 (RELATED=END: from the DUE date).
std::string InboxTodos(db::Tx& tx, const std::string& person_id, Seconds now) {
    auto person = people::FindPerson(tx, person_id);
    bool en = person && person->language == "en";
    const std::string stamp = IcsUtc(now);
    std::string out;
    for (const auto& item : inbox::ListFor(tx, person_id, "open", now, kMaxFeedTodos)) {
        if (item.state != "open" || !item.due_on) continue;
        if (!ParseDate(*item.due_on)) continue;
        std::string date = item.due_on->substr(0, 4) + item.due_on->substr(5, 2) + item.due_on->substr(8, 2);
        const std::string& title = en && !item.title_en.empty() ? item.title_en : item.title_ja;
        const std::string& context = en && !item.context_en.empty() ? item.context_en : item.context_ja;
        std::string description = context.empty() ? item.link : context + "\n" + item.link;
        auto alarm = [&](const char* trigger) {
            return IcsLine("BEGIN:VALARM") + IcsLine("ACTION:DISPLAY") +
                   IcsLine(std::string("TRIGGER;RELATED=END:") + trigger) + IcsLine("DESCRIPTION:" + IcsEscape(title)) +
                   IcsLine("END:VALARM");
        };
        out += IcsLine("BEGIN:VTODO") + IcsLine("UID:inbox-" + item.id + "@renkei") + IcsLine("DTSTAMP:" + stamp) +
               IcsLine("DUE;VALUE=DATE:" + date) + IcsLine("SUMMARY:" + IcsEscape(title)) +
               IcsLine("DESCRIPTION:" + IcsEscape(description)) + IcsLine("STATUS:NEEDS-ACTION") +
               IcsLine("CATEGORIES:" + IcsEscape(item.kind)) + IcsLine("CREATED:" + IcsUtc(item.created_at)) +
               alarm("-PT15H") + alarm("PT9H") + IcsLine("END:VTODO");
    }
    return out;
}

std::string PersonForToken(db::Tx& tx, const std::string& token) {
    if (token.empty() || token.size() > 100) throw NotFound("calendar");
    auto person = store::PersonForCalendarToken(tx, TokenHash(token));
    if (!person || !IsActivePerson(tx, *person)) throw NotFound("calendar");
    return *person;
}

}  // namespace

std::string RotateCalendarToken(db::Tx& tx, const Me& me, Seconds now) {
    std::string token = NewToken();
    store::SetCalendarToken(tx, me.person_id, TokenHash(token), now);
    audit::Record(tx, me.person_id, "rotate", "calendar_token", me.person_id, nullptr, json::object{{"rotated", true}});
    return token;
}

std::optional<Seconds> CalendarTokenCreated(db::Tx& tx, const Me& me) {
    return store::CalendarTokenCreated(tx, me.person_id);
}

std::string PersonFeed(db::Tx& tx, const std::string& token, Seconds now) {
    auto person_id = PersonForToken(tx, token);
    store::BookingFilter f;
    f.participant_id = person_id;
    f.from = now - days{90};
    f.to = now + days{kMaxDaysAhead + 30};
    auto bookings = store::ListBookings(tx, f);
    SpaceNames spaces(tx);
    std::string out = CalendarHeader("Renkei") + BookingEvents(tx, bookings, spaces, now);
    const std::string stamp = IcsUtc(now);
    for (const auto& [event_id, registration] : store::RegistrationsOf(tx, person_id)) {
        auto e = store::FindEvent(tx, event_id);
        if (!e || e->status != EventStatus::kPublished || e->organiser_id == person_id) continue;
        const Space* space = spaces.Find(e->space_id);
        out += IcsLine("BEGIN:VEVENT") + IcsLine("UID:event-" + e->id + "@renkei") + IcsLine("DTSTAMP:" + stamp) +
               IcsLine("DTSTART:" + IcsUtc(e->start)) + IcsLine("DTEND:" + IcsUtc(e->end)) +
               IcsLine("SUMMARY:" + IcsEscape(e->title_ja.empty() ? e->title_en : e->title_ja)) +
               IcsLine("DESCRIPTION:" + IcsEscape(e->description_ja.empty() ? e->description_en : e->description_ja)) +
               IcsLine("LOCATION:" + IcsEscape(space ? space->name_ja : "")) +
               IcsLine(std::string("STATUS:") +
                       (registration.status == RegistrationStatus::kRegistered ? "CONFIRMED" : "TENTATIVE")) +
               IcsLine("END:VEVENT");
    }
    return out + InboxTodos(tx, person_id, now) + IcsLine("END:VCALENDAR");
}

std::string SpaceFeed(db::Tx& tx, const std::string& token, const std::string& space_id, Seconds now) {
    PersonForToken(tx, token);
    auto space = LooksLikeId(space_id) ? store::FindSpace(tx, space_id) : std::nullopt;
    if (!space) throw NotFound("calendar");
    store::BookingFilter f;
    f.space_id = space->id;
    f.from = now - days{90};
    f.to = now + days{kMaxDaysAhead + 30};
    auto bookings = store::ListBookings(tx, f);
    SpaceNames spaces(tx);
    return CalendarHeader(space->name_ja + " / " + space->name_en) + BookingEvents(tx, bookings, spaces, now) +
           IcsLine("END:VCALENDAR");
}

}  // namespace renkei::building
