// The building module's SQL: floors, spaces, bookings, series, calendar tokens, events and
// registrations. Free functions, transaction first; absence is a value, never thrown.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/building/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::building::store {

// The audit log's names (audit::NamesFromTable): id, Japanese and English name or title.
inline constexpr const char* kSpaceNames = "SELECT id, name_ja, name_en FROM spaces WHERE id IN";
inline constexpr const char* kEventNames = "SELECT id, title_ja, title_en FROM events WHERE id IN";

void UpsertFloor(db::Tx& tx, const Floor& f);
std::vector<Floor> ListFloors(db::Tx& tx);

void InsertSpace(db::Tx& tx, const Space& s);
void UpdateSpace(db::Tx& tx, const Space& s);
std::optional<Space> FindSpace(db::Tx& tx, const std::string& id);
std::optional<Space> FindSpaceByCode(db::Tx& tx, const std::string& code);
// Ordered by floor, then position.
std::vector<Space> ListSpaces(db::Tx& tx);

void InsertBooking(db::Tx& tx, const Booking& b);
// Writes status, decision and updated_at of `b`.
void UpdateBookingStatus(db::Tx& tx, const Booking& b);
std::optional<Booking> FindBooking(db::Tx& tx, const std::string& id);

struct BookingFilter {
    std::string space_id;                 // "" = every space
    std::optional<BookingStatus> status;  // none = pending and confirmed; otherwise exactly this status
    std::string participant_id;           // "" = anyone; else bookings this person organises or attends
    Seconds from{}, to{};                 // bookings overlapping [from, to)
    int limit = 20000;
};
std::vector<Booking> ListBookings(db::Tx& tx, const BookingFilter& f);
// On PostgreSQL, takes the space's row lock until the transaction ends, so that writers of
// confirmed bookings of one space go one at a time: the overlap check then sees every
// committed booking, and concurrent inserts never deadlock inside the exclusion constraint.
// SQLite serialises writers already (BEGIN IMMEDIATE).
void LockSpace(db::Tx& tx, const std::string& space_id);

// The first confirmed booking of the space overlapping `slot` (other than `except_id`).
std::optional<Booking> FirstConfirmedOverlap(db::Tx& tx, const std::string& space_id, const Slot& slot,
                                             const std::string& except_id = "");
// Every booking of the series, in time order, whatever its status.
std::vector<Booking> SeriesOccurrences(db::Tx& tx, const std::string& series_id);

// Attendees (besides the organiser) of bookings.
void InsertAttendees(db::Tx& tx, const std::string& booking_id, const std::vector<std::string>& person_ids);
std::vector<std::string> AttendeesOf(db::Tx& tx, const std::string& booking_id);
// The attendees of many bookings in few queries (booking id → person ids, sorted).
std::map<std::string, std::vector<std::string>> AttendeesOf(db::Tx& tx, const std::vector<std::string>& booking_ids);
// booking id -> attendees, for the bookings overlapping [from, to).
std::map<std::string, std::vector<std::string>> AttendeesInRange(db::Tx& tx, Seconds from, Seconds to);
// The pending and confirmed bookings the person organises or attends, overlapping [from, to).
std::vector<Slot> BusyOf(db::Tx& tx, const std::string& person_id, Seconds from, Seconds to);

void InsertSeries(db::Tx& tx, const Series& s);
std::optional<Series> FindSeries(db::Tx& tx, const std::string& id);

// Replaces the person's feed token hash.
void SetCalendarToken(db::Tx& tx, const std::string& person_id, const std::string& token_hash, Seconds at);
std::optional<std::string> PersonForCalendarToken(db::Tx& tx, const std::string& token_hash);
std::optional<Seconds> CalendarTokenCreated(db::Tx& tx, const std::string& person_id);

void InsertEvent(db::Tx& tx, const Event& e);
void UpdateEvent(db::Tx& tx, const Event& e);
std::optional<Event> FindEvent(db::Tx& tx, const std::string& id);
// Takes the event's row lock on PostgreSQL (SQLite writes are serialised already), so that
// capacity and the waiting list are decided one registration at a time.
void LockEvent(db::Tx& tx, const std::string& id);
// Events overlapping [from, to), by start; `public_only` keeps open, published ones.
std::vector<Event> ListEvents(db::Tx& tx, Seconds from, Seconds to, bool public_only);

void InsertRegistration(db::Tx& tx, const Registration& r);
void UpdateRegistration(db::Tx& tx, const Registration& r);
std::optional<Registration> FindRegistration(db::Tx& tx, const std::string& id);
std::optional<Registration> FindRegistrationByEmailKey(db::Tx& tx, const std::string& event_id,
                                                       const std::string& email_key);
// In order: registered, then the waiting list in its order, then cancelled.
std::vector<Registration> ListRegistrations(db::Tx& tx, const std::string& event_id);
struct RegistrationCounts {
    int registered = 0, waitlisted = 0, checked_in = 0;
};
std::map<std::string, RegistrationCounts> CountRegistrations(db::Tx& tx);
long long NextRegistrationSeq(db::Tx& tx, const std::string& event_id);
// 1-based place of a waitlisted registration with this `seq` on the event's waiting list.
int WaitlistPosition(db::Tx& tx, const std::string& event_id, long long seq);
void SetRegistrationToken(db::Tx& tx, const std::string& id, const std::string& token_hash);
std::optional<Registration> FindRegistrationByToken(db::Tx& tx, const std::string& event_id,
                                                    const std::string& token_hash);
std::optional<Registration> FirstWaitlisted(db::Tx& tx, const std::string& event_id);
// event id -> the person's live registration (registered or waitlisted).
std::map<std::string, Registration> RegistrationsOf(db::Tx& tx, const std::string& person_id);

}  // namespace renkei::building::store
