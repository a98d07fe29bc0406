// The building: floors, spaces, bookings, recurring series, events and registrations as plain
// types, and the pure rules about them (no I/O): overlap of half-open slots, opening hours,
// recurrence expansion, iCalendar text and CSV cells.
// Local time is Asia/Tokyo (platform/time.hpp).
#pragma once
#include <array>
#include <boost/json/value_from.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::building {

inline constexpr int kMaxOccurrences = 200;
inline constexpr int kMaxDaysAhead = 400;

inline constexpr std::array<std::string_view, 7> kWeekdays = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// --- Statuses and kinds -------------------------------------------------------------------
// Each is an enum; its text (the same in JSON, in the database and in the audit log) is in one
// table below, read by Text() and FromText<E>() (platform/enum_text.hpp).
enum class SpaceKind {
    kLounge,
    kHall,
    kGallery,
    kMeetingRoom,
    kOffice,
    kOpenLab,
    kLabOffice,
    kDiscussionRoom,
    kStorage,
    kChemistryLab,
    kElectricalRoom,
    kMachineRoom,
    kOther,
};
enum class BookingStatus {
    kPending,  // waits for the office's approval; holds the space meanwhile
    kConfirmed,
    kDeclined,   // by the office
    kCancelled,  // by the organiser or the office
    kSkipped,    // an occurrence of a series left out because its slot was taken
};
enum class EventKind { kSeminar, kSymposium, kExhibition, kMeetup };
enum class EventStatus { kPublished, kCancelled };
enum class RegistrationStatus { kRegistered, kWaitlisted, kCancelled };

// Their texts (platform/enum_text.hpp: Text(value), FromText<E>(text)).
inline constexpr std::array<EnumText<SpaceKind>, 13> kSpaceKindTexts{{
    {SpaceKind::kLounge, "lounge"},
    {SpaceKind::kHall, "hall"},
    {SpaceKind::kGallery, "gallery"},
    {SpaceKind::kMeetingRoom, "meeting_room"},
    {SpaceKind::kOffice, "office"},
    {SpaceKind::kOpenLab, "open_lab"},
    {SpaceKind::kLabOffice, "lab_office"},
    {SpaceKind::kDiscussionRoom, "discussion_room"},
    {SpaceKind::kStorage, "storage"},
    {SpaceKind::kChemistryLab, "chemistry_lab"},
    {SpaceKind::kElectricalRoom, "electrical_room"},
    {SpaceKind::kMachineRoom, "machine_room"},
    {SpaceKind::kOther, "other"},
}};
constexpr const auto& TextsOf(SpaceKind) { return kSpaceKindTexts; }

inline constexpr std::array<EnumText<BookingStatus>, 5> kBookingStatusTexts{{
    {BookingStatus::kPending, "pending"},
    {BookingStatus::kConfirmed, "confirmed"},
    {BookingStatus::kDeclined, "declined"},
    {BookingStatus::kCancelled, "cancelled"},
    {BookingStatus::kSkipped, "skipped"},
}};
constexpr const auto& TextsOf(BookingStatus) { return kBookingStatusTexts; }

inline constexpr std::array<EnumText<EventKind>, 4> kEventKindTexts{{
    {EventKind::kSeminar, "seminar"},
    {EventKind::kSymposium, "symposium"},
    {EventKind::kExhibition, "exhibition"},
    {EventKind::kMeetup, "meetup"},
}};
constexpr const auto& TextsOf(EventKind) { return kEventKindTexts; }

inline constexpr std::array<EnumText<EventStatus>, 2> kEventStatusTexts{{
    {EventStatus::kPublished, "published"},
    {EventStatus::kCancelled, "cancelled"},
}};
constexpr const auto& TextsOf(EventStatus) { return kEventStatusTexts; }

