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

// Licences of one invention with their revenue, oldest first.
std::vector<Licence> Licences(db::Tx& tx, const std::string& invention_id);
void InsertLicence(db::Tx& tx, const Licence& l, const std::string& by, Seconds now);
void InsertRevenue(db::Tx& tx, const Revenue& r, const std::string& by, Seconds now);
// How many inventions have been disclosed (all of them), for the portfolio's chain.
long long CountInventions(db::Tx& tx);
// How many licences have been granted (all inventions), for the portfolio's chain.
long long CountLicences(db::Tx& tx);

RewardRules ReadRewardRules(db::Tx& tx);
void WriteRewardRules(db::Tx& tx, const RewardRules& r, const std::string& by, Seconds now);
// Adds the reward unless the person already has one of this kind for this basis; true if added.
bool InsertReward(db::Tx& tx, const Reward& r, Seconds now);
// Rewards of one invention, of one person, or (both nullopt) all; by basis day, then person.
std::vector<Reward> Rewards(db::Tx& tx, const std::optional<std::string>& invention_id,
                            const std::optional<std::string>& person_id);
std::optional<Reward> FindReward(db::Tx& tx, const std::string& id);
void MarkRewardPaid(db::Tx& tx, const std::string& id, const std::string& paid_on, const std::string& by);

// Publications of one project or (nullopt) all; by planned day.
std::vector<Publication> Publications(db::Tx& tx, const std::optional<std::string>& project_id);
std::optional<Publication> FindPublication(db::Tx& tx, const std::string& id);
void InsertPublication(db::Tx& tx, const Publication& p);
// Writes guarded, clearance, cleared_by, review_due_on, review and review_note.
void UpdatePublication(db::Tx& tx, const Publication& p);

}  // namespace renkei::ip::store
