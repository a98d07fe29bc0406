#include <boost/json.hpp>

#include "modules/centre/routes.hpp"
#include "modules/centre/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/row.hpp"
#include "platform/ids.hpp"

namespace renkei::centre {
namespace {

constexpr const char* kSelect =
    "SELECT id, code, name_ja, name_en, description_ja, description_en, position, active FROM strategic_areas ";

StrategicArea Read(const soci::row& r) {
    return StrategicArea{db::GetString(r, 0),
                         db::GetString(r, 1),
                         db::GetString(r, 2),
                         db::GetString(r, 3),
                         db::GetString(r, 4),
                         db::GetString(r, 5),
                         static_cast<int>(db::GetInt(r, 6)),
                         db::GetInt(r, 7) != 0};
}

}  // namespace

std::vector<StrategicArea> ListAreas(db::Tx& tx) {
    std::vector<StrategicArea> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + "WHERE active = 1 ORDER BY position, code");
    for (const auto& r : rows) out.push_back(Read(r));
    return out;
}

std::optional<StrategicArea> FindArea(db::Tx& tx, const std::string& code) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kSelect) + "WHERE code = :code", soci::use(code));
    for (const auto& r : rows) return Read(r);
    return std::nullopt;
}

bool EnsureArea(db::Tx& tx, const StrategicArea& a) {
    if (FindArea(tx, a.code)) return false;
    StrategicArea stored = a;
    stored.id = NewId();
    int active = a.active ? 1 : 0;
    tx.sql() << "INSERT INTO strategic_areas (id, code, name_ja, name_en, description_ja, description_en, position, "
                "active) VALUES (:id, :code, :ja, :en, :dja, :den, :pos, :active)",
        soci::use(stored.id), soci::use(a.code), soci::use(a.name_ja), soci::use(a.name_en),
        soci::use(a.description_ja), soci::use(a.description_en), soci::use(a.position), soci::use(active);
    audit::Record(tx, std::nullopt, "create", "strategic_area", stored.id, nullptr, boost::json::value_from(stored));
    return true;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const StrategicArea& a) {
    jv = {{"id", a.id},
          {"code", a.code},
          {"name_ja", a.name_ja},
          {"name_en", a.name_en},
          {"description_ja", a.description_ja},
          {"description_en", a.description_en},
          {"position", a.position}};
}

void RegisterRoutes(http::Router& router) {
    audit::DeclareReadPolicy("strategic_area", audit::OpenToAuditors);
    router.Add("GET", "/api/areas", http::Access::kSignedIn, [](http::Call& call) {
        return http::Response::Json(200, boost::json::object{{"items", boost::json::value_from(ListAreas(call.tx()))}});
    });
}

}  // namespace renkei::centre
