// The coi module's rules (利益相反, SPEC §5): yearly declarations, the thresholds the office
// edits, the checks of every project against its members' declarations, and the cases the COI
// committee decides. Every change is audited in the caller's transaction (without amounts: the
// audit log is read by admins, declarations are not); every read of a declaration is audited
// too (action "read"). The inbox carries "declare for FY…" (with a one-click "nothing to
// declare") and the committee's open cases.
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/coi/model.hpp"
#include "platform/db/database.hpp"
#include "platform/auth/principal.hpp"

namespace renkei::coi {

using Me = auth::Principal;

// Registers the coi_declared and coi_cleared gate checks and the hook on project changes (once, at start-up).
void Install();

// The fiscal year of today in Tokyo.
int CurrentFiscalYear();

// Everyone signed in may read the thresholds (they decide what to declare).
std::vector<Threshold> ListThresholds(db::Tx& tx);
// Office and admin; all categories at once or some of them. Rescans every open project.
std::vector<Threshold> UpdateThresholds(db::Tx& tx, const Me& me, const std::vector<Threshold>& in);

struct DeclarationInput {
    int fiscal_year = 0;
    bool nothing_to_declare = false;
    std::vector<Relationship> relationships;
};
// The caller's own declaration for a fiscal year (the previous, current or next one): filed the
// first time, replaced afterwards. The person's projects are checked again at once.
Declaration File(db::Tx& tx, const Me& me, const DeclarationInput& in);
// "Nothing to declare" in one call. kConflict (field "relationships") when the year's
// declaration already lists relationships; filing it twice is harmless.
Declaration NothingToDeclare(db::Tx& tx, const Me& me, int fiscal_year);
// The caller's declaration for the year (null when not filed) and, to pre-fill the form, the
// relationships of the year before. Both reads are audited.
boost::json::value MyDeclarationJson(db::Tx& tx, const Me& me, int fiscal_year);
// One declaration: its person, the office and the COI committee (kNotFound for anyone else).
// Audited.
Declaration ReadDeclaration(db::Tx& tx, const Me& me, const std::string& id);
// Who must declare for the year and who has (office and COI committee): no contents.
boost::json::value StatusJson(db::Tx& tx, const Me& me, int fiscal_year);
// The office opens the year's round: asks everyone who must declare and has not yet (inbox
// items; from then on new members of active projects are asked as they join); returns how many.
int AskToDeclare(db::Tx& tx, const Me& me, int fiscal_year);

// Cases: the office and the COI committee see all, everyone else their own.
boost::json::value CasesJson(db::Tx& tx, const Me& me, const std::string& status);
// Everything the committee needs on one page; reading it is a read of the declaration (audited).
boost::json::value CaseJson(db::Tx& tx, const Me& me, const std::string& id);
// A COI committee member decides an open case (not their own): no_conflict, manageable (with
// the measures, required) or not_allowed. kConflict when the case is not open.
Case Decide(db::Tx& tx, const Me& me, const std::string& id, const std::string& decision, const std::string& measures);

// The COI panel of a project: members' declaration status, cases with decisions and measures,
// and whether coi_cleared holds. Whoever sees the project in full (members, office, committees).
boost::json::value ProjectJson(db::Tx& tx, const Me& me, const std::string& project_id);
// The coi_declared requirement (on every gate by default, migration 0012): every active member
// who must declare has filed a declaration for the current fiscal year.
bool Declared(db::Tx& tx, const std::string& project_id);
// The coi_cleared requirement: every member who must declare has declared for the current year,
// no case of the year is open, and nobody with a "not allowed" decision is still a member.
bool Cleared(db::Tx& tx, const std::string& project_id);

// Compares the project's members' declarations with its companies and opens, updates, reopens
// or withdraws cases (and asks members who have not declared). Proposed and active projects only.
void ScanProject(db::Tx& tx, const std::string& project_id, const std::optional<std::string>& actor);
// Every proposed and active project (after the thresholds change; the demo).
void ScanAll(db::Tx& tx, const std::optional<std::string>& actor);

}  // namespace renkei::coi
