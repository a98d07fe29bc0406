// The contracts module's SQL, on its own tables only. Free functions, transaction first.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/contracts/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::contracts::store {

// The audit log's names (audit::NamesFromTable): id and title (one title in both languages).
inline constexpr const char* kContractNames = "SELECT id, title, title FROM contracts WHERE id IN";

void InsertContract(db::Tx& tx, const Contract& c, const std::string& search_key);
void UpdateContract(db::Tx& tx, const Contract& c, const std::string& search_key);
void ReplaceParties(db::Tx& tx, const std::string& contract_id, const std::vector<Party>& parties);
void ReplaceCovered(db::Tx& tx, const std::string& contract_id, const std::vector<std::string>& people);
// With parties and covered people (organisation names not filled).
std::optional<Contract> FindContract(db::Tx& tx, const std::string& id);
struct Filter {
    std::optional<ContractType> type;  // nullopt = any
    std::optional<Status> status;      // nullopt = any
    std::string project_id, search;    // "" = any; search: normalised key
};
std::vector<Contract> ListContracts(db::Tx& tx, const Filter& f);

// Appends the entry after the contract's last one (its position is the next after the highest).
void InsertHistory(db::Tx& tx, const std::string& contract_id, const HistoryEntry& h);
std::vector<HistoryEntry> History(db::Tx& tx, const std::string& contract_id);
// Every contract's history, in order: contract id → (type is looked up by the caller).
std::map<std::string, std::vector<HistoryEntry>> AllHistory(db::Tx& tx);

void InsertRound(db::Tx& tx, const std::string& contract_id, const Round& r);
std::vector<Round> Rounds(db::Tx& tx, const std::string& contract_id);
int MaxRoundNo(db::Tx& tx, const std::string& contract_id);

void InsertTemplate(db::Tx& tx, const Template& t, const std::string& content_base64);
// Every uploaded version, newest first per type.
std::vector<Template> Templates(db::Tx& tx, std::optional<ContractType> type);
std::optional<std::pair<Template, std::string>> TemplateFile(db::Tx& tx, ContractType type, int version);
int LatestTemplateVersion(db::Tx& tx, ContractType type);  // 0 when none uploaded

}  // namespace renkei::contracts::store
