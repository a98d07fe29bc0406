// The internal open call (学内公募) as plain types and pure rules (no I/O): why a reviewer may not
// review a proposal, and the assignment problem the solver (assignment.hpp) is handed.
//
// Scores are integers in thousandths (kScoreScale): 0.731 is 731. The solvers add and compare
// them exactly, so the optimum they prove is the optimum of these integers, and a check by another
// solver (bench/assignment, GLPK) can be compared without a tolerance.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::opencall {

inline constexpr std::int64_t kScoreScale = 1000;

// A similarity in [0, 1] (the exchange engine's) as thousandths, rounded to the nearest; a value
// below 0 or not a number is 0, above 1 is 1000.
std::int64_t ScoreFromSimilarity(double similarity);

// --- Why a reviewer may not review a proposal -----------------------------------------------
enum class ConflictKind {
    kApplicantOrTeam,  // the reviewer is the applicant or a member of the proposal's team
    kSameDepartment,   // the reviewer is in the department of the applicant or a team member
    kPartnerCoi,       // the reviewer declared a COI with the proposal's partner company
    kJointProject,     // the reviewer has a current joint project with the applicant or a team member
    kOfficeForbidden,  // the office forbade the pair
};
inline constexpr std::array<EnumText<ConflictKind>, 5> kConflictKindTexts{{
    {ConflictKind::kApplicantOrTeam, "applicant_or_team"},
    {ConflictKind::kSameDepartment, "same_department"},
    {ConflictKind::kPartnerCoi, "partner_coi"},
    {ConflictKind::kJointProject, "joint_project"},
    {ConflictKind::kOfficeForbidden, "office_forbidden"},
}};
constexpr const auto& TextsOf(ConflictKind) { return kConflictKindTexts; }

// What the conflict rules read of a proposal. Ids are people's, departments' and organisations' ids.
struct ProposalFacts {
    std::vector<std::string> team;         // the applicant first, then the team members
    std::vector<std::string> departments;  // of the applicant and the team members
    std::string partner_company;           // the partner company's organisation id; empty when none
};

// What the conflict rules read of a reviewer.
struct ReviewerFacts {
    std::string person_id;
    std::string department;                         // empty when unknown
    std::vector<std::string> coi_companies;         // companies the reviewer declared a COI with
    std::vector<std::string> joint_project_people;  // people the reviewer has a current joint project with
};

// Every reason, in the order of ConflictKind, why the reviewer may not review the proposal;
// empty when they may. kOfficeForbidden is never among them: the office's word is a pair of its own.
std::vector<ConflictKind> ConflictsBetween(const ProposalFacts& proposal, const ReviewerFacts& reviewer);

// --- The assignment problem ------------------------------------------------------------------
// Proposals and reviewers are named by their index in AssignmentProblem's lists.
struct ProposalSlot {
    std::string id;
    int reviews = 0;  // k: how many distinct reviewers it needs
};
struct ReviewerSlot {
    std::string id;
    int load_cap = 0;  // how many proposals the reviewer may review at most
};
struct ReviewPair {
    int proposal = 0;
    int reviewer = 0;
    friend bool operator==(const ReviewPair&, const ReviewPair&) = default;
};
// A forbidden pair and why; a pair forbidden for several reasons appears once per reason.
struct Conflict {
    int proposal = 0;
    int reviewer = 0;
    ConflictKind kind = ConflictKind::kOfficeForbidden;
};

struct AssignmentProblem {
    std::vector<ProposalSlot> proposals;
    std::vector<ReviewerSlot> reviewers;
    // s(p, r) ≥ 0 in thousandths, row-major: expertise[p * reviewers.size() + r].
    std::vector<std::int64_t> expertise;
    std::vector<Conflict> conflicts;
    std::vector<ReviewPair> pinned;  // the office forces these pairs

    std::int64_t Expertise(int proposal, int reviewer) const {
        return expertise[static_cast<std::size_t>(proposal) * reviewers.size() + static_cast<std::size_t>(reviewer)];
    }
};

// The conflicts of every pair of a call by the rules above, plus the office's forbidden pairs
// (given as indices), in the order proposal, reviewer, kind.
std::vector<Conflict> FindConflicts(const std::vector<ProposalFacts>& proposals,
                                    const std::vector<ReviewerFacts>& reviewers,
                                    const std::vector<ReviewPair>& office_forbidden);

// A reviewer the proposal may not have, with every reason.
struct Exclusion {
    int reviewer = 0;
    std::vector<ConflictKind> reasons;  // in the order of ConflictKind, each once
};

// For the page's "why not this reviewer": each reviewer excluded from `proposal`, by reviewer index.
std::vector<Exclusion> ExplainExclusions(const AssignmentProblem& problem, int proposal);

