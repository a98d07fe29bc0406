// The centre itself: its strategic research areas (§5-4), which needs, seeds and projects
// refer to by `code` (stable, readable: "precision_medicine").
#pragma once
#include <boost/json/value_from.hpp>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace renkei::centre {

struct StrategicArea {
    std::string id, code, name_ja, name_en, description_ja, description_en;
    int position = 0;
    bool active = true;
};

// Active areas in their display order.
std::vector<StrategicArea> ListAreas(db::Tx& tx);
std::optional<StrategicArea> FindArea(db::Tx& tx, const std::string& code);
// Adds an area unless one with the same code exists; returns true if added.
bool EnsureArea(db::Tx& tx, const StrategicArea& area);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const StrategicArea& a);

}  // namespace renkei::centre
