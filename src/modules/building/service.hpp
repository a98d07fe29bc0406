// The building's rules: who may book what, when; conflict-free bookings (single and
// recurring), approval by the office, calendar feeds, events with registration, waiting
// list and check-in. Every change writes its audit record in the caller's transaction.
//
// Where are bookings checked for conflicts? Here (Book, Approve): the overlap check and the
// insert run in the request's write transaction — serialised on SQLite (BEGIN IMMEDIATE) —
// and on PostgreSQL the exclusion constraint bookings_no_overlap has the last word; its
// violation (SQLSTATE 23P01) becomes the same 409 with the clashing booking.
//
// Time: every function that reads the clock takes `now` (the request's reading, http::Call::now),
// so tests and the demo loader set it. The implementation is split by concern: spaces.cpp,
// bookings.cpp (single bookings, series, approval), slots.cpp (free-slot search), feeds.cpp
// (iCalendar), events.cpp and registrations.cpp; what they share is in internal.hpp.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/building/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/error.hpp"
#include "platform/office/table.hpp"

namespace renkei::building {

using Me = auth::Principal;

// The office (産学医連携支援室) and admins run the building.
bool RunsBuilding(const Me& me);

std::vector<Floor> ListFloors(db::Tx& tx);
std::vector<Space> ListSpaces(db::Tx& tx);
// Throws kNotFound.
Space GetSpace(db::Tx& tx, const std::string& id);
std::optional<Space> FindSpace(db::Tx& tx, const std::string& id);

struct SpacePatch {
    // kind as text: the service refuses an unknown one (kInvalid) after finding the space.
    std::optional<std::string> kind, name_ja, name_en, description_ja, description_en;
    std::optional<int> area_m2, capacity, opens_at, closes_at, max_minutes;
    std::optional<bool> bookable, needs_approval, active;
};
// Office and admin only (kForbidden); kInvalid naming the field (an unknown kind too).
Space UpdateSpace(db::Tx& tx, const Me& me, const std::string& id, const SpacePatch& patch, Seconds now);
// Adds a space; the caller has checked permission (the route: office and admin; the demo
// loader: the system). kInvalid naming the field, kConflict (code) for a taken code.
Space CreateSpace(db::Tx& tx, const std::optional<std::string>& actor, Space space, Seconds now);
void EnsureFloor(db::Tx& tx, const Floor& floor);
// Office and admin: adds or changes a floor (code, names, area, order).
Floor PutFloor(db::Tx& tx, const Me& me, const Floor& floor);

struct NewBooking {
    std::string space_id, title, purpose;
    int attendees = 0;
    Seconds start, end;
    std::optional<Recurrence> recurrence;
    bool skip_conflicts = false;  // book the free occurrences of a series, leave out the taken ones
    // People invited besides the organiser: active people (kInvalid "attendee_ids" otherwise);
    // they are busy during the booking, see it in "my bookings" and their feed, and are notified.
    std::vector<std::string> attendee_ids;
};

// The kConflict (409, field "start") thrown when the slot (or an occurrence of a series) is
// taken. Its details carry the clashing bookings so the client can show them: "conflict" (the
// first clashing booking, or null) and "conflicts" (every Clash as {start, end, booking}); the
// router writes them beside the error like any Error's details. Its own type only lets a
// module that books for somebody (projects, exchange) tell a taken room from other conflicts.
class BookingConflict : public Error {
  public:
    explicit BookingConflict(const std::vector<Clash>& clashes);
};

struct BookingResult {
    std::vector<Booking> bookings;  // what was stored and holds the space (pending or confirmed)
    std::optional<Series> series;
    std::vector<Clash> skipped;  // occurrences left out because they were taken
};
// Validates (kInvalid naming the field), then books — confirmed, or pending where the space
// needs the office's approval. A series is checked whole before anything is stored; with
// clashes it is refused (BookingConflict) unless skip_conflicts. Nothing may start more than a
// minute before `now`.
BookingResult Book(db::Tx& tx, const Me& me, const NewBooking& in, Seconds now);

struct BookingCheck {
    std::vector<Slot> occurrences;
    std::vector<Clash> clashes;
    bool needs_approval = false;
};
// The same validation and conflict check as Book, storing nothing.
BookingCheck CheckBooking(db::Tx& tx, const Me& me, const NewBooking& in, Seconds now);

struct BookingQuery {
    std::string space_id;
    bool mine = false;
    std::optional<BookingStatus> status;  // none = pending and confirmed
    Seconds from, to;
};
// Anyone signed in sees who booked what and when; purpose and attendees only the organiser
// and the office. Other statuses than the default: the office sees all, others their own.
// `now` decides whether a booking can still be cancelled (can_cancel).
std::vector<Booking> ListBookings(db::Tx& tx, const Me& me, const BookingQuery& q, Seconds now);
// An export covers at most this many days (from `from` to `to`).
inline constexpr int kMaxExportDays = 366;
// ListBookings as a table to export as CSV or .xlsx (the same rows, purpose and attendees only
// where the list shows them), in `language` (ja or en); kInvalid naming "to" when the range is
// longer than kMaxExportDays.
office::Table BookingsExport(db::Tx& tx, const Me& me, const BookingQuery& q, const std::string& language, Seconds now);
Booking GetBooking(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

// scope: "this" (one booking or occurrence) or "following" (this and later occurrences of its
// series). Organiser or office; returns the bookings cancelled (those not over at `now`).
std::vector<Booking> CancelBooking(db::Tx& tx, const Me& me, const std::string& id, const std::string& scope,
                                   Seconds now);
// Office only; the organiser is notified. scope: "this" (one booking or occurrence; the
// requester is told about it) or "series" (every pending occurrence of the booking's series
// that is not over, decided as a whole: approving throws BookingConflict listing every
// occurrence whose slot is taken, and changes nothing then; the requester gets one
// notification for the series). Returns the bookings decided, in time order.
std::vector<Booking> ApproveBookings(db::Tx& tx, const Me& me, const std::string& id, const std::string& scope,
                                     Seconds now);
std::vector<Booking> DeclineBookings(db::Tx& tx, const Me& me, const std::string& id, const std::string& reason,
                                     const std::string& scope, Seconds now);

// --- Free slots ---------------------------------------------------------------------------
struct SlotQuery {
    std::vector<std::string> people;    // everyone who must be free
    int minutes = 60;                   // meeting length
    Seconds from, to;                   // search window (UTC)
    std::string kind = "meeting_room";  // SpaceKind text ("" = any bookable space without approval)
    int min_capacity = 0;               // 0: at least people.size()
    size_t limit = 5;
};
// SlotProposal {space_id, space_name_ja, space_name_en, start, end} is in model.hpp.
// Earliest slots inside the spaces' opening hours, on weekdays, on a 30-minute grid, after `now`,
// where a space of that kind is free and every person is free. Spreads proposals over different days
// when it can (at most 2 per day). Never proposes a space that needs approval.
// A person is busy during the pending and confirmed bookings they organise or attend. Smallest
// fitting space first. kInvalid naming the field: people (unknown or inactive, more than 20),
// minutes (15–600), to (not after from, or a window over 31 days), kind, min_capacity.
std::vector<SlotProposal> ProposeSlots(db::Tx& tx, const SlotQuery& q, Seconds now);

// --- Calendar feeds -----------------------------------------------------------------------
// A new secret feed token for the person; the old one stops working. Only its hash is stored.
std::string RotateCalendarToken(db::Tx& tx, const Me& me, Seconds now);
std::optional<Seconds> CalendarTokenCreated(db::Tx& tx, const Me& me);
// iCalendar text (RFC 5545) of the 90 days before `now` and what lies ahead. Throws kNotFound
// for an unknown token (same answer as an unknown space, so tokens cannot be probed).
std::string PersonFeed(db::Tx& tx, const std::string& token, Seconds now);
std::string SpaceFeed(db::Tx& tx, const std::string& token, const std::string& space_id, Seconds now);

// --- Events -------------------------------------------------------------------------------
struct NewEvent {
    std::string space_id;
    EventKind kind = EventKind::kSeminar;
    std::string title_ja, title_en, description_ja, description_en;
    Seconds start, end;
    int capacity = 0;
    bool open_to_public = false;
    std::vector<std::string> tags;
};
struct EventPatch {
    // kind and status as text: the service refuses an unknown one (kInvalid) after checking the event.
    std::optional<std::string> kind, title_ja, title_en, description_ja, description_en, status;
    std::optional<int> capacity;
    std::optional<bool> open_to_public;
    std::optional<std::vector<std::string>> tags;
};
// Office only. Books the space (confirmed; events may run past a space's opening hours and
// maximum length, e.g. an exhibition over days) and creates the event; BookingConflict when
// the space is taken.
Event CreateEvent(db::Tx& tx, const Me& me, const NewEvent& in, Seconds now);
// Office only. Raising capacity moves people up from the waiting list; status "cancelled"
// cancels the booking and tells registered members.
Event UpdateEvent(db::Tx& tx, const Me& me, const std::string& id, const EventPatch& patch, Seconds now);
// `me` absent: the public view (open, published events only; kNotFound otherwise).
std::vector<Event> ListEvents(db::Tx& tx, const std::optional<Me>& me, Seconds from, Seconds to);
Event GetEvent(db::Tx& tx, const std::optional<Me>& me, const std::string& id);

// The signed-in person registers; on the waiting list when the event is full; kConflict when
// the event is cancelled or over at `now`.
Registration RegisterMember(db::Tx& tx, const Me& me, const std::string& event_id, Seconds now);
struct GuestRegistration {
    std::string name, affiliation, email;
};
// A guest registers on an open event's public page (kNotFound for members-only events).
Registration RegisterGuest(db::Tx& tx, const std::string& event_id, const GuestRegistration& guest, Seconds now);
// A guest's registration by the secret token they got when registering (with their waiting-list
// place); kNotFound for an unknown token.
Registration GuestRegistrationByToken(db::Tx& tx, const std::string& event_id, const std::string& token);
// The guest cancels with that token; the first on the waiting list moves up.
Registration CancelGuestRegistration(db::Tx& tx, const std::string& event_id, const std::string& token, Seconds now);
// The person themselves or the office; the first on the waiting list moves up.
Registration CancelRegistration(db::Tx& tx, const Me& me, const std::string& event_id,
                                const std::string& registration_id, Seconds now);
// Office only. `present` false undoes a check-in.
Registration CheckIn(db::Tx& tx, const Me& me, const std::string& event_id, const std::string& registration_id,
                     bool present, Seconds now);
// Office and the event's organiser.
std::vector<Registration> ListRegistrations(db::Tx& tx, const Me& me, const std::string& event_id);
// The registrations (the same callers as ListRegistrations) as a table to export as CSV or .xlsx,
// headers and labels in `language` (ja or en); the workbook's title names the event.
office::Table RegistrationsExport(db::Tx& tx, const Me& me, const std::string& event_id, const std::string& language);

}  // namespace renkei::building