inline constexpr std::array<EnumText<RegistrationStatus>, 3> kRegistrationStatusTexts{{
    {RegistrationStatus::kRegistered, "registered"},
    {RegistrationStatus::kWaitlisted, "waitlisted"},
    {RegistrationStatus::kCancelled, "cancelled"},
}};
constexpr const auto& TextsOf(RegistrationStatus) { return kRegistrationStatusTexts; }

// "08:00" ↔ 480. "24:00" is allowed (closing at midnight).
std::optional<int> ParseHhmm(std::string_view text);
std::string FormatHhmm(int minutes);

// --- Slots --------------------------------------------------------------------------------
// A half-open interval [start, end): a booking ending at 10:00 does not touch one starting at 10:00.
struct Slot {
    Seconds start;
    Seconds end;
};
inline bool Overlaps(const Slot& a, const Slot& b) { return a.start < b.end && b.start < a.end; }

struct Floor {
    std::string code;  // B1, 1F, 2F, 3F
    std::string name_ja, name_en;
    int area_m2 = 0;
    int position = 0;
};

struct Space {
    std::string id, code, floor;
    SpaceKind kind = SpaceKind::kOther;
    std::string name_ja, name_en, description_ja, description_en;
    int area_m2 = 0;
    int capacity = 0;
    bool bookable = false;
    bool needs_approval = false;
    int opens_at = 8 * 60;    // minutes after local midnight
    int closes_at = 22 * 60;  // may be 1440
    int max_minutes = 240;
    int position = 0;
    bool active = true;
    Seconds created_at, updated_at;
};

enum class SlotProblem { kNone, kSpansDays, kOutsideHours, kTooLong };
// Whether `slot` fits the space's opening hours (one local day, between opening and closing)
// and its maximum length.
SlotProblem CheckOpeningRules(const Slot& slot, const Space& space);

// --- Recurrence ---------------------------------------------------------------------------
struct Recurrence {
    std::string freq;           // daily, weekly, monthly
    int interval = 1;           // every n days / weeks / months
    std::vector<int> weekdays;  // weekly: 0 = Monday … 6 = Sunday; empty = the first day's weekday
    std::optional<std::chrono::year_month_day> until;  // last local date, inclusive
    std::optional<int> count;
};
// The occurrences of a series whose first slot is `first`, in local time (a 10:00 meeting
// stays at 10:00). Weekly series start on the first chosen weekday on or after the first day;
// monthly series keep the day of month and skip months without it (as RFC 5545 does).
// Throws Error{kInvalid, "recurrence.<field>"} for a bad rule, one that gives no occurrence, or more
// than kMaxOccurrences.
std::vector<Slot> ExpandRecurrence(const Slot& first, const Recurrence& rule);
// The RRULE value for the series, ending at the start of its last generated occurrence.
std::string RRuleText(const Recurrence& rule, std::chrono::year_month_day first_day, Seconds last_start);
std::string WeekdaysText(const std::vector<int>& weekdays);  // "MO,WE"
std::vector<int> ParseWeekdays(std::string_view text);       // "MO,WE" → {0, 2}

// --- Bookings, series, events -------------------------------------------------------------
struct Booking {
    std::string id, space_id;
    std::optional<std::string> series_id;
    std::string organiser_id, title, purpose;
    int attendees = 0;
    Seconds start, end;
    BookingStatus status = BookingStatus::kPending;
    std::string decision_reason;
    std::optional<std::string> decided_by;
    std::optional<Seconds> decided_at;
    Seconds created_at, updated_at;
    // Filled in by the service for output:
    std::string space_name_ja, space_name_en, organiser_name_ja, organiser_name_en;
    std::vector<std::string> attendee_ids;                    // people invited besides the organiser
    std::vector<std::array<std::string, 3>> attendee_people;  // {id, name_ja, name_en}, filled for output
    bool details_visible = true;  // purpose and attendees only for the organiser, attendees and the office
    bool can_cancel = false;
};
// Pending and confirmed bookings hold their space (shown as taken).
constexpr bool HoldsSpace(BookingStatus status) {
    return status == BookingStatus::kPending || status == BookingStatus::kConfirmed;
}

