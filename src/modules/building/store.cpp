#include "modules/building/store.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "platform/db/in_list.hpp"
#include "platform/db/row.hpp"

namespace renkei::building::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::IsNull;
using db::ReadEnum;

constexpr const char* kSpaceColumns =
    "id, code, floor, kind, name_ja, name_en, description_ja, description_en, area_m2, capacity, bookable, "
    "needs_approval, opens_at, closes_at, max_minutes, position, active, created_at, updated_at";

Space ReadSpace(const soci::row& r) {
    Space s;
    s.id = GetString(r, 0);
    s.code = GetString(r, 1);
    s.floor = GetString(r, 2);
    s.kind = ReadEnum<SpaceKind>(r, 3);
    s.name_ja = GetString(r, 4);
    s.name_en = GetString(r, 5);
    s.description_ja = GetString(r, 6);
    s.description_en = GetString(r, 7);
    s.area_m2 = static_cast<int>(GetInt(r, 8));
    s.capacity = static_cast<int>(GetInt(r, 9));
    s.bookable = GetInt(r, 10) != 0;
    s.needs_approval = GetInt(r, 11) != 0;
    s.opens_at = static_cast<int>(GetInt(r, 12));
    s.closes_at = static_cast<int>(GetInt(r, 13));
    s.max_minutes = static_cast<int>(GetInt(r, 14));
    s.position = static_cast<int>(GetInt(r, 15));
    s.active = GetInt(r, 16) != 0;
    s.created_at = FromUnix(GetInt(r, 17));
    s.updated_at = FromUnix(GetInt(r, 18));
    return s;
}

constexpr const char* kBookingColumns =
    "b.id, b.space_id, b.series_id, b.organiser_id, b.title, b.purpose, b.attendees, b.start_at, b.end_at, "
    "b.status, b.decision_reason, b.decided_by, b.decided_at, b.created_at, b.updated_at";

Booking ReadBooking(const soci::row& r) {
    Booking b;
    b.id = GetString(r, 0);
    b.space_id = GetString(r, 1);
    b.series_id = GetOptionalString(r, 2);
    b.organiser_id = GetString(r, 3);
    b.title = GetString(r, 4);
    b.purpose = GetString(r, 5);
    b.attendees = static_cast<int>(GetInt(r, 6));
    b.start = FromUnix(GetInt(r, 7));
    b.end = FromUnix(GetInt(r, 8));
    b.status = ReadEnum<BookingStatus>(r, 9);
    b.decision_reason = GetString(r, 10);
    b.decided_by = GetOptionalString(r, 11);
    if (!IsNull(r, 12)) b.decided_at = FromUnix(GetInt(r, 12));
    b.created_at = FromUnix(GetInt(r, 13));
    b.updated_at = FromUnix(GetInt(r, 14));
    return b;
}

constexpr const char* kSeriesColumns =
    "id, space_id, organiser_id, freq, interval_n, weekdays, until_date, count_n, first_start, duration_seconds, "
    "created_at";

Series ReadSeries(const soci::row& r) {
    Series s;
    s.id = GetString(r, 0);
    s.space_id = GetString(r, 1);
    s.organiser_id = GetString(r, 2);
    s.rule.freq = GetString(r, 3);
    s.rule.interval = static_cast<int>(GetInt(r, 4));
    s.rule.weekdays = ParseWeekdays(GetString(r, 5));
    if (auto until = GetOptionalString(r, 6)) s.rule.until = ParseDate(*until);
    if (!IsNull(r, 7)) s.rule.count = static_cast<int>(GetInt(r, 7));
    s.first_start = FromUnix(GetInt(r, 8));
    s.duration_seconds = GetInt(r, 9);
    s.created_at = FromUnix(GetInt(r, 10));
    return s;
}

constexpr const char* kEventColumns =
    "id, booking_id, space_id, organiser_id, kind, title_ja, title_en, description_ja, description_en, start_at, "
    "end_at, capacity, open_to_public, tags, status, created_at, updated_at";

std::vector<std::string> SplitTags(const std::string& joined) {
    std::vector<std::string> out;
    std::stringstream in(joined);
    std::string tag;
    while (std::getline(in, tag, ','))
        if (!tag.empty()) out.push_back(tag);
    return out;
}

