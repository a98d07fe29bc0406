// The free-slot search: where and when everybody asked can meet (the pure search is
// FindFreeSlots in model.cpp; this file gathers what it needs).
#include <algorithm>
#include <map>

#include "modules/building/internal.hpp"
#include "modules/building/service.hpp"
#include "modules/building/store.hpp"

namespace renkei::building {

using std::chrono::days;

std::vector<SlotProposal> ProposeSlots(db::Tx& tx, const SlotQuery& q, Seconds now) {
    if (q.people.size() > 20) throw Invalid("people", "at most 20 people");
    std::vector<std::string> people_ids;
    for (const auto& id : q.people) {
        if (std::find(people_ids.begin(), people_ids.end(), id) != people_ids.end()) continue;
        if (!IsActivePerson(tx, id)) throw Invalid("people", "unknown or inactive person: " + id);
        people_ids.push_back(id);
    }
    if (q.minutes < 15 || q.minutes > 600) throw Invalid("minutes", "minutes must be 15 to 600");
    if (q.to <= q.from) throw Invalid("to", "to must be after from");
    if (q.to - q.from > days{31}) throw Invalid("to", "the window may span at most 31 days");
    std::optional<SpaceKind> kind;
    if (!q.kind.empty()) {
        kind = FromText<SpaceKind>(q.kind);
        if (!kind) throw Invalid("kind", "unknown kind of space");
    }
    if (q.min_capacity < 0 || q.min_capacity > 2000) throw Invalid("min_capacity", "min_capacity must be 0 to 2000");
    int need = q.min_capacity > 0 ? q.min_capacity : static_cast<int>(std::max<size_t>(people_ids.size(), 1));

    Seconds from = std::max(q.from, now);
    Seconds to = std::min(q.to, now + days{kMaxDaysAhead});  // nothing that could not be booked
    std::vector<SlotSpace> spaces;
    for (auto& s : store::ListSpaces(tx)) {
        if (!s.active || !s.bookable || s.needs_approval) continue;
        if (kind && s.kind != *kind) continue;
        if (s.capacity > 0 && s.capacity < need) continue;
        if (s.max_minutes < q.minutes) continue;
        spaces.push_back({std::move(s), {}});
    }
    // The smallest room that fits first, so large rooms stay free for large meetings.
    std::stable_sort(spaces.begin(), spaces.end(), [](const SlotSpace& a, const SlotSpace& b) {
        int ca = a.space.capacity > 0 ? a.space.capacity : 1 << 20,
            cb = b.space.capacity > 0 ? b.space.capacity : 1 << 20;
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

}  // namespace renkei::building