// A slot that is taken, and the confirmed booking that holds it.
struct Clash {
    Slot slot;
    Booking booking;
};

struct Series {
    std::string id, space_id, organiser_id;
    Recurrence rule;
    Seconds first_start;
    long long duration_seconds = 0;
    Seconds created_at;
};

struct Event {
    std::string id, booking_id, space_id, organiser_id;
    EventKind kind = EventKind::kSeminar;
    std::string title_ja, title_en, description_ja, description_en;
    Seconds start, end;
    int capacity = 0;
    bool open_to_public = false;
    std::vector<std::string> tags;
    EventStatus status = EventStatus::kPublished;
    Seconds created_at, updated_at;
    // Filled in by the service:
    std::string space_name_ja, space_name_en;
    int registered = 0, waitlisted = 0, checked_in = 0;
    std::optional<std::string> my_registration_id;
    std::optional<RegistrationStatus> my_status;  // with my_registration_id
    int my_waitlist_position = 0;                 // 1-based when my_status is waitlisted
};

struct Registration {
    std::string id, event_id;
    std::optional<std::string> person_id;
    std::string name, affiliation, email, email_key;
    RegistrationStatus status = RegistrationStatus::kRegistered;
    long long seq = 0;
    std::optional<Seconds> checked_in_at;
    Seconds created_at, updated_at;
    int waitlist_position = 0;  // 1-based among the waitlisted; 0 otherwise
    std::string cancel_token;   // a guest's secret cancellation token, only right after registering
};

// --- Free slots --------------------------------------------------------------------------
// A proposed meeting: a space that is free and a time at which everybody asked is free.
struct SlotProposal {
    std::string space_id, space_name_ja, space_name_en;
    Seconds start, end;
};
// A space the search may use, with the times it is taken (any order, may overlap).
struct SlotSpace {
    Space space;
    std::vector<Slot> busy;
};
struct SlotSearch {
    int minutes = 60;
    Seconds from, to;  // the window; a proposal lies wholly inside it
    Seconds now;       // nothing starts before this
    size_t limit = 5;
    int grid_minutes = 30;
    int max_per_day = 2;
};
// The pure slot search. Candidate starts lie on a `grid_minutes` grid (Asia/Tokyo wall clock),
// on weekdays (Monday–Friday, Tokyo), not before `now`; a candidate needs one space (the first
// in `spaces` order that fits: opening hours, maximum length, not busy) and no interval of
// `people_busy` overlapping it (half-open). Proposals go first to the earliest candidate of
// each day, day after day; only when there are fewer days than `limit` does a day get more
// (up to `max_per_day`, not overlapping each other). Sorted by start.
std::vector<SlotProposal> FindFreeSlots(const std::vector<SlotSpace>& spaces, const std::vector<Slot>& people_busy,
                                        const SlotSearch& search);
// Sorted, non-overlapping, touching intervals joined.
std::vector<Slot> MergeSlots(std::vector<Slot> slots);

// --- Output formats -----------------------------------------------------------------------
// RFC 5545 TEXT escaping (backslash, semicolon, comma, newline); CR and other control characters
// but HTAB are dropped.
std::string IcsEscape(std::string_view text);
// One content line folded at 75 octets (never inside a UTF-8 character), ending in CRLF.
std::string IcsLine(std::string_view line);
std::string IcsUtc(Seconds t);    // 20261125T070000Z
std::string IcsLocal(Seconds t);  // 20261125T160000 (Asia/Tokyo wall clock)
// The VTIMEZONE block for Asia/Tokyo, folded lines with CRLF.
std::string IcsTokyoTimezone();

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Floor& f);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Space& s);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Booking& b);
// {start, end, booking}: the occurrence that clashes and the booking that holds its slot.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Clash& c);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Event& e);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Registration& r);

}  // namespace renkei::building