std::string JoinTags(const std::vector<std::string>& tags) {
    std::string out;
    for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
    return out;
}

Event ReadEvent(const soci::row& r) {
    Event e;
    e.id = GetString(r, 0);
    e.booking_id = GetString(r, 1);
    e.space_id = GetString(r, 2);
    e.organiser_id = GetString(r, 3);
    e.kind = ReadEnum<EventKind>(r, 4);
    e.title_ja = GetString(r, 5);
    e.title_en = GetString(r, 6);
    e.description_ja = GetString(r, 7);
    e.description_en = GetString(r, 8);
    e.start = FromUnix(GetInt(r, 9));
    e.end = FromUnix(GetInt(r, 10));
    e.capacity = static_cast<int>(GetInt(r, 11));
    e.open_to_public = GetInt(r, 12) != 0;
    e.tags = SplitTags(GetString(r, 13));
    e.status = ReadEnum<EventStatus>(r, 14);
    e.created_at = FromUnix(GetInt(r, 15));
    e.updated_at = FromUnix(GetInt(r, 16));
    return e;
}

constexpr const char* kRegistrationColumns =
    "id, event_id, person_id, name, affiliation, email, email_key, status, seq, checked_in_at, created_at, "
    "updated_at";

Registration ReadRegistration(const soci::row& r) {
    Registration g;
    g.id = GetString(r, 0);
    g.event_id = GetString(r, 1);
    g.person_id = GetOptionalString(r, 2);
    g.name = GetString(r, 3);
    g.affiliation = GetString(r, 4);
    g.email = GetString(r, 5);
    g.email_key = GetString(r, 6);
    g.status = ReadEnum<RegistrationStatus>(r, 7);
    g.seq = GetInt(r, 8);
    if (!IsNull(r, 9)) g.checked_in_at = FromUnix(GetInt(r, 9));
    g.created_at = FromUnix(GetInt(r, 10));
    g.updated_at = FromUnix(GetInt(r, 11));
    return g;
}

}  // namespace

void UpsertFloor(db::Tx& tx, const Floor& f) {
    int present = 0;
    tx.sql() << "SELECT COUNT(*) FROM floors WHERE code = :code", soci::use(f.code), soci::into(present);
    if (present) {
        tx.sql()
            << "UPDATE floors SET name_ja = :ja, name_en = :en, area_m2 = :area, position = :pos WHERE code = :code",
            soci::use(f.name_ja), soci::use(f.name_en), soci::use(f.area_m2), soci::use(f.position), soci::use(f.code);
    } else {
        tx.sql()
            << "INSERT INTO floors (code, name_ja, name_en, area_m2, position) VALUES (:code, :ja, :en, :area, :pos)",
            soci::use(f.code), soci::use(f.name_ja), soci::use(f.name_en), soci::use(f.area_m2), soci::use(f.position);
    }
}

std::vector<Floor> ListFloors(db::Tx& tx) {
    std::vector<Floor> out;
    soci::rowset<soci::row> rows = tx.sql().prepare
                                   << "SELECT code, name_ja, name_en, area_m2, position FROM floors ORDER BY position";
    for (const auto& r : rows)
        out.push_back({GetString(r, 0), GetString(r, 1), GetString(r, 2), static_cast<int>(GetInt(r, 3)),
                       static_cast<int>(GetInt(r, 4))});
    return out;
}

void InsertSpace(db::Tx& tx, const Space& s) {
    int bookable = s.bookable, approval = s.needs_approval, active = s.active;
    std::string kind(Text(s.kind));
    long long created = ToUnix(s.created_at), updated = ToUnix(s.updated_at);
    tx.sql() << "INSERT INTO spaces (id, code, floor, kind, name_ja, name_en, description_ja, description_en, area_m2, "
                "capacity, bookable, needs_approval, opens_at, closes_at, max_minutes, position, active, created_at, "
                "updated_at) VALUES (:id, :code, :floor, :kind, :ja, :en, :dja, :den, :area, :cap, :bookable, "
                ":approval, :opens, :closes, :max, :pos, :active, :created, :updated)",
        soci::use(s.id), soci::use(s.code), soci::use(s.floor), soci::use(kind), soci::use(s.name_ja),
        soci::use(s.name_en), soci::use(s.description_ja), soci::use(s.description_en), soci::use(s.area_m2),
        soci::use(s.capacity), soci::use(bookable), soci::use(approval), soci::use(s.opens_at), soci::use(s.closes_at),
        soci::use(s.max_minutes), soci::use(s.position), soci::use(active), soci::use(created), soci::use(updated);
}

