// Internal approval chains (稟議, issue 18, docs/approvals.md) as plain types and pure rules (no
// I/O): which configured rule applies to a subject (its kind, type and amount band), whether two
// bands overlap, what makes a rule well-formed, and who may act on a step.
#pragma once
#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::approvals {

// What a chain approves: a contract (type: its contract type) or a budget change.
enum class SubjectKind { kContract, kBudgetChange };
inline constexpr std::array<EnumText<SubjectKind>, 2> kSubjectKindTexts{
    {{SubjectKind::kContract, "contract"}, {SubjectKind::kBudgetChange, "budget_change"}}};
constexpr const auto& TextsOf(SubjectKind) { return kSubjectKindTexts; }

// Who approves a step: a named person; any holder of a role other than whoever prepared the
// subject (an admin too, as before chains); or the steering committee as a body.
enum class Approver { kPerson, kRole, kCommittee };
inline constexpr std::array<EnumText<Approver>, 3> kApproverTexts{
    {{Approver::kPerson, "person"}, {Approver::kRole, "role"}, {Approver::kCommittee, "committee"}}};
constexpr const auto& TextsOf(Approver) { return kApproverTexts; }

enum class ChainStatus { kInProgress, kApproved, kReturned, kWithdrawn };
inline constexpr std::array<EnumText<ChainStatus>, 4> kChainStatusTexts{{{ChainStatus::kInProgress, "in_progress"},
                                                                         {ChainStatus::kApproved, "approved"},
                                                                         {ChainStatus::kReturned, "returned"},
                                                                         {ChainStatus::kWithdrawn, "withdrawn"}}};
constexpr const auto& TextsOf(ChainStatus) { return kChainStatusTexts; }

// waiting (a later step), current (its approver is asked), approved, returned (sent back: the
// chain ends), cancelled (never reached: the chain ended before it).
enum class StepStatus { kWaiting, kCurrent, kApproved, kReturned, kCancelled };
inline constexpr std::array<EnumText<StepStatus>, 5> kStepStatusTexts{{{StepStatus::kWaiting, "waiting"},
                                                                       {StepStatus::kCurrent, "current"},
                                                                       {StepStatus::kApproved, "approved"},
                                                                       {StepStatus::kReturned, "returned"},
                                                                       {StepStatus::kCancelled, "cancelled"}}};
constexpr const auto& TextsOf(StepStatus) { return kStepStatusTexts; }

enum class Decision { kApprove, kReturn };
inline constexpr std::array<EnumText<Decision>, 2> kDecisionTexts{
    {{Decision::kApprove, "approve"}, {Decision::kReturn, "return"}}};
constexpr const auto& TextsOf(Decision) { return kDecisionTexts; }

inline constexpr size_t kMaxSteps = 10;
inline constexpr long long kMaxAmount = 100'000'000'000LL;  // as a contract's amount

// A configured step: its bilingual label (部門長, 事務局長, センター長 …) and its approver.
struct StepRule {
    std::string label_ja, label_en;
    Approver approver = Approver::kRole;
    std::string person_id;  // approver person
    std::string role;       // approver role
};
// A rule: for the kind, a type ("" = any) and the band [amount_from, amount_to) in yen.
struct Rule {
    std::string id;
    SubjectKind kind = SubjectKind::kContract;
    std::string subject_type;  // "" = any type
    long long amount_from = 0;
    std::optional<long long> amount_to;  // nullopt: no upper bound
    std::vector<StepRule> steps;
    std::string note;
    std::optional<std::string> updated_by;
    Seconds updated_at;
};

bool InBand(const Rule& r, long long amount);
// Same kind and type, and the bands share an amount.
bool Overlaps(const Rule& a, const Rule& b);
// The rule for a subject: among the kind's rules whose band holds the amount (an unknown amount
// counts as 0), one for the subject's own type wins over one for any type. nullopt: none.
std::optional<Rule> ChooseRule(const std::vector<Rule>& rules, SubjectKind kind, const std::string& type,
                               std::optional<long long> amount);

struct Problem {
    std::string field, message;
};
// The shape of a rule (not whether its people exist, nor overlaps): amounts, labels, approvers.
// Fields: amount_from, amount_to, steps, steps[i].label_ja, steps[i].approver, steps[i].person_id,
// steps[i].role.
std::optional<Problem> CheckRule(const Rule& r);

// A chain's step as it ran.
struct Step {
    std::string id, chain_id;
    int position = 0;
    std::string label_ja, label_en;
    Approver approver = Approver::kRole;
    std::optional<std::string> person_id, role;
    StepStatus status = StepStatus::kWaiting;
    std::optional<Seconds> started_at, decided_at;
    std::optional<std::string> decided_by;
    std::string comment;
};

// Who asks to act on a step.
struct Actor {
    std::string person_id;
    std::set<std::string> roles;
};
// The step's approver: the named person; a holder of the role (or an admin) who did not prepare
// the subject; nobody for the committee's step (it is decided at a meeting, recorded by the
// office). Whether the step is current is checked apart.
bool IsApprover(const Step& step, const std::optional<std::string>& prepared_by, const Actor& who);

// Days between two instants (fractional).
double DaysBetween(Seconds from, Seconds to);

}  // namespace renkei::approvals
