// The conflict-free optimal reviewer assignment of an open call, solved exactly as a min-cost flow
// (Boost.Graph's successive shortest paths): each proposal gets exactly its k distinct reviewers,
// never a forbidden pair, every reviewer within the load cap, every pinned pair kept, and the total
// expertise as large as it can be. No I/O.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/opencall/model.hpp"
#include "platform/enum_text.hpp"

namespace renkei::opencall {

// Why an assignment cannot be made. Refusals of the office's pins come first: they are checked
// before anything is solved.
enum class RefusalKind {
    kPinnedPairForbidden,      // a pinned pair is also a forbidden one (`conflict` says why)
    kTooManyPins,              // more pins on the proposal than the reviews it needs
    kPinsAboveLoadCap,         // more pins on the reviewer than the load cap
    kTooFewEligibleReviewers,  // fewer reviewers without a conflict (and with room) than the proposal needs
    kCapacityShort,            // all load caps together are fewer than all reviews needed
    kEligibleReviewersFull,    // the proposals named together need more reviews than their eligible reviewers have room
                               // for
};
inline constexpr std::array<EnumText<RefusalKind>, 6> kRefusalKindTexts{{
    {RefusalKind::kPinnedPairForbidden, "pinned_pair_forbidden"},
    {RefusalKind::kTooManyPins, "too_many_pins"},
    {RefusalKind::kPinsAboveLoadCap, "pins_above_load_cap"},
    {RefusalKind::kTooFewEligibleReviewers, "too_few_eligible_reviewers"},
    {RefusalKind::kCapacityShort, "capacity_short"},
    {RefusalKind::kEligibleReviewersFull, "eligible_reviewers_full"},
}};
constexpr const auto& TextsOf(RefusalKind) { return kRefusalKindTexts; }

struct Refusal {
    RefusalKind kind = RefusalKind::kCapacityShort;
    int proposal = -1;  // the proposal that cannot be served; -1 for kCapacityShort and kPinsAboveLoadCap
    int reviewer = -1;  // for the pin refusals
    std::optional<ConflictKind> conflict;  // kPinnedPairForbidden: the first reason the pair is forbidden
    // Reviews needed and reviews available: for one proposal (kTooFewEligibleReviewers, kTooManyPins),
    // one reviewer (kPinsAboveLoadCap: pins and cap), the group named (kEligibleReviewersFull) or the
    // whole call (kCapacityShort).
    int needed = 0;
    int available = 0;
};

struct Assignment {
    std::vector<std::vector<int>> reviewers_of;  // per proposal, its reviewers' indices in ascending order
    std::vector<int> loads;                      // per reviewer, how many proposals it reviews
    std::int64_t total_expertise = 0;            // in thousandths, pinned pairs included
};

// Either an assignment or the refusals that explain why there is none (never both).
struct AssignmentResult {
    std::optional<Assignment> assignment;
    std::vector<Refusal> refusals;
};

// The optimal assignment of `problem`, or every refusal found. Pinned pairs are taken first
// (their proposal needs one review fewer, their reviewer has one place fewer); a pin given twice
// counts once. Then each proposal must have enough eligible reviewers and the caps must cover the
// reviews; last, the flow itself finds groups of proposals whose eligible reviewers are too few
// together. Throws Error{kInvalid} only for a malformed problem (an index out of range, an
// expertise matrix of the wrong size, a negative count or score): the caller's bug, not the office's.
AssignmentResult SolveAssignment(const AssignmentProblem& problem);

// A sentence in English that names the proposal (or reviewer) by id and says what is short.
std::string Describe(const Refusal& refusal, const AssignmentProblem& problem);

}  // namespace renkei::opencall
