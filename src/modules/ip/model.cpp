#include "modules/ip/model.hpp"

#include <algorithm>
#include <set>

#include "platform/error.hpp"

namespace renkei::ip {

Date LegalEnd(DeadlineKind kind, Date from) {
    const auto& rule = EntryOf(kind);
    return PeriodEnd(from, rule.amount, rule.unit, false);
}

Date DueOn(DeadlineKind kind, Date from) { return NextOpenDay(LegalEnd(kind, from)); }

bool Invention::IsInventor(const std::string& person_id) const {
    return std::any_of(inventors.begin(), inventors.end(), [&](const Inventor& i) { return i.person.id == person_id; });
}

void CheckInventors(const std::vector<Inventor>& inventors) {
    if (inventors.empty()) throw Invalid("inventors", "name at least one inventor");
    if (inventors.size() > 30) throw Invalid("inventors", "at most 30 inventors");
    std::set<std::string> seen;
    int total = 0;
    for (const auto& i : inventors) {
        if (i.person.id.empty() || !seen.insert(i.person.id).second) throw Invalid("inventors", "each inventor once");
        if (i.share_percent < 1 || i.share_percent > 100)
            throw Invalid("inventors", "each inventor's share is 1 to 100 percent");
        total += i.share_percent;
    }
    if (total != 100)
        throw Invalid("inventors", "the inventors' shares add up to 100 percent, not " + std::to_string(total));
}

std::vector<int> EvenShares(size_t n) {
    std::vector<int> out;
    if (n == 0) return out;
    int each = static_cast<int>(100 / n), rest = static_cast<int>(100 % n);
    for (size_t i = 0; i < n; ++i) out.push_back(each + (static_cast<int>(i) < rest ? 1 : 0));
    return out;
}

bool MayMove(InventionStatus from, InventionStatus to) {
    using S = InventionStatus;
    if (from == to || from == S::kAbandoned || from == S::kRegistered) return false;
    switch (to) {
        case S::kEvaluating:
            return from == S::kDisclosed;
        case S::kDecided:
            return from == S::kDisclosed || from == S::kEvaluating;
        case S::kFiled:
            return from == S::kDecided;
        case S::kRegistered:
            return from == S::kFiled;
        case S::kAbandoned:
            return true;
        case S::kDisclosed:
            return false;
    }
    return false;
}

std::vector<InventionDeadline> Deadlines(const Invention& inv, Date until) {
    std::vector<InventionDeadline> out;
    if (inv.status == InventionStatus::kAbandoned) return out;
    auto add = [&](DeadlineKind kind, const std::string& from, const std::string& filing_id) {
        auto d = ParseDate(from);
        if (!d) return;
        auto due = DueOn(kind, *d);
        if (due > until) return;
        out.push_back({kind, FormatDate(due), FormatDate(LegalEnd(kind, *d)), filing_id});
    };
    const Filing* first_jp = nullptr;
    const Filing* pct = nullptr;
    bool national = false, claimed = false;
    for (const auto& f : inv.filings) {
        if (f.kind == FilingKind::kJp && (!first_jp || f.filed_on < first_jp->filed_on)) first_jp = &f;
        if (f.kind == FilingKind::kPct && (!pct || f.filed_on < pct->filed_on)) pct = &f;
        if (f.kind == FilingKind::kNational) national = true;
        if (f.kind != FilingKind::kJp && f.priority_date) claimed = true;
    }
    if (inv.disclosed_on && inv.filings.empty()) add(DeadlineKind::kGracePeriodFiling, *inv.disclosed_on, "");
    if (first_jp) {
        if (!claimed && !pct) add(DeadlineKind::kParisPriority, first_jp->filed_on, first_jp->id);
        if (!first_jp->examination_requested_on && !first_jp->registered_on)
            add(DeadlineKind::kJpExaminationRequest, first_jp->filed_on, first_jp->id);
        if (inv.disclosed_on && *inv.disclosed_on <= first_jp->filed_on && !first_jp->grace_proof_on)
            add(DeadlineKind::kGracePeriodProof, first_jp->filed_on, first_jp->id);
    }
    if (pct && !national) add(DeadlineKind::kPctNationalPhase, pct->priority_date.value_or(pct->filed_on), pct->id);
    std::sort(out.begin(), out.end(),
              [](const InventionDeadline& a, const InventionDeadline& b) { return a.due_on < b.due_on; });
    return out;
}

bool Invention::NeedsCompanyConsent() const { return decision == Decision::kFile && company_share.value_or(0) > 0; }

long long Licence::RevenueTotal() const {
    long long total = 0;
    for (const auto& r : revenue) total += r.amount_yen;
    return total;
}

namespace {
constexpr long long kMaxRewardYen = 100'000'000;
}  // namespace

void CheckRewardRules(const RewardRules& r) {
    if (r.filing_yen < 0 || r.filing_yen > kMaxRewardYen)
        throw Invalid("filing_yen", "filing_yen is 0 to 100,000,000 yen");
    if (r.registration_yen < 0 || r.registration_yen > kMaxRewardYen)
        throw Invalid("registration_yen", "registration_yen is 0 to 100,000,000 yen");
    if (r.revenue_percent < 0 || r.revenue_percent > 100)
        throw Invalid("revenue_percent", "revenue_percent is 0 to 100");
}

std::vector<RewardShare> SplitReward(long long amount_yen, const std::vector<Inventor>& inventors) {
    std::vector<RewardShare> out;
    if (amount_yen <= 0) return out;
    for (const auto& i : inventors) {
        if (i.employer != Employer::kUniversity) continue;
        long long yen = amount_yen / 100 * i.share_percent + amount_yen % 100 * i.share_percent / 100;
        if (yen > 0) out.push_back({i.person.id, yen});
    }
    return out;
}

long long RevenuePart(const RewardRules& rules, long long revenue_yen) {
    if (revenue_yen <= 0) return 0;
    return revenue_yen / 100 * rules.revenue_percent + revenue_yen % 100 * rules.revenue_percent / 100;
}

bool BeforeFiling(const Invention& inv, const std::string& planned_on) {
    if (inv.status == InventionStatus::kAbandoned) return false;
    for (const auto& f : inv.filings)
        if (f.filed_on <= planned_on) return false;
    return true;
}

}  // namespace renkei::ip
