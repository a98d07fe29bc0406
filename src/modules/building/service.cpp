#include "modules/building/service.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/building/store.hpp"
#include "modules/notifications/service.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::building {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::seconds;

bool IsExclusionViolation(const soci::soci_error& e) {
    if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate() == "23P01";
    return false;
}

// Runs `write` so that, on PostgreSQL, an exclusion violation leaves the transaction usable
// (savepoint) and is reported as false. On SQLite the caller's overlap check already decided.
template <typename Write>
bool WriteUnlessOverlapping(db::Tx& tx, Write write) {
    if (tx.engine() != db::Engine::kPostgres) {
        write();
        return true;
    }
    tx.sql() << "SAVEPOINT building_write";
    try {
        write();
        tx.sql() << "RELEASE SAVEPOINT building_write";
        return true;
    } catch (const soci::soci_error& e) {
        if (!IsExclusionViolation(e)) throw;
        tx.sql() << "ROLLBACK TO SAVEPOINT building_write";
        return false;
    }
}

std::string ConflictMessage(const std::vector<Clash>& clashes) {
    if (clashes.size() == 1) return "the space is already booked at that time";
    return std::to_string(clashes.size()) + " occurrences clash with existing bookings";
}

// Names of people, looked up once per request through the people module.
class Names {
public:
    explicit Names(db::Tx& tx) : tx_(tx) {}
    const std::pair<std::string, std::string>& Of(const std::string& person_id) {
        auto it = cache_.find(person_id);
        if (it != cache_.end()) return it->second;
        std::pair<std::string, std::string> names;
        try {
            auto p = people::GetPerson(tx_, person_id);
            names = {p.name_ja, p.name_en};
        } catch (const Error&) {
        }
        return cache_.emplace(person_id, names).first->second;
    }

private:
    db::Tx& tx_;
    std::map<std::string, std::pair<std::string, std::string>> cache_;
};

class SpaceNames {
public:
    explicit SpaceNames(db::Tx& tx) {
        for (auto& s : store::ListSpaces(tx)) spaces_.emplace(s.id, std::move(s));
    }
    const Space* Find(const std::string& id) const {
        auto it = spaces_.find(id);
        return it == spaces_.end() ? nullptr : &it->second;
    }

private:
    std::map<std::string, Space> spaces_;
};

void Decorate(Booking& b, const Me* me, Names& names, const SpaceNames& spaces) {
    if (const auto* s = spaces.Find(b.space_id)) {
        b.space_name_ja = s->name_ja;
        b.space_name_en = s->name_en;
    }
    const auto& n = names.Of(b.organiser_id);
    b.organiser_name_ja = n.first;
    b.organiser_name_en = n.second;
    bool mine_or_office = me && (me->person_id == b.organiser_id || RunsBuilding(*me));
    bool attending = me && std::find(b.attendee_ids.begin(), b.attendee_ids.end(), me->person_id) != b.attendee_ids.end();
    b.details_visible = mine_or_office || attending;
    b.can_cancel = mine_or_office && HoldsSpace(b.status) && b.end > Now();
    b.attendee_people.clear();
    if (b.details_visible)
        for (const auto& id : b.attendee_ids) {
            const auto& an = names.Of(id);
            b.attendee_people.push_back({id, an.first, an.second});
        }
}

bool Attends(const Booking& b, const std::string& person_id) {
    return std::find(b.attendee_ids.begin(), b.attendee_ids.end(), person_id) != b.attendee_ids.end();
}

// Active people, each once, without the organiser; kInvalid "attendee_ids" otherwise.
std::vector<std::string> ValidAttendees(db::Tx& tx, const Me& me, const std::vector<std::string>& ids) {
    if (ids.size() > 50) throw Invalid("attendee_ids", "at most 50 attendees");
    std::vector<std::string> out;
    for (const auto& id : ids) {
        if (id == me.person_id || std::find(out.begin(), out.end(), id) != out.end()) continue;
        bool ok = false;
        if (LooksLikeId(id)) {
            try {
                ok = people::GetPerson(tx, id).active;
            } catch (const Error&) {
            }
        }
        if (!ok) throw Invalid("attendee_ids", "unknown or inactive person: " + id);
        out.push_back(id);
    }
    return out;
}

json::value AuditView(const Booking& b) {
    json::object o{{"space_id", b.space_id}, {"title", b.title},           {"start", FormatUtc(b.start)},
                   {"end", FormatUtc(b.end)}, {"status", b.status},        {"organiser_id", b.organiser_id},
                   {"attendees", b.attendees}, {"decision_reason", b.decision_reason}};
    if (b.series_id) o["series_id"] = *b.series_id;
    if (!b.attendee_ids.empty()) o["attendee_ids"] = json::value_from(b.attendee_ids);
    return o;
}

json::value AuditView(const Space& s) { return json::value_from(s); }

json::value AuditView(const Event& e) {
    json::array tags;
    for (const auto& t : e.tags) tags.push_back(json::value(t));
    return json::object{{"booking_id", e.booking_id}, {"space_id", e.space_id}, {"kind", e.kind},
                        {"title_ja", e.title_ja},     {"title_en", e.title_en}, {"start", FormatUtc(e.start)},
                        {"end", FormatUtc(e.end)},    {"capacity", e.capacity}, {"open_to_public", e.open_to_public},
                        {"tags", tags},               {"status", e.status}};
}

json::value AuditView(const Registration& r) {
    json::object o{{"event_id", r.event_id}, {"name", r.name}, {"affiliation", r.affiliation},
                   {"email", r.email},       {"status", r.status}};
    o["person_id"] = r.person_id ? json::value(*r.person_id) : json::value(nullptr);
    o["checked_in_at"] = r.checked_in_at ? json::value(FormatUtc(*r.checked_in_at)) : json::value(nullptr);
    return o;
}

std::string TokyoRange(const Slot& s) {
    std::string a = FormatTokyo(s.start), b = FormatTokyo(s.end);
    // "2026-11-25 10:00–11:00"
    return a.substr(0, 10) + " " + a.substr(11, 5) + "–" + b.substr(11, 5);
}

const Space& BookableSpace(db::Tx& tx, const std::string& space_id, std::optional<Space>& holder) {
    holder = LooksLikeId(space_id) ? store::FindSpace(tx, space_id) : std::nullopt;
    if (!holder || !holder->active) throw Invalid("space_id", "unknown space");
    return *holder;
}

struct Plan {
    Space space;
    std::vector<Slot> occurrences;
    std::vector<std::optional<Booking>> clashes;  // per occurrence
    std::string status;                           // confirmed or pending
    std::vector<std::string> attendee_ids;        // validated
};

