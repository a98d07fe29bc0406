// Intellectual property (知財, SPEC §5, issue 15): the legal periods of an invention's life as pure
// functions. Each rule names the day its period runs from and its source; every period counts as
// the Patent Act says (特許法 第3条第1項: the first day is not counted; months and years by the
// calendar) and a period that ends on a day the patent office is closed — a Saturday, Sunday,
// national holiday or 29 December – 3 January — ends on the next day it is open (第3条第2項).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/calendar.hpp"
#include "platform/enum_text.hpp"

namespace renkei::ip {

enum class DeadlineKind {
    kParisPriority,         // from the first filing: 12 months (パリ条約 第4条C(1))
    kPctNationalPhase,      // from the priority date: 30 months in Japan (特許法 第184条の4第1項)
    kJpExaminationRequest,  // from the filing date: 3 years (特許法 第48条の3第1項)
    kGracePeriodFiling,     // from one's own disclosure: 1 year (特許法 第30条第2項)
    kGracePeriodProof,      // from the filing date: 30 days (特許法 第30条第3項)
};
struct DeadlineRule {
    DeadlineKind value;
    std::string_view text;
    int amount;
    PeriodUnit unit;
    std::string_view from_ja, source_ja;
};
inline constexpr std::array<DeadlineRule, 5> kDeadlineRules = {{
    {DeadlineKind::kParisPriority, "paris_priority", 12, PeriodUnit::kMonth, "最初の出願の日",
     "パリ条約 第4条C(1)・(2)"},
    {DeadlineKind::kPctNationalPhase, "pct_national_phase", 30, PeriodUnit::kMonth, "優先日",
     "特許法 第184条の4第1項（国内書面提出期間）、PCT第22条(1)"},
    {DeadlineKind::kJpExaminationRequest, "jp_examination_request", 3, PeriodUnit::kYear, "特許出願の日",
     "特許法 第48条の3第1項"},
    {DeadlineKind::kGracePeriodFiling, "grace_period_filing", 1, PeriodUnit::kYear, "発明を公開した日",
     "特許法 第30条第2項（新規性喪失の例外）"},
    {DeadlineKind::kGracePeriodProof, "grace_period_proof", 30, PeriodUnit::kDay, "特許出願の日",
     "特許法 第30条第3項（証明書の提出）"},
}};
constexpr const auto& TextsOf(DeadlineKind) { return kDeadlineRules; }

// The last day for the step of `kind`, counted from `from`: the period's end, moved to the next
// day the patent office is open.
Date DueOn(DeadlineKind kind, Date from);
// The period's end before any move (for showing why a date moved).
Date LegalEnd(DeadlineKind kind, Date from);

// ---- inventions ----

// disclosed (届出) → evaluating (評価中) → decided (the office's decision) → filed → registered,
// or abandoned. A decision to leave it to the company or to hold it ends at decided.
enum class InventionStatus { kDisclosed, kEvaluating, kDecided, kFiled, kRegistered, kAbandoned };
inline constexpr std::array<EnumText<InventionStatus>, 6> kInventionStatuses = {{
    {InventionStatus::kDisclosed, "disclosed"},
    {InventionStatus::kEvaluating, "evaluating"},
    {InventionStatus::kDecided, "decided"},
    {InventionStatus::kFiled, "filed"},
    {InventionStatus::kRegistered, "registered"},
    {InventionStatus::kAbandoned, "abandoned"},
}};
constexpr const auto& TextsOf(InventionStatus) { return kInventionStatuses; }

enum class Decision { kFile, kHold, kAbandon, kCompany };
inline constexpr std::array<EnumText<Decision>, 4> kDecisions = {{
    {Decision::kFile, "file"},
    {Decision::kHold, "hold"},
    {Decision::kAbandon, "abandon"},
    {Decision::kCompany, "company"},  // left to the company to file
}};
constexpr const auto& TextsOf(Decision) { return kDecisions; }

// Where an inventor is employed (decides whose 職務発明 it is).
enum class Employer { kUniversity, kCompany };
inline constexpr std::array<EnumText<Employer>, 2> kEmployers = {{
    {Employer::kUniversity, "university"},
    {Employer::kCompany, "company"},
}};
constexpr const auto& TextsOf(Employer) { return kEmployers; }

// jp: a Japanese application; pct: an international application; national: a national phase.
enum class FilingKind { kJp, kPct, kNational };
inline constexpr std::array<EnumText<FilingKind>, 3> kFilingKinds = {{
    {FilingKind::kJp, "jp"},
    {FilingKind::kPct, "pct"},
    {FilingKind::kNational, "national"},
}};
constexpr const auto& TextsOf(FilingKind) { return kFilingKinds; }

struct PersonRef {
    std::string id, name_ja, name_en;
};
struct Inventor {
    PersonRef person;
    int share_percent = 0;
    Employer employer = Employer::kUniversity;
    std::string affiliation;  // the organisation's name when disclosed
};
struct Filing {
    std::string id;
    FilingKind kind = FilingKind::kJp;
    std::string country = "JP", number, filed_on;
    std::optional<std::string> priority_date;  // the earliest filing claimed, if any
    std::optional<std::string> examination_requested_on, registered_on, grace_proof_on;
};
struct Invention {
    std::string id, project_id, title, summary;
    std::optional<std::string> conceived_on, disclosed_on;  // one's own disclosure (新規性喪失の例外)
    InventionStatus status = InventionStatus::kDisclosed;
    std::optional<Decision> decision;
    std::string decision_note, novelty_notes, prior_art;
    std::optional<int> university_share, company_share;  // ownership, % (from the joint research agreement)
    std::optional<std::string> contract_id;              // that agreement
    // The company's consent to a joint application (特許法 第38条), when it co-owns the invention.
    std::optional<std::string> company_consent_on, company_consent_by;
    std::vector<Inventor> inventors;
    std::vector<Filing> filings;
    std::optional<std::string> created_by;
    Seconds created_at, updated_at;
    bool IsInventor(const std::string& person_id) const;
    // Decided to file with a share for the company: the company must consent before the first
    // application (特許法 第38条: co-owners file jointly).
    bool NeedsCompanyConsent() const;
};

// kInvalid ("inventors") unless there is at least one inventor, each once, each share 1–100 and
// the shares add up to 100.
void CheckInventors(const std::vector<Inventor>& inventors);
// Shares split evenly in whole percent (the first ones take the remainder): 3 → 34, 33, 33.
std::vector<int> EvenShares(size_t n);
// Whether the office may move an invention from `from` to `to`.
bool MayMove(InventionStatus from, InventionStatus to);

struct InventionDeadline {
    DeadlineKind kind;
    std::string due_on, period_end, filing_id;  // filing_id: the filing it runs from ("" for a disclosure)
};
// The open deadlines of an invention, due on or before `until`: the grace period after one's own
// disclosure until the first filing; from the first Japanese filing, the Paris priority (until a
// PCT or national filing claims it), the examination request (until requested) and the grace
// period's proof (when a disclosure preceded the filing); from the priority date of a PCT
// application, Japan's national phase (until a national filing). Nothing once abandoned.
std::vector<InventionDeadline> Deadlines(const Invention& inv, Date until);

// ---- licences, rewards (職務発明), publications ----

struct Revenue {
    std::string id, licence_id, received_on;
    long long amount_yen = 0;
    std::string note;
};
struct Licence {
    std::string id, invention_id, licensee;
    std::optional<std::string> contract_id;  // the licence contract (contracts module)
    bool exclusive = false;
    std::string signed_on, note;
    std::vector<Revenue> revenue;  // oldest first
    long long RevenueTotal() const;
};

enum class RewardKind { kFiling, kRegistration, kRevenue };
inline constexpr std::array<EnumText<RewardKind>, 3> kRewardKinds = {{
    {RewardKind::kFiling, "filing"},
    {RewardKind::kRegistration, "registration"},
    {RewardKind::kRevenue, "revenue"},
}};
constexpr const auto& TextsOf(RewardKind) { return kRewardKinds; }

// The university's rules for its employees' inventions: a fixed amount when the first
// application is filed and when a patent is registered, and a part of the licence revenue.
struct RewardRules {
    long long filing_yen = 0, registration_yen = 0;
    int revenue_percent = 0;
};
// kInvalid naming the field unless each amount is 0 to 100,000,000 yen and the percentage 0–100.
void CheckRewardRules(const RewardRules& r);

struct Reward {
    std::string id, invention_id;
    PersonRef person;
    RewardKind kind = RewardKind::kFiling;
    std::string basis_id, basis_on;  // the filing or revenue it is for, and its day
    long long amount_yen = 0;
    std::optional<std::string> paid_on;
};
struct RewardShare {
    std::string person_id;
    long long amount_yen = 0;
};
// What each of the university's inventors is due from `amount_yen`: the amount times the
// inventor's share, in whole yen rounded down. Inventors employed by the company get nothing here
// (their employer rewards them), and neither does a share that rounds to 0 yen.
std::vector<RewardShare> SplitReward(long long amount_yen, const std::vector<Inventor>& inventors);
// The inventors' part of a licence payment under `rules` (rounded down).
long long RevenuePart(const RewardRules& rules, long long revenue_yen);

enum class PublicationKind { kPaper, kTalk, kAbstract };
inline constexpr std::array<EnumText<PublicationKind>, 3> kPublicationKinds = {{
    {PublicationKind::kPaper, "paper"},
    {PublicationKind::kTalk, "talk"},
    {PublicationKind::kAbstract, "abstract"},
}};
constexpr const auto& TextsOf(PublicationKind) { return kPublicationKinds; }

// Why a guarded publication may go ahead: the office or an inventor confirmed it holds no
// invention, or every related invention has been filed before the day.
enum class Clearance { kNoInvention, kFiled };
inline constexpr std::array<EnumText<Clearance>, 2> kClearances = {{
    {Clearance::kNoInvention, "no_invention"},
    {Clearance::kFiled, "filed"},
}};
constexpr const auto& TextsOf(Clearance) { return kClearances; }

// The partner company's answer within the agreement's publication review period.
enum class ReviewOutcome { kApproved, kObjection };
inline constexpr std::array<EnumText<ReviewOutcome>, 2> kReviewOutcomes = {{
    {ReviewOutcome::kApproved, "approved"},
    {ReviewOutcome::kObjection, "objection"},
}};
constexpr const auto& TextsOf(ReviewOutcome) { return kReviewOutcomes; }

struct Publication {
    std::string id, project_id;
    std::optional<std::string> invention_id;  // the invention it concerns, when the author says
    PersonRef person;                         // who publishes
    PublicationKind kind = PublicationKind::kPaper;
    std::string title, venue, planned_on;
    std::optional<std::string> event_id;  // a talk at one of the centre's events
    bool guarded = false;                 // planned before a related invention was filed
    std::optional<Clearance> clearance;   // set once cleared
    std::optional<std::string> cleared_by, review_due_on;
    std::optional<ReviewOutcome> review;
    std::string review_note;
    Seconds created_at;
};
// Whether making something public on `planned_on` would come before `inv` is filed: the invention
// is not abandoned and none of its applications was filed on or before that day.
bool BeforeFiling(const Invention& inv, const std::string& planned_on);

}  // namespace renkei::ip
