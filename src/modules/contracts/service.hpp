// The contracts module's rules: who may see and drive a contract, its status workflow with a
// timed history, negotiation rounds, drafts generated from the office's .docx templates,
// turnaround per type and stage, reminders, and what an NDA in force means for the exchange
// (the people it covers see the company's confidential seeds for its term). Every change is
// audited in the caller's transaction. Services return typed results; routes.cpp maps them to
// JSON. `now` is the request's clock reading (http::Call::now), never read here.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/approvals/service.hpp"
#include "modules/contracts/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/obligation.hpp"
#include "platform/office/table.hpp"

namespace renkei::contracts {

using Me = auth::Principal;

struct NewContract {
    std::string type, title, notes;  // type as the client wrote it (checked after the caller's rights)
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

// Office and admin (kForbidden otherwise); kInvalid naming the field. Returns the new id.
std::string Create(db::Tx& tx, const Me& me, const NewContract& in, Seconds now);
// Office and admin. Parties, terms, project and covered people are fixed once signed (kConflict).
void Update(db::Tx& tx, const Me& me, const std::string& id, const ContractPatch& in, Seconds now);
// Moves the contract to `to` (see MayTransition); kInvalid (field "to") for an unknown status,
// kConflict (field "status") when not allowed from its status — and for "approved", which only
// the contract's approval chain reaches (StartApproval) — kForbidden for someone who may not
// drive it. `signed_on` for "signed" (today in Tokyo when absent). Leaving negotiating withdraws
// a chain in progress.
void Transition(db::Tx& tx, const Me& me, const std::string& id, const std::string& to, const std::string& note,
                const std::optional<std::string>& signed_on, Seconds now);
// The office asks for approval (稟議を開始): a negotiating contract's approval chain starts under
// the rule for its type and amount (modules/approvals); its last step's approval moves it to
// approved, a sending back leaves it negotiating. kConflict (field status) when not negotiating
// or a chain is in progress; kForbidden for anyone but the office and admins.
approvals::ChainView StartApproval(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// A negotiation round: who sent which clauses, and whom the contract now waits on.
void AddRound(db::Tx& tx, const Me& me, const std::string& id, const RoundInput& in, Seconds now);

// A contract as a list shows it: parties with their organisations and signatories.
struct ContractSummary {
    Contract contract;
    int days_in_status = 0;
    bool waiting_long = false;  // past its status's reminder threshold
};
struct ProjectRef {
    std::string id, title_ja, title_en;
};
struct HistoryView {
    HistoryEntry entry;
    std::optional<PersonRef> by;
    double days = 0;  // in this status: until the next change, or until now
};
struct RoundView {
    Round round;
    std::optional<PersonRef> recorded_by;
};
// The contract page: the summary with terms, people, project, history, rounds and the actions
// open to the caller.
struct ContractDetail {
    ContractSummary summary;
    std::optional<PersonRef> approved_by, created_by;
    std::optional<ProjectRef> project;
    std::vector<PersonRef> covered;            // named in the contract
    std::vector<PersonRef> covered_effective;  // whom an NDA covers in fact (see CoveredPairs)
    std::vector<HistoryView> history;
    std::vector<RoundView> rounds;
    std::vector<Status> next_statuses;  // empty unless the caller drives contracts
    bool may_edit = false, may_draft = true;
    bool approval_needs_other = false;            // who prepared it may not approve it: the UI says who can
    std::vector<approvals::ChainView> approvals;  // its approval chains (稟議), oldest first
    bool may_start_approval = false;              // the office, negotiating, no chain in progress
};
// For other modules (ip): the contract as stored, with its terms, without any access check; the
// caller applies its own rules. nullopt for an unknown id.
std::optional<Contract> FindContractForModule(db::Tx& tx, const std::string& id);
// kNotFound when the caller may not see it.
ContractDetail GetContract(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct ListFilter {
    std::string type, status, project_id, q;  // as the client wrote them; kInvalid for an unknown type or status
    bool waiting_long = false;                // only contracts past their reminder threshold
};
// The contracts the caller may see, most recently changed first.
std::vector<ContractSummary> List(db::Tx& tx, const Me& me, const ListFilter& f, Seconds now);
// List's rows as a table to export as CSV or .xlsx, headers and labels in `language` (ja or en).
office::Table Export(db::Tx& tx, const Me& me, const ListFilter& f, const std::string& language, Seconds now);

struct File {
    std::string filename, content_type, bytes;
};
// The .docx draft from the type's current template (office, admin, and who may see the contract);
// dated today in Tokyo.
File Draft(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

// Templates: the current version per type (uploaded or built-in), older versions, merge fields.
struct TemplateVersion {
    Template stored;
    std::optional<PersonRef> uploaded_by;
};
struct TypeTemplates {
    ContractType type = ContractType::kNda;
    int current_version = 0;                // 0: the built-in template
    std::vector<std::string> merge_fields;  // of the current version
    std::vector<TemplateVersion> versions;  // uploaded, newest first
};
// Office, committee and admin: every type in catalogue order (the known merge fields are
// KnownMergeFields()).
std::vector<TypeTemplates> Templates(db::Tx& tx, const Me& me);
// Office and admin: a new version of the type's template (its merge fields; unknown ones are
// warned about by the route). kNotFound for an unknown type.
Template UploadTemplate(db::Tx& tx, const Me& me, const std::string& type, const std::string& filename,
                        const std::string& bytes, const std::string& note, Seconds now);
// version 0 (or none uploaded): the built-in template.
File TemplateFile(db::Tx& tx, const Me& me, const std::string& type, std::optional<int> version);

// Turnaround: median days per stage per type over every contract's history.
struct StageTurnaround {
    Status stage = Status::kDraft;
    std::optional<double> median_days;  // nullopt: no completed stay
    long long count = 0;
};
struct TypeTurnaround {
    ContractType type = ContractType::kNda;
    int contracts = 0;
    std::vector<StageTurnaround> stages;  // kWorkStages, in order
    double median_days_to_sign = 0;       // the sum of the stages' medians
};
// Office, committee, admin; every type in catalogue order.
std::vector<TypeTurnaround> Turnaround(db::Tx& tx, const Me& me);

struct ReminderRun {
    int activated = 0, expired = 0, stale = 0, expiring = 0;
};
// Activates signed contracts whose term has begun, expires those whose term has ended (ending
// their grants), and posts reminders to the office (idempotent via the inbox's source key).
ReminderRun RunReminders(db::Tx& tx, Seconds now);

// The exchange's "詳細を見る (NDA を依頼)" opens a draft NDA here (exchange::RegisterNdaOpener).
void RegisterExchangeHooks();

// The gate requirements nda_signed and joint_research_agreement (projects module).
void RegisterRequirementChecks();
// The contract as a subject of approval chains: who may see its chain, and approval when its
// chain completes (modules/approvals).
void RegisterApprovalSubject();

// The office's view of deadlines (modules/deadlines): the end of every signed or active contract
// whose term ends between `from` and `to` (YYYY-MM-DD, inclusive), as contracts.expiry — the
// moment to renew or let it lapse, before any reminder is in an inbox (obligations.cpp). The
// responsible person is who prepared the contract. Office and admins; anyone else gets nothing.
std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to);

// ---- Word documents for other modules (ethics' application): the drafts' template engine ----
namespace documents {
inline constexpr const char* kDocxContentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
// A body paragraph (style "Title", "Heading2" or none) and a whole A4 .docx from such paragraphs
// with the text of its header and footer; {{merge_fields}} may appear in all three.
std::string Paragraph(const std::string& text, const char* style = nullptr);
std::string Package(const std::string& body, const std::string& header, const std::string& footer);
// The template with its merge fields filled (FillMergeFields); unknown names stay.
std::string Fill(const std::string& template_bytes, const std::map<std::string, std::string>& values);
// The merge field names of a .docx; kInvalid (`field`) when the bytes are not a Word document.
std::vector<std::string> MergeFieldsOf(const std::string& bytes, const std::string& field = "file");
}  // namespace documents

}  // namespace renkei::contracts