Plan PlanBooking(db::Tx& tx, const Me& me, const NewBooking& in, bool for_event) {
    std::optional<Space> holder;
    const Space& space = BookableSpace(tx, in.space_id, holder);
    if (!space.bookable && !(for_event && RunsBuilding(me)))
        throw Invalid("space_id", "this space cannot be booked");
    if (in.end <= in.start) throw Invalid("end", "end must be after start");
    auto now = Now();
    if (in.start < now - seconds{60}) throw Invalid("start", "start is in the past");
    if (in.start > now + days{kMaxDaysAhead})
        throw Invalid("start", "bookings can be made at most " + std::to_string(kMaxDaysAhead) + " days ahead");
    if (!for_event) {
        switch (CheckOpeningRules({in.start, in.end}, space)) {
            case SlotProblem::kNone: break;
            case SlotProblem::kSpansDays: throw Invalid("end", "a booking must start and end on the same day");
            case SlotProblem::kOutsideHours:
                throw Invalid("start", "outside opening hours: " + space.name_en + " is open " +
                                           FormatHhmm(space.opens_at) + "–" + FormatHhmm(space.closes_at) +
                                           " (Asia/Tokyo)");
            case SlotProblem::kTooLong:
                throw Invalid("end", "too long: " + space.name_en + " can be booked for at most " +
                                         std::to_string(space.max_minutes) + " minutes");
        }
        if (space.capacity > 0 && in.attendees > space.capacity)
            throw Invalid("attendees", "more attendees than the space holds (" + std::to_string(space.capacity) + ")");
    }
    if (in.attendees < 0) throw Invalid("attendees", "attendees must not be negative");

    Plan plan{space, {}, {}, space.needs_approval && !RunsBuilding(me) ? "pending" : "confirmed", {}};
    plan.attendee_ids = ValidAttendees(tx, me, in.attendee_ids);
    if (!for_event && space.capacity > 0 && static_cast<int>(plan.attendee_ids.size()) + 1 > space.capacity)
        throw Invalid("attendee_ids", "more people than the space holds (" + std::to_string(space.capacity) + ")");
    plan.occurrences = in.recurrence ? ExpandRecurrence({in.start, in.end}, *in.recurrence)
                                     : std::vector<Slot>{{in.start, in.end}};
    for (const auto& slot : plan.occurrences) plan.clashes.push_back(store::FirstConfirmedOverlap(tx, space.id, slot));
    return plan;
}

std::vector<Clash> ClashesOf(const Plan& plan) {
    std::vector<Clash> out;
    for (size_t i = 0; i < plan.occurrences.size(); ++i)
        if (plan.clashes[i]) out.push_back({plan.occurrences[i], *plan.clashes[i]});
    return out;
}

void DecorateClashes(db::Tx& tx, const Me& me, std::vector<Clash>& clashes) {
    Names names(tx);
    SpaceNames spaces(tx);
    for (auto& c : clashes) Decorate(c.booking, &me, names, spaces);
}

// Stores one booking; on PostgreSQL a confirmed booking that lost a race to another
// transaction comes back as the clash that won.
std::optional<Booking> StoreBooking(db::Tx& tx, Booking& b) {
    bool stored = WriteUnlessOverlapping(tx, [&] { store::InsertBooking(tx, b); });
    if (stored) return std::nullopt;
    auto winner = store::FirstConfirmedOverlap(tx, b.space_id, {b.start, b.end});
    if (!winner) throw Error{ErrorCode::kConflict, "start", "the space is already booked at that time"};
    return winner;
}

Booking RequireBooking(db::Tx& tx, const std::string& id) {
    auto b = LooksLikeId(id) ? store::FindBooking(tx, id) : std::nullopt;
    if (!b) throw NotFound("booking");
    return *b;
}

// Decorates many bookings with one lookup of names and spaces.
void DecorateAll(db::Tx& tx, const Me& me, std::vector<Booking>& bookings) {
    Names names(tx);
    SpaceNames spaces(tx);
    for (auto& b : bookings) {
        b.attendee_ids = store::AttendeesOf(tx, b.id);
        Decorate(b, &me, names, spaces);
    }
}

Booking Decorated(db::Tx& tx, const Me& me, Booking b) {
    b.attendee_ids = store::AttendeesOf(tx, b.id);
    Names names(tx);
    SpaceNames spaces(tx);
    Decorate(b, &me, names, spaces);
    return b;
}

// --- events helpers ---

Event RequireEvent(db::Tx& tx, const std::string& id) {
    auto e = LooksLikeId(id) ? store::FindEvent(tx, id) : std::nullopt;
    if (!e) throw NotFound("event");
    return *e;
}

void DecorateEvent(db::Tx& tx, Event& e, const std::optional<Me>& me,
                   const std::map<std::string, store::RegistrationCounts>& counts,
                   const std::map<std::string, Registration>& mine) {
    if (auto s = store::FindSpace(tx, e.space_id)) {
        e.space_name_ja = s->name_ja;
        e.space_name_en = s->name_en;
    }
    if (auto it = counts.find(e.id); it != counts.end()) {
        e.registered = it->second.registered;
        e.waitlisted = it->second.waitlisted;
        e.checked_in = it->second.checked_in;
    }
    if (auto it = mine.find(e.id); it != mine.end()) {
        e.my_registration_id = it->second.id;
        e.my_status = it->second.status;
        if (e.my_status == "waitlisted") e.my_waitlist_position = store::WaitlistPosition(tx, e.id, it->second.seq);
    }
}

bool CanManageEvent(const Me& me, const Event& e) { return RunsBuilding(me) || me.person_id == e.organiser_id; }