void UpdateSpace(db::Tx& tx, const Space& s) {
    int bookable = s.bookable, approval = s.needs_approval, active = s.active;
    std::string kind(Text(s.kind));
    long long updated = ToUnix(s.updated_at);
    tx.sql() << "UPDATE spaces SET kind = :kind, name_ja = :ja, name_en = :en, description_ja = :dja, "
                "description_en = :den, area_m2 = :area, capacity = :cap, bookable = :bookable, "
                "needs_approval = :approval, opens_at = :opens, closes_at = :closes, max_minutes = :max, "
                "active = :active, updated_at = :updated WHERE id = :id",
        soci::use(kind), soci::use(s.name_ja), soci::use(s.name_en), soci::use(s.description_ja),
        soci::use(s.description_en), soci::use(s.area_m2), soci::use(s.capacity), soci::use(bookable),
        soci::use(approval), soci::use(s.opens_at), soci::use(s.closes_at), soci::use(s.max_minutes), soci::use(active),
        soci::use(updated), soci::use(s.id);
}

std::optional<Space> FindSpace(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kSpaceColumns + " FROM spaces WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadSpace(r);
    return std::nullopt;
}

std::optional<Space> FindSpaceByCode(db::Tx& tx, const std::string& code) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kSpaceColumns + " FROM spaces WHERE code = :code",
         soci::use(code));
    for (const auto& r : rows) return ReadSpace(r);
    return std::nullopt;
}

std::vector<Space> ListSpaces(db::Tx& tx) {
    std::vector<Space> out;
    soci::rowset<soci::row> rows =
        tx.sql().prepare << std::string("SELECT ") + kSpaceColumns +
                                " FROM spaces ORDER BY (SELECT f.position FROM floors f WHERE f.code = spaces.floor),"
                                " position, code";
    for (const auto& r : rows) out.push_back(ReadSpace(r));
    return out;
}

void InsertBooking(db::Tx& tx, const Booking& b) {
    soci::indicator series_ind = b.series_id ? soci::i_ok : soci::i_null;
    std::string series = b.series_id.value_or("");
    std::string status(Text(b.status));
    long long start = ToUnix(b.start), end = ToUnix(b.end), created = ToUnix(b.created_at),
              updated = ToUnix(b.updated_at);
    tx.sql() << "INSERT INTO bookings (id, space_id, series_id, organiser_id, title, purpose, attendees, start_at, "
                "end_at, status, created_at, updated_at) VALUES (:id, :space, :series, :organiser, :title, :purpose, "
                ":attendees, :start, :end, :status, :created, :updated)",
        soci::use(b.id), soci::use(b.space_id), soci::use(series, series_ind), soci::use(b.organiser_id),
        soci::use(b.title), soci::use(b.purpose), soci::use(b.attendees), soci::use(start), soci::use(end),
        soci::use(status), soci::use(created), soci::use(updated);
}

void UpdateBookingStatus(db::Tx& tx, const Booking& b) {
    soci::indicator by_ind = b.decided_by ? soci::i_ok : soci::i_null;
    soci::indicator at_ind = b.decided_at ? soci::i_ok : soci::i_null;
    std::string by = b.decided_by.value_or("");
    long long at = b.decided_at ? ToUnix(*b.decided_at) : 0;
    long long updated = ToUnix(b.updated_at);
    std::string status(Text(b.status));
    tx.sql() << "UPDATE bookings SET status = :status, decision_reason = :reason, decided_by = :by, "
                "decided_at = :at, updated_at = :updated WHERE id = :id",
        soci::use(status), soci::use(b.decision_reason), soci::use(by, by_ind), soci::use(at, at_ind),
        soci::use(updated), soci::use(b.id);
}

std::optional<Booking> FindBooking(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kBookingColumns + " FROM bookings b WHERE b.id = :id",
         soci::use(id));
    for (const auto& r : rows) return ReadBooking(r);
    return std::nullopt;
}

