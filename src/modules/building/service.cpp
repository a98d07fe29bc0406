// What the building's service files share: who runs the building, the conflict error, names
// for output and the audit views.
#include "modules/building/service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "modules/building/internal.hpp"
#include "modules/people/service.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::building {
namespace {

namespace json = boost::json;

std::string ConflictMessage(const std::vector<Clash>& clashes) {
    if (clashes.size() == 1) return "the space is already booked at that time";
    return std::to_string(clashes.size()) + " occurrences clash with existing bookings";
}

}  // namespace

BookingConflict::BookingConflict(const std::vector<Clash>& clashes)
    : Error(ErrorCode::kConflict, "start", ConflictMessage(clashes)) {
    With("conflict", clashes.empty() ? json::value(nullptr) : json::value_from(clashes.front().booking));
    With("conflicts", json::value_from(clashes));
}

bool RunsBuilding(const Me& me) { return me.HasAnyRole({"office", "admin"}); }

SpaceNames::SpaceNames(db::Tx& tx) {
    for (auto& s : store::ListSpaces(tx)) spaces_.emplace(s.id, std::move(s));
}

const Space* SpaceNames::Find(const std::string& id) const {
    auto it = spaces_.find(id);
    return it == spaces_.end() ? nullptr : &it->second;
}

bool IsActivePerson(db::Tx& tx, const std::string& id) {
    if (!LooksLikeId(id)) return false;
    auto p = people::FindPerson(tx, id);
    return p && p->active;
}

namespace {

void Decorate(Booking& b, const Me& me, people::NameBook& names, const SpaceNames& spaces, Seconds now) {
    if (const auto* s = spaces.Find(b.space_id)) {
        b.space_name_ja = s->name_ja;
        b.space_name_en = s->name_en;
    }
    const auto& n = names.Of(b.organiser_id);
    b.organiser_name_ja = n.name_ja;
    b.organiser_name_en = n.name_en;
    bool mine_or_office = me.person_id == b.organiser_id || RunsBuilding(me);
    bool attending = std::find(b.attendee_ids.begin(), b.attendee_ids.end(), me.person_id) != b.attendee_ids.end();
    b.details_visible = mine_or_office || attending;
    b.can_cancel = mine_or_office && HoldsSpace(b.status) && b.end > now;
    b.attendee_people.clear();
    if (b.details_visible)
        for (const auto& id : b.attendee_ids) {
            const auto& an = names.Of(id);
            b.attendee_people.push_back({id, an.name_ja, an.name_en});
        }
}

}  // namespace

void DecorateAll(db::Tx& tx, const Me& me, const std::vector<Booking*>& bookings, Seconds now) {
    std::vector<std::string> ids;
    for (const auto* b : bookings) {
        ids.push_back(b->organiser_id);
        ids.insert(ids.end(), b->attendee_ids.begin(), b->attendee_ids.end());
    }
    people::NameBook names(tx);
    names.Load(ids);
    SpaceNames spaces(tx);
    for (auto* b : bookings) Decorate(*b, me, names, spaces, now);
}

void DecorateClashes(db::Tx& tx, const Me& me, std::vector<Clash>& clashes, Seconds now) {
    std::vector<Booking*> bookings;
    bookings.reserve(clashes.size());
    for (auto& c : clashes) bookings.push_back(&c.booking);
    DecorateAll(tx, me, bookings, now);
}

json::value AuditView(const Booking& b) {
    json::object o{{"space_id", b.space_id},      {"title", b.title},
                   {"start", FormatUtc(b.start)}, {"end", FormatUtc(b.end)},
                   {"status", Text(b.status)},    {"organiser_id", b.organiser_id},
                   {"attendees", b.attendees},    {"decision_reason", b.decision_reason}};
    if (b.series_id) o["series_id"] = *b.series_id;
    if (!b.attendee_ids.empty()) o["attendee_ids"] = json::value_from(b.attendee_ids);
    return o;
}

json::value AuditView(const Event& e) {
    json::array tags;
    for (const auto& t : e.tags) tags.push_back(json::value(t));
    return json::object{{"booking_id", e.booking_id},
                        {"space_id", e.space_id},
                        {"kind", Text(e.kind)},
                        {"title_ja", e.title_ja},
                        {"title_en", e.title_en},
                        {"start", FormatUtc(e.start)},
                        {"end", FormatUtc(e.end)},
                        {"capacity", e.capacity},
                        {"open_to_public", e.open_to_public},
                        {"tags", tags},
                        {"status", Text(e.status)}};
}

json::value AuditView(const Registration& r) {
    json::object o{{"event_id", r.event_id},
                   {"name", r.name},
                   {"affiliation", r.affiliation},
                   {"email", r.email},
                   {"status", Text(r.status)}};
    o["person_id"] = r.person_id ? json::value(*r.person_id) : json::value(nullptr);
    o["checked_in_at"] = r.checked_in_at ? json::value(FormatUtc(*r.checked_in_at)) : json::value(nullptr);
    return o;
}

}  // namespace renkei::building
