#include "modules/budget/store.hpp"

#include "platform/db/row.hpp"

namespace renkei::budget::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::Nullable;
using db::ReadEnum;

std::optional<Seconds> OptTime(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return FromUnix(GetInt(r, i));
}

constexpr const char* kSpendingColumns =
    "SELECT id, project_id, fiscal_year, spent_on, amount_yen, category, description, reference, import_key, "
    "created_by, created_at, updated_by, updated_at FROM budget_spending ";

StoredSpending ReadSpending(const soci::row& r) {
    StoredSpending s;
    s.id = GetString(r, 0);
    s.project_id = GetString(r, 1);
    s.fiscal_year = static_cast<int>(GetInt(r, 2));
    s.spent_on = GetString(r, 3);
    s.amount_yen = GetInt(r, 4);
    s.category = ReadEnum<Category>(r, 5);
    s.description = GetString(r, 6);
    s.reference = GetString(r, 7);
    s.import_key = GetOptionalString(r, 8);
    s.created_by = GetString(r, 9);
    s.created_at = FromUnix(GetInt(r, 10));
    s.updated_by = GetString(r, 11);
    s.updated_at = FromUnix(GetInt(r, 12));
    return s;
}

constexpr const char* kChangeColumns =
    "SELECT id, project_id, fiscal_year, current_yen, new_yen, reason, status, requested_by, requested_at, "
    "decided_by, decided_at, decision_note FROM budget_changes ";

StoredChange ReadChange(const soci::row& r) {
    StoredChange c;
    c.id = GetString(r, 0);
    c.project_id = GetString(r, 1);
    c.fiscal_year = static_cast<int>(GetInt(r, 2));
    if (!db::IsNull(r, 3)) c.current_yen = GetInt(r, 3);
    c.new_yen = GetInt(r, 4);
    c.reason = GetString(r, 5);
    c.status = ReadEnum<ChangeStatus>(r, 6);
    c.requested_by = GetString(r, 7);
    c.requested_at = FromUnix(GetInt(r, 8));
    c.decided_by = GetOptionalString(r, 9);
    c.decided_at = OptTime(r, 10);
    c.decision_note = GetString(r, 11);
    return c;
}

}  // namespace

std::map<std::string, long long> Plans(db::Tx& tx, int fiscal_year) {
    std::map<std::string, long long> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT area_code, amount_yen FROM budget_plans WHERE fiscal_year = :y",
         soci::use(fiscal_year));
    for (const auto& r : rows) out[GetString(r, 0)] = GetInt(r, 1);
    return out;
}

void PutPlan(db::Tx& tx, int fiscal_year, const std::string& area_code, long long amount_yen, const std::string& by,
             Seconds now) {
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO budget_plans (fiscal_year, area_code, amount_yen, updated_by, updated_at) "
                "VALUES (:y, :a, :amount, :by, :at) ON CONFLICT (fiscal_year, area_code) DO UPDATE SET "
                "amount_yen = excluded.amount_yen, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        soci::use(fiscal_year), soci::use(area_code), soci::use(amount_yen), soci::use(by), soci::use(at);
}

void InsertSpending(db::Tx& tx, const StoredSpending& s) {
    Nullable key(s.import_key);
    std::string category(Text(s.category));
    long long created = ToUnix(s.created_at), updated = ToUnix(s.updated_at);
    tx.sql()
        << "INSERT INTO budget_spending (id, project_id, fiscal_year, spent_on, amount_yen, category, description, "
           "reference, import_key, created_by, created_at, updated_by, updated_at) VALUES (:id, :p, :y, :on, "
           ":amount, :c, :d, :r, :k, :cb, :ca, :ub, :ua)",
        soci::use(s.id), soci::use(s.project_id), soci::use(s.fiscal_year), soci::use(s.spent_on),
        soci::use(s.amount_yen), soci::use(category), soci::use(s.description), soci::use(s.reference),
        soci::use(key.value, key.ind), soci::use(s.created_by), soci::use(created), soci::use(s.updated_by),
        soci::use(updated);
}

void UpdateSpending(db::Tx& tx, const StoredSpending& s) {
    std::string category(Text(s.category));
    long long updated = ToUnix(s.updated_at);
    tx.sql() << "UPDATE budget_spending SET fiscal_year = :y, spent_on = :on, amount_yen = :amount, category = :c, "
                "description = :d, reference = :r, updated_by = :ub, updated_at = :ua WHERE id = :id",
        soci::use(s.fiscal_year), soci::use(s.spent_on), soci::use(s.amount_yen), soci::use(category),
        soci::use(s.description), soci::use(s.reference), soci::use(s.updated_by), soci::use(updated), soci::use(s.id);
}

bool DeleteSpending(db::Tx& tx, const std::string& id) {
    soci::statement st = (tx.sql().prepare << "DELETE FROM budget_spending WHERE id = :id", soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::optional<StoredSpending> FindSpending(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSpendingColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadSpending(r);
    return std::nullopt;
}

std::vector<StoredSpending> ListSpending(db::Tx& tx, std::optional<int> fiscal_year,
                                         const std::optional<std::string>& project_id) {
    int year = fiscal_year.value_or(0);
    std::string project = project_id.value_or("");
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSpendingColumns) +
                                 "WHERE (:y = 0 OR fiscal_year = :y2) AND (:p = '' OR project_id = :p2) "
                                 "ORDER BY spent_on DESC, created_at DESC, id",
         soci::use(year, "y"), soci::use(year, "y2"), soci::use(project, "p"), soci::use(project, "p2"));
    std::vector<StoredSpending> out;
    for (const auto& r : rows) out.push_back(ReadSpending(r));
    return out;
}