std::vector<Booking> ListBookings(db::Tx& tx, const BookingFilter& f) {
    std::vector<Booking> out;
    long long from = ToUnix(f.from), to = ToUnix(f.to);
    int holding_only = f.status ? 0 : 1;
    std::string status(f.status ? Text(*f.status) : "");
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kBookingColumns +
                                 " FROM bookings b WHERE b.end_at > :from AND b.start_at < :to"
                                 " AND (:space = '' OR b.space_id = :space2)"
                                 " AND (:participant = '' OR b.organiser_id = :participant2 OR EXISTS (SELECT 1 FROM"
                                 " booking_attendees a WHERE a.booking_id = b.id AND a.person_id = :participant3))"
                                 " AND ((:holding = 1 AND b.status IN ('pending', 'confirmed')) OR b.status = :status)"
                                 " ORDER BY b.start_at, b.space_id LIMIT :limit",
         soci::use(from, "from"), soci::use(to, "to"), soci::use(f.space_id, "space"), soci::use(f.space_id, "space2"),
         soci::use(f.participant_id, "participant"), soci::use(f.participant_id, "participant2"),
         soci::use(f.participant_id, "participant3"), soci::use(holding_only, "holding"), soci::use(status, "status"),
         soci::use(f.limit, "limit"));
    for (const auto& r : rows) out.push_back(ReadBooking(r));
    return out;
}

std::optional<Booking> FirstConfirmedOverlap(db::Tx& tx, const std::string& space_id, const Slot& slot,
                                             const std::string& except_id) {
    long long start = ToUnix(slot.start), end = ToUnix(slot.end);
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kBookingColumns +
                                 " FROM bookings b WHERE b.space_id = :space AND b.status = 'confirmed'"
                                 " AND b.start_at < :end AND b.end_at > :start AND b.id <> :except"
                                 " ORDER BY b.start_at LIMIT 1",
         soci::use(space_id, "space"), soci::use(end, "end"), soci::use(start, "start"),
         soci::use(except_id, "except"));
    for (const auto& r : rows) return ReadBooking(r);
    return std::nullopt;
}

std::vector<Booking> SeriesOccurrences(db::Tx& tx, const std::string& series_id) {
    std::vector<Booking> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kBookingColumns +
                                 " FROM bookings b WHERE b.series_id = :series ORDER BY b.start_at",
         soci::use(series_id));
    for (const auto& r : rows) out.push_back(ReadBooking(r));
    return out;
}

void InsertAttendees(db::Tx& tx, const std::string& booking_id, const std::vector<std::string>& person_ids) {
    for (const auto& person : person_ids)
        tx.sql() << "INSERT INTO booking_attendees (booking_id, person_id) VALUES (:booking, :person)",
            soci::use(booking_id, "booking"), soci::use(person, "person");
}

std::vector<std::string> AttendeesOf(db::Tx& tx, const std::string& booking_id) {
    std::vector<std::string> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT person_id FROM booking_attendees WHERE booking_id = :booking ORDER BY person_id",
         soci::use(booking_id));
    for (const auto& r : rows) out.push_back(GetString(r, 0));
    return out;
}

std::map<std::string, std::vector<std::string>> AttendeesOf(db::Tx& tx, const std::vector<std::string>& booking_ids) {
    std::map<std::string, std::vector<std::string>> out;
    for (size_t from = 0; from < booking_ids.size(); from += db::kInListChunk) {
        size_t to = std::min(booking_ids.size(), from + db::kInListChunk);
        soci::details::prepare_temp_type prep =
            (tx.sql().prepare << "SELECT booking_id, person_id FROM booking_attendees WHERE booking_id IN" +
                                     db::InList(to - from) + " ORDER BY booking_id, person_id");
        for (size_t i = from; i < to; ++i) prep, soci::use(booking_ids[i]);
        soci::rowset<soci::row> rows(prep);
        for (const auto& r : rows) out[GetString(r, 0)].push_back(GetString(r, 1));
    }
    return out;
}

std::map<std::string, std::vector<std::string>> AttendeesInRange(db::Tx& tx, Seconds from, Seconds to) {
    std::map<std::string, std::vector<std::string>> out;
    long long f = ToUnix(from), t = ToUnix(to);
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT a.booking_id, a.person_id FROM booking_attendees a JOIN bookings b"
                             " ON b.id = a.booking_id WHERE b.end_at > :from AND b.start_at < :to"
                             " ORDER BY a.booking_id, a.person_id",
         soci::use(f, "from"), soci::use(t, "to"));
    for (const auto& r : rows) out[GetString(r, 0)].push_back(GetString(r, 1));
    return out;
}

