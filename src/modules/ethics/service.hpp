// The ethics module's rules (倫理審査, SPEC §5, docs/ethics.md): the committees the office keeps,
// a project's protocols through their statuses, the application generated from the project, the
// COI forms of a 特定臨床研究, enrolment and adverse events, and the legal deadlines (inbox items
// for the PI, one page of the next 90 days for the office). Every change is audited in the
// caller's transaction. Services return typed results (routes.cpp maps them to JSON) and take the
// request's clock reading `now`.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/contracts/service.hpp"
#include "modules/ethics/deadlines.hpp"
#include "modules/ethics/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/obligation.hpp"

namespace renkei::ethics {

using Me = auth::Principal;
using File = contracts::File;

// Registers the ethics_protocol_approved gate check (once, at start-up).
void Install();

// ---- committees ----

struct CommitteeView {
    Committee committee;
    std::optional<Meeting> next_meeting;
    int template_version = 0;  // 0: the built-in template
};
// Every signed-in person (a clinician chooses the committee); members named.
std::vector<CommitteeView> ListCommittees(db::Tx& tx, Seconds now);
struct CommitteeInput {
    std::optional<std::string> name_ja, name_en, kind, certification_no;
    std::optional<std::optional<int>> approval_valid_months;
    std::optional<bool> active;
    std::optional<std::vector<std::string>> member_ids;
};
// Office and admin.
CommitteeView CreateCommittee(db::Tx& tx, const Me& me, const CommitteeInput& in, Seconds now);
CommitteeView UpdateCommittee(db::Tx& tx, const Me& me, const std::string& id, const CommitteeInput& in, Seconds now);
CommitteeView AddMeeting(db::Tx& tx, const Me& me, const std::string& id, const std::string& meets_on,
                         const std::string& cutoff_on, Seconds now);
// kConflict while a protocol is booked for the meeting.
CommitteeView RemoveMeeting(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                            Seconds now);
// The committee's application template (version 0 or none: the built-in one): office, admin
// and the committee's members.
File TemplateFile(db::Tx& tx, const Me& me, const std::string& committee_id, std::optional<int> version);
struct TemplateInfo {
    int version = 0;
    std::string filename;
    std::vector<std::string> merge_fields, unknown_merge_fields;
};
TemplateInfo UploadTemplate(db::Tx& tx, const Me& me, const std::string& committee_id, const std::string& filename,
                            const std::string& bytes, const std::string& note, Seconds now);
// The merge fields an application fills, with their labels.
struct MergeField {
    std::string name, label_ja, label_en;
};
const std::vector<MergeField>& ApplicationFields();

// ---- protocols ----

struct May {
    bool edit = false, submit = false, review = false, start = false, complete = false, withdraw = false,
         report = false;
};
struct ProtocolView {
    Protocol protocol;
    std::string project_title_ja, project_title_en;
    std::string committee_name_ja, committee_name_en;
    std::optional<Meeting> meeting;         // the meeting it is booked for, or the next one it can make
    std::vector<Deadline> deadlines;        // every deadline up to a year ahead (on its own page)
    std::optional<Deadline> next_deadline;  // the first one not filed
    May may;
};
struct ListFilter {
    std::optional<std::string> project_id, status, committee_id;
};
// The protocols the caller may see: the project's members, the reviewing committee's members,
// the office, the steering committee and admins. kInvalid for an unknown status.
std::vector<ProtocolView> ListProtocols(db::Tx& tx, const Me& me, const ListFilter& f, Seconds now);
// kNotFound for who may not see it.
void RequireVisible(db::Tx& tx, const Me& me, const std::string& id);
ProtocolView ReadProtocol(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct ProtocolInput {
    std::optional<std::string> project_id, category, committee_id, review_type, title_ja, title_en;
    std::optional<std::vector<std::string>> sites, investigator_ids;
    std::optional<std::optional<std::string>> planned_start, planned_end, jrct_registered_on;
    std::optional<std::optional<int>> target_enrolment;
    std::optional<std::string> jrct_id;
};
// The PI, an academic member of the project or the office; title, PI and sub-investigators come
// from the project unless given.
ProtocolView CreateProtocol(db::Tx& tx, const Me& me, const ProtocolInput& in, Seconds now);
// Contents while preparing or after revisions are requested; the jRCT fields at any time before
// completion.
ProtocolView UpdateProtocol(db::Tx& tx, const Me& me, const std::string& id, const ProtocolInput& in, Seconds now);
struct StatusChange {
    std::string status, note, approval_no;
    std::optional<std::string> on;  // the day it happened (default today); approval and completion
};
ProtocolView MoveProtocol(db::Tx& tx, const Me& me, const std::string& id, const StatusChange& in, Seconds now);
// The application .docx from the committee's current template, filled from the project.
File Application(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// 様式A–E (.xlsx) from the members' COI declarations: 特定臨床研究 only (kConflict otherwise).
File CoiForms(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
ProtocolView RecordEnrolment(db::Tx& tx, const Me& me, const std::string& id, const EnrolmentCount& in, Seconds now);
struct AdverseEventInput {
    std::optional<std::string> occurred_on;
    std::string learned_on, seriousness, summary;
    bool expected = false, unapproved = false;
};
ProtocolView AddAdverseEvent(db::Tx& tx, const Me& me, const std::string& id, const AdverseEventInput& in, Seconds now);
// A deadline met: kInvalid when the protocol has no such deadline.
ProtocolView FileReport(db::Tx& tx, const Me& me, const std::string& id, const Report& in, Seconds now);

// Amendments (変更申請, once the protocol is approved) and consent-form versions (同意説明文書, any
// time before it closes): the investigators or the office submit one with its document (required
// for a consent form; .pdf or .docx, at most 5 MB); the reviewing committee's members are asked.
struct AmendmentInput {
    std::string kind, summary, filename, bytes;
};
ProtocolView SubmitAmendment(db::Tx& tx, const Me& me, const std::string& id, const AmendmentInput& in, Seconds now);
// approved / revisions_requested (committee, office; a note for revisions), submitted again or
// withdrawn (investigators, office).
ProtocolView MoveAmendment(db::Tx& tx, const Me& me, const std::string& id, const std::string& amendment_id,
                           const std::string& status, const std::string& note, Seconds now);
// The document of an amendment, for whoever sees the protocol.
File AmendmentDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& amendment_id);

// ---- deadlines, rules, turnaround ----

struct DeadlineRow {
    Deadline deadline;
    std::string protocol_title_ja, protocol_title_en, project_id, status;
    PersonRef pi;
    bool overdue = false;
};
// Every deadline between `from` and `to` (inclusive) of the protocols the caller may see and,
// with `overdue`, the earlier ones not filed yet; kInvalid for a range longer than two years or
// reversed.
std::vector<DeadlineRow> DeadlinesBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                          bool overdue, Seconds now);
// The office's view of deadlines (modules/deadlines): the deadlines of DeadlinesBetween not filed
// yet, as ethics.<kind> (ethics.sae_report, ethics.periodic_report, …), each set by law or the
// guidelines (legal), the PI responsible (obligations.cpp). Whoever sees the protocols.
std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                           Seconds now);
std::vector<Rule> ListRules(db::Tx& tx);
struct RuleInput {
    std::optional<int> amount, repeat_months;
    std::optional<std::string> unit, source_ja, source_url, note;
    std::optional<bool> first_day_counts, moves_to_business_day;
};
// Office and admin; every open deadline is recomputed (inbox items too).
Rule UpdateRule(db::Tx& tx, const Me& me, const std::string& code, const RuleInput& in, Seconds now);

struct TurnaroundRow {
    std::string key, label_ja, label_en;
    int approved = 0;
    std::optional<double> median_days;
};
struct TurnaroundView {
    std::vector<TurnaroundRow> committees, categories;
};
// Office, steering committee and admin.
TurnaroundView Turnaround(db::Tx& tx, const Me& me);

// Puts every deadline of the next 90 days (and every overdue one) in the PI's inbox and resolves
// the items of filed or vanished deadlines; returns how many items were posted. Periodic tasks.
int SyncAllInboxes(db::Tx& tx, Seconds now);

// The ethics_protocol_approved requirement: an approved or active protocol of the project.
bool Approved(db::Tx& tx, const std::string& project_id);
// A protocol of the project is suspended: a standing blocker on the portfolio.
bool Suspended(db::Tx& tx, const std::string& project_id);

}  // namespace renkei::ethics