// Fills free places from the waiting list, in order, and tells the members who moved up.
void PromoteFromWaitlist(db::Tx& tx, const Event& e) {
    auto counts = store::CountRegistrations(tx);
    int registered = counts.count(e.id) ? counts[e.id].registered : 0;
    while (registered < e.capacity) {
        auto next = store::FirstWaitlisted(tx, e.id);
        if (!next) break;
        auto before = AuditView(*next);
        next->status = "registered";
        next->updated_at = Now();
        store::UpdateRegistration(tx, *next);
        audit::Record(tx, std::nullopt, "promote", "event_registration", next->id, before, AuditView(*next));
        if (next->person_id)
            notifications::Notify(tx, *next->person_id, "waitlist_promoted",
                                  "キャンセル待ちから参加確定になりました: " + e.title_ja,
                                  "You moved up from the waiting list: " + (e.title_en.empty() ? e.title_ja : e.title_en),
                                  "/events");
        ++registered;
    }
}

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
std::string BookingEvents(db::Tx& tx, const std::vector<Booking>& bookings, const SpaceNames& spaces) {
    std::string out;
    std::set<std::string> series_done;
    const std::string stamp = IcsUtc(Now());
    for (const auto& b : bookings) {
        const Space* space = spaces.Find(b.space_id);
        if (!b.series_id) {
            if (!HoldsSpace(b.status)) continue;
            out += IcsLine("BEGIN:VEVENT") + IcsLine("UID:" + b.id + "@renkei") + IcsLine("DTSTAMP:" + stamp) +
                   IcsLine("DTSTART:" + IcsUtc(b.start)) + IcsLine("DTEND:" + IcsUtc(b.end)) +
                   IcsLine("SUMMARY:" + IcsEscape(BookingSummary(b, space))) +
                   IcsLine("LOCATION:" + IcsEscape(space ? space->name_ja + " / " + space->name_en : "")) +
                   IcsLine(std::string("STATUS:") + (b.status == "confirmed" ? "CONFIRMED" : "TENTATIVE")) +
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
                any_pending = any_pending || o.status == "pending";
            }
        if (!last_holding || occurrences.empty()) continue;
        const Booking& first = occurrences.front();
        std::string exdates;
        for (const auto& o : occurrences) {
            if (o.start > last_holding->start) break;
            if (!HoldsSpace(o.status)) exdates += (exdates.empty() ? "" : ",") + IcsLocal(o.start);
        }
        out += IcsLine("BEGIN:VEVENT") + IcsLine("UID:series-" + series->id + "@renkei") +
               IcsLine("DTSTAMP:" + stamp) + IcsLine("DTSTART;TZID=Asia/Tokyo:" + IcsLocal(first.start)) +
               IcsLine("DTEND;TZID=Asia/Tokyo:" + IcsLocal(first.end)) +
               IcsLine("RRULE:" + RRuleText(series->rule, TokyoDay(first.start), last_holding->start));
        if (!exdates.empty()) out += IcsLine("EXDATE;TZID=Asia/Tokyo:" + exdates);
        out += IcsLine("SUMMARY:" + IcsEscape(BookingSummary(first, space))) +
               IcsLine("LOCATION:" + IcsEscape(space ? space->name_ja + " / " + space->name_en : "")) +
               IcsLine(std::string("STATUS:") + (any_pending ? "TENTATIVE" : "CONFIRMED")) + IcsLine("END:VEVENT");
    }
    return out;
}

std::string PersonForToken(db::Tx& tx, const std::string& token) {
    if (token.empty() || token.size() > 100) throw NotFound("calendar");
    auto person = store::PersonForCalendarToken(tx, TokenHash(token));
    if (!person) throw NotFound("calendar");
    try {
        if (!people::GetPerson(tx, *person).active) throw NotFound("calendar");
    } catch (const Error&) {
        throw NotFound("calendar");
    }
    return *person;
}

}  // namespace

BookingConflict::BookingConflict(std::vector<Clash> clashes)
    : Error(ErrorCode::kConflict, "start", ConflictMessage(clashes)), clashes_(std::move(clashes)) {}

bool RunsBuilding(const Me& me) { return me.HasAnyRole({"office", "admin"}); }

std::vector<Floor> ListFloors(db::Tx& tx) { return store::ListFloors(tx); }
std::vector<Space> ListSpaces(db::Tx& tx) { return store::ListSpaces(tx); }

Space GetSpace(db::Tx& tx, const std::string& id) {
    auto s = LooksLikeId(id) ? store::FindSpace(tx, id) : std::nullopt;
    if (!s) throw NotFound("space");
    return *s;
}

void EnsureFloor(db::Tx& tx, const Floor& floor) { store::UpsertFloor(tx, floor); }

Floor PutFloor(db::Tx& tx, const Me& me, const Floor& floor) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may edit floors");
    if (floor.code.empty() || floor.code.size() > 8) throw Invalid("code", "a floor code is 1 to 8 characters");
    if (floor.name_ja.empty()) throw Invalid("name_ja", "name_ja is required");
    if (floor.area_m2 < 0 || floor.area_m2 > 100000) throw Invalid("area_m2", "area_m2 must be 0 to 100000");
    json::value before = nullptr;
    for (const auto& f : store::ListFloors(tx))
        if (f.code == floor.code) before = json::value_from(f);
    store::UpsertFloor(tx, floor);
    audit::Record(tx, me.person_id, before.is_null() ? "create" : "update", "floor", floor.code, before,
                  json::value_from(floor));
    return floor;
}

Space CreateSpace(db::Tx& tx, const std::optional<std::string>& actor, Space space) {
    if (space.code.empty()) throw Invalid("code", "code is required");
    if (space.name_ja.empty()) throw Invalid("name_ja", "name_ja is required");
    if (!IsSpaceKind(space.kind)) throw Invalid("kind", "unknown kind of space");
    bool floor_known = false;
    for (const auto& f : store::ListFloors(tx)) floor_known = floor_known || f.code == space.floor;
    if (!floor_known) throw Invalid("floor", "unknown floor");
    if (space.opens_at >= space.closes_at) throw Invalid("closes_at", "closing must be after opening");
    if (store::FindSpaceByCode(tx, space.code)) throw Error{ErrorCode::kConflict, "code", "a space with this code exists"};
    space.id = NewId();
    space.created_at = space.updated_at = Now();
    store::InsertSpace(tx, space);
    audit::Record(tx, actor, "create", "space", space.id, nullptr, AuditView(space));
    return space;
}

Space UpdateSpace(db::Tx& tx, const Me& me, const std::string& id, const SpacePatch& p) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may edit spaces");
    Space s = GetSpace(tx, id);
    auto before = AuditView(s);
    if (p.kind) {
        if (!IsSpaceKind(*p.kind)) throw Invalid("kind", "unknown kind of space");
        s.kind = *p.kind;
    }
    if (p.name_ja) {
        if (p.name_ja->empty()) throw Invalid("name_ja", "name_ja is required");
        s.name_ja = *p.name_ja;
    }
    if (p.name_en) s.name_en = *p.name_en;
    if (p.description_ja) s.description_ja = *p.description_ja;
    if (p.description_en) s.description_en = *p.description_en;
    if (p.area_m2) {
        if (*p.area_m2 < 0 || *p.area_m2 > 5000) throw Invalid("area_m2", "area_m2 must be 0 to 5000");
        s.area_m2 = *p.area_m2;
    }
    if (p.capacity) {
        if (*p.capacity < 0 || *p.capacity > 2000) throw Invalid("capacity", "capacity must be 0 to 2000");
        s.capacity = *p.capacity;
    }
    if (p.opens_at) s.opens_at = *p.opens_at;
    if (p.closes_at) s.closes_at = *p.closes_at;
    if (s.opens_at >= s.closes_at) throw Invalid(p.closes_at ? "closes_at" : "opens_at", "closing must be after opening");
    if (p.max_minutes) {
        if (*p.max_minutes < 15 || *p.max_minutes > 1440) throw Invalid("max_minutes", "max_minutes must be 15 to 1440");
        s.max_minutes = *p.max_minutes;
    }
    if (p.bookable) s.bookable = *p.bookable;
    if (p.needs_approval) s.needs_approval = *p.needs_approval;
    if (p.active) s.active = *p.active;
    s.updated_at = Now();
    store::UpdateSpace(tx, s);
    audit::Record(tx, me.person_id, "update", "space", s.id, before, AuditView(s));
    return s;
}