std::vector<Slot> BusyOf(db::Tx& tx, const std::string& person_id, Seconds from, Seconds to) {
    std::vector<Slot> out;
    long long f = ToUnix(from), t = ToUnix(to);
    soci::rowset<soci::row> rows =
        (tx.sql().prepare
             << "SELECT b.start_at, b.end_at FROM bookings b WHERE b.end_at > :from AND b.start_at < :to"
                " AND b.status IN ('pending', 'confirmed') AND (b.organiser_id = :person OR EXISTS"
                " (SELECT 1 FROM booking_attendees a WHERE a.booking_id = b.id AND a.person_id = :person2))",
         soci::use(f, "from"), soci::use(t, "to"), soci::use(person_id, "person"), soci::use(person_id, "person2"));
    for (const auto& r : rows) out.push_back({FromUnix(GetInt(r, 0)), FromUnix(GetInt(r, 1))});
    return out;
}

void InsertSeries(db::Tx& tx, const Series& s) {
    std::string weekdays = WeekdaysText(s.rule.weekdays);
    std::string until = s.rule.until ? FormatDate(*s.rule.until) : "";
    soci::indicator until_ind = s.rule.until ? soci::i_ok : soci::i_null;
    int count = s.rule.count.value_or(0);
    soci::indicator count_ind = s.rule.count ? soci::i_ok : soci::i_null;
    long long first = ToUnix(s.first_start), created = ToUnix(s.created_at);
    tx.sql() << "INSERT INTO booking_series (id, space_id, organiser_id, freq, interval_n, weekdays, until_date, "
                "count_n, first_start, duration_seconds, created_at) VALUES (:id, :space, :organiser, :freq, "
                ":interval, :weekdays, :until, :count, :first, :duration, :created)",
        soci::use(s.id), soci::use(s.space_id), soci::use(s.organiser_id), soci::use(s.rule.freq),
        soci::use(s.rule.interval), soci::use(weekdays), soci::use(until, until_ind), soci::use(count, count_ind),
        soci::use(first), soci::use(s.duration_seconds), soci::use(created);
}

std::optional<Series> FindSeries(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kSeriesColumns + " FROM booking_series WHERE id = :id",
         soci::use(id));
    for (const auto& r : rows) return ReadSeries(r);
    return std::nullopt;
}

void SetCalendarToken(db::Tx& tx, const std::string& person_id, const std::string& token_hash, Seconds at) {
    long long created = ToUnix(at);
    tx.sql() << "DELETE FROM calendar_tokens WHERE person_id = :person", soci::use(person_id);
    tx.sql() << "INSERT INTO calendar_tokens (person_id, token_hash, created_at) VALUES (:person, :hash, :created)",
        soci::use(person_id), soci::use(token_hash), soci::use(created);
}

std::optional<std::string> PersonForCalendarToken(db::Tx& tx, const std::string& token_hash) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT person_id FROM calendar_tokens WHERE token_hash = :hash", soci::use(token_hash));
    for (const auto& r : rows) return GetString(r, 0);
    return std::nullopt;
}

std::optional<Seconds> CalendarTokenCreated(db::Tx& tx, const std::string& person_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT created_at FROM calendar_tokens WHERE person_id = :person", soci::use(person_id));
    for (const auto& r : rows) return FromUnix(GetInt(r, 0));
    return std::nullopt;
}

void InsertEvent(db::Tx& tx, const Event& e) {
    std::string tags = JoinTags(e.tags);
    std::string kind(Text(e.kind)), status(Text(e.status));
    int open = e.open_to_public;
    long long start = ToUnix(e.start), end = ToUnix(e.end), created = ToUnix(e.created_at),
              updated = ToUnix(e.updated_at);
    tx.sql() << "INSERT INTO events (id, booking_id, space_id, organiser_id, kind, title_ja, title_en, description_ja, "
                "description_en, start_at, end_at, capacity, open_to_public, tags, status, created_at, updated_at) "
                "VALUES (:id, :booking, :space, :organiser, :kind, :tja, :ten, :dja, :den, :start, :end, :cap, :open, "
                ":tags, :status, :created, :updated)",
        soci::use(e.id), soci::use(e.booking_id), soci::use(e.space_id), soci::use(e.organiser_id), soci::use(kind),
        soci::use(e.title_ja), soci::use(e.title_en), soci::use(e.description_ja), soci::use(e.description_en),
        soci::use(start), soci::use(end), soci::use(e.capacity), soci::use(open), soci::use(tags), soci::use(status),
        soci::use(created), soci::use(updated);
}

