// Internal approval chains (稟議, issue 18, docs/approvals.md): the office configures, per subject
// kind (contract, budget change), type and amount band, the ordered approvers; a subject's module
// starts a chain (a snapshot of the rule), each step's approver is asked through the inbox in
// turn and approves or sends back with a comment; a committee step waits for the steering
// committee's decision (committee::DecideItem → DecideForCommittee). When a chain ends, the
// subject's module is told (RegisterSubject's on_decided) in the same transaction.
//
// Generic over the subject: the module that owns it registers how to tell whether a caller may
// see it (someone who may not see the subject gets kNotFound for its chain) and what to do when
// its chain ends. Every change is audited (entity approval_chain, approval_rule).
#pragma once
#include <boost/json/value_from.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/approvals/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"

namespace renkei::approvals {

using Me = auth::Principal;

struct PersonRef {
    std::string id, name_ja, name_en;
};

// What a chain approves, as its module describes it at the start.
struct Subject {
    SubjectKind kind = SubjectKind::kContract;
    std::string id;
    std::string type;                        // contract type (joint_research …); "" when none
    std::optional<long long> amount_yen;     // picks the band; unknown counts as 0
    std::string title_ja, title_en;          // e.g. "共同研究契約: …"
    std::string link;                        // the subject's page in the UI, e.g. /contracts/<id>
    std::optional<std::string> prepared_by;  // excluded from role steps
};

struct Chain {
    std::string id;
    Subject subject;
    std::optional<std::string> rule_id;
    ChainStatus status = ChainStatus::kInProgress;
    std::optional<std::string> started_by;
    Seconds started_at;
    std::optional<Seconds> ended_at;
};

struct StepView {
    Step step;
    std::optional<PersonRef> person;      // a person step's approver
    std::optional<PersonRef> decided_by;  // who approved or sent back
    std::optional<double> days;           // started → decided (or → now while current)
    bool may_act = false;                 // the caller is this current step's approver
};
struct ChainView {
    Chain chain;
    std::optional<PersonRef> started_by;
    std::vector<StepView> steps;
    std::optional<std::string> current_step_id;
    double days = 0;  // started → ended (or → now)
};

// The wire format of a chain (routes.cpp; docs/approvals.md), for the subject's own routes.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ChainView& v);

// ---- for the subject's module ----

struct Decided {
    SubjectKind kind = SubjectKind::kContract;
    std::string subject_id, chain_id;
    bool approved = false;             // false: sent back
    std::optional<std::string> actor;  // who decided the last step (the office for the committee)
    std::string comment;
    Seconds at;
};
struct SubjectHooks {
    // Whether the caller may see the subject (its chain is kNotFound otherwise).
    std::function<bool(db::Tx&, const Me&, const std::string& subject_id)> may_see;
    // The chain ended (approved by its last step, or sent back): the subject follows, in the same
    // transaction. Throwing aborts the decision.
    std::function<void(db::Tx&, const Decided&)> on_decided;
};
// Set once at start-up (routes), before any request.
void RegisterSubject(SubjectKind kind, SubjectHooks hooks);

// Starts a chain for the subject under the rule its kind, type and amount select; the first
// step's approver is asked. The caller has checked that `starter` may ask for approval.
// kConflict (field status) while another chain of the subject is in progress; kConflict (field
// steps) when no rule applies.
ChainView Start(db::Tx& tx, const Me& starter, const Subject& subject, Seconds now);
// The subject's chain in progress, if any (no access check: the caller applies its own).
std::optional<Chain> InProgress(db::Tx& tx, SubjectKind kind, const std::string& subject_id);
// The subject's latest chain as the caller sees it (nullopt: never started); the caller has
// checked that `me` may see the subject.
std::optional<ChainView> StateOf(db::Tx& tx, const Me& me, SubjectKind kind, const std::string& subject_id,
                                 Seconds now);
// Every chain of the subject, oldest first (the caller has checked that `me` may see it).
std::vector<ChainView> ChainsOf(db::Tx& tx, const Me& me, SubjectKind kind, const std::string& subject_id, Seconds now);
// Whether the person is named as the approver of a step of one of the subject's chains, or decided
// one: the subject's module lets them see it (the centre director approves contracts he is
// otherwise no party to).
bool NamedIn(db::Tx& tx, SubjectKind kind, const std::string& subject_id, const std::string& person_id);
// The subject's module ends its chain in progress (it moved on otherwise: withdrawn, terminated);
// the open inbox items are cancelled. No-op when none is in progress.
void Withdraw(db::Tx& tx, const std::optional<std::string>& actor, SubjectKind kind, const std::string& subject_id,
              const std::string& reason, Seconds now);
// The subject was renamed: its chains in progress and their inbox items say the new title.
void Retitle(db::Tx& tx, SubjectKind kind, const std::string& subject_id, const std::string& title_ja,
             const std::string& title_en);

// ---- the approvers ----

// A chain; kNotFound for an unknown id or a subject the caller may not see.
ChainView GetChain(db::Tx& tx, const Me& me, const std::string& chain_id, Seconds now);
// The current step's approver approves (the next step's approver is asked; after the last, the
// chain is approved and its subject told) or sends back (the chain ends as returned). kNotFound
// (unknown or invisible), kConflict naming status (the step is not current: decided already, or
// not yet its turn, or the committee's), kForbidden (not its approver), kInvalid (comment: a
// sending back needs one).
ChainView Decide(db::Tx& tx, const Me& me, const std::string& step_id, Decision decision, const std::string& comment,
                 Seconds now);
// The steps the caller may act on now, oldest first.
std::vector<ChainView> AwaitingMe(db::Tx& tx, const Me& me, Seconds now);

// ---- the steering committee ----

// Chains whose current step is the committee's: the committee's agenda gathers them.
struct AwaitingCommittee {
    std::string chain_id;
    SubjectKind kind = SubjectKind::kContract;
    std::string subject_id, title_ja, title_en, link;
};
std::vector<AwaitingCommittee> ChainsAwaitingCommittee(db::Tx& tx);
// The chain (no access check), for the committee's recusal facts; nullopt for an unknown id.
std::optional<Chain> FindChainForModule(db::Tx& tx, const std::string& chain_id);
// The committee's decision on the chain's committee step, recorded by the office (kForbidden for
// anyone else); kConflict (status) when the committee's step is not current.
ChainView DecideForCommittee(db::Tx& tx, const Me& recorder, const std::string& chain_id, bool approve,
                             const std::string& reason, Seconds now);

// ---- configuration (the office and admins; the committee reads) ----

struct RuleView {
    Rule rule;
    std::vector<std::optional<PersonRef>> step_people;  // per step: the person step's approver
    std::optional<PersonRef> updated_by;
};
struct RuleInput {
    std::string kind, subject_type;  // as the client wrote them
    long long amount_from = 0;
    std::optional<long long> amount_to;
    std::vector<StepRule> steps;
    std::string note;
};
std::vector<RuleView> ListRules(db::Tx& tx, const Me& me);
// kInvalid naming the field: kind, subject_type (an unknown contract type), amount_from, amount_to
// (also for a band overlapping another of the same kind and type), steps, steps[i].*.
RuleView CreateRule(db::Tx& tx, const Me& me, const RuleInput& in, Seconds now);
RuleView UpdateRule(db::Tx& tx, const Me& me, const std::string& id, const RuleInput& in, Seconds now);
void DeleteRule(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// The subject types a rule may name per kind (set by the subject's module at start-up).
void RegisterTypes(SubjectKind kind, std::vector<std::string> types);

// ---- timing (the KPI module) ----

struct StepTiming {
    std::string label_ja, label_en;
    Approver approver = Approver::kRole;
    std::optional<double> days;  // nullopt: not decided
};
struct ChainTiming {
    std::string chain_id, subject_id, subject_type;
    ChainStatus status = ChainStatus::kInProgress;
    Seconds started_at;
    std::optional<double> days;  // started → ended; nullopt while in progress
    std::vector<StepTiming> steps;
};
// Every chain of the kind, oldest first. No access check: for modules that aggregate (kpi).
std::vector<ChainTiming> Timings(db::Tx& tx, SubjectKind kind);

}  // namespace renkei::approvals
