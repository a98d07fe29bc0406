// The projects module's SQL for progress review meetings: the meetings, their attendees and
// decisions (see store.hpp).
#include "modules/projects/store.hpp"
#include "platform/db/row.hpp"

namespace renkei::projects::store {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::Nullable;

void InsertMeeting(db::Tx& tx, const Meeting& m) {
    Nullable space(m.space_id), booking(m.booking_id);
    long long start = ToUnix(m.starts_at), end = ToUnix(m.ends_at), created = ToUnix(m.created_at),
              updated = ToUnix(m.updated_at);
    tx.sql()
        << "INSERT INTO project_meetings (id, project_id, title, starts_at, ends_at, space_id, booking_id, status, "
           "minutes, created_by, created_at, updated_at) VALUES (:id, :p, :t, :s, :e, :space, :booking, :status, "
           ":minutes, :by, :created, :updated)",
        soci::use(m.id), soci::use(m.project_id), soci::use(m.title), soci::use(start), soci::use(end),
        soci::use(space.value, space.ind), soci::use(booking.value, booking.ind), soci::use(m.status),
        soci::use(m.minutes), soci::use(m.created_by.id), soci::use(created), soci::use(updated);
    for (const auto& a : m.attendees)
        tx.sql() << "INSERT INTO project_meeting_attendees (meeting_id, person_id) VALUES (:m, :p)", soci::use(m.id),
            soci::use(a.id);
}

void UpdateMeeting(db::Tx& tx, const Meeting& m) {
    Nullable space(m.space_id), booking(m.booking_id);
    long long start = ToUnix(m.starts_at), end = ToUnix(m.ends_at), updated = ToUnix(m.updated_at);
    tx.sql() << "UPDATE project_meetings SET title = :t, starts_at = :s, ends_at = :e, space_id = :space, booking_id = "
                ":booking, status = :status, minutes = :minutes, updated_at = :updated WHERE id = :id",
        soci::use(m.title), soci::use(start), soci::use(end), soci::use(space.value, space.ind),
        soci::use(booking.value, booking.ind), soci::use(m.status), soci::use(m.minutes), soci::use(updated),
        soci::use(m.id);
}

namespace {
constexpr const char* kMeetingColumns =
    "SELECT id, project_id, title, starts_at, ends_at, space_id, booking_id, status, minutes, created_by, created_at, "
    "updated_at FROM project_meetings ";
Meeting ReadMeeting(const soci::row& r) {
    Meeting m;
    m.id = GetString(r, 0);
    m.project_id = GetString(r, 1);
    m.title = GetString(r, 2);
    m.starts_at = FromUnix(GetInt(r, 3));
    m.ends_at = FromUnix(GetInt(r, 4));
    m.space_id = GetOptionalString(r, 5);
    m.booking_id = GetOptionalString(r, 6);
    m.status = GetString(r, 7);
    m.minutes = GetString(r, 8);
    m.created_by = PersonRef{GetString(r, 9), "", ""};
    m.created_at = FromUnix(GetInt(r, 10));
    m.updated_at = FromUnix(GetInt(r, 11));
    return m;
}
void LoadMeetingParts(db::Tx& tx, Meeting& m) {
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare
                 << "SELECT person_id FROM project_meeting_attendees WHERE meeting_id = :m ORDER BY person_id",
             soci::use(m.id));
        for (const auto& r : rows) m.attendees.push_back(PersonRef{GetString(r, 0), "", ""});
    }
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, text, milestone_id, created_by, created_at FROM project_meeting_decisions "
                             "WHERE meeting_id = :m ORDER BY position, id",
         soci::use(m.id));
    for (const auto& r : rows) {
        MeetingDecision d;
        d.id = GetString(r, 0);
        d.meeting_id = m.id;
        d.text = GetString(r, 1);
        if (auto milestone = GetOptionalString(r, 2)) {
            Milestone task;
            task.id = *milestone;
            d.task = task;
        }
        d.created_by = PersonRef{GetString(r, 3), "", ""};
        d.created_at = FromUnix(GetInt(r, 4));
        m.decisions.push_back(d);
    }
}
}  // namespace

std::optional<Meeting> FindMeeting(db::Tx& tx, const std::string& project_id, const std::string& id) {
    std::optional<Meeting> m;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kMeetingColumns) + "WHERE id = :id AND project_id = :p", soci::use(id),
             soci::use(project_id));
        for (const auto& r : rows) m = ReadMeeting(r);
    }
    if (m) LoadMeetingParts(tx, *m);
    return m;
}

std::vector<Meeting> Meetings(db::Tx& tx, const std::string& project_id) {
    std::vector<Meeting> out;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kMeetingColumns) + "WHERE project_id = :p ORDER BY starts_at DESC, id",
             soci::use(project_id));
        for (const auto& r : rows) out.push_back(ReadMeeting(r));
    }
    for (auto& m : out) LoadMeetingParts(tx, m);
    return out;
}

void InsertDecision(db::Tx& tx, const std::string& project_id, const MeetingDecision& d) {
    Nullable milestone(d.task ? std::optional<std::string>(d.task->id) : std::nullopt);
    long long at = ToUnix(d.created_at);
    long long position = 0;
    tx.sql() << "SELECT COUNT(*) FROM project_meeting_decisions WHERE meeting_id = :m", soci::use(d.meeting_id),
        soci::into(position);
    position += 1;
    tx.sql() << "INSERT INTO project_meeting_decisions (id, meeting_id, project_id, position, text, milestone_id, "
                "created_by, created_at) VALUES (:id, :m, :p, :pos, :t, :ms, :by, :at)",
        soci::use(d.id), soci::use(d.meeting_id), soci::use(project_id), soci::use(position), soci::use(d.text),
        soci::use(milestone.value, milestone.ind), soci::use(d.created_by.id), soci::use(at);
}

void SetDecisionTask(db::Tx& tx, const std::string& decision_id, const std::string& milestone_id) {
    tx.sql() << "UPDATE project_meeting_decisions SET milestone_id = :ms WHERE id = :id", soci::use(milestone_id),
        soci::use(decision_id);
}

}  // namespace renkei::projects::store
