// Bookings: single and recurring (a series), checked for conflicts, approved or declined by the
// office, cancelled by their organiser.

#include <algorithm>
#include <boost/json.hpp>

#include "modules/building/internal.hpp"
#include "modules/building/service.hpp"
#include "modules/building/store.hpp"
#include "modules/notifications/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/ids.hpp"

namespace renkei::building {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::seconds;

// Runs `write` so that, on PostgreSQL, an exclusion violation leaves the transaction usable
// (savepoint) and is reported as false. On SQLite the caller's overlap check already decided.
template <typename Write>
bool WriteUnlessOverlapping(db::Tx& tx, Write write) {
    if (tx.engine() != db::Engine::kPostgres) {
        write();
        return true;
    }
    db::Savepoint savepoint(tx, "building_write");
    try {
        write();
        savepoint.Release();
        return true;
    } catch (const soci::soci_error& e) {
        if (!db::IsExclusionViolation(e)) throw;
        savepoint.Rollback();
        return false;
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
        if (!IsActivePerson(tx, id)) throw Invalid("attendee_ids", "unknown or inactive person: " + id);
        out.push_back(id);
    }
    return out;
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

Booking RequireBooking(db::Tx& tx, const std::string& id) {
    auto b = LooksLikeId(id) ? store::FindBooking(tx, id) : std::nullopt;
    if (!b) throw NotFound("booking");
    return *b;
}

// Decorates a series' bookings with one query for their attendees and one for the names.
void DecorateSeries(db::Tx& tx, const Me& me, std::vector<Booking>& bookings, Seconds now) {
    std::vector<std::string> ids;
    ids.reserve(bookings.size());
    for (const auto& b : bookings) ids.push_back(b.id);
    auto attendees = store::AttendeesOf(tx, ids);
    std::vector<Booking*> all;
    all.reserve(bookings.size());
    for (auto& b : bookings) {
        if (auto it = attendees.find(b.id); it != attendees.end()) b.attendee_ids = it->second;
        all.push_back(&b);
    }
    DecorateAll(tx, me, all, now);
}

// The bookings a decision applies to: the booking itself, or every pending occurrence of its
// series that is not over at `now`.
std::vector<Booking> DecisionTargets(db::Tx& tx, const Booking& b, const std::string& scope, Seconds now) {
    if (scope != "this" && scope != "series") throw Invalid("scope", "scope must be this or series");
    if (b.status != BookingStatus::kPending)
        throw Error{ErrorCode::kConflict, "id", "the booking is " + std::string(Text(b.status)) + ", not pending"};
    if (scope == "this") return {b};
    if (!b.series_id) throw Invalid("scope", "this booking is not part of a series");
    std::vector<Booking> out;
    for (const auto& o : store::SeriesOccurrences(tx, *b.series_id))
        if (o.status == BookingStatus::kPending && o.end > now) out.push_back(o);
    if (out.empty()) throw Error{ErrorCode::kConflict, "id", "no occurrence of the series is left to decide"};
    return out;
}

std::string SeriesWhen(const std::vector<Booking>& decided) {
    std::string when = TokyoRange({decided.front().start, decided.front().end});
    if (decided.size() > 1) when += " 〜 " + FormatTokyo(decided.back().start).substr(0, 10);
    return when;
}

}  // namespace

Plan PlanBooking(db::Tx& tx, const Me& me, const NewBooking& in, bool for_event, Seconds now) {
    std::optional<Space> holder;
    const Space& space = BookableSpace(tx, in.space_id, holder);
    if (!space.bookable && !(for_event && RunsBuilding(me))) throw Invalid("space_id", "this space cannot be booked");
    if (in.end <= in.start) throw Invalid("end", "end must be after start");
    if (in.start < now - seconds{60}) throw Invalid("start", "start is in the past");
    if (in.start > now + days{kMaxDaysAhead})
        throw Invalid("start", "bookings can be made at most " + std::to_string(kMaxDaysAhead) + " days ahead");
    if (!for_event) {
        switch (CheckOpeningRules({in.start, in.end}, space)) {
            case SlotProblem::kNone:
                break;
            case SlotProblem::kSpansDays:
                throw Invalid("end", "a booking must start and end on the same day");
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

    Plan plan{space,
              {},
              {},
              space.needs_approval && !RunsBuilding(me) ? BookingStatus::kPending : BookingStatus::kConfirmed,
              {}};
    plan.attendee_ids = ValidAttendees(tx, me, in.attendee_ids);
    if (!for_event && space.capacity > 0 && static_cast<int>(plan.attendee_ids.size()) + 1 > space.capacity)
        throw Invalid("attendee_ids", "more people than the space holds (" + std::to_string(space.capacity) + ")");
    plan.occurrences =
        in.recurrence ? ExpandRecurrence({in.start, in.end}, *in.recurrence) : std::vector<Slot>{{in.start, in.end}};
    for (const auto& slot : plan.occurrences) plan.clashes.push_back(store::FirstConfirmedOverlap(tx, space.id, slot));
    return plan;
}

std::vector<Clash> ClashesOf(const Plan& plan) {
    std::vector<Clash> out;
    for (size_t i = 0; i < plan.occurrences.size(); ++i)
        if (plan.clashes[i]) out.push_back({plan.occurrences[i], *plan.clashes[i]});
    return out;
}

std::optional<Booking> StoreBooking(db::Tx& tx, Booking& b) {
    bool stored = WriteUnlessOverlapping(tx, [&] { store::InsertBooking(tx, b); });
    if (stored) return std::nullopt;
    auto winner = store::FirstConfirmedOverlap(tx, b.space_id, {b.start, b.end});
    if (!winner) throw Error{ErrorCode::kConflict, "start", "the space is already booked at that time"};
    return winner;
}

BookingCheck CheckBooking(db::Tx& tx, const Me& me, const NewBooking& in, Seconds now) {
    auto plan = PlanBooking(tx, me, in, false, now);
    BookingCheck out{plan.occurrences, ClashesOf(plan), plan.status == BookingStatus::kPending};
    DecorateClashes(tx, me, out.clashes, now);
    return out;
}

BookingResult Book(db::Tx& tx, const Me& me, const NewBooking& in, Seconds now) {
    if (LooksLikeId(in.space_id)) store::LockSpace(tx, in.space_id);
    auto plan = PlanBooking(tx, me, in, false, now);
    auto clashes = ClashesOf(plan);
    bool skip_conflicts = in.recurrence && in.skip_conflicts;
    if (!clashes.empty() && (!skip_conflicts || clashes.size() == plan.occurrences.size())) {
        DecorateClashes(tx, me, clashes, now);
        throw BookingConflict(clashes);
    }

    BookingResult result;
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
            b.status = BookingStatus::kSkipped;
            store::InsertBooking(tx, b);
            result.skipped.push_back({plan.occurrences[i], *plan.clashes[i]});
            continue;
        }
        b.status = plan.status;
        if (auto winner = StoreBooking(tx, b)) {
            // Lost a race on PostgreSQL: the same answer as if the check had seen it.
            if (!skip_conflicts) {
                std::vector<Clash> lost{{plan.occurrences[i], *winner}};
                DecorateClashes(tx, me, lost, now);
                throw BookingConflict(lost);
            }
            b.status = BookingStatus::kSkipped;
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
        std::string more_en =
            result.bookings.size() > 1 ? " (" + std::to_string(result.bookings.size()) + " times)" : "";
        for (const auto& person : plan.attendee_ids)
            notifications::Notify(
                tx, person, "booking_invited",
                "打合せに招待されました: " + in.title + " " + when + " " + plan.space.name_ja + more_ja,
                "You were invited: " + in.title + " " + when + " " +
                    (plan.space.name_en.empty() ? plan.space.name_ja : plan.space.name_en) + more_en,
                "/building", now);
    }
    json::value after = result.series ? json::value(json::object{{"series_id", result.series->id},
                                                                 {"space_id", plan.space.id},
                                                                 {"title", in.title},
                                                                 {"occurrences", result.bookings.size()},
                                                                 {"skipped", result.skipped.size()},
                                                                 {"status", Text(plan.status)},
                                                                 {"attendee_ids", json::value_from(plan.attendee_ids)}})
                                      : AuditView(result.bookings.front());
    audit::Record(tx, me.person_id, "create", result.series ? "booking_series" : "booking",
                  result.series ? result.series->id : result.bookings.front().id, nullptr, after);
    std::vector<Booking*> all;
    for (auto& b : result.bookings) all.push_back(&b);
    for (auto& c : result.skipped) all.push_back(&c.booking);
    DecorateAll(tx, me, all, now);
    return result;
}

std::vector<Booking> ListBookings(db::Tx& tx, const Me& me, const BookingQuery& q, Seconds now) {
    store::BookingFilter f;
    if (!q.space_id.empty()) {
        auto s = LooksLikeId(q.space_id) ? store::FindSpace(tx, q.space_id) : std::nullopt;
        if (!s) throw Invalid("space_id", "unknown space");
        f.space_id = q.space_id;
    }
    f.status = q.status;
    if (q.mine || (q.status && !RunsBuilding(me))) f.participant_id = me.person_id;
    f.from = q.from;
    f.to = q.to;
    auto bookings = store::ListBookings(tx, f);
    auto attendees = store::AttendeesInRange(tx, q.from, q.to);
    for (auto& b : bookings)
        if (auto it = attendees.find(b.id); it != attendees.end()) b.attendee_ids = it->second;
    std::vector<Booking*> all;
    all.reserve(bookings.size());
    for (auto& b : bookings) all.push_back(&b);
    DecorateAll(tx, me, all, now);
    return bookings;
}

namespace {

std::string StatusLabel(BookingStatus status, bool en) {
    if (en) return std::string(Text(status));
    switch (status) {
        case BookingStatus::kPending:
            return "承認待ち";
        case BookingStatus::kConfirmed:
            return "確定";
        case BookingStatus::kDeclined:
            return "却下";
        case BookingStatus::kCancelled:
            return "取消";
        case BookingStatus::kSkipped:
            return "休止";
    }
    return "";
}

std::string TokyoMinute(Seconds t) {
    std::string s = FormatTokyo(t).substr(0, 16);
    s[10] = ' ';
    return s;
}

}  // namespace

office::Table BookingsExport(db::Tx& tx, const Me& me, const BookingQuery& q, const std::string& language,
                             Seconds now) {
    if (q.to - q.from > days{kMaxExportDays})
        throw Invalid("to", "an export may span at most " + std::to_string(kMaxExportDays) + " days");
    auto bookings = ListBookings(tx, me, q, now);
    bool en = language == "en";
    office::Table t{.sheet = en ? "Bookings" : "施設予約",
                    .title = en ? "Bookings" : "施設予約一覧",
                    .lines = {TokyoMinute(q.from) + " – " + TokyoMinute(q.to)},
                    .head = en ? std::vector<std::string>{"Start", "End", "Space", "Title", "Organiser", "Status",
                                                          "Attendees", "Purpose", "Invited"}
                               : std::vector<std::string>{"開始", "終了", "施設", "件名", "予約者", "状態", "人数",
                                                          "目的", "招待者"},
                    .widths = {17, 17, 20, 30, 18, 10, 8, 36, 30},
                    .numbers = {6}};
    for (const auto& b : bookings) {
        std::string invited;
        if (b.details_visible)
            for (const auto& p : b.attendee_people) {
                if (!invited.empty()) invited += en ? ", " : "、";
                invited += en && !p[2].empty() ? p[2] : p[1];
            }
        t.Row({TokyoMinute(b.start), TokyoMinute(b.end),
               en && !b.space_name_en.empty() ? b.space_name_en : b.space_name_ja, b.title,
               en && !b.organiser_name_en.empty() ? b.organiser_name_en : b.organiser_name_ja,
               StatusLabel(b.status, en), b.details_visible ? std::to_string(b.attendees) : "",
               b.details_visible ? b.purpose : "", invited});
    }
    return t;
}

Booking GetBooking(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto b = RequireBooking(tx, id);
    b.attendee_ids = store::AttendeesOf(tx, b.id);
    // Bookings that do not hold the space are the organiser's, the attendees' and the office's business.
    if (!HoldsSpace(b.status) && b.organiser_id != me.person_id && !Attends(b, me.person_id) && !RunsBuilding(me))
        throw NotFound("booking");
    DecorateAll(tx, me, {&b}, now);
    return b;
}

std::vector<Booking> CancelBooking(db::Tx& tx, const Me& me, const std::string& id, const std::string& scope,
                                   Seconds now) {
    if (scope != "this" && scope != "following") throw Invalid("scope", "scope must be this or following");
    auto b = RequireBooking(tx, id);
    if (b.organiser_id != me.person_id && !RunsBuilding(me)) {
        if (HoldsSpace(b.status)) throw Forbidden("only the organiser or the office may cancel a booking");
        throw NotFound("booking");
    }
    if (!HoldsSpace(b.status))
        throw Error{ErrorCode::kConflict, "id", "the booking is already " + std::string(Text(b.status))};
    std::vector<Booking> targets{b};
    if (scope == "following") {
        if (!b.series_id) throw Invalid("scope", "this booking is not part of a series");
        for (const auto& o : store::SeriesOccurrences(tx, *b.series_id))
            if (o.start > b.start && HoldsSpace(o.status)) targets.push_back(o);
    }
    std::vector<Booking> out;
    for (auto& t : targets) {
        if (t.end <= now) continue;  // the past stays as it happened
        auto before = AuditView(t);
        t.status = BookingStatus::kCancelled;
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
                                  "/building", now);
    if (b.organiser_id != me.person_id)
        notifications::Notify(
            tx, b.organiser_id, "booking_cancelled",
            "予約が事務局により取り消されました: " + b.title + " " + TokyoRange({b.start, b.end}),
            "Your booking was cancelled by the office: " + b.title + " " + TokyoRange({b.start, b.end}),
            "/building/bookings", now);
    DecorateSeries(tx, me, out, now);
    return out;
}

std::vector<Booking> ApproveBookings(db::Tx& tx, const Me& me, const std::string& id, const std::string& scope,
                                     Seconds now) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may approve bookings");
    auto targets = DecisionTargets(tx, RequireBooking(tx, id), scope, now);
    if (!targets.empty()) store::LockSpace(tx, targets.front().space_id);
    // Everything is checked before anything changes: a series is approved whole or not at all.
    std::vector<Clash> clashes;
    for (const auto& t : targets)
        if (auto clash = store::FirstConfirmedOverlap(tx, t.space_id, {t.start, t.end}, t.id))
            clashes.push_back({{t.start, t.end}, *clash});
    if (!clashes.empty()) {
        DecorateClashes(tx, me, clashes, now);
        throw BookingConflict(clashes);
    }
    std::vector<Booking> out;
    for (auto& t : targets) {
        auto before = AuditView(t);
        t.status = BookingStatus::kConfirmed;
        t.decided_by = me.person_id;
        t.decided_at = t.updated_at = now;
        if (!WriteUnlessOverlapping(tx, [&] { store::UpdateBookingStatus(tx, t); })) {
            // Lost a race on PostgreSQL: the same answer as if the check had seen it.
            auto clash = store::FirstConfirmedOverlap(tx, t.space_id, {t.start, t.end}, t.id);
            if (!clash) throw Error{ErrorCode::kConflict, "start", "the space is already booked at that time"};
            std::vector<Clash> lost{{{t.start, t.end}, *clash}};
            DecorateClashes(tx, me, lost, now);
            throw BookingConflict(lost);
        }
        audit::Record(tx, me.person_id, "approve", "booking", t.id, before, AuditView(t));
        out.push_back(t);
    }
    const Booking& first = out.front();
    std::string when = SeriesWhen(out);
    std::string count_ja = out.size() > 1 ? "(全" + std::to_string(out.size()) + "回)" : "";
    std::string count_en = out.size() > 1 ? " (" + std::to_string(out.size()) + " occurrences)" : "";
    notifications::Notify(
        tx, first.organiser_id, "booking_approved", "予約が承認されました: " + first.title + " " + when + count_ja,
        "Your booking was approved: " + first.title + " " + when + count_en, "/building/bookings", now);
    DecorateSeries(tx, me, out, now);
    return out;
}

std::vector<Booking> DeclineBookings(db::Tx& tx, const Me& me, const std::string& id, const std::string& reason,
                                     const std::string& scope, Seconds now) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may decline bookings");
    if (reason.empty()) throw Invalid("reason", "give the requester a reason");
    auto targets = DecisionTargets(tx, RequireBooking(tx, id), scope, now);
    std::vector<Booking> out;
    for (auto& t : targets) {
        auto before = AuditView(t);
        t.status = BookingStatus::kDeclined;
        t.decision_reason = reason;
        t.decided_by = me.person_id;
        t.decided_at = t.updated_at = now;
        store::UpdateBookingStatus(tx, t);
        audit::Record(tx, me.person_id, "decline", "booking", t.id, before, AuditView(t));
        out.push_back(t);
    }
    const Booking& first = out.front();
    std::string when = out.size() > 1 ? " " + SeriesWhen(out) + "(全" + std::to_string(out.size()) + "回)" : "";
    std::string when_en =
        out.size() > 1 ? " " + SeriesWhen(out) + " (" + std::to_string(out.size()) + " occurrences)" : "";
    notifications::Notify(tx, first.organiser_id, "booking_declined",
                          "予約が承認されませんでした: " + first.title + when + "(理由: " + reason + ")",
                          "Your booking was declined: " + first.title + when_en + " (reason: " + reason + ")",
                          "/building/bookings", now);
    DecorateSeries(tx, me, out, now);
    return out;
}

}  // namespace renkei::building
