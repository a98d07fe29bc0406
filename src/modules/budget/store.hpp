// The budget's tables (migration 0022): SQL only, no rules.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modules/budget/service.hpp"

namespace renkei::budget::store {

std::map<std::string, long long> Plans(db::Tx& tx, int fiscal_year);
void PutPlan(db::Tx& tx, int fiscal_year, const std::string& area_code, long long amount_yen, const std::string& by,
             Seconds now);

struct StoredSpending {
    std::string id, project_id;
    int fiscal_year = 0;
    std::string spent_on;
    long long amount_yen = 0;
    Category category = Category::kOther;
    std::string description, reference;
    std::optional<std::string> import_key;
    std::string created_by, updated_by;
    Seconds created_at, updated_at;
};
void InsertSpending(db::Tx& tx, const StoredSpending& s);
void UpdateSpending(db::Tx& tx, const StoredSpending& s);
bool DeleteSpending(db::Tx& tx, const std::string& id);
std::optional<StoredSpending> FindSpending(db::Tx& tx, const std::string& id);
// Lines of a year and/or project (nullopt: any), newest date first.
std::vector<StoredSpending> ListSpending(db::Tx& tx, std::optional<int> fiscal_year,
                                         const std::optional<std::string>& project_id);
struct Spent {
    long long yen = 0;
    int lines = 0;
};
// What each project spent in a year.
std::map<std::string, Spent> SpentByProject(db::Tx& tx, int fiscal_year);
long long SpentOf(db::Tx& tx, const std::string& project_id, int fiscal_year);
// The import keys among `keys` that are stored already.
std::set<std::string> KnownKeys(db::Tx& tx, const std::set<std::string>& project_ids);

struct Overspend {
    bool over_now = false;
    int crossings = 0;
};
Overspend ReadOverspend(db::Tx& tx, const std::string& project_id, int fiscal_year);
void WriteOverspend(db::Tx& tx, const std::string& project_id, int fiscal_year, const Overspend& o, Seconds now);

struct StoredChange {
    std::string id, project_id;
    int fiscal_year = 0;
    std::optional<long long> current_yen;
    long long new_yen = 0;
    std::string reason;
    ChangeStatus status = ChangeStatus::kPending;
    std::string requested_by;
    Seconds requested_at;
    std::optional<std::string> decided_by;
    std::optional<Seconds> decided_at;
    std::string decision_note;
};
void InsertChange(db::Tx& tx, const StoredChange& c);
void UpdateChange(db::Tx& tx, const StoredChange& c);
std::optional<StoredChange> FindChange(db::Tx& tx, const std::string& id);
// status "" for any, project nullopt for any; newest first.
std::vector<StoredChange> ListChanges(db::Tx& tx, const std::string& status,
                                      const std::optional<std::string>& project_id);
bool PendingChangeExists(db::Tx& tx, const std::string& project_id, int fiscal_year);

}  // namespace renkei::budget::store
