// Events: seminars, symposia, exhibitions and meet-ups the office holds in a space it books
// for them; members (and, for open events, the public) see them.
#include <map>

#include "modules/building/internal.hpp"
#include "modules/building/service.hpp"
#include "modules/building/store.hpp"
#include "modules/notifications/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/ids.hpp"

namespace renkei::building {
namespace {

using std::chrono::days;

void DecorateEvent(db::Tx& tx, Event& e, const std::map<std::string, store::RegistrationCounts>& counts,
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
        if (e.my_status == RegistrationStatus::kWaitlisted)
            e.my_waitlist_position = store::WaitlistPosition(tx, e.id, it->second.seq);
    }
}

void ValidateEventText(const std::string& title_ja, const std::string& title_en) {
    if (title_ja.empty() && title_en.empty()) throw Invalid("title_ja", "give a title in Japanese or English");
}

void ValidateTags(const std::vector<std::string>& tags) {
    for (const auto& t : tags)
        if (t.empty() || t.find(',') != std::string::npos)
            throw Invalid("tags", "tags must be non-empty, without commas");
}

constexpr const char* kKindMessage = "kind must be seminar, symposium, exhibition or meetup";

}  // namespace

Event RequireEvent(db::Tx& tx, const std::string& id) {
    auto e = LooksLikeId(id) ? store::FindEvent(tx, id) : std::nullopt;
    if (!e) throw NotFound("event");
    return *e;
}

bool CanManageEvent(const Me& me, const Event& e) { return RunsBuilding(me) || me.person_id == e.organiser_id; }

void PromoteFromWaitlist(db::Tx& tx, const Event& e, Seconds now) {
    auto counts = store::CountRegistrations(tx);
    int registered = counts.count(e.id) ? counts[e.id].registered : 0;
    while (registered < e.capacity) {
        auto next = store::FirstWaitlisted(tx, e.id);
        if (!next) break;
        auto before = AuditView(*next);
        next->status = RegistrationStatus::kRegistered;
        next->updated_at = now;
        store::UpdateRegistration(tx, *next);
        audit::Record(tx, std::nullopt, "promote", "event_registration", next->id, before, AuditView(*next));
        MailPromotion(tx, e, *next, now);
        if (next->person_id)
            notifications::Notify(
                tx, *next->person_id, "waitlist_promoted", "キャンセル待ちから参加確定になりました: " + e.title_ja,
                "You moved up from the waiting list: " + (e.title_en.empty() ? e.title_ja : e.title_en), "/events",
                now);
        ++registered;
    }
}

Event CreateEvent(db::Tx& tx, const Me& me, const NewEvent& in, Seconds now) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may create events");
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
    auto plan = PlanBooking(tx, me, nb, true, now);
    if (plan.space.capacity > 0 && in.capacity > plan.space.capacity)
        throw Invalid("capacity", "more places than the space holds (" + std::to_string(plan.space.capacity) + ")");
    if (auto clashes = ClashesOf(plan); !clashes.empty()) {
        DecorateClashes(tx, me, clashes, now);
        throw BookingConflict(clashes);
    }
    Booking b;
    b.id = NewId();
    b.space_id = plan.space.id;
    b.organiser_id = me.person_id;
    b.title = nb.title;
    b.attendees = in.capacity;
    b.start = in.start;
    b.end = in.end;
    b.status = BookingStatus::kConfirmed;
    b.created_at = b.updated_at = now;
    if (auto winner = StoreBooking(tx, b)) {
        std::vector<Clash> lost{{{b.start, b.end}, *winner}};
        DecorateClashes(tx, me, lost, now);
        throw BookingConflict(lost);
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
    e.status = EventStatus::kPublished;
    e.created_at = e.updated_at = now;
    store::InsertEvent(tx, e);
    audit::Record(tx, me.person_id, "create", "event", e.id, nullptr, AuditView(e));
    DecorateEvent(tx, e, {}, {});
    return e;
}

Event UpdateEvent(db::Tx& tx, const Me& me, const std::string& id, const EventPatch& p, Seconds now) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may change events");
    store::LockEvent(tx, id);
    Event e = RequireEvent(tx, id);
    auto before = AuditView(e);
    if (e.status == EventStatus::kCancelled) throw Error{ErrorCode::kConflict, "status", "the event is cancelled"};
    if (p.kind) {
        auto kind = FromText<EventKind>(*p.kind);
        if (!kind) throw Invalid("kind", kKindMessage);
        e.kind = *kind;
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
        auto status = FromText<EventStatus>(*p.status);
        if (!status) throw Invalid("status", "status must be published or cancelled");
        cancelling = *status == EventStatus::kCancelled;
        e.status = *status;
    }
    e.updated_at = now;
    store::UpdateEvent(tx, e);
    audit::Record(tx, me.person_id, cancelling ? "cancel" : "update", "event", e.id, before, AuditView(e));
    if (cancelling) {
        if (auto b = store::FindBooking(tx, e.booking_id); b && HoldsSpace(b->status)) {
            auto bb = AuditView(*b);
            b->status = BookingStatus::kCancelled;
            b->updated_at = e.updated_at;
            store::UpdateBookingStatus(tx, *b);
            audit::Record(tx, me.person_id, "cancel", "booking", b->id, bb, AuditView(*b));
        }
        for (const auto& r : store::ListRegistrations(tx, e.id)) {
            if (r.status != RegistrationStatus::kCancelled) MailEventCancelled(tx, e, r, now);
            if (r.person_id && r.status != RegistrationStatus::kCancelled)
                notifications::Notify(tx, *r.person_id, "event_cancelled", "イベントが中止になりました: " + e.title_ja,
                                      "An event was cancelled: " + (e.title_en.empty() ? e.title_ja : e.title_en),
                                      "/events", now);
        }
    } else {
        PromoteFromWaitlist(tx, e, now);
    }
    auto counts = store::CountRegistrations(tx);
    DecorateEvent(tx, e, counts, store::RegistrationsOf(tx, me.person_id));
    return e;
}

std::vector<Event> ListEvents(db::Tx& tx, const std::optional<Me>& me, Seconds from, Seconds to) {
    auto events = store::ListEvents(tx, from, to, !me.has_value());
    auto counts = store::CountRegistrations(tx);
    std::map<std::string, Registration> mine;
    if (me) mine = store::RegistrationsOf(tx, me->person_id);
    for (auto& e : events) DecorateEvent(tx, e, counts, mine);
    return events;
}

Event GetEvent(db::Tx& tx, const std::optional<Me>& me, const std::string& id) {
    Event e = RequireEvent(tx, id);
    if (!me && (!e.open_to_public || e.status != EventStatus::kPublished)) throw NotFound("event");
    auto counts = store::CountRegistrations(tx);
    std::map<std::string, Registration> mine;
    if (me) mine = store::RegistrationsOf(tx, me->person_id);
    DecorateEvent(tx, e, counts, mine);
    return e;
}

}  // namespace renkei::building
