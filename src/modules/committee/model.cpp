#include "modules/committee/model.hpp"

namespace renkei::committee {

std::vector<RecusalReason> RecusalsFor(const SubjectFacts& subject, const MemberFacts& member) {
    std::vector<RecusalReason> out;
    if (subject.people.count(member.person_id)) out.push_back(RecusalReason::kProjectMember);
    if (!member.company_group.empty() && subject.company_groups.count(member.company_group))
        out.push_back(RecusalReason::kPartnerEmployee);
    for (const auto& g : member.declared_groups)
        if (subject.company_groups.count(g)) {
            out.push_back(RecusalReason::kCoiDeclared);
            break;
        }
    return out;
}

int QuorumNeeded(QuorumRule rule, int members) {
    if (members <= 0) return 1;
    if (rule == QuorumRule::kTwoThirds) return (2 * members + 2) / 3;
    return members / 2 + 1;
}

Tally Count(const Rules& rules, const std::vector<Seat>& seats) {
    Tally t;
    t.members = static_cast<int>(seats.size());
    for (const auto& s : seats) {
        if (!s.present) continue;
        ++t.present;
        ++(s.side == Side::kUniversity ? t.present_university : t.present_company);
        if (s.recused) continue;
        ++t.eligible;
        if (!s.vote)
            ++t.not_voted;
        else if (*s.vote == Vote::kFor)
            ++t.votes_for;
        else if (*s.vote == Vote::kAgainst)
            ++t.against;
        else
            ++t.abstain;
    }
    t.quorum_needed = QuorumNeeded(rules.quorum, t.members);
    t.quorum = t.members > 0 && t.present >= t.quorum_needed &&
               (!rules.each_side || (t.present_university > 0 && t.present_company > 0));
    if (!t.quorum) {
        t.outcome = Outcome::kNoQuorum;
        return t;
    }
    if (t.eligible == 0) {
        t.outcome = Outcome::kNobodyEligible;
        return t;
    }
    bool pass = false;
    switch (rules.pass) {
        case PassRule::kMajorityOfVotes:
            pass = t.votes_for > t.against;
            break;
        case PassRule::kMajorityOfEligible:
            pass = 2 * t.votes_for > t.eligible;
            break;
        case PassRule::kTwoThirdsOfEligible:
            pass = 3 * t.votes_for >= 2 * t.eligible;
            break;
    }
    t.outcome = pass ? Outcome::kApproved : Outcome::kRejected;
    return t;
}

}  // namespace renkei::committee
