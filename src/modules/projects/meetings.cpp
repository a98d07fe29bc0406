// Progress review meetings: pick members, find a common free time and a room (building module),
// record minutes and decisions, and turn decisions into tasks (milestones in the owner's inbox).
#include <algorithm>
#include <boost/json.hpp>

#include "modules/building/service.hpp"
#include "modules/inbox/model.hpp"
#include "modules/notifications/service.hpp"
#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::projects {
namespace {

// ---- rooms (building module) ----

std::pair<std::string, std::string> SpaceNames(db::Tx& tx, const std::string& space_id) {
    auto s = building::FindSpace(tx, space_id);
    return s ? std::pair{s->name_ja, s->name_en} : std::pair<std::string, std::string>{};
}

// Books the room for the meeting with everyone as attendees; returns the booking id.
std::string BookRoom(db::Tx& tx, const Me& me, const std::string& space_id, const std::string& title,
                     const std::vector<std::string>& people, Seconds start, Seconds end, Seconds now) {
    building::NewBooking b;
    b.space_id = space_id;
    b.title = text::Utf8Prefix(title, 200);
    b.purpose = "progress review meeting";
    b.attendees = static_cast<int>(people.size());
    for (const auto& person : people)
        if (person != me.person_id) b.attendee_ids.push_back(person);
    b.start = start;
    b.end = end;
    try {
        auto result = building::Book(tx, me, b, now);
        if (result.bookings.empty()) throw Error{ErrorCode::kConflict, "space_id", "the room could not be booked"};
        return result.bookings.front().id;
    } catch (const building::BookingConflict& c) {
        // The meeting form picks the room: the conflict is the room's, with the clashing booking.
        throw Error{ErrorCode::kConflict, "space_id", "the room is taken at that time"}.WithDetails(c.details());
    } catch (const Error& e) {
        if (e.code() == ErrorCode::kNotFound) throw Invalid("space_id", "no such room");
        if (e.code() == ErrorCode::kInvalid && e.field() != "start" && e.field() != "end")
            throw Invalid("space_id", e.what());
        throw;
    }
}

void CancelRoom(db::Tx& tx, const Me& me, const std::string& booking_id, Seconds now) {
    try {
        building::CancelBooking(tx, me, booking_id, "this", now);
    } catch (const Error& e) {
        // Already cancelled or declined by the office: nothing to free.
        if (e.code() != ErrorCode::kConflict && e.code() != ErrorCode::kNotFound) throw;
    }
}

void RequireMemberOrOffice(const Project& p, const Me& me) {
    auto rel = RelationOf(p, me);
    if (!rel.is_member && !rel.is_office)
        throw Forbidden("only the project's members and the office hold its meetings");
}

boost::json::value MeetingSnapshot(const Meeting& m) {
    boost::json::array attendees;
    for (const auto& a : m.attendees) attendees.push_back(boost::json::value(a.id));
    return boost::json::object{{"project_id", m.project_id},
                               {"title", m.title},
                               {"start", FormatUtc(m.starts_at)},
                               {"end", FormatUtc(m.ends_at)},
                               {"space_id", m.space_id ? boost::json::value(*m.space_id) : nullptr},
                               {"booking_id", m.booking_id ? boost::json::value(*m.booking_id) : nullptr},
                               {"status", m.status},
                               {"minutes", m.minutes},
                               {"attendees", std::move(attendees)}};
}

// Names, rooms and the milestones behind decisions, for display.
void Fill(db::Tx& tx, Meeting& m, Seconds now) {
    NameBook names(tx);
    names.Fill(m.created_by);
    for (auto& a : m.attendees) names.Fill(a);
    std::sort(m.attendees.begin(), m.attendees.end(),
              [](const PersonRef& a, const PersonRef& b) { return a.name_ja < b.name_ja; });
    std::string today = TokyoDate(now);
    for (auto& d : m.decisions) {
        names.Fill(d.created_by);
        if (!d.task) continue;
        if (auto ms = store::FindMilestone(tx, m.project_id, d.task->id)) {
            d.task = *ms;
            names.Fill(d.task->owner);
            d.task->overdue = !d.task->done_at && d.task->due_on < today;
        }
    }
    if (m.space_id) std::tie(m.space_name_ja, m.space_name_en) = SpaceNames(tx, *m.space_id);
}

Meeting Reload(db::Tx& tx, const std::string& project_id, const std::string& id, Seconds now) {
    auto m = store::FindMeeting(tx, project_id, id);
    if (!m) throw NotFound("meeting");
    Fill(tx, *m, now);
    return *m;
}

}  // namespace

