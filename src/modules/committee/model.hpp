// The steering committee (運営委員会, paper §5-3: three members from the university, three from the
// company) as plain types and pure rules (no I/O): who must stand aside on an item, whether a
// meeting has its quorum, and whether a motion passes.
#pragma once
#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::committee {

enum class Side { kUniversity, kCompany };
inline constexpr std::array<EnumText<Side>, 2> kSideTexts{
    {{Side::kUniversity, "university"}, {Side::kCompany, "company"}}};
constexpr const auto& TextsOf(Side) { return kSideTexts; }

// Quorum: how many of the members in term must be present (recused members count as present: they
// attend and stand aside on one item).
enum class QuorumRule { kMajority, kTwoThirds };
inline constexpr std::array<EnumText<QuorumRule>, 2> kQuorumRuleTexts{
    {{QuorumRule::kMajority, "majority"}, {QuorumRule::kTwoThirds, "two_thirds"}}};
constexpr const auto& TextsOf(QuorumRule) { return kQuorumRuleTexts; }

// When a motion passes. Eligible: present and not recused.
//   majority_of_votes:       more votes for than against (abstentions not counted);
//   majority_of_eligible:    votes for are more than half of the eligible;
//   two_thirds_of_eligible:  votes for are at least two thirds of the eligible.
enum class PassRule { kMajorityOfVotes, kMajorityOfEligible, kTwoThirdsOfEligible };
inline constexpr std::array<EnumText<PassRule>, 3> kPassRuleTexts{
    {{PassRule::kMajorityOfVotes, "majority_of_votes"},
     {PassRule::kMajorityOfEligible, "majority_of_eligible"},
     {PassRule::kTwoThirdsOfEligible, "two_thirds_of_eligible"}}};
constexpr const auto& TextsOf(PassRule) { return kPassRuleTexts; }

struct Rules {
    QuorumRule quorum = QuorumRule::kMajority;
    bool each_side = true;  // at least one member of each side present
    PassRule pass = PassRule::kMajorityOfVotes;
};

enum class Vote { kFor, kAgainst, kAbstain };
inline constexpr std::array<EnumText<Vote>, 3> kVoteTexts{
    {{Vote::kFor, "for"}, {Vote::kAgainst, "against"}, {Vote::kAbstain, "abstain"}}};
constexpr const auto& TextsOf(Vote) { return kVoteTexts; }

// Why a member stands aside on an item.
enum class RecusalReason { kProjectMember, kPartnerEmployee, kCoiDeclared, kDeclared };
inline constexpr std::array<EnumText<RecusalReason>, 4> kRecusalReasonTexts{
    {{RecusalReason::kProjectMember, "project_member"},
     {RecusalReason::kPartnerEmployee, "partner_employee"},
     {RecusalReason::kCoiDeclared, "coi_declared"},
     {RecusalReason::kDeclared, "declared"}}};
constexpr const auto& TextsOf(RecusalReason) { return kRecusalReasonTexts; }

// What the recusal rules read of an item's subject: the people in it (a project's members, a
// selection's applicants and teams) and the company groups it is with (group roots).
struct SubjectFacts {
    std::set<std::string> people;
    std::set<std::string> company_groups;
};
// What they read of a member: the company group they work for (empty: none) and the company
// groups they declared a relationship with this fiscal year (COI).
struct MemberFacts {
    std::string person_id;
    std::string company_group;
    std::set<std::string> declared_groups;
};
// Every automatic reason, in the order of RecusalReason, why the member must stand aside.
std::vector<RecusalReason> RecusalsFor(const SubjectFacts& subject, const MemberFacts& member);

// A member's place on one item.
struct Seat {
    std::string person_id;
    Side side = Side::kUniversity;
    bool present = false;
    bool recused = false;
    std::optional<Vote> vote;
};

enum class Outcome { kApproved, kRejected, kNoQuorum, kNobodyEligible };
inline constexpr std::array<EnumText<Outcome>, 4> kOutcomeTexts{{{Outcome::kApproved, "approved"},
                                                                 {Outcome::kRejected, "rejected"},
                                                                 {Outcome::kNoQuorum, "no_quorum"},
                                                                 {Outcome::kNobodyEligible, "nobody_eligible"}}};
constexpr const auto& TextsOf(Outcome) { return kOutcomeTexts; }

struct Tally {
    int members = 0, present = 0, present_university = 0, present_company = 0;
    int quorum_needed = 0;  // members present needed
    bool quorum = false;
    int eligible = 0, votes_for = 0, against = 0, abstain = 0, not_voted = 0;
    Outcome outcome = Outcome::kNoQuorum;
};
// Counts one item. Only votes of eligible seats count (a recused or absent seat's vote is ignored).
Tally Count(const Rules& rules, const std::vector<Seat>& seats);

// Members present needed for a quorum of `members`.
int QuorumNeeded(QuorumRule rule, int members);

}  // namespace renkei::committee
