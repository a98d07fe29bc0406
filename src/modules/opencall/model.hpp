// The internal open call (学内公募) as plain types and pure rules (no I/O): why a reviewer may not
// review a proposal, and the assignment problem the solver (assignment.hpp) is handed.
//
// Scores are integers in thousandths (kScoreScale): 0.731 is 731. The solvers add and compare
// them exactly, so the optimum they prove is the optimum of these integers, and a check by another
// solver (bench/assignment, GLPK) can be compared without a tolerance.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_text.hpp"

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

}  // namespace renkei::opencall