Meeting CreateMeeting(db::Tx& tx, const Me& me, const std::string& id, const NewMeeting& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireMemberOrOffice(p, me);
    RequireActive(p);
    Meeting m;
    m.id = NewId();
    m.project_id = p.id;
    m.title = CheckText("title", in.title, 200, true, true);
    if (in.end <= in.start) throw Invalid("end", "end must be after start");
    if (!IsValidMeetingTime(in.start, in.end))
        throw Invalid("start", "a meeting starts on a quarter hour and lasts 15 minutes to 8 hours");
    if (in.start < now - std::chrono::hours{24 * 365}) throw Invalid("start", "start is too far in the past");
    m.starts_at = in.start;
    m.ends_at = in.end;
    std::set<std::string> seen;
    std::vector<std::string> attendee_ids = in.attendee_ids;
    if (p.FindMember(me.person_id)) attendee_ids.insert(attendee_ids.begin(), me.person_id);
    for (const auto& a : attendee_ids) {
        if (!seen.insert(a).second) continue;
        if (!p.FindMember(a)) throw Invalid("attendee_ids", "attendees are members of the project");
        m.attendees.push_back(PersonRef{a, "", ""});
    }
    if (m.attendees.empty()) throw Invalid("attendee_ids", "pick at least one member");
    if (m.attendees.size() > 20) throw Invalid("attendee_ids", "at most 20 attendees");
    m.status = "planned";
    m.created_by = PersonRef{me.person_id, "", ""};
    m.created_at = m.updated_at = now;
    if (in.space_id) {
        std::vector<std::string> people;
        for (const auto& a : m.attendees) people.push_back(a.id);
        m.space_id = *in.space_id;
        m.booking_id =
            BookRoom(tx, me, *in.space_id, p.title_ja + " — " + m.title, people, m.starts_at, m.ends_at, now);
    }
    store::InsertMeeting(tx, m);
    audit::Record(tx, me.person_id, "create", "project_meeting", m.id, nullptr, MeetingSnapshot(m));
    // With a room, the building module tells the attendees of the booking; without, we do.
    if (!m.booking_id) {
        std::string when = TokyoDate(m.starts_at);
        for (const auto& a : m.attendees)
            if (a.id != me.person_id)
                notifications::Notify(tx, a.id, "projects.meeting", "進捗会議 " + when + ": " + m.title,
                                      "Review meeting " + when + ": " + m.title, "/projects/" + p.id + "/meetings",
                                      now);
    }
    return Reload(tx, p.id, m.id, now);
}

Meeting UpdateMeeting(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                      const MeetingPatch& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto found = store::FindMeeting(tx, p.id, meeting_id);
    if (!found) throw NotFound("meeting");
    RequireMemberOrOffice(p, me);
    Meeting m = *found;
    auto before = MeetingSnapshot(m);
    if (in.title) m.title = CheckText("title", *in.title, 200, true, true);
    if (in.minutes) m.minutes = CheckText("minutes", *in.minutes, 20000, false, true);
    if (in.status) {
        if (!IsMeetingStatus(*in.status)) throw Invalid("status", "status must be planned, held or cancelled");
        if (m.status == "cancelled" && *in.status != "cancelled")
            throw Error{ErrorCode::kConflict, "status", "a cancelled meeting stays cancelled"};
        if (*in.status == "cancelled" && m.status != "cancelled" && m.booking_id) {
            if (m.created_by.id != me.person_id && !me.HasRole("office"))
                throw Forbidden("only who booked the room or the office cancels this meeting");
            CancelRoom(tx, me, *m.booking_id, now);
        }
        m.status = *in.status;
    }
    m.updated_at = now;
    store::UpdateMeeting(tx, m);
    audit::Record(tx, me.person_id, in.status && *in.status == "cancelled" ? "cancel" : "update", "project_meeting",
                  m.id, before, MeetingSnapshot(m));
    return Reload(tx, p.id, m.id, now);
}

std::vector<Meeting> ListMeetings(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto list = store::Meetings(tx, p.id);
    for (auto& m : list) Fill(tx, m, now);
    return list;
}

Meeting AddDecision(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                    const std::string& text, const std::optional<TaskInput>& task, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto m = store::FindMeeting(tx, p.id, meeting_id);
    if (!m) throw NotFound("meeting");
    RequireMemberOrOffice(p, me);
    if (m->status == "cancelled") throw Error{ErrorCode::kConflict, "status", "the meeting was cancelled"};
    MeetingDecision d;
    d.id = NewId();
    d.meeting_id = m->id;
    d.text = CheckText("text", text, 2000, true, true);
    d.created_by = PersonRef{me.person_id, "", ""};
    d.created_at = now;
    if (task) {
        d.task = AddMilestone(tx, me, p.id, text::Utf8Ellipsis(d.text, 200), task->owner_id, task->due_on, now);
    }
    store::InsertDecision(tx, p.id, d);
    audit::Record(tx, me.person_id, "create", "project_meeting_decision", d.id, nullptr,
                  boost::json::object{{"meeting_id", m->id},
                                      {"text", d.text},
                                      {"milestone_id", d.task ? boost::json::value(d.task->id) : nullptr}});
    return Reload(tx, p.id, m->id, now);
}

Meeting DecisionToTask(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                       const std::string& decision_id, const TaskInput& task, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto m = store::FindMeeting(tx, p.id, meeting_id);
    if (!m) throw NotFound("meeting");
    auto it = std::find_if(m->decisions.begin(), m->decisions.end(),
                           [&](const MeetingDecision& d) { return d.id == decision_id; });
    if (it == m->decisions.end()) throw NotFound("decision");
    RequireMemberOrOffice(p, me);
    if (it->task) throw Error{ErrorCode::kConflict, "decision", "this decision is a task already"};
    auto milestone = AddMilestone(tx, me, p.id, text::Utf8Ellipsis(it->text, 200), task.owner_id, task.due_on, now);
    store::SetDecisionTask(tx, it->id, milestone.id);
    audit::Record(tx, me.person_id, "make_task", "project_meeting_decision", it->id, nullptr,
                  boost::json::object{{"meeting_id", m->id}, {"milestone_id", milestone.id}});
    return Reload(tx, p.id, m->id, now);
}

}  // namespace renkei::projects
