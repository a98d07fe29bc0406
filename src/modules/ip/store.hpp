// SQL for the ip module's tables (migrations/0016_ip.sql); no rules. Every value is bound.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/ip/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::ip::store {

// Inventions with their inventors (ids only) and filings, of one project or (nullopt) all; newest first.
std::vector<Invention> Inventions(db::Tx& tx, const std::optional<std::string>& project_id);
std::optional<Invention> FindInvention(db::Tx& tx, const std::string& id);
// With its inventors.
void InsertInvention(db::Tx& tx, const Invention& inv);
void UpdateInvention(db::Tx& tx, const Invention& inv);
void InsertFiling(db::Tx& tx, const std::string& invention_id, const Filing& f, const std::string& by, Seconds now);
void UpdateFiling(db::Tx& tx, const Filing& f);

}  // namespace renkei::ip::store