void UpdateEvent(db::Tx& tx, const Event& e) {
    std::string tags = JoinTags(e.tags);
    std::string kind(Text(e.kind)), status(Text(e.status));
    int open = e.open_to_public;
    long long updated = ToUnix(e.updated_at);
    tx.sql() << "UPDATE events SET kind = :kind, title_ja = :tja, title_en = :ten, description_ja = :dja, "
                "description_en = :den, capacity = :cap, open_to_public = :open, tags = :tags, status = :status, "
                "updated_at = :updated WHERE id = :id",
        soci::use(kind), soci::use(e.title_ja), soci::use(e.title_en), soci::use(e.description_ja),
        soci::use(e.description_en), soci::use(e.capacity), soci::use(open), soci::use(tags), soci::use(status),
        soci::use(updated), soci::use(e.id);
}

std::optional<Event> FindEvent(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kEventColumns + " FROM events WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadEvent(r);
    return std::nullopt;
}

void LockSpace(db::Tx& tx, const std::string& space_id) {
    if (tx.engine() != db::Engine::kPostgres) return;
    std::string ignored;
    soci::indicator ind;
    tx.sql() << "SELECT id FROM spaces WHERE id = :id FOR NO KEY UPDATE", soci::use(space_id), soci::into(ignored, ind);
}

void LockEvent(db::Tx& tx, const std::string& id) {
    if (tx.engine() != db::Engine::kPostgres) return;
    std::string ignored;
    soci::indicator ind;
    tx.sql() << "SELECT id FROM events WHERE id = :id FOR UPDATE", soci::use(id), soci::into(ignored, ind);
}

std::vector<Event> ListEvents(db::Tx& tx, Seconds from, Seconds to, bool public_only) {
    std::vector<Event> out;
    long long f = ToUnix(from), t = ToUnix(to);
    int only = public_only ? 1 : 0;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kEventColumns +
                                 " FROM events WHERE end_at > :from AND start_at < :to"
                                 " AND (:public = 0 OR (open_to_public = 1 AND status = 'published'))"
                                 " ORDER BY start_at, id",
         soci::use(f, "from"), soci::use(t, "to"), soci::use(only, "public"));
    for (const auto& r : rows) out.push_back(ReadEvent(r));
    return out;
}

void InsertRegistration(db::Tx& tx, const Registration& g) {
    soci::indicator person_ind = g.person_id ? soci::i_ok : soci::i_null;
    std::string person = g.person_id.value_or("");
    std::string status(Text(g.status));
    long long created = ToUnix(g.created_at), updated = ToUnix(g.updated_at);
    tx.sql() << "INSERT INTO event_registrations (id, event_id, person_id, name, affiliation, email, email_key, "
                "status, seq, created_at, updated_at) VALUES (:id, :event, :person, :name, :aff, :email, :key, "
                ":status, :seq, :created, :updated)",
        soci::use(g.id), soci::use(g.event_id), soci::use(person, person_ind), soci::use(g.name),
        soci::use(g.affiliation), soci::use(g.email), soci::use(g.email_key), soci::use(status), soci::use(g.seq),
        soci::use(created), soci::use(updated);
}

void UpdateRegistration(db::Tx& tx, const Registration& g) {
    soci::indicator in_ind = g.checked_in_at ? soci::i_ok : soci::i_null;
    long long checked = g.checked_in_at ? ToUnix(*g.checked_in_at) : 0;
    long long updated = ToUnix(g.updated_at);
    std::string status(Text(g.status));
    tx.sql() << "UPDATE event_registrations SET name = :name, affiliation = :aff, status = :status, seq = :seq, "
                "checked_in_at = :checked, updated_at = :updated WHERE id = :id",
        soci::use(g.name), soci::use(g.affiliation), soci::use(status), soci::use(g.seq), soci::use(checked, in_ind),
        soci::use(updated), soci::use(g.id);
}

