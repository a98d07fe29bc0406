#include "modules/opencall/model.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "platform/error.hpp"

namespace renkei::opencall {

std::int64_t ScoreFromSimilarity(double similarity) {
    if (!(similarity > 0.0)) return 0;  // also NaN
    if (similarity >= 1.0) return kScoreScale;
    return std::llround(similarity * static_cast<double>(kScoreScale));
}

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
    return !value.empty() && std::find(list.begin(), list.end(), value) != list.end();
}

bool SharesAny(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return Contains(b, x); });
}

}  // namespace

std::vector<ConflictKind> ConflictsBetween(const ProposalFacts& proposal, const ReviewerFacts& reviewer) {
    std::vector<ConflictKind> kinds;
    if (Contains(proposal.team, reviewer.person_id)) kinds.push_back(ConflictKind::kApplicantOrTeam);
    if (Contains(proposal.departments, reviewer.department)) kinds.push_back(ConflictKind::kSameDepartment);
    if (Contains(reviewer.coi_companies, proposal.partner_company)) kinds.push_back(ConflictKind::kPartnerCoi);
    if (SharesAny(proposal.team, reviewer.joint_project_people)) kinds.push_back(ConflictKind::kJointProject);
    return kinds;
}

std::vector<Conflict> FindConflicts(const std::vector<ProposalFacts>& proposals,
                                    const std::vector<ReviewerFacts>& reviewers,
                                    const std::vector<ReviewPair>& office_forbidden) {
    const auto n_proposals = static_cast<int>(proposals.size());
    const auto n_reviewers = static_cast<int>(reviewers.size());
    std::unordered_set<std::int64_t> forbidden;
    forbidden.reserve(office_forbidden.size());
    for (const auto& pair : office_forbidden) {
        if (pair.proposal < 0 || pair.proposal >= n_proposals || pair.reviewer < 0 || pair.reviewer >= n_reviewers)
            throw Invalid("forbidden", "a forbidden pair names a proposal or reviewer outside the call");
        forbidden.insert(static_cast<std::int64_t>(pair.proposal) * n_reviewers + pair.reviewer);
    }
    std::vector<Conflict> conflicts;
    for (int p = 0; p < n_proposals; ++p) {
        for (int r = 0; r < n_reviewers; ++r) {
            for (auto kind : ConflictsBetween(proposals[p], reviewers[r])) conflicts.push_back({p, r, kind});
            if (forbidden.contains(static_cast<std::int64_t>(p) * n_reviewers + r))
                conflicts.push_back({p, r, ConflictKind::kOfficeForbidden});
        }
    }
    return conflicts;
}

std::vector<Exclusion> ExplainExclusions(const AssignmentProblem& problem, int proposal) {
    std::vector<std::vector<ConflictKind>> reasons(problem.reviewers.size());
    for (const auto& conflict : problem.conflicts) {
        if (conflict.proposal != proposal || conflict.reviewer < 0 ||
            conflict.reviewer >= static_cast<int>(reasons.size()))
            continue;
        auto& kinds = reasons[static_cast<std::size_t>(conflict.reviewer)];
        if (std::find(kinds.begin(), kinds.end(), conflict.kind) == kinds.end()) kinds.push_back(conflict.kind);
    }
    std::vector<Exclusion> exclusions;
    for (std::size_t r = 0; r < reasons.size(); ++r) {
        if (reasons[r].empty()) continue;
        std::sort(reasons[r].begin(), reasons[r].end());
        exclusions.push_back({static_cast<int>(r), std::move(reasons[r])});
    }
    return exclusions;
}

std::int64_t Proposal::RequestedYen() const {
    std::int64_t total = 0;
    for (const auto& b : budgets) total += b.amount_yen;
    return total;
}

std::vector<std::string> Proposal::People() const {
    std::vector<std::string> out{applicant.id};
    auto add = [&out](const std::string& id) {
        if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    };
    if (company_lead) add(company_lead->id);
    for (const auto& m : team) add(m.person.id);
    return out;
}

std::optional<Seconds> ClosingInstant(const std::string& closes_on) {
    auto day = ParseDate(closes_on);
    if (!day) return std::nullopt;
    return FromTokyo(*day, 24 * 60) - std::chrono::seconds{1};
}

bool Accepting(const Call& call, Seconds now) {
    if (call.status != CallStatus::kOpen) return false;
    auto closing = ClosingInstant(call.closes_on);
    return closing && TokyoDate(now) >= call.opens_on && now <= *closing;
}

}  // namespace renkei::opencall
