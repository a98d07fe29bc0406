// The open call's rules (docs/opencall.md): who may open a call, submit, edit and see proposals,
// solve the assignment, review, rank, send the selection and decide. Every change is audited in
// the caller's transaction and keeps the inbox in step. Other modules are reached through their
// services only: people (names, departments), COI (declared companies), projects (joint projects;
// the projects a decision starts), exchange (expertise; linked needs and seeds).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/opencall/assignment.hpp"
#include "modules/opencall/model.hpp"
#include "modules/opencall/scoring.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/obligation.hpp"

namespace renkei::opencall {

using Me = auth::Principal;

// ---- calls ----
struct CallInput {
    std::string title_ja, title_en, theme;
    std::vector<std::string> areas;
    std::int64_t total_budget_yen = 0, per_project_cap_yen = 0;
    std::string opens_on, closes_on;
    int reviews_per_proposal = 2;
    std::int64_t disagreement_milli = 1500;
    bool normalise = false;
    std::vector<Criterion> criteria;
    struct Reviewer {
        std::string person_id;
        int load_cap = 1;
    };
    std::vector<Reviewer> reviewers;
};

struct CallPermissions {
    bool edit = false, open = false, apply = false, assign = false, start_review = false, rank = false, select = false,
         decide = false;
};
struct MyProposal {
    std::string id, title_ja, title_en;
    ProposalStatus status = ProposalStatus::kDraft;
};
struct MyReview {
    std::string proposal_id, title_ja, title_en;
    bool submitted = false;
};
struct CallView {
    Call call;  // names filled; reviewers only for the office
    bool accepting = false;
    bool detail = false;  // the full view (GET /calls/{id}), not a list row
    std::vector<MyProposal> my_proposals;
    std::vector<MyReview> my_reviews;
    CallPermissions may;
};

// Calls newest first: the office sees drafts too. `status` "" = any; otherwise a status's text.
std::vector<CallView> ListCalls(db::Tx& tx, const Me& me, const std::string& status, Seconds now);
CallView GetCall(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// The office only. kInvalid naming the field.
CallView CreateCall(db::Tx& tx, const Me& me, const CallInput& in, Seconds now);
CallView UpdateCall(db::Tx& tx, const Me& me, const std::string& id, const CallInput& in, Seconds now);
// draft → open: academics are asked in their inbox.
CallView OpenCall(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// open → review, after the deadline and with a current assignment: reviewers are asked.
CallView StartReview(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// review → committee: the office sends these proposals; they must fit the budget and the cap.
CallView SendSelection(db::Tx& tx, const Me& me, const std::string& id, const std::vector<std::string>& proposal_ids,
                       const std::string& note, Seconds now);
// committee → decided (approve: the projects start) or back to review (a reason is required).
// kConflict while the selection is on an open agenda of the steering committee (it decides there).
CallView Decide(db::Tx& tx, const Me& me, const std::string& id, bool approve, const std::string& note, Seconds now);
// The steering committee's decision on the selection, taken under its rules and recorded by the
// office (`recorder`, kForbidden otherwise): as Decide, the recorder named as the decider.
CallView DecideForCommittee(db::Tx& tx, const Me& recorder, const std::string& id, bool approve,
                            const std::string& note, Seconds now);
// For the steering committee's module: nullopt when the call's selection is on no open agenda,
// otherwise why the committee decides it as a body. Registered once at start-up.
using AgendaCheck = std::function<std::optional<std::string>(db::Tx& tx, const std::string& call_id)>;
void RegisterAgendaCheck(AgendaCheck check);
// The committee took the selection onto an agenda: the members' inbox items asking each of them to
// decide it alone are withdrawn.
void TakenUpByCommittee(db::Tx& tx, const std::string& call_id, Seconds now);
// For the steering committee's agenda and recusal rules, without access checks (the committee
// module applies its own): the calls whose selection awaits the committee, and the people of the
// selection a call sent (applicants, company leads, teams) with the company leads apart.
struct AwaitingCall {
    std::string id, title_ja, title_en;
};
std::vector<AwaitingCall> CallsAwaitingCommittee(db::Tx& tx);
struct SelectionPeople {
    std::vector<std::string> people;           // every person of a sent proposal, each once
    std::vector<std::string> company_leads;    // of the sent proposals
    std::map<std::string, std::string> roles;  // person → applicant | company_lead | a team role
};
SelectionPeople PeopleOfSelection(db::Tx& tx, const std::string& call_id);

// ---- proposals ----
struct ProposalInput {
    std::string title_ja, title_en, aims;
    std::optional<std::string> company_lead_id;
    struct Member {
        std::string person_id, role;
    };
    std::vector<Member> team;
    std::vector<BudgetLine> budgets;
    std::vector<LinkRef> links;
};
struct ProposalPermissions {
    bool edit = false, submit = false, withdraw = false, review = false;
};
struct OrganisationRef {
    std::string id, name_ja, name_en;
};
struct LinkView {
    LinkRef link;
    std::string title;
};
struct ProposalView {
    Proposal proposal;  // names filled
    std::optional<OrganisationRef> partner_company;
    std::vector<LinkView> links;
    Call call;  // its call (core fields)
    bool accepting = false;
    ProposalPermissions may;
};

// The proposals of a call the caller may see (docs/opencall.md), oldest first, names filled.
std::vector<Proposal> ListProposals(db::Tx& tx, const Me& me, const std::string& call_id, Seconds now);
ProposalView GetProposal(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
ProposalView CreateProposal(db::Tx& tx, const Me& me, const std::string& call_id, const ProposalInput& in, Seconds now);
ProposalView UpdateProposal(db::Tx& tx, const Me& me, const std::string& id, const ProposalInput& in, Seconds now);
ProposalView SubmitProposal(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
ProposalView WithdrawProposal(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct Upload {
    std::string filename, content_type, bytes;
};
Attachment AddAttachment(db::Tx& tx, const Me& me, const std::string& proposal_id, const Upload& in, Seconds now);
struct Download {
    std::string filename, content_type, bytes;
};
Download ReadAttachment(db::Tx& tx, const Me& me, const std::string& proposal_id, const std::string& attachment_id,
                        Seconds now);
void RemoveAttachment(db::Tx& tx, const Me& me, const std::string& proposal_id, const std::string& attachment_id,
                      Seconds now);

// ---- the assignment (the office) ----
struct AssignedReviewer {
    PersonRef person;
    std::int64_t expertise = 0;  // thousandths
    bool pinned = false;
};
struct ExcludedReviewer {
    PersonRef person;
    std::vector<ConflictKind> reasons;
};
struct ProposalAssignment {
    std::string id, title_ja, title_en;
    PersonRef applicant;
    std::vector<AssignedReviewer> reviewers;
    std::vector<ExcludedReviewer> excluded;
};
struct ReviewerLoad {
    PersonRef person;
    int load_cap = 0, load = 0;
};
struct AssignmentView {
    bool solved = false, stale = false;
    std::optional<Seconds> solved_at;
    std::int64_t total_expertise = 0;
    std::vector<ProposalAssignment> proposals;
    std::vector<ReviewerLoad> reviewers;
    std::vector<Pair> pairs;
};
AssignmentView GetAssignment(db::Tx& tx, const Me& me, const std::string& call_id, Seconds now);
AssignmentView SetPairs(db::Tx& tx, const Me& me, const std::string& call_id, const std::vector<Pair>& pairs,
                        Seconds now);
// Solves and stores the assignment; kInvalid (field "assignment") with "refusals" when none exists.
AssignmentView SolveAndStore(db::Tx& tx, const Me& me, const std::string& call_id, Seconds now);

// ---- reviews and the ranking ----
struct ReviewView {
    std::vector<Criterion> criteria;
    Review review;
    bool editable = false;
};
ReviewView GetReview(db::Tx& tx, const Me& me, const std::string& proposal_id, Seconds now);
ReviewView SaveReview(db::Tx& tx, const Me& me, const std::string& proposal_id,
                      const std::map<std::string, int>& scores, const std::string& comment, Seconds now);

struct RankedReview {
    PersonRef reviewer;
    std::map<std::string, int> scores;
    double weighted = 0, adjusted = 0;
    std::string comment;
};
struct RankingRow {
    Proposal proposal;  // names filled
    int reviews_done = 0, reviews_expected = 0;
    std::optional<double> score, spread;
    bool disagreement = false, eligible = true, proposed = false, sent = false;
    std::vector<RankedReview> reviews;
};
struct RankingView {
    bool normalise = false;
    std::int64_t total_budget_yen = 0, per_project_cap_yen = 0;
    std::vector<RankingRow> rows;  // best first; unscored last
    std::vector<std::string> proposed;
    std::int64_t proposed_requested_yen = 0;
    double proposed_score = 0;
};
RankingView Ranking(db::Tx& tx, const Me& me, const std::string& call_id, Seconds now);

// For the office's view of deadlines (modules/deadlines): the closing dates of open calls between
// `from` and `to` (YYYY-MM-DD), with the applicants whose proposals are still drafts. The office
// and admins only; empty for everyone else.
std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to);

}  // namespace renkei::opencall
