// The contracts module's rules: who may see and drive a contract, its status workflow with a
// timed history, negotiation rounds, drafts generated from the office's .docx templates,
// turnaround per type and stage, reminders, and what an NDA in force means for the exchange
// (the people it covers see the company's confidential seeds for its term). Every change is
// audited in the caller's transaction.
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/contracts/model.hpp"
#include "platform/db/database.hpp"
#include "platform/auth/principal.hpp"

namespace renkei::contracts {

using Me = auth::Principal;

struct NewContract {
    std::string type, title, notes;
    std::optional<std::string> project_id;
    std::vector<Party> parties;  // organisation_id, role, signatory_* only
    Terms terms;
    std::vector<std::string> covered;
};
struct ContractPatch {
    std::optional<std::string> title, notes, waiting_on;
    std::optional<std::optional<std::string>> project_id;
    std::optional<std::vector<Party>> parties;
    std::optional<Terms> terms;
    std::optional<std::vector<std::string>> covered;
};
struct RoundInput {
    std::string sent_by, sent_on, summary, waiting_on;
    std::vector<std::string> clauses;
};

// Office and admin (kForbidden otherwise); kInvalid naming the field.
std::string Create(db::Tx& tx, const Me& me, const NewContract& in);
// Office and admin. Parties, terms, project and covered people are fixed once signed (kConflict).
void Update(db::Tx& tx, const Me& me, const std::string& id, const ContractPatch& in);
// Moves the contract to `to` (see MayTransition); kConflict (field "status") when not allowed
// from its status, kForbidden for someone who may not drive it. `signed_on` for "signed".
void Transition(db::Tx& tx, const Me& me, const std::string& id, const std::string& to, const std::string& note,
                const std::optional<std::string>& signed_on);
// A negotiation round: who sent which clauses, and whom the contract now waits on.
void AddRound(db::Tx& tx, const Me& me, const std::string& id, const RoundInput& in);

// The contract with parties, terms, history, rounds and the actions open to the caller;
// kNotFound when the caller may not see it.
boost::json::value ContractJson(db::Tx& tx, const Me& me, const std::string& id);
struct ListFilter {
    std::string type, status, project_id, q;
    bool waiting_long = false;  // only contracts past their reminder threshold
};
// {items: [...], total}: the contracts the caller may see.
boost::json::value ListJson(db::Tx& tx, const Me& me, const ListFilter& f);

struct File {
    std::string filename, content_type, bytes;
};
// The .docx draft from the type's current template (office, admin, and who may see the contract).
File Draft(db::Tx& tx, const Me& me, const std::string& id);

// Templates: the current version per type (uploaded or built-in), older versions, merge fields.
boost::json::value TemplatesJson(db::Tx& tx, const Me& me);
// Office and admin: a new version of the type's template; the answer lists its merge fields and
// warns about unknown ones.
boost::json::value UploadTemplate(db::Tx& tx, const Me& me, const std::string& type, const std::string& filename,
                                  const std::string& bytes, const std::string& note);
// version 0 (or none uploaded): the built-in template.
File TemplateFile(db::Tx& tx, const Me& me, const std::string& type, std::optional<int> version);

// Office, committee, admin: median days per stage per type over every contract's history.
boost::json::value TurnaroundJson(db::Tx& tx, const Me& me);

struct ReminderRun {
    int activated = 0, expired = 0, stale = 0, expiring = 0;
};
// Activates signed contracts whose term has begun, expires those whose term has ended (ending
// their grants), and posts reminders to the office (idempotent via the inbox's source key).
ReminderRun RunReminders(db::Tx& tx, Seconds now);

// The gate requirements nda_signed and joint_research_agreement (projects module).
void RegisterRequirementChecks();

}  // namespace renkei::contracts
