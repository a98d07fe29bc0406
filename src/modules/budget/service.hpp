// The centre's budget (issue 18, docs/budget.md): per fiscal year (April–March) the planned amount
// per strategic area, each project's allocation (its budget in the projects module) and what it
// spent: spending lines the office records or imports from CSV (all or nothing, the same file twice
// adds nothing), a warning in the inbox of the office and the project's PI once each time a
// project goes over its allocation, and requests to change an allocation, each approved through
// the approval chain (稟議) the office configures for budget changes (approvals module, by the size
// of the change); a chain's committee step puts the change on the steering committee's agenda as
// a budget change (committee module).
//
// Who: the office and admins write the plan and the spending lines; the office, the committee and
// admins read everything; a project's PI and company lead read their own project's lines and
// changes; the office and a project's PI ask for a change. Everyone else is refused: kForbidden
// for the centre-wide views, kNotFound for a project or line they may not know.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/approvals/service.hpp"
#include "modules/budget/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/office/table.hpp"
#include "platform/time.hpp"

namespace renkei::budget {

using Me = auth::Principal;

struct PersonRef {
    std::string id, name_ja, name_en;
};

// ---- the overview ----
struct AreaLine {
    std::string area_code;  // a strategic area's code, or "other"
    std::string name_ja, name_en;
    long long planned_yen = 0, allocated_yen = 0, spent_yen = 0;
};
struct ProjectLine {
    std::string project_id, title_ja, title_en, kind, area_code;  // area_code "other" outside the areas
    std::optional<long long> allocated_yen;                       // nullopt: no budget for the year
    long long spent_yen = 0, remaining_yen = 0;
    Health health = Health::kOk;
    int lines = 0;
};
struct Overview {
    int fiscal_year = 0;
    std::string from, to;  // the year's first and last day
    std::vector<AreaLine> areas;
    AreaLine total;
    std::vector<ProjectLine> projects;  // active and closed projects, by title
    int pending_changes = 0;
    bool may_write = false;
};
// Office, committee and admin (kForbidden otherwise).
Overview GetOverview(db::Tx& tx, const Me& me, int fiscal_year, Seconds now);
// The overview's projects as a table (CSV or .xlsx) in `language` (ja or en); the areas above them.
office::Table OverviewExport(db::Tx& tx, const Me& me, int fiscal_year, const std::string& language, Seconds now);

// The office and admins set the planned amount of one area (a strategic area's code or "other")
// for a year; kInvalid naming fiscal_year, area_code or amount_yen. Audited.
AreaLine SetPlan(db::Tx& tx, const Me& me, int fiscal_year, const std::string& area_code, long long amount_yen,
                 Seconds now);

// ---- spending lines ----
struct Spending {
    std::string id, project_id, project_title_ja, project_title_en;
    int fiscal_year = 0;
    std::string spent_on;
    long long amount_yen = 0;
    Category category = Category::kOther;
    std::string description, reference;
    bool imported = false;
    PersonRef created_by, updated_by;
    Seconds created_at, updated_at;
};
struct SpendingFilter {
    std::optional<int> fiscal_year;
    std::optional<std::string> project_id;
};
// Office, committee and admin: every line; a PI or company lead: only with project_id of their own
// project (kNotFound otherwise). Newest date first.
std::vector<Spending> ListSpending(db::Tx& tx, const Me& me, const SpendingFilter& f, Seconds now);
office::Table SpendingExport(db::Tx& tx, const Me& me, const SpendingFilter& f, const std::string& language,
                             Seconds now);

struct SpendingInput {
    std::string project_id, spent_on;
    long long amount_yen = 0;
    std::string category = "other", description, reference;
};
struct SpendingPatch {
    std::optional<std::string> spent_on;
    std::optional<long long> amount_yen;
    std::optional<std::string> category, description, reference;
};
// What a change of spending did to its project's year: the health after it and whether this
// change took the project over its allocation (the warning went out).
struct Effect {
    Health health = Health::kOk;
    bool crossed = false;
};
struct Recorded {
    Spending spending;
    Effect effect;
};
// The office and admins. kInvalid naming project_id (unknown, proposed or rejected), spent_on,
// amount_yen (1..10^15, and the project's year may not exceed 10^15), category, description or
// reference. Audited.
Recorded RecordSpending(db::Tx& tx, const Me& me, const SpendingInput& in, Seconds now);
Recorded UpdateSpending(db::Tx& tx, const Me& me, const std::string& id, const SpendingPatch& in, Seconds now);
void DeleteSpending(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

// ---- CSV import ----
struct PreviewLine {
    ImportLine line;
    std::string project_title_ja, project_title_en;
    int fiscal_year = 0;
    bool duplicate = false;  // imported before: importing again skips it
};
struct Preview {
    std::vector<PreviewLine> lines;
    std::vector<RowError> errors;  // every bad row, with its line and field
    int new_lines = 0, duplicates = 0;
    long long new_total_yen = 0;
};
// The office and admins: what importing `bytes` would do (nothing is written). `project_id`: the
// file is for that project only (rows may leave the column out; a row naming another is an error).
Preview PreviewImport(db::Tx& tx, const Me& me, const std::string& bytes, const std::optional<std::string>& project_id,
                      Seconds now);
struct Imported {
    int imported = 0, duplicates = 0;
    long long total_yen = 0;
    std::vector<std::string> crossed;  // projects this import took over their allocation
};
// Imports every new line in one go, or nothing: any bad row is kInvalid naming its column, the
// message starting with its line ("line 4: ..."). Audited (one record per line and one for the import).
Imported Import(db::Tx& tx, const Me& me, const std::string& bytes, const std::optional<std::string>& project_id,
                Seconds now);

// ---- budget changes ----
enum class ChangeStatus { kPending, kApproved, kRejected, kWithdrawn };
inline constexpr std::array<EnumText<ChangeStatus>, 4> kChangeStatusTexts{{{ChangeStatus::kPending, "pending"},
                                                                           {ChangeStatus::kApproved, "approved"},
                                                                           {ChangeStatus::kRejected, "rejected"},
                                                                           {ChangeStatus::kWithdrawn, "withdrawn"}}};
constexpr const auto& TextsOf(ChangeStatus) { return kChangeStatusTexts; }

struct Change {
    std::string id, project_id, project_title_ja, project_title_en;
    int fiscal_year = 0;
    std::optional<long long> current_yen;  // the allocation when asked
    long long new_yen = 0;
    std::string reason;
    ChangeStatus status = ChangeStatus::kPending;
    PersonRef requested_by;
    Seconds requested_at;
    std::optional<PersonRef> decided_by;
    std::optional<Seconds> decided_at;
    std::string decision_note;
    bool may_withdraw = false;
    // Its approval chain (稟議), as the caller sees it; nullopt for a change asked before chains.
    std::optional<approvals::ChainView> approval;
};
struct ChangeInput {
    std::string project_id;
    int fiscal_year = 0;
    long long new_yen = 0;
    std::string reason;
};
// The office or the project's PI asks; its approval chain starts at once under the office's rule
// for budget changes whose band holds the size of the change (|new − current|), and its first
// approver is asked. kInvalid naming project_id, fiscal_year, new_yen (0..10^15, not the current
// allocation) or reason; kConflict (field project_id) when a change for the project's year is
// pending already, (field steps) when no rule applies. Audited.
Change RequestChange(db::Tx& tx, const Me& me, const ChangeInput& in, Seconds now);
// The requester or the office withdraws a pending change (kConflict otherwise). Audited.
Change WithdrawChange(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// Office, committee and admin: every change (status "" for all); a PI or company lead: their own
// project's (project_id required). Newest first.
std::vector<Change> ListChanges(db::Tx& tx, const Me& me, const std::string& status,
                                const std::optional<std::string>& project_id, Seconds now);

// For the committee module: pending changes whose chain is at the committee's step (or, asked
// before chains, with none), oldest first; the project a change is about (nullopt for an unknown
// id). No access check.
std::vector<Change> ChangesAwaitingCommittee(db::Tx& tx);
std::optional<std::string> ProjectOfChange(db::Tx& tx, const std::string& change_id);
// The steering committee's decision on a pending change, recorded by the office (`recorder`,
// kForbidden otherwise) in the decision's transaction: its chain's committee step is decided (and
// the chain ends); approved, the project's allocation for the year becomes the new amount through
// the projects service; rejected, nothing else changes. kNotFound for an unknown change, kConflict
// when it is not pending or its chain is not at the committee's step. Audited.
Change DecideChangeForCommittee(db::Tx& tx, const Me& recorder, const std::string& change_id, bool approved,
                                const std::string& note, Seconds now);

// Tells the approvals module how a budget change is seen and what its chain's end does (approved:
// the allocation changes; sent back: the change is rejected). Once at start-up.
void RegisterApprovalSubject();

// ---- a project's page ----
struct ProjectBudget {
    std::string project_id;
    int fiscal_year = 0;
    std::optional<long long> allocated_yen;
    long long spent_yen = 0, remaining_yen = 0;
    Health health = Health::kOk;
    std::vector<Spending> lines;
    std::vector<Change> changes;
    bool may_request_change = false;
};
// Office, committee, admin, and the project's PI and company lead; kNotFound for anyone else.
ProjectBudget GetProjectBudget(db::Tx& tx, const Me& me, const std::string& project_id, int fiscal_year, Seconds now);

}  // namespace renkei::budget