BookingCheck CheckBooking(db::Tx& tx, const Me& me, const NewBooking& in) {
    auto plan = PlanBooking(tx, me, in, false);
    BookingCheck out{plan.occurrences, ClashesOf(plan), plan.status == "pending"};
    DecorateClashes(tx, me, out.clashes);
    return out;
}

BookingResult Book(db::Tx& tx, const Me& me, const NewBooking& in) {
    if (LooksLikeId(in.space_id)) store::LockSpace(tx, in.space_id);
    auto plan = PlanBooking(tx, me, in, false);
    auto clashes = ClashesOf(plan);
    if (!clashes.empty() && !(in.recurrence && in.skip_conflicts)) {
        DecorateClashes(tx, me, clashes);
        throw BookingConflict(std::move(clashes));
    }
    if (clashes.size() == plan.occurrences.size()) {
        DecorateClashes(tx, me, clashes);
        throw BookingConflict(std::move(clashes));
    }

    BookingResult result;
    auto now = Now();
    if (in.recurrence) {
        Series s;
        s.id = NewId();
        s.space_id = plan.space.id;
        s.organiser_id = me.person_id;
        s.rule = *in.recurrence;
        s.first_start = plan.occurrences.front().start;
        s.duration_seconds = (in.end - in.start).count();
        s.created_at = now;
        store::InsertSeries(tx, s);
        result.series = s;
    }
    for (size_t i = 0; i < plan.occurrences.size(); ++i) {
        Booking b;
        b.id = NewId();
        b.space_id = plan.space.id;
        if (result.series) b.series_id = result.series->id;
        b.organiser_id = me.person_id;
        b.title = in.title;
        b.purpose = in.purpose;
        b.attendees = in.attendees;
        b.start = plan.occurrences[i].start;
        b.end = plan.occurrences[i].end;
        b.created_at = b.updated_at = now;
        if (plan.clashes[i]) {
            b.status = "skipped";
            store::InsertBooking(tx, b);
            result.skipped.push_back({plan.occurrences[i], *plan.clashes[i]});
            continue;
        }
        b.status = plan.status;
        if (auto winner = StoreBooking(tx, b)) {
            // Lost a race on PostgreSQL: the same answer as if the check had seen it.
            if (!(in.recurrence && in.skip_conflicts)) {
                std::vector<Clash> lost{{plan.occurrences[i], *winner}};
                DecorateClashes(tx, me, lost);
                throw BookingConflict(std::move(lost));
            }
            b.status = "skipped";
            store::InsertBooking(tx, b);
            result.skipped.push_back({plan.occurrences[i], *winner});
            continue;
        }
        b.attendee_ids = plan.attendee_ids;
        store::InsertAttendees(tx, b.id, b.attendee_ids);
        result.bookings.push_back(b);
    }
    if (result.bookings.empty()) throw BookingConflict(result.skipped);
    {
        const auto& first = result.bookings.front();
        std::string when = TokyoRange({first.start, first.end});
        std::string more_ja = result.bookings.size() > 1 ? "(全" + std::to_string(result.bookings.size()) + "回)" : "";
        std::string more_en = result.bookings.size() > 1 ? " (" + std::to_string(result.bookings.size()) + " times)" : "";
        for (const auto& person : plan.attendee_ids)
            notifications::Notify(tx, person, "booking_invited",
                                  "打合せに招待されました: " + in.title + " " + when + " " + plan.space.name_ja + more_ja,
                                  "You were invited: " + in.title + " " + when + " " +
                                      (plan.space.name_en.empty() ? plan.space.name_ja : plan.space.name_en) + more_en,
                                  "/building");
    }
    json::value after = result.series
                            ? json::value(json::object{{"series_id", result.series->id},
                                                       {"space_id", plan.space.id},
                                                       {"title", in.title},
                                                       {"occurrences", result.bookings.size()},
                                                       {"skipped", result.skipped.size()},
                                                       {"status", plan.status},
                                                       {"attendee_ids", json::value_from(plan.attendee_ids)}})
                            : AuditView(result.bookings.front());
    audit::Record(tx, me.person_id, "create", result.series ? "booking_series" : "booking",
                  result.series ? result.series->id : result.bookings.front().id, nullptr, after);
    Names names(tx);
    SpaceNames spaces(tx);
    for (auto& b : result.bookings) Decorate(b, &me, names, spaces);
    for (auto& c : result.skipped) Decorate(c.booking, &me, names, spaces);
    return result;
}

std::vector<Booking> ListBookings(db::Tx& tx, const Me& me, const BookingQuery& q) {
    store::BookingFilter f;
    if (!q.space_id.empty()) {
        auto s = LooksLikeId(q.space_id) ? store::FindSpace(tx, q.space_id) : std::nullopt;
        if (!s) throw Invalid("space_id", "unknown space");
        f.space_id = q.space_id;
    }
    f.status = q.status;
    if (q.mine || (!q.status.empty() && !RunsBuilding(me))) f.participant_id = me.person_id;
    f.from = q.from;
    f.to = q.to;
    auto bookings = store::ListBookings(tx, f);
    auto attendees = store::AttendeesInRange(tx, q.from, q.to);
    for (auto& b : bookings)
        if (auto it = attendees.find(b.id); it != attendees.end()) b.attendee_ids = it->second;
    Names names(tx);
    SpaceNames spaces(tx);
    for (auto& b : bookings) Decorate(b, &me, names, spaces);
    return bookings;
}

Booking GetBooking(db::Tx& tx, const Me& me, const std::string& id) {
    auto b = RequireBooking(tx, id);
    b.attendee_ids = store::AttendeesOf(tx, b.id);
    // Bookings that do not hold the space are the organiser's, the attendees' and the office's business.
    if (!HoldsSpace(b.status) && b.organiser_id != me.person_id && !Attends(b, me.person_id) && !RunsBuilding(me))
        throw NotFound("booking");
    return Decorated(tx, me, b);
}