std::optional<Registration> FindRegistration(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRegistrationColumns + " FROM event_registrations WHERE id = :id",
         soci::use(id));
    for (const auto& r : rows) return ReadRegistration(r);
    return std::nullopt;
}

std::optional<Registration> FindRegistrationByEmailKey(db::Tx& tx, const std::string& event_id,
                                                       const std::string& email_key) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRegistrationColumns +
                                 " FROM event_registrations WHERE event_id = :event AND email_key = :key",
         soci::use(event_id, "event"), soci::use(email_key, "key"));
    for (const auto& r : rows) return ReadRegistration(r);
    return std::nullopt;
}

std::vector<Registration> ListRegistrations(db::Tx& tx, const std::string& event_id) {
    std::vector<Registration> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRegistrationColumns +
                                 " FROM event_registrations WHERE event_id = :event ORDER BY"
                                 " CASE status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, seq, id",
         soci::use(event_id));
    int position = 0;
    for (const auto& r : rows) {
        out.push_back(ReadRegistration(r));
        if (out.back().status == RegistrationStatus::kWaitlisted) out.back().waitlist_position = ++position;
    }
    return out;
}

std::map<std::string, RegistrationCounts> CountRegistrations(db::Tx& tx) {
    std::map<std::string, RegistrationCounts> out;
    soci::rowset<soci::row> rows =
        tx.sql().prepare << "SELECT event_id, status, COUNT(*), COUNT(checked_in_at) FROM event_registrations "
                            "WHERE status <> 'cancelled' GROUP BY event_id, status";
    for (const auto& r : rows) {
        auto& c = out[GetString(r, 0)];
        int n = static_cast<int>(GetInt(r, 2));
        auto status = ReadEnum<RegistrationStatus>(r, 1);
        if (status == RegistrationStatus::kRegistered) c.registered = n;
        if (status == RegistrationStatus::kWaitlisted) c.waitlisted = n;
        c.checked_in += static_cast<int>(GetInt(r, 3));
    }
    return out;
}

long long NextRegistrationSeq(db::Tx& tx, const std::string& event_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT MAX(seq) FROM event_registrations WHERE event_id = :event", soci::use(event_id));
    for (const auto& r : rows) return IsNull(r, 0) ? 1 : GetInt(r, 0) + 1;
    return 1;
}

int WaitlistPosition(db::Tx& tx, const std::string& event_id, long long seq) {
    int ahead = 0;
    tx.sql() << "SELECT COUNT(*) FROM event_registrations WHERE event_id = :event AND status = 'waitlisted'"
                " AND seq < :seq",
        soci::use(event_id, "event"), soci::use(seq, "seq"), soci::into(ahead);
    return ahead + 1;
}

void SetRegistrationToken(db::Tx& tx, const std::string& id, const std::string& token_hash) {
    tx.sql() << "UPDATE event_registrations SET cancel_token_hash = :hash WHERE id = :id",
        soci::use(token_hash, "hash"), soci::use(id, "id");
}

std::optional<Registration> FindRegistrationByToken(db::Tx& tx, const std::string& event_id,
                                                    const std::string& token_hash) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRegistrationColumns +
                                 " FROM event_registrations WHERE event_id = :event AND cancel_token_hash = :hash",
         soci::use(event_id, "event"), soci::use(token_hash, "hash"));
    for (const auto& r : rows) return ReadRegistration(r);
    return std::nullopt;
}

std::optional<Registration> FirstWaitlisted(db::Tx& tx, const std::string& event_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRegistrationColumns +
                                 " FROM event_registrations WHERE event_id = :event AND status = 'waitlisted'"
                                 " ORDER BY seq, id LIMIT 1",
         soci::use(event_id));
    for (const auto& r : rows) return ReadRegistration(r);
    return std::nullopt;
}

std::map<std::string, Registration> RegistrationsOf(db::Tx& tx, const std::string& person_id) {
    std::map<std::string, Registration> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRegistrationColumns +
                                 " FROM event_registrations WHERE person_id = :person AND status <> 'cancelled'",
         soci::use(person_id));
    for (const auto& r : rows) {
        auto g = ReadRegistration(r);
        out.emplace(g.event_id, g);
    }
    return out;
}

}  // namespace renkei::building::store