std::map<std::string, Spent> SpentByProject(db::Tx& tx, int fiscal_year) {
    std::map<std::string, Spent> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT project_id, COALESCE(SUM(amount_yen), 0), COUNT(*) FROM budget_spending "
                             "WHERE fiscal_year = :y GROUP BY project_id",
         soci::use(fiscal_year));
    for (const auto& r : rows) out[GetString(r, 0)] = Spent{GetInt(r, 1), static_cast<int>(GetInt(r, 2))};
    return out;
}

long long SpentOf(db::Tx& tx, const std::string& project_id, int fiscal_year) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT COALESCE(SUM(amount_yen), 0) FROM budget_spending WHERE project_id = :p AND "
                             "fiscal_year = :y",
         soci::use(project_id), soci::use(fiscal_year));
    for (const auto& r : rows) return GetInt(r, 0);
    return 0;
}

std::set<std::string> KnownKeys(db::Tx& tx, const std::set<std::string>& project_ids) {
    std::set<std::string> out;
    for (const auto& p : project_ids) {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare
                 << "SELECT import_key FROM budget_spending WHERE project_id = :p AND import_key IS NOT NULL",
             soci::use(p));
        for (const auto& r : rows) out.insert(GetString(r, 0));
    }
    return out;
}

Overspend ReadOverspend(db::Tx& tx, const std::string& project_id, int fiscal_year) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT over_now, crossings FROM budget_overspend WHERE project_id = :p AND "
                             "fiscal_year = :y",
         soci::use(project_id), soci::use(fiscal_year));
    for (const auto& r : rows) return Overspend{GetInt(r, 0) != 0, static_cast<int>(GetInt(r, 1))};
    return {};
}

void WriteOverspend(db::Tx& tx, const std::string& project_id, int fiscal_year, const Overspend& o, Seconds now) {
    int over = o.over_now ? 1 : 0;
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO budget_overspend (project_id, fiscal_year, over_now, crossings, updated_at) VALUES "
                "(:p, :y, :o, :c, :at) ON CONFLICT (project_id, fiscal_year) DO UPDATE SET over_now = "
                "excluded.over_now, crossings = excluded.crossings, updated_at = excluded.updated_at",
        soci::use(project_id), soci::use(fiscal_year), soci::use(over), soci::use(o.crossings), soci::use(at);
}

void InsertChange(db::Tx& tx, const StoredChange& c) {
    long long current = c.current_yen.value_or(0);
    soci::indicator current_ind = c.current_yen ? soci::i_ok : soci::i_null;
    std::string status(Text(c.status));
    long long at = ToUnix(c.requested_at);
    tx.sql() << "INSERT INTO budget_changes (id, project_id, fiscal_year, current_yen, new_yen, reason, status, "
                "requested_by, requested_at, decision_note) VALUES (:id, :p, :y, :cur, :new, :reason, :s, :by, :at, "
                "'')",
        soci::use(c.id), soci::use(c.project_id), soci::use(c.fiscal_year), soci::use(current, current_ind),
        soci::use(c.new_yen), soci::use(c.reason), soci::use(status), soci::use(c.requested_by), soci::use(at);
}

void UpdateChange(db::Tx& tx, const StoredChange& c) {
    std::string status(Text(c.status));
    Nullable by(c.decided_by);
    long long at = c.decided_at ? ToUnix(*c.decided_at) : 0;
    soci::indicator at_ind = c.decided_at ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE budget_changes SET status = :s, decided_by = :by, decided_at = :at, decision_note = :n "
                "WHERE id = :id",
        soci::use(status), soci::use(by.value, by.ind), soci::use(at, at_ind), soci::use(c.decision_note),
        soci::use(c.id);
}

std::optional<StoredChange> FindChange(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kChangeColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadChange(r);
    return std::nullopt;
}

std::vector<StoredChange> ListChanges(db::Tx& tx, const std::string& status,
                                      const std::optional<std::string>& project_id) {
    std::string project = project_id.value_or("");
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kChangeColumns) +
                                 "WHERE (:s = '' OR status = :s2) AND (:p = '' OR project_id = :p2) "
                                 "ORDER BY requested_at DESC, id",
         soci::use(status, "s"), soci::use(status, "s2"), soci::use(project, "p"), soci::use(project, "p2"));
    std::vector<StoredChange> out;
    for (const auto& r : rows) out.push_back(ReadChange(r));
    return out;
}

bool PendingChangeExists(db::Tx& tx, const std::string& project_id, int fiscal_year) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT COUNT(*) FROM budget_changes WHERE project_id = :p AND fiscal_year = :y AND "
                             "status = 'pending'",
         soci::use(project_id), soci::use(fiscal_year));
    for (const auto& r : rows) return GetInt(r, 0) > 0;
    return false;
}

}  // namespace renkei::budget::store