std::vector<Booking> CancelBooking(db::Tx& tx, const Me& me, const std::string& id, const std::string& scope) {
    if (scope != "this" && scope != "following") throw Invalid("scope", "scope must be this or following");
    auto b = RequireBooking(tx, id);
    if (b.organiser_id != me.person_id && !RunsBuilding(me)) {
        if (HoldsSpace(b.status)) throw Forbidden("only the organiser or the office may cancel a booking");
        throw NotFound("booking");
    }
    if (!HoldsSpace(b.status)) throw Error{ErrorCode::kConflict, "id", "the booking is already " + b.status};
    std::vector<Booking> targets{b};
    if (scope == "following") {
        if (!b.series_id) throw Invalid("scope", "this booking is not part of a series");
        for (const auto& o : store::SeriesOccurrences(tx, *b.series_id))
            if (o.start > b.start && HoldsSpace(o.status)) targets.push_back(o);
    }
    auto now = Now();
    std::vector<Booking> out;
    for (auto& t : targets) {
        if (t.end <= now) continue;  // the past stays as it happened
        auto before = AuditView(t);
        t.status = "cancelled";
        t.updated_at = now;
        store::UpdateBookingStatus(tx, t);
        audit::Record(tx, me.person_id, "cancel", "booking", t.id, before, AuditView(t));
        out.push_back(t);
    }
    if (out.empty()) throw Error{ErrorCode::kConflict, "id", "the booking is already over"};
    // The invited are told once, whatever the number of occurrences cancelled.
    std::string count_ja = out.size() > 1 ? "(" + std::to_string(out.size()) + "回分)" : "";
    std::string count_en = out.size() > 1 ? " (" + std::to_string(out.size()) + " occurrences)" : "";
    for (const auto& person : store::AttendeesOf(tx, out.front().id))
        if (person != me.person_id)
            notifications::Notify(tx, person, "booking_cancelled",
                                  "招待された予約が取り消されました: " + b.title + " " +
                                      TokyoRange({out.front().start, out.front().end}) + count_ja,
                                  "A meeting you were invited to was cancelled: " + b.title + " " +
                                      TokyoRange({out.front().start, out.front().end}) + count_en,
                                  "/building");
    if (b.organiser_id != me.person_id)
        notifications::Notify(tx, b.organiser_id, "booking_cancelled",
                              "予約が事務局により取り消されました: " + b.title + " " + TokyoRange({b.start, b.end}),
                              "Your booking was cancelled by the office: " + b.title + " " +
                                  TokyoRange({b.start, b.end}),
                              "/building/bookings");
    DecorateAll(tx, me, out);
    return out;
}

namespace {

// The bookings a decision applies to: the booking itself, or every pending occurrence of its
// series that is not over yet.
std::vector<Booking> DecisionTargets(db::Tx& tx, const Booking& b, const std::string& scope) {
    if (scope != "this" && scope != "series") throw Invalid("scope", "scope must be this or series");
    if (b.status != "pending") throw Error{ErrorCode::kConflict, "id", "the booking is " + b.status + ", not pending"};
    if (scope == "this") return {b};
    if (!b.series_id) throw Invalid("scope", "this booking is not part of a series");
    std::vector<Booking> out;
    auto now = Now();
    for (const auto& o : store::SeriesOccurrences(tx, *b.series_id))
        if (o.status == "pending" && o.end > now) out.push_back(o);
    if (out.empty()) throw Error{ErrorCode::kConflict, "id", "no occurrence of the series is left to decide"};
    return out;
}

std::string SeriesWhen(const std::vector<Booking>& decided) {
    std::string when = TokyoRange({decided.front().start, decided.front().end});
    if (decided.size() > 1) when += " 〜 " + FormatTokyo(decided.back().start).substr(0, 10);
    return when;
}

}  // namespace

std::vector<Booking> ApproveBookings(db::Tx& tx, const Me& me, const std::string& id, const std::string& scope) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may approve bookings");
    auto targets = DecisionTargets(tx, RequireBooking(tx, id), scope);
    if (!targets.empty()) store::LockSpace(tx, targets.front().space_id);
    // Everything is checked before anything changes: a series is approved whole or not at all.
    std::vector<Clash> clashes;
    for (const auto& t : targets)
        if (auto clash = store::FirstConfirmedOverlap(tx, t.space_id, {t.start, t.end}, t.id))
            clashes.push_back({{t.start, t.end}, *clash});
    if (!clashes.empty()) {
        DecorateClashes(tx, me, clashes);
        throw BookingConflict(std::move(clashes));
    }
    auto now = Now();
    std::vector<Booking> out;
    for (auto& t : targets) {
        auto before = AuditView(t);
        t.status = "confirmed";
        t.decided_by = me.person_id;
        t.decided_at = t.updated_at = now;
        if (!WriteUnlessOverlapping(tx, [&] { store::UpdateBookingStatus(tx, t); })) {
            // Lost a race on PostgreSQL: the same answer as if the check had seen it.
            auto clash = store::FirstConfirmedOverlap(tx, t.space_id, {t.start, t.end}, t.id);
            if (!clash) throw Error{ErrorCode::kConflict, "start", "the space is already booked at that time"};
            std::vector<Clash> lost{{{t.start, t.end}, *clash}};
            DecorateClashes(tx, me, lost);
            throw BookingConflict(std::move(lost));
        }
        audit::Record(tx, me.person_id, "approve", "booking", t.id, before, AuditView(t));
        out.push_back(t);
    }
    const Booking& first = out.front();
    std::string when = SeriesWhen(out);
    std::string count_ja = out.size() > 1 ? "(全" + std::to_string(out.size()) + "回)" : "";
    std::string count_en = out.size() > 1 ? " (" + std::to_string(out.size()) + " occurrences)" : "";
    notifications::Notify(tx, first.organiser_id, "booking_approved",
                          "予約が承認されました: " + first.title + " " + when + count_ja,
                          "Your booking was approved: " + first.title + " " + when + count_en, "/building/bookings");
    DecorateAll(tx, me, out);
    return out;
}

std::vector<Booking> DeclineBookings(db::Tx& tx, const Me& me, const std::string& id, const std::string& reason,
                                     const std::string& scope) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may decline bookings");
    if (reason.empty()) throw Invalid("reason", "give the requester a reason");
    auto targets = DecisionTargets(tx, RequireBooking(tx, id), scope);
    auto now = Now();
    std::vector<Booking> out;
    for (auto& t : targets) {
        auto before = AuditView(t);
        t.status = "declined";
        t.decision_reason = reason;
        t.decided_by = me.person_id;
        t.decided_at = t.updated_at = now;
        store::UpdateBookingStatus(tx, t);
        audit::Record(tx, me.person_id, "decline", "booking", t.id, before, AuditView(t));
        out.push_back(t);
    }
    const Booking& first = out.front();
    std::string when = out.size() > 1 ? " " + SeriesWhen(out) + "(全" + std::to_string(out.size()) + "回)" : "";
    std::string when_en = out.size() > 1 ? " " + SeriesWhen(out) + " (" + std::to_string(out.size()) + " occurrences)" : "";
    notifications::Notify(tx, first.organiser_id, "booking_declined",
                          "予約が承認されませんでした: " + first.title + when + "(理由: " + reason + ")",
                          "Your booking was declined: " + first.title + when_en + " (reason: " + reason + ")",
                          "/building/bookings");
    DecorateAll(tx, me, out);
    return out;
}

Booking ApproveBooking(db::Tx& tx, const Me& me, const std::string& id) {
    return ApproveBookings(tx, me, id, "this").front();
}

Booking DeclineBooking(db::Tx& tx, const Me& me, const std::string& id, const std::string& reason) {
    return DeclineBookings(tx, me, id, reason, "this").front();
}

