// The KPIs as pure rules over facts the store reads (docs/kpi.md): the funnel's steps with their
// counts, conversions and median days, and the series per month or fiscal year.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/time.hpp"

namespace renkei::kpi {

// ---- Facts: what the store reads from the other modules' tables --------------------------------

struct NeedFact {
    std::string id, area, organisation_id;  // organisation: the need's (the author's department)
    std::string author_id;
    Seconds posted_at;  // created_at of a need that is not a draft
};
struct SeedFact {
    std::string id, author_id;
    std::optional<std::string> company_id;
    Seconds posted_at;
};
// An accepted introduction ("made" when the other side accepts).
struct IntroductionFact {
    std::string id, item_type, item_id, via_type, via_id, requester_id, owner_id;
    std::vector<std::string> organisations;  // of the requester and the owner
    std::optional<std::string> project_id;
    Seconds requested_at;
    Seconds accepted_at;
};
struct ContractFact {
    std::string id, type;
    std::optional<std::string> project_id;
    std::optional<std::string> created_by;
    Seconds created_at;
    std::optional<Seconds> in_force_at;  // first change to signed or active
    std::vector<std::string> parties;    // organisation ids
    std::vector<std::string> covered;    // people an NDA covers
    std::vector<Seconds> changes;        // every status change
};
struct ProjectFact {
    std::string id;
    std::string area;  // "" when none
    std::optional<Seconds> active_since;
    std::vector<std::string> organisations;  // project organisations and members' organisations
    std::vector<std::string> members;        // person ids
    std::vector<std::string> need_links;
};
struct StageEntry {
    std::string project_id, stage;
    Seconds at;
};
struct MemberAdded {
    std::string project_id, person_id;
    Seconds at;
};
struct InventionFact {
    std::string id, project_id;
    std::optional<std::string> created_by;
    Seconds disclosed_at;  // created_at: the disclosure to the office
};
struct ProductFact {
    std::string id, project_id;
    std::optional<std::string> launched_on;  // YYYY-MM-DD
};
struct EthicsFact {
    std::string id;
    std::optional<std::string> created_by;
    Seconds created_at;
    std::optional<std::string> submitted_on, approved_on;  // first submission, first approval (YYYY-MM-DD)
};
struct CoiCaseFact {
    std::string id, person_id;
    Seconds created_at;
};

struct Facts {
    std::vector<NeedFact> needs;
    std::vector<SeedFact> seeds;
    std::vector<IntroductionFact> introductions;
    std::vector<ContractFact> contracts;
    std::vector<ProjectFact> projects;
    std::vector<StageEntry> stages;
    std::vector<MemberAdded> members_added;
    std::vector<InventionFact> inventions;
    std::vector<ProductFact> products;
    std::vector<EthicsFact> ethics;
    std::vector<CoiCaseFact> coi_cases;
    std::map<std::string, std::string> organisation_parent;  // id → parent id ("" at the top)
    std::map<std::string, std::string> organisation_kind;
    std::set<std::string> office_people;  // people with the office role
    std::set<std::string> clinicians;     // people with the clinician role
    std::map<std::string, std::string> person_organisation;
};

// ---- The question ---------------------------------------------------------------------------

// Tokyo days, both ends included.
struct Range {
    Date from, to;
    Seconds Start() const { return FromTokyo(from); }
    Seconds End() const;  // the midnight after `to`
    bool Holds(Seconds t) const { return t >= Start() && t < End(); }
    bool HoldsDate(std::string_view iso) const;
};
// The current fiscal year (April–March) of `today`.
Range FiscalYearRange(Date today);

struct Filter {
    std::optional<std::string> area;        // a strategic area's code
    std::optional<std::string> department;  // an organisation id (it and everything under it)
    std::optional<std::string> company;     // an organisation id (it and everything under it)
    bool Empty() const { return !area && !department && !company; }
};

// ---- The funnel ----------------------------------------------------------------------------

inline constexpr std::array<std::string_view, 6> kSteps = {"need",    "introduction", "nda",
                                                           "project", "invention",    "product"};

struct FunnelStep {
    std::string name;
    long long count = 0;
    std::optional<double> conversion;   // count / previous count, 3 decimals
    std::optional<double> median_days;  // over linked pairs
    long long pairs = 0;                // how many linked pairs the median is over
};
struct Funnel {
    Range range;
    std::vector<FunnelStep> steps;
};
Funnel ComputeFunnel(const Facts& facts, const Range& range, const Filter& filter);

// ---- The series ----------------------------------------------------------------------------

enum class By { kMonth, kFiscalYear };
// "2026-04" for a month, "2026" for the fiscal year April 2026 – March 2027.
std::string PeriodOf(Date d, By by);
// Every period that meets the range, in order.
std::vector<std::string> PeriodsOf(const Range& range, By by);

// Minutes of a clinician's paperwork the office saves by each thing it does for them (docs/kpi.md).
inline constexpr int kMinutesPerContractDrafted = 120;
inline constexpr int kMinutesPerEthicsApplication = 240;
inline constexpr int kMinutesPerCoiCheck = 30;
inline constexpr int kMinutesPerInventionDisclosure = 90;

struct SeriesPoint {
    std::string period;
    long long needs = 0, seeds = 0, introductions = 0, projects_started = 0;
    std::map<std::string, long long> stages;  // projects entering each stage
    std::map<std::string, long long> areas;   // projects started per area ("" none)
    long long companies = 0, clinicians = 0;
    std::optional<double> contract_turnaround_days, ethics_turnaround_days;
    long long contracts_drafted = 0, ethics_prepared = 0, coi_checks = 0, inventions_drafted = 0;
    long long minutes_saved = 0;
    // The funnel over this period alone (the first and last period cut to the range), with the
    // filter applied: the funnel over time per area, department or company.
    std::vector<FunnelStep> funnel;
};
struct Series {
    Range range;
    By by = By::kMonth;
    std::vector<SeriesPoint> points;
};
// The period's days within the range (the first and last periods may be partial).
Range PeriodRange(const std::string& period, const Range& range, By by);
Series ComputeSeries(const Facts& facts, const Range& range, By by, const Filter& filter = {});

// ---- Pure helpers ----------------------------------------------------------------------------

// The median (the mean of the middle two for an even count); nullopt for none.
std::optional<double> Median(std::vector<double> values);
// count / previous rounded to 3 decimals; nullopt when previous is 0.
std::optional<double> Conversion(long long count, long long previous);
// Whole Tokyo days from `a` to `b` (negative when b is earlier).
double DaysBetween(Seconds a, Seconds b);

}  // namespace renkei::kpi
