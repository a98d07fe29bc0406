#include "modules/kpi/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace renkei::kpi {

using std::chrono::days;
using std::chrono::sys_days;

Seconds Range::End() const { return FromTokyo(Date{sys_days{to} + days{1}}); }

bool Range::HoldsDate(std::string_view iso) const {
    auto d = ParseDate(iso);
    return d && sys_days{*d} >= sys_days{from} && sys_days{*d} <= sys_days{to};
}

Range FiscalYearRange(Date today) {
    int fy = FiscalYearOf(today);
    using std::chrono::April;
    using std::chrono::March;
    using std::chrono::year;
    return {Date{year{fy}, April, std::chrono::day{1}}, Date{year{fy + 1}, March, std::chrono::day{31}}};
}

std::optional<double> Median(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::optional<double> Conversion(long long count, long long previous) {
    if (previous <= 0) return std::nullopt;
    return std::round(static_cast<double>(count) * 1000.0 / static_cast<double>(previous)) / 1000.0;
}

double DaysBetween(Seconds a, Seconds b) { return static_cast<double>((TokyoDays(b) - TokyoDays(a)).count()); }

std::string PeriodOf(Date d, By by) {
    if (by == By::kFiscalYear) return std::to_string(FiscalYearOf(d));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
    return buf;
}

Range PeriodRange(const std::string& period, const Range& range, By by) {
    using namespace std::chrono;
    Date start{}, end{};
    if (by == By::kFiscalYear) {
        int fy = std::stoi(period);
        start = Date{year{fy}, April, day{1}};
        end = Date{year{fy + 1}, March, day{31}};
    } else {
        year_month ym{year{std::stoi(period.substr(0, 4))},
                      month{static_cast<unsigned>(std::stoi(period.substr(5, 2)))}};
        start = Date{ym / day{1}};
        end = Date{ym / std::chrono::last};
    }
    return {sys_days{start} < sys_days{range.from} ? range.from : start,
            sys_days{end} > sys_days{range.to} ? range.to : end};
}

std::vector<std::string> PeriodsOf(const Range& range, By by) {
    std::vector<std::string> out;
    if (sys_days{range.from} > sys_days{range.to}) return out;
    using std::chrono::months;
    std::chrono::year_month ym{range.from.year(), range.from.month()};
    std::chrono::year_month last{range.to.year(), range.to.month()};
    for (; ym <= last; ym += months{1}) {
        auto p = PeriodOf(Date{ym / std::chrono::day{1}}, by);
        if (out.empty() || out.back() != p) out.push_back(p);
    }
    return out;
}

namespace {

// Organisations as a tree: whether `org` is `root` or lies under it; the company an organisation
// belongs to (the topmost company above it, or itself).
class Tree {
  public:
    explicit Tree(const Facts& f) : f_(f) {}
    bool Under(const std::string& org, const std::string& root) const {
        std::string at = org;
        for (int depth = 0; !at.empty() && depth < 32; ++depth) {
            if (at == root) return true;
            auto it = f_.organisation_parent.find(at);
            if (it == f_.organisation_parent.end()) return false;
            at = it->second;
        }
        return false;
    }
    std::optional<std::string> CompanyOf(const std::string& org) const {
        std::optional<std::string> found;
        std::string at = org;
        for (int depth = 0; !at.empty() && depth < 32; ++depth) {
            auto kind = f_.organisation_kind.find(at);
            if (kind != f_.organisation_kind.end() && kind->second == "company") found = at;
            auto it = f_.organisation_parent.find(at);
            if (it == f_.organisation_parent.end()) break;
            at = it->second;
        }
        return found;
    }

  private:
    const Facts& f_;
};

// The area and organisations a record is counted under, for the filters.
struct Tags {
    std::string area;
    std::vector<std::string> orgs;
    void Add(const std::vector<std::string>& more) { orgs.insert(orgs.end(), more.begin(), more.end()); }
    void Add(const std::string& org) {
        if (!org.empty()) orgs.push_back(org);
    }
};

bool Matches(const Tree& tree, const Filter& f, const Tags& t) {
    if (f.area && t.area != *f.area) return false;
    auto any_under = [&](const std::string& root) {
        return std::any_of(t.orgs.begin(), t.orgs.end(), [&](const std::string& o) { return tree.Under(o, root); });
    };
    if (f.department && !any_under(*f.department)) return false;
    if (f.company && !any_under(*f.company)) return false;
    return true;
}

template <typename T>
const T* Find(const std::map<std::string, const T*>& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() ? nullptr : it->second;
}

// The need an introduction is about: its item, else the need it was made from.
std::string NeedOf(const IntroductionFact& i) {
    if (i.item_type == "need") return i.item_id;
    if (i.via_type == "need") return i.via_id;
    return "";
}

// One record entering a funnel step: when, and when its linked record of the step before was (for
// the median time). Only records the filter keeps are listed.
struct FunnelEvent {
    size_t step;
    Seconds at;
    std::optional<Seconds> previous;
};

// Every record of every step, linked to the step before, once: the funnel over any range counts
// these, so the funnel over time links the records once and buckets them by period.
std::vector<FunnelEvent> LinkFunnel(const Facts& facts, const Filter& filter) {
    Tree tree(facts);
    std::map<std::string, const NeedFact*> needs;
    for (const auto& n : facts.needs) needs[n.id] = &n;
    std::map<std::string, const ProjectFact*> projects;
    for (const auto& p : facts.projects) projects[p.id] = &p;
    auto person_org = [&](const std::string& id) {
        auto it = facts.person_organisation.find(id);
        return it == facts.person_organisation.end() ? std::string() : it->second;
    };
    auto project_area = [&](const std::optional<std::string>& id) {
        const ProjectFact* p = id ? Find(projects, *id) : nullptr;
        return p ? p->area : std::string();
    };
    auto project_orgs = [&](const std::optional<std::string>& id) {
        const ProjectFact* p = id ? Find(projects, *id) : nullptr;
        return p ? p->organisations : std::vector<std::string>{};
    };

    std::vector<FunnelEvent> events;
    auto count = [&](size_t step, Seconds at, const Tags& tags, std::optional<Seconds> previous) {
        if (Matches(tree, filter, tags)) events.push_back({step, at, previous});
    };

    // need: posted. Tagged with its area, its organisation, its author's, and those of the people
    // of the introductions about it.
    std::map<std::string, std::vector<std::string>> intro_orgs_of_need;
    for (const auto& i : facts.introductions)
        if (auto n = NeedOf(i); !n.empty())
            intro_orgs_of_need[n].insert(intro_orgs_of_need[n].end(), i.organisations.begin(), i.organisations.end());
    for (const auto& n : facts.needs) {
        Tags t{n.area, {}};
        t.Add(n.organisation_id);
        t.Add(person_org(n.author_id));
        t.Add(intro_orgs_of_need[n.id]);
        count(0, n.posted_at, t, std::nullopt);
    }

    // introduction: accepted; from the need it is about.
    std::map<std::string, Tags> intro_tags;
    for (const auto& i : facts.introductions) {
        const NeedFact* n = Find(needs, NeedOf(i));
        Tags t{n ? n->area : project_area(i.project_id), i.organisations};
        if (n) t.Add(n->organisation_id);
        intro_tags[i.id] = t;
        count(1, i.accepted_at, t, n ? std::optional<Seconds>(n->posted_at) : std::nullopt);
    }

    // nda: the first day it was signed or active; from the latest accepted introduction before it
    // about the same project or with one of its parties covered by the NDA.
    struct Nda {
        const ContractFact* c;
        const IntroductionFact* intro;
    };
    std::vector<Nda> ndas;
    for (const auto& c : facts.contracts) {
        if (c.type != "nda" || !c.in_force_at) continue;
        const IntroductionFact* best = nullptr;
        for (const auto& i : facts.introductions) {
            if (i.accepted_at > *c.in_force_at) continue;
            bool same_project = c.project_id && i.project_id && *c.project_id == *i.project_id;
            bool covered = std::any_of(c.covered.begin(), c.covered.end(),
                                       [&](const std::string& p) { return p == i.requester_id || p == i.owner_id; });
            if ((same_project || covered) && (!best || i.accepted_at > best->accepted_at)) best = &i;
        }
        ndas.push_back({&c, best});
        Tags t{project_area(c.project_id), c.parties};
        t.Add(project_orgs(c.project_id));
        for (const auto& person : c.covered) t.Add(person_org(person));
        if (t.area.empty() && best) t.area = intro_tags[best->id].area;
        count(2, *c.in_force_at, t, best ? std::optional<Seconds>(best->accepted_at) : std::nullopt);
    }

    // project: active; from the latest NDA in force by then for the project (its own, or one that
    // came from an introduction that led to it).
    for (const auto& p : facts.projects) {
        if (!p.active_since) continue;
        std::optional<Seconds> previous;
        for (const auto& n : ndas) {
            bool own = n.c->project_id && *n.c->project_id == p.id;
            bool via = n.intro && n.intro->project_id && *n.intro->project_id == p.id;
            if ((own || via) && *n.c->in_force_at <= *p.active_since && (!previous || *n.c->in_force_at > *previous))
                previous = n.c->in_force_at;
        }
        count(3, *p.active_since, Tags{p.area, p.organisations}, previous);
    }

    // invention: disclosed; from its project's start.
    std::map<std::string, std::vector<Seconds>> inventions_of;
    for (const auto& inv : facts.inventions) {
        inventions_of[inv.project_id].push_back(inv.disclosed_at);
        const ProjectFact* p = Find(projects, inv.project_id);
        count(4, inv.disclosed_at, Tags{p ? p->area : "", p ? p->organisations : std::vector<std::string>{}},
              p ? p->active_since : std::nullopt);
    }

    // product: launched; from the first invention of its project disclosed by then.
    for (const auto& pr : facts.products) {
        if (!pr.launched_on) continue;
        auto d = ParseDate(*pr.launched_on);
        if (!d) continue;
        Seconds at = FromTokyo(*d);
        std::optional<Seconds> previous;
        for (Seconds s : inventions_of[pr.project_id])
            if (s < at + days{1} && (!previous || s < *previous)) previous = s;
        const ProjectFact* p = Find(projects, pr.project_id);
        count(5, at, Tags{p ? p->area : "", p ? p->organisations : std::vector<std::string>{}}, previous);
    }

    return events;
}

// Counts and time gaps per step, then the conversions and medians.
class StepTally {
  public:
    void Add(const FunnelEvent& e) {
        counts_[e.step] += 1;
        if (e.previous) gaps_[e.step].push_back(DaysBetween(*e.previous, e.at));
    }
    std::vector<FunnelStep> Steps() const {
        std::vector<FunnelStep> steps;
        steps.reserve(kSteps.size());
        for (size_t i = 0; i < kSteps.size(); ++i) {
            FunnelStep step{std::string(kSteps[i]), counts_[i], std::nullopt, std::nullopt, 0};
            if (i > 0) {
                step.conversion = Conversion(counts_[i], counts_[i - 1]);
                step.median_days = Median(gaps_[i]);
                step.pairs = static_cast<long long>(gaps_[i].size());
            }
            steps.push_back(std::move(step));
        }
        return steps;
    }

  private:
    std::array<long long, kSteps.size()> counts_{};
    std::array<std::vector<double>, kSteps.size()> gaps_;
};

}  // namespace

Funnel ComputeFunnel(const Facts& facts, const Range& range, const Filter& filter) {
    StepTally tally;
    for (const auto& e : LinkFunnel(facts, filter))
        if (range.Holds(e.at)) tally.Add(e);
    return {range, tally.Steps()};
}

Series ComputeSeries(const Facts& facts, const Range& range, By by, const Filter& filter) {
    Tree tree(facts);
    Series s{range, by, {}};
    std::map<std::string, size_t> index;
    for (auto& p : PeriodsOf(range, by)) {
        index[p] = s.points.size();
        s.points.push_back({});
        s.points.back().period = p;
    }
    std::vector<std::set<std::string>> companies(s.points.size()), clinicians(s.points.size());
    std::vector<std::vector<double>> contract_days(s.points.size()), ethics_days(s.points.size());
    auto at = [&](Seconds t) -> SeriesPoint* {
        if (!range.Holds(t)) return nullptr;
        auto it = index.find(PeriodOf(TokyoDay(t), by));
        return it == index.end() ? nullptr : &s.points[it->second];
    };
    auto slot = [&](const SeriesPoint* p) { return static_cast<size_t>(p - s.points.data()); };
    auto company = [&](const SeriesPoint* p, const std::string& org) {
        if (auto c = tree.CompanyOf(org)) companies[slot(p)].insert(*c);
    };
    auto clinician = [&](const SeriesPoint* p, const std::string& person) {
        if (facts.clinicians.count(person)) clinicians[slot(p)].insert(person);
    };
    auto by_office = [&](const std::optional<std::string>& who) { return who && facts.office_people.count(*who) > 0; };

    for (const auto& n : facts.needs)
        if (auto* p = at(n.posted_at)) {
            p->needs += 1;
            clinician(p, n.author_id);
        }
    for (const auto& sd : facts.seeds)
        if (auto* p = at(sd.posted_at)) {
            p->seeds += 1;
            if (sd.company_id) company(p, *sd.company_id);
        }
    for (const auto& i : facts.introductions) {
        if (auto* p = at(i.accepted_at)) p->introductions += 1;
        if (auto* p = at(i.requested_at)) {
            clinician(p, i.requester_id);
            clinician(p, i.owner_id);
        }
    }
    std::map<std::string, const ProjectFact*> projects;
    for (const auto& pr : facts.projects) {
        projects[pr.id] = &pr;
        if (!pr.active_since) continue;
        if (auto* p = at(*pr.active_since)) {
            p->projects_started += 1;
            p->areas[pr.area] += 1;
        }
    }
    for (const auto& st : facts.stages)
        if (auto* p = at(st.at)) {
            p->stages[st.stage] += 1;
            if (const ProjectFact* pr = Find(projects, st.project_id))
                for (const auto& o : pr->organisations) company(p, o);
        }
    for (const auto& m : facts.members_added)
        if (auto* p = at(m.at)) clinician(p, m.person_id);
    for (const auto& c : facts.contracts) {
        std::set<SeriesPoint*> touched;
        for (Seconds t : c.changes)
            if (auto* p = at(t)) touched.insert(p);
        for (auto* p : touched)
            for (const auto& o : c.parties) company(p, o);
        if (c.in_force_at)
            if (auto* p = at(*c.in_force_at))
                contract_days[slot(p)].push_back(DaysBetween(c.created_at, *c.in_force_at));
        if (auto* p = at(c.created_at); p && by_office(c.created_by)) p->contracts_drafted += 1;
    }
    for (const auto& e : facts.ethics) {
        if (auto* p = at(e.created_at); p && by_office(e.created_by)) p->ethics_prepared += 1;
        if (!e.approved_on || !e.submitted_on) continue;
        auto approved = ParseDate(*e.approved_on);
        auto submitted = ParseDate(*e.submitted_on);
        if (!approved || !submitted) continue;
        if (auto* p = at(FromTokyo(*approved)))
            ethics_days[slot(p)].push_back(static_cast<double>((sys_days{*approved} - sys_days{*submitted}).count()));
    }
    for (const auto& cc : facts.coi_cases)
        if (auto* p = at(cc.created_at); p && facts.clinicians.count(cc.person_id)) p->coi_checks += 1;
    for (const auto& inv : facts.inventions)
        if (auto* p = at(inv.disclosed_at); p && by_office(inv.created_by)) p->inventions_drafted += 1;

    for (size_t i = 0; i < s.points.size(); ++i) {
        auto& p = s.points[i];
        p.companies = static_cast<long long>(companies[i].size());
        p.clinicians = static_cast<long long>(clinicians[i].size());
        p.contract_turnaround_days = Median(contract_days[i]);
        p.ethics_turnaround_days = Median(ethics_days[i]);
        p.minutes_saved = p.contracts_drafted * kMinutesPerContractDrafted +
                          p.ethics_prepared * kMinutesPerEthicsApplication + p.coi_checks * kMinutesPerCoiCheck +
                          p.inventions_drafted * kMinutesPerInventionDisclosure;
    }
    std::vector<StepTally> tallies(s.points.size());
    for (const auto& e : LinkFunnel(facts, filter))
        if (auto* p = at(e.at)) tallies[slot(p)].Add(e);
    for (size_t i = 0; i < s.points.size(); ++i) s.points[i].funnel = tallies[i].Steps();
    return s;
}

}  // namespace renkei::kpi