std::vector<SlotProposal> ProposeSlots(db::Tx& tx, const SlotQuery& q) {
    if (q.people.size() > 20) throw Invalid("people", "at most 20 people");
    std::vector<std::string> people_ids;
    for (const auto& id : q.people) {
        if (std::find(people_ids.begin(), people_ids.end(), id) != people_ids.end()) continue;
        bool ok = false;
        if (LooksLikeId(id)) {
            try {
                ok = people::GetPerson(tx, id).active;
            } catch (const Error&) {
            }
        }
        if (!ok) throw Invalid("people", "unknown or inactive person: " + id);
        people_ids.push_back(id);
    }
    if (q.minutes < 15 || q.minutes > 600) throw Invalid("minutes", "minutes must be 15 to 600");
    if (q.to <= q.from) throw Invalid("to", "to must be after from");
    if (q.to - q.from > days{31}) throw Invalid("to", "the window may span at most 31 days");
    if (!q.kind.empty() && !IsSpaceKind(q.kind)) throw Invalid("kind", "unknown kind of space");
    if (q.min_capacity < 0 || q.min_capacity > 2000) throw Invalid("min_capacity", "min_capacity must be 0 to 2000");
    int need = q.min_capacity > 0 ? q.min_capacity : static_cast<int>(std::max<size_t>(people_ids.size(), 1));

    auto now = Now();
    Seconds from = std::max(q.from, now);
    Seconds to = std::min(q.to, now + days{kMaxDaysAhead});  // nothing that could not be booked
    std::vector<SlotSpace> spaces;
    for (auto& s : store::ListSpaces(tx)) {
        if (!s.active || !s.bookable || s.needs_approval) continue;
        if (!q.kind.empty() && s.kind != q.kind) continue;
        if (s.capacity > 0 && s.capacity < need) continue;
        if (s.max_minutes < q.minutes) continue;
        spaces.push_back({std::move(s), {}});
    }
    // The smallest room that fits first, so large rooms stay free for large meetings.
    std::stable_sort(spaces.begin(), spaces.end(), [](const SlotSpace& a, const SlotSpace& b) {
        int ca = a.space.capacity > 0 ? a.space.capacity : 1 << 20, cb = b.space.capacity > 0 ? b.space.capacity : 1 << 20;
        return ca < cb;
    });
    if (spaces.empty() || from >= to) return {};
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < spaces.size(); ++i) index[spaces[i].space.id] = i;
    store::BookingFilter f;
    f.from = from;
    f.to = to;
    f.limit = 1000000;
    for (const auto& b : store::ListBookings(tx, f))
        if (auto it = index.find(b.space_id); it != index.end()) spaces[it->second].busy.push_back({b.start, b.end});
    std::vector<Slot> busy;
    for (const auto& person : people_ids)
        for (const auto& slot : store::BusyOf(tx, person, from, to)) busy.push_back(slot);

    SlotSearch search;
    search.minutes = q.minutes;
    search.from = from;
    search.to = to;
    search.now = now;
    search.limit = std::clamp<size_t>(q.limit, 1, 50);
    return FindFreeSlots(spaces, busy, search);
}

std::string RotateCalendarToken(db::Tx& tx, const Me& me) {
    std::string token = NewToken();
    store::SetCalendarToken(tx, me.person_id, TokenHash(token), Now());
    audit::Record(tx, me.person_id, "rotate", "calendar_token", me.person_id, nullptr,
                  json::object{{"rotated", true}});
    return token;
}

std::optional<Seconds> CalendarTokenCreated(db::Tx& tx, const Me& me) {
    return store::CalendarTokenCreated(tx, me.person_id);
}

std::string PersonFeed(db::Tx& tx, const std::string& token) {
    auto person_id = PersonForToken(tx, token);
    auto now = Now();
    store::BookingFilter f;
    f.participant_id = person_id;
    f.from = now - days{90};
    f.to = now + days{kMaxDaysAhead + 30};
    auto bookings = store::ListBookings(tx, f);
    SpaceNames spaces(tx);
    std::string out = CalendarHeader("Renkei") + BookingEvents(tx, bookings, spaces);
    const std::string stamp = IcsUtc(now);
    for (const auto& [event_id, registration] : store::RegistrationsOf(tx, person_id)) {
        auto e = store::FindEvent(tx, event_id);
        if (!e || e->status != "published" || e->organiser_id == person_id) continue;
        const Space* space = spaces.Find(e->space_id);
        out += IcsLine("BEGIN:VEVENT") + IcsLine("UID:event-" + e->id + "@renkei") + IcsLine("DTSTAMP:" + stamp) +
               IcsLine("DTSTART:" + IcsUtc(e->start)) + IcsLine("DTEND:" + IcsUtc(e->end)) +
               IcsLine("SUMMARY:" + IcsEscape(e->title_ja.empty() ? e->title_en : e->title_ja)) +
               IcsLine("DESCRIPTION:" + IcsEscape(e->description_ja.empty() ? e->description_en : e->description_ja)) +
               IcsLine("LOCATION:" + IcsEscape(space ? space->name_ja : "")) +
               IcsLine(std::string("STATUS:") + (registration.status == "registered" ? "CONFIRMED" : "TENTATIVE")) +
               IcsLine("END:VEVENT");
    }
    return out + IcsLine("END:VCALENDAR");
}

std::string SpaceFeed(db::Tx& tx, const std::string& token, const std::string& space_id) {
    PersonForToken(tx, token);
    auto space = LooksLikeId(space_id) ? store::FindSpace(tx, space_id) : std::nullopt;
    if (!space) throw NotFound("calendar");
    auto now = Now();
    store::BookingFilter f;
    f.space_id = space->id;
    f.from = now - days{90};
    f.to = now + days{kMaxDaysAhead + 30};
    auto bookings = store::ListBookings(tx, f);
    SpaceNames spaces(tx);
    return CalendarHeader(space->name_ja + " / " + space->name_en) + BookingEvents(tx, bookings, spaces) +
           IcsLine("END:VCALENDAR");
}

// --- Events -------------------------------------------------------------------------------

namespace {

void ValidateEventText(const std::string& title_ja, const std::string& title_en) {
    if (title_ja.empty() && title_en.empty()) throw Invalid("title_ja", "give a title in Japanese or English");
}

void ValidateTags(const std::vector<std::string>& tags) {
    for (const auto& t : tags)
        if (t.empty() || t.find(',') != std::string::npos) throw Invalid("tags", "tags must be non-empty, without commas");
}

}  // namespace

