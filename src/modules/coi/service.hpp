// The coi module's rules (利益相反, SPEC §5): yearly declarations, the thresholds the office
// edits, the checks of every project against its members' declarations, and the cases the COI
// committee decides. Every change is audited in the caller's transaction (without amounts: the
// audit log is read by admins, declarations are not); every read of a declaration is audited
// too (action "read"). The inbox carries "declare for FY…" (with a one-click "nothing to
// declare") and the committee's open cases. Services return typed results (routes.cpp maps them
// to JSON) and take the request's clock reading `now` instead of reading the clock.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modules/coi/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/obligation.hpp"
#include "platform/office/table.hpp"

namespace renkei::coi {

using Me = auth::Principal;

// Registers the coi_declared and coi_cleared gate checks and the hook on project changes (once, at start-up).
void Install();

// The fiscal year of `now` in Tokyo.
int CurrentFiscalYear(Seconds now);

// Everyone signed in may read the thresholds (they decide what to declare).
std::vector<Threshold> ListThresholds(db::Tx& tx);
// Office and admin; all categories at once or some of them. Rescans every open project.
std::vector<Threshold> UpdateThresholds(db::Tx& tx, const Me& me, const std::vector<Threshold>& in, Seconds now);

struct DeclarationInput {
    int fiscal_year = 0;
    bool nothing_to_declare = false;
    std::vector<Relationship> relationships;
};
// The caller's own declaration for a fiscal year (the previous, current or next one): filed the
// first time, replaced afterwards. The person's projects are checked again at once.
Declaration File(db::Tx& tx, const Me& me, const DeclarationInput& in, Seconds now);
// "Nothing to declare" in one call. kConflict (field "relationships") when the year's
// declaration already lists relationships; filing it twice is harmless.
Declaration NothingToDeclare(db::Tx& tx, const Me& me, int fiscal_year, Seconds now);

struct MyDeclaration {
    int fiscal_year = 0, current_fiscal_year = 0;
    std::optional<Declaration> declaration;  // nullopt: not filed
    std::vector<Relationship> prefill;       // last year's relationships, without ids
    std::optional<int> prefill_from;         // the year they come from, when there was a declaration
    std::vector<Threshold> thresholds;
};
// The caller's declaration for the year and, to pre-fill the form, the relationships of the year
// before. Both reads are audited.
MyDeclaration ReadMyDeclaration(db::Tx& tx, const Me& me, int fiscal_year, Seconds now);
// One declaration: its person, the office and the COI committee (kNotFound for anyone else).
// Audited.
Declaration ReadDeclaration(db::Tx& tx, const Me& me, const std::string& id);

struct OrgRef {
    std::string id, name_ja, name_en;
};
// When a declaration was filed and last changed, without its contents.
struct DeclarationStamp {
    std::string id;
    Seconds filed_at, updated_at;
};
struct DeclarerStatus {
    PersonRef person;
    std::vector<std::string> roles;
    bool member_of_active_project = false, must_declare = false;
    std::optional<OrgRef> organisation;
    std::optional<DeclarationStamp> declaration;
};
struct YearStatus {
    int fiscal_year = 0;
    std::optional<Seconds> round_opened_at;
    int must_declare = 0, filed = 0;  // missing = must_declare - filed
    std::vector<DeclarerStatus> people;
};
// Who must declare for the year and who has (office and COI committee): no contents.
YearStatus DeclarationStatus(db::Tx& tx, const Me& me, int fiscal_year);
// The office opens the year's round: asks everyone who must declare and has not yet (inbox
// items; from then on new members of active projects are asked as they join); returns how many.
int AskToDeclare(db::Tx& tx, const Me& me, int fiscal_year, Seconds now);
// The centre's rule (not a law's): a declaration is due 30 days after the person is asked — on the
// inbox item, and for the office's view of deadlines 30 days after the round opened.
inline constexpr int kDeclarationDays = 30;

// A case in a list: no findings (amounts are on the case page, whose reads are audited), only
// the categories that crossed.
struct CaseSummary {
    Case kase;
    std::vector<std::string> categories;
};
// Cases: the office and the COI committee see all, everyone else their own. `status` as the
// client wrote it ("" for any; kInvalid for an unknown one).
std::vector<CaseSummary> ListCases(db::Tx& tx, const Me& me, const std::string& status);
// The cases as a table to export as CSV or .xlsx (the office and the COI committee only,
// kForbidden otherwise), headers and labels in `language` (ja or en).
office::Table ExportCases(db::Tx& tx, const Me& me, const std::string& status, const std::string& language,
                          Seconds now);

struct ProjectOrganisation {
    OrgRef organisation;
    std::string role;
};
struct MemberRole {
    PersonRef person;
    std::string role;
};
// Everything the committee needs on one page.
struct CaseDetail {
    Case kase;
    std::optional<std::vector<std::string>> person_roles;  // nullopt: the person is unknown
    std::optional<OrgRef> person_organisation;
    struct Project {
        std::string status, stage;
        std::optional<std::string> person_role;  // the person's role on the project, if a member
        std::vector<MemberRole> members;
        std::vector<ProjectOrganisation> organisations;
        std::vector<OrgRef> companies;
    };
    std::optional<Project> project;  // nullopt: the project is gone
    std::vector<OrgRef> group;       // the company group the case is about
    std::optional<DeclarationStamp> declaration;
    std::vector<Crossing> current;            // what the figures come to now, with the thresholds in force
    std::vector<Relationship> relationships;  // the declaration's relationships with the group
    std::vector<Threshold> thresholds;
    bool may_decide = false;
};
// Reading it is a read of the declaration (audited). kNotFound for who may not see it.
CaseDetail ReadCase(db::Tx& tx, const Me& me, const std::string& id);
// A COI committee member decides an open case (not their own): no_conflict, manageable (with
// the measures, required) or not_allowed. kConflict when the case is not open.
Case Decide(db::Tx& tx, const Me& me, const std::string& id, const std::string& decision, const std::string& measures,
            Seconds now);

struct MemberStatus {
    PersonRef person;
    std::string role;
    bool must_declare = false, declared = false;
};
struct ProjectCoi {
    std::string project_id;
    int fiscal_year = 0;
    bool cleared = false;
    int missing_declarations = 0, open_cases = 0;
    std::vector<OrgRef> companies;
    std::vector<MemberStatus> members;
    std::vector<Case> cases;  // not withdrawn; shown without findings
};
// The COI panel of a project: members' declaration status, cases with decisions and measures,
// and whether coi_cleared holds. Whoever sees the project in full (members, office, committees).
ProjectCoi ReadProject(db::Tx& tx, const Me& me, const std::string& project_id, Seconds now);
// The coi_declared requirement (on every gate by default, migration 0012): every active member
// who must declare has filed a declaration for the current fiscal year.
bool Declared(db::Tx& tx, const std::string& project_id, Seconds now);
// The coi_cleared requirement: every member who must declare has declared for the current year,
// no case of the year is open, and nobody with a "not allowed" decision is still a member.
bool Cleared(db::Tx& tx, const std::string& project_id, Seconds now);

// For other modules (ethics: the COI forms 様式A–E of a 特定臨床研究): the declarations of `people`
// for the fiscal year with their relationships, by person id (no entry: not filed). No access
// check: the caller applies its own and records each read (audit action "read", entity
// "coi_declaration").
std::map<std::string, Declaration> DeclarationsForModule(db::Tx& tx, const std::vector<std::string>& people,
                                                         int fiscal_year);

// For the open call's conflict rules: the company groups (GroupRoot of each) that each person
// declared any relationship with, of any amount, in their declaration of the fiscal year (a
// free-text company counts when it resolves to a registered one), by person id; and the group
// root of an organisation. No access check and no audit of the declarations' contents: only the
// fact "declared a relationship with this group" leaves this function.
std::map<std::string, std::set<std::string>> DeclaredCompanyGroups(db::Tx& tx, const std::vector<std::string>& people,
                                                                   int fiscal_year);
std::string CompanyGroupOf(db::Tx& tx, const std::string& organisation_id);

// Compares the project's members' declarations with its companies and opens, updates, reopens
// or withdraws cases (and asks members who have not declared). Proposed and active projects only.
void ScanProject(db::Tx& tx, const std::string& project_id, const std::optional<std::string>& actor, Seconds now);
// Every proposed and active project (after the thresholds change; the demo).
void ScanAll(db::Tx& tx, const std::optional<std::string>& actor, Seconds now);

// The office's view of deadlines (modules/deadlines): for each fiscal year whose round is open
// (last year's, this year's, next year's), the declarations still missing, due kDeclarationDays
// after the round opened (coi.declaration, one entry naming everyone who has not declared), when
// that day lies between `from` and `to` (YYYY-MM-DD, inclusive). Who has not declared is seen by
// the office and the COI committee only: anyone else gets nothing.
std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                           Seconds now);

}  // namespace renkei::coi
