// Floors and spaces: what the building has, and the office's edits of it.
#include <boost/json.hpp>

#include "modules/building/internal.hpp"
#include "modules/building/service.hpp"
#include "modules/building/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/ids.hpp"

namespace renkei::building {
namespace {

namespace json = boost::json;

json::value AuditView(const Space& s) { return json::value_from(s); }

}  // namespace

std::vector<Floor> ListFloors(db::Tx& tx) { return store::ListFloors(tx); }
std::vector<Space> ListSpaces(db::Tx& tx) { return store::ListSpaces(tx); }

std::optional<Space> FindSpace(db::Tx& tx, const std::string& id) {
    return LooksLikeId(id) ? store::FindSpace(tx, id) : std::nullopt;
}

Space GetSpace(db::Tx& tx, const std::string& id) {
    auto s = FindSpace(tx, id);
    if (!s) throw NotFound("space");
    return *s;
}

void EnsureFloor(db::Tx& tx, const Floor& floor) { store::UpsertFloor(tx, floor); }

Floor PutFloor(db::Tx& tx, const Me& me, const Floor& floor) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may edit floors");
    if (floor.code.empty() || floor.code.size() > 8) throw Invalid("code", "a floor code is 1 to 8 characters");
    if (floor.name_ja.empty()) throw Invalid("name_ja", "name_ja is required");
    if (floor.area_m2 < 0 || floor.area_m2 > 100000) throw Invalid("area_m2", "area_m2 must be 0 to 100000");
    json::value before = nullptr;
    for (const auto& f : store::ListFloors(tx))
        if (f.code == floor.code) before = json::value_from(f);
    store::UpsertFloor(tx, floor);
    audit::Record(tx, me.person_id, before.is_null() ? "create" : "update", "floor", floor.code, before,
                  json::value_from(floor));
    return floor;
}

Space CreateSpace(db::Tx& tx, const std::optional<std::string>& actor, Space space, Seconds now) {
    if (space.code.empty()) throw Invalid("code", "code is required");
    if (space.name_ja.empty()) throw Invalid("name_ja", "name_ja is required");
    bool floor_known = false;
    for (const auto& f : store::ListFloors(tx)) floor_known = floor_known || f.code == space.floor;
    if (!floor_known) throw Invalid("floor", "unknown floor");
    if (space.opens_at >= space.closes_at) throw Invalid("closes_at", "closing must be after opening");
    if (store::FindSpaceByCode(tx, space.code))
        throw Error{ErrorCode::kConflict, "code", "a space with this code exists"};
    space.id = NewId();
    space.created_at = space.updated_at = now;
    store::InsertSpace(tx, space);
    audit::Record(tx, actor, "create", "space", space.id, nullptr, AuditView(space));
    return space;
}

Space UpdateSpace(db::Tx& tx, const Me& me, const std::string& id, const SpacePatch& p, Seconds now) {
    if (!RunsBuilding(me)) throw Forbidden("only the office may edit spaces");
    Space s = GetSpace(tx, id);
    auto before = AuditView(s);
    if (p.kind) {
        auto kind = FromText<SpaceKind>(*p.kind);
        if (!kind) throw Invalid("kind", "unknown kind of space");
        s.kind = *kind;
    }
    if (p.name_ja) {
        if (p.name_ja->empty()) throw Invalid("name_ja", "name_ja is required");
        s.name_ja = *p.name_ja;
    }
    if (p.name_en) s.name_en = *p.name_en;
    if (p.description_ja) s.description_ja = *p.description_ja;
    if (p.description_en) s.description_en = *p.description_en;
    if (p.area_m2) {
        if (*p.area_m2 < 0 || *p.area_m2 > 5000) throw Invalid("area_m2", "area_m2 must be 0 to 5000");
        s.area_m2 = *p.area_m2;
    }
    if (p.capacity) {
        if (*p.capacity < 0 || *p.capacity > 2000) throw Invalid("capacity", "capacity must be 0 to 2000");
        s.capacity = *p.capacity;
    }
    if (p.opens_at) s.opens_at = *p.opens_at;
    if (p.closes_at) s.closes_at = *p.closes_at;
    if (s.opens_at >= s.closes_at)
        throw Invalid(p.closes_at ? "closes_at" : "opens_at", "closing must be after opening");
    if (p.max_minutes) {
        if (*p.max_minutes < 15 || *p.max_minutes > 1440)
            throw Invalid("max_minutes", "max_minutes must be 15 to 1440");
        s.max_minutes = *p.max_minutes;
    }
    if (p.bookable) s.bookable = *p.bookable;
    if (p.needs_approval) s.needs_approval = *p.needs_approval;
    if (p.active) s.active = *p.active;
    s.updated_at = now;
    store::UpdateSpace(tx, s);
    audit::Record(tx, me.person_id, "update", "space", s.id, before, AuditView(s));
    return s;
}

}  // namespace renkei::building