Event CreateEvent(db::Tx& tx, const Me& me, const NewEvent& in) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may create events");
    if (!IsEventKind(in.kind)) throw Invalid("kind", "kind must be seminar, symposium, exhibition or meetup");
    ValidateEventText(in.title_ja, in.title_en);
    if (in.capacity < 1 || in.capacity > 2000) throw Invalid("capacity", "capacity must be 1 to 2000");
    ValidateTags(in.tags);
    if (in.end - in.start > days{31}) throw Invalid("end", "an event may last at most 31 days");

    NewBooking nb;
    nb.space_id = in.space_id;
    nb.title = in.title_ja.empty() ? in.title_en : in.title_ja;
    nb.start = in.start;
    nb.end = in.end;
    nb.attendees = in.capacity;
    if (LooksLikeId(nb.space_id)) store::LockSpace(tx, nb.space_id);
    auto plan = PlanBooking(tx, me, nb, true);
    if (plan.space.capacity > 0 && in.capacity > plan.space.capacity)
        throw Invalid("capacity", "more places than the space holds (" + std::to_string(plan.space.capacity) + ")");
    if (auto clashes = ClashesOf(plan); !clashes.empty()) {
        DecorateClashes(tx, me, clashes);
        throw BookingConflict(std::move(clashes));
    }
    auto now = Now();
    Booking b;
    b.id = NewId();
    b.space_id = plan.space.id;
    b.organiser_id = me.person_id;
    b.title = nb.title;
    b.attendees = in.capacity;
    b.start = in.start;
    b.end = in.end;
    b.status = "confirmed";
    b.created_at = b.updated_at = now;
    if (auto winner = StoreBooking(tx, b)) {
        std::vector<Clash> lost{{{b.start, b.end}, *winner}};
        DecorateClashes(tx, me, lost);
        throw BookingConflict(std::move(lost));
    }
    audit::Record(tx, me.person_id, "create", "booking", b.id, nullptr, AuditView(b));

    Event e;
    e.id = NewId();
    e.booking_id = b.id;
    e.space_id = b.space_id;
    e.organiser_id = me.person_id;
    e.kind = in.kind;
    e.title_ja = in.title_ja;
    e.title_en = in.title_en;
    e.description_ja = in.description_ja;
    e.description_en = in.description_en;
    e.start = in.start;
    e.end = in.end;
    e.capacity = in.capacity;
    e.open_to_public = in.open_to_public;
    e.tags = in.tags;
    e.status = "published";
    e.created_at = e.updated_at = now;
    store::InsertEvent(tx, e);
    audit::Record(tx, me.person_id, "create", "event", e.id, nullptr, AuditView(e));
    DecorateEvent(tx, e, me, {}, {});
    return e;
}

Event UpdateEvent(db::Tx& tx, const Me& me, const std::string& id, const EventPatch& p) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may change events");
    store::LockEvent(tx, id);
    Event e = RequireEvent(tx, id);
    auto before = AuditView(e);
    if (e.status == "cancelled") throw Error{ErrorCode::kConflict, "status", "the event is cancelled"};
    if (p.kind) {
        if (!IsEventKind(*p.kind)) throw Invalid("kind", "kind must be seminar, symposium, exhibition or meetup");
        e.kind = *p.kind;
    }
    if (p.title_ja) e.title_ja = *p.title_ja;
    if (p.title_en) e.title_en = *p.title_en;
    ValidateEventText(e.title_ja, e.title_en);
    if (p.description_ja) e.description_ja = *p.description_ja;
    if (p.description_en) e.description_en = *p.description_en;
    if (p.capacity) {
        if (*p.capacity < 1 || *p.capacity > 2000) throw Invalid("capacity", "capacity must be 1 to 2000");
        auto counts = store::CountRegistrations(tx);
        int registered = counts.count(e.id) ? counts[e.id].registered : 0;
        if (*p.capacity < registered)
            throw Invalid("capacity", "already " + std::to_string(registered) + " registered; cancel some first");
        e.capacity = *p.capacity;
    }
    if (p.open_to_public) e.open_to_public = *p.open_to_public;
    if (p.tags) {
        ValidateTags(*p.tags);
        e.tags = *p.tags;
    }
    bool cancelling = false;
    if (p.status) {
        if (*p.status != "published" && *p.status != "cancelled")
            throw Invalid("status", "status must be published or cancelled");
        cancelling = *p.status == "cancelled";
        e.status = *p.status;
    }
    e.updated_at = Now();
    store::UpdateEvent(tx, e);
    audit::Record(tx, me.person_id, cancelling ? "cancel" : "update", "event", e.id, before, AuditView(e));
    if (cancelling) {
        if (auto b = store::FindBooking(tx, e.booking_id); b && HoldsSpace(b->status)) {
            auto bb = AuditView(*b);
            b->status = "cancelled";
            b->updated_at = e.updated_at;
            store::UpdateBookingStatus(tx, *b);
            audit::Record(tx, me.person_id, "cancel", "booking", b->id, bb, AuditView(*b));
        }
        for (const auto& r : store::ListRegistrations(tx, e.id))
            if (r.person_id && r.status != "cancelled")
                notifications::Notify(tx, *r.person_id, "event_cancelled", "イベントが中止になりました: " + e.title_ja,
                                      "An event was cancelled: " + (e.title_en.empty() ? e.title_ja : e.title_en),
                                      "/events");
    } else {
        PromoteFromWaitlist(tx, e);
    }
    auto counts = store::CountRegistrations(tx);
    DecorateEvent(tx, e, me, counts, store::RegistrationsOf(tx, me.person_id));
    return e;
}

std::vector<Event> ListEvents(db::Tx& tx, const std::optional<Me>& me, Seconds from, Seconds to) {
    auto events = store::ListEvents(tx, from, to, !me.has_value());
    auto counts = store::CountRegistrations(tx);
    std::map<std::string, Registration> mine;
    if (me) mine = store::RegistrationsOf(tx, me->person_id);
    for (auto& e : events) DecorateEvent(tx, e, me, counts, mine);
    return events;
}

Event GetEvent(db::Tx& tx, const std::optional<Me>& me, const std::string& id) {
    Event e = RequireEvent(tx, id);
    if (!me && (!e.open_to_public || e.status != "published")) throw NotFound("event");
    auto counts = store::CountRegistrations(tx);
    std::map<std::string, Registration> mine;
    if (me) mine = store::RegistrationsOf(tx, me->person_id);
    DecorateEvent(tx, e, me, counts, mine);
    return e;
}