// --- A call and its proposals, as stored --------------------------------------------------------
// draft → open → review → committee → decided; a returned selection goes back to review.
enum class CallStatus { kDraft, kOpen, kReview, kCommittee, kDecided };
inline constexpr std::array<EnumText<CallStatus>, 5> kCallStatusTexts{{
    {CallStatus::kDraft, "draft"},
    {CallStatus::kOpen, "open"},
    {CallStatus::kReview, "review"},
    {CallStatus::kCommittee, "committee"},
    {CallStatus::kDecided, "decided"},
}};
constexpr const auto& TextsOf(CallStatus) { return kCallStatusTexts; }

enum class ProposalStatus { kDraft, kSubmitted, kWithdrawn, kSelected, kNotSelected };
inline constexpr std::array<EnumText<ProposalStatus>, 5> kProposalStatusTexts{{
    {ProposalStatus::kDraft, "draft"},
    {ProposalStatus::kSubmitted, "submitted"},
    {ProposalStatus::kWithdrawn, "withdrawn"},
    {ProposalStatus::kSelected, "selected"},
    {ProposalStatus::kNotSelected, "not_selected"},
}};
constexpr const auto& TextsOf(ProposalStatus) { return kProposalStatusTexts; }

// Scores are whole points from kMinScore to kMaxScore per criterion.
inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 5;

struct PersonRef {
    std::string id, name_ja, name_en;
};

struct Criterion {
    std::string code, label_ja, label_en;
    int weight = 1;  // 1–100
};

struct PoolReviewer {
    PersonRef person;
    int load_cap = 1;
};

struct Call {
    std::string id, title_ja, title_en, theme;
    std::vector<std::string> areas;
    std::int64_t total_budget_yen = 0, per_project_cap_yen = 0;
    std::string opens_on, closes_on;  // YYYY-MM-DD, Asia/Tokyo; proposals until the end of closes_on
    int reviews_per_proposal = 2;
    std::int64_t disagreement_milli = 1500;  // spread of weighted scores above this (thousandths of a point) is flagged
    bool normalise = false;
    std::vector<Criterion> criteria;
    std::vector<PoolReviewer> reviewers;
    CallStatus status = CallStatus::kDraft;
    std::optional<Seconds> solved_at;  // when the assignment now stored was solved
    bool assignment_stale = false;     // pairs or proposals changed since
    std::string selection_note;
    std::optional<PersonRef> decided_by;
    std::optional<Seconds> decided_at;
    std::string decision_note;
    std::string created_by;
    Seconds created_at, updated_at;
    long long proposals_submitted = 0;  // filled when read
};

struct TeamMember {
    PersonRef person;
    std::string role;  // co_investigator | researcher
};
inline constexpr std::array<std::string_view, 2> kTeamRoles = {"co_investigator", "researcher"};

struct BudgetLine {
    int fiscal_year = 0;
    std::int64_t amount_yen = 0;
};

struct LinkRef {
    std::string kind;  // need | seed
    std::string target_id;
};

struct Attachment {
    std::string id, filename, content_type;
    long long size_bytes = 0;
    std::string uploaded_by;
    Seconds uploaded_at;
};

struct Proposal {
    std::string id, call_id;
    PersonRef applicant;
    std::optional<PersonRef> company_lead;
    std::string title_ja, title_en, aims;
    std::vector<TeamMember> team;
    std::vector<BudgetLine> budgets;
    std::vector<LinkRef> links;
    ProposalStatus status = ProposalStatus::kDraft;
    bool sent = false;  // in the selection sent to the committee
    std::optional<Seconds> submitted_at;
    std::optional<std::string> project_id;
    Seconds created_at, updated_at;
    std::vector<Attachment> attachments;  // filled when read in full

    std::int64_t RequestedYen() const;
    // The applicant, the company lead and the team, each once, the applicant first.
    std::vector<std::string> People() const;
};

// The office's word on a pair: pin (must review) or forbid (must not).
struct Pair {
    std::string proposal_id, person_id, rule;
};

struct AssignedPair {
    std::string proposal_id, reviewer_id;
    std::int64_t expertise = 0;  // thousandths
    bool pinned = false;
};

struct Review {
    std::string proposal_id, reviewer_id;
    std::map<std::string, int> scores;  // criterion code → 1–5
    std::string comment;
    std::optional<Seconds> submitted_at;
    Seconds updated_at;
};

// The last instant a proposal is accepted: the end of closes_on in Asia/Tokyo. nullopt for a text
// that is not a date.
std::optional<Seconds> ClosingInstant(const std::string& closes_on);
// Proposals are accepted: the call is open, today (Tokyo) is on or after opens_on, and `now` is
// not after the closing instant.
bool Accepting(const Call& call, Seconds now);

}  // namespace renkei::opencall