namespace {

Registration AddRegistration(db::Tx& tx, const Event& e, Registration r, const std::optional<std::string>& actor) {
    if (e.status != "published") throw Error{ErrorCode::kConflict, "event_id", "the event is cancelled"};
    if (e.end <= Now()) throw Error{ErrorCode::kConflict, "event_id", "the event is over"};
    auto counts = store::CountRegistrations(tx);
    int registered = counts.count(e.id) ? counts[e.id].registered : 0;
    int waitlisted = counts.count(e.id) ? counts[e.id].waitlisted : 0;
    std::string status = registered < e.capacity && waitlisted == 0 ? "registered" : "waitlisted";
    auto now = Now();
    auto existing = store::FindRegistrationByEmailKey(tx, e.id, r.email_key);
    if (existing && existing->status != "cancelled")
        throw Error{ErrorCode::kConflict, "email", "already registered for this event"};
    if (existing) {
        auto before = AuditView(*existing);
        existing->name = r.name;
        existing->affiliation = r.affiliation;
        existing->status = status;
        existing->seq = store::NextRegistrationSeq(tx, e.id);
        existing->checked_in_at.reset();
        existing->updated_at = now;
        store::UpdateRegistration(tx, *existing);
        audit::Record(tx, actor, "register", "event_registration", existing->id, before, AuditView(*existing));
        r = *existing;
    } else {
        r.id = NewId();
        r.event_id = e.id;
        r.status = status;
        r.seq = store::NextRegistrationSeq(tx, e.id);
        r.created_at = r.updated_at = now;
        store::InsertRegistration(tx, r);
        audit::Record(tx, actor, "register", "event_registration", r.id, nullptr, AuditView(r));
    }
    if (r.status == "waitlisted") r.waitlist_position = waitlisted + 1;
    return r;
}

}  // namespace

Registration RegisterMember(db::Tx& tx, const Me& me, const std::string& event_id) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    auto person = people::GetPerson(tx, me.person_id);
    Registration r;
    r.person_id = me.person_id;
    r.name = person.name_ja;
    r.affiliation = person.organisation ? person.organisation->name_ja : "";
    r.email = person.email;
    r.email_key = people::EmailKey(person.email);
    return AddRegistration(tx, e, r, me.person_id);
}

Registration RegisterGuest(db::Tx& tx, const std::string& event_id, const GuestRegistration& guest) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    if (!e.open_to_public || e.status != "published") throw NotFound("event");
    if (guest.name.empty()) throw Invalid("name", "name is required");
    if (!people::LooksLikeEmail(guest.email)) throw Invalid("email", "email is not a valid address");
    Registration r;
    r.name = guest.name;
    r.affiliation = guest.affiliation;
    r.email = Trim(guest.email);
    r.email_key = people::EmailKey(guest.email);
    r = AddRegistration(tx, e, r, std::nullopt);
    r.cancel_token = NewToken();
    store::SetRegistrationToken(tx, r.id, TokenHash(r.cancel_token));
    return r;
}

namespace {

Registration RequireGuestRegistration(db::Tx& tx, const Event& e, const std::string& token) {
    if (token.empty() || token.size() > 100) throw NotFound("registration");
    auto r = store::FindRegistrationByToken(tx, e.id, TokenHash(token));
    if (!r || r->person_id) throw NotFound("registration");
    if (r->status == "waitlisted") r->waitlist_position = store::WaitlistPosition(tx, e.id, r->seq);
    return *r;
}

}  // namespace

Registration GuestRegistrationByToken(db::Tx& tx, const std::string& event_id, const std::string& token) {
    return RequireGuestRegistration(tx, RequireEvent(tx, event_id), token);
}

Registration CancelGuestRegistration(db::Tx& tx, const std::string& event_id, const std::string& token) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    auto r = RequireGuestRegistration(tx, e, token);
    if (r.status == "cancelled") throw Error{ErrorCode::kConflict, "token", "the registration is already cancelled"};
    auto before = AuditView(r);
    r.status = "cancelled";
    r.waitlist_position = 0;
    r.updated_at = Now();
    store::UpdateRegistration(tx, r);
    audit::Record(tx, std::nullopt, "cancel", "event_registration", r.id, before, AuditView(r));
    if (e.status == "published") PromoteFromWaitlist(tx, e);
    return r;
}

Registration CancelRegistration(db::Tx& tx, const Me& me, const std::string& event_id,
                                const std::string& registration_id) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    auto r = LooksLikeId(registration_id) ? store::FindRegistration(tx, registration_id) : std::nullopt;
    if (!r || r->event_id != e.id) throw NotFound("registration");
    if (r->person_id != me.person_id && !CanManageEvent(me, e)) throw NotFound("registration");
    if (r->status == "cancelled") throw Error{ErrorCode::kConflict, "id", "the registration is already cancelled"};
    auto before = AuditView(*r);
    r->status = "cancelled";
    r->updated_at = Now();
    store::UpdateRegistration(tx, *r);
    audit::Record(tx, me.person_id, "cancel", "event_registration", r->id, before, AuditView(*r));
    if (e.status == "published") PromoteFromWaitlist(tx, e);
    return *r;
}

Registration CheckIn(db::Tx& tx, const Me& me, const std::string& event_id, const std::string& registration_id,
                     bool present) {
    Event e = RequireEvent(tx, event_id);
    if (!CanManageEvent(me, e)) throw Forbidden("only the office checks attendees in");
    auto r = LooksLikeId(registration_id) ? store::FindRegistration(tx, registration_id) : std::nullopt;
    if (!r || r->event_id != e.id) throw NotFound("registration");
    if (r->status != "registered")
        throw Error{ErrorCode::kConflict, "id", "only registered attendees can be checked in (this one is " + r->status + ")"};
    auto before = AuditView(*r);
    if (present && !r->checked_in_at) r->checked_in_at = Now();
    if (!present) r->checked_in_at.reset();
    r->updated_at = Now();
    store::UpdateRegistration(tx, *r);
    audit::Record(tx, me.person_id, present ? "check_in" : "undo_check_in", "event_registration", r->id, before,
                  AuditView(*r));
    return *r;
}

std::vector<Registration> ListRegistrations(db::Tx& tx, const Me& me, const std::string& event_id) {
    Event e = RequireEvent(tx, event_id);
    if (!CanManageEvent(me, e)) throw Forbidden("only the office sees who registered");
    return store::ListRegistrations(tx, e.id);
}

std::string RegistrationsCsv(db::Tx& tx, const Me& me, const std::string& event_id) {
    auto registrations = ListRegistrations(tx, me, event_id);
    std::string out = "\xEF\xBB\xBF";
    auto row = [&out](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvCell(cells[i]);
        out += "\r\n";
    };
    row({"氏名", "所属", "メールアドレス", "区分", "状態", "キャンセル待ち順", "受付(チェックイン)", "登録日時"});
    for (const auto& r : registrations) {
        std::string status = r.status == "registered" ? "参加" : r.status == "waitlisted" ? "キャンセル待ち" : "取消";
        std::string checked = r.checked_in_at ? FormatTokyo(*r.checked_in_at).substr(0, 16) : "";
        if (!checked.empty()) checked[10] = ' ';
        std::string created = FormatTokyo(r.created_at).substr(0, 16);
        created[10] = ' ';
        row({r.name, r.affiliation, r.email, r.person_id ? "会員" : "ゲスト", status,
             r.waitlist_position ? std::to_string(r.waitlist_position) : "", checked, created});
    }
    return out;
}

}  // namespace renkei::building
