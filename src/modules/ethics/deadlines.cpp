#include "modules/ethics/deadlines.hpp"

#include <algorithm>
#include <cmath>

namespace renkei::ethics {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

int YearOf(Date d) { return static_cast<int>(d.year()); }
unsigned MonthOf(Date d) { return static_cast<unsigned>(d.month()); }
unsigned DayOf(Date d) { return static_cast<unsigned>(d.day()); }

unsigned NthMonday(int y, unsigned m, unsigned n) {
    std::chrono::year_month_weekday ymw{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::weekday_indexed{std::chrono::Monday, n}};
    return DayOf(Date{sys_days{ymw}});
}

// The equinoxes by the usual approximation (valid 1980–2099); the Cabinet Office announces them
// each February for the next year, and these agree with every announcement so far.
unsigned VernalEquinox(int y) {
    return static_cast<unsigned>(std::floor(20.8431 + 0.242194 * (y - 1980) - std::floor((y - 1980) / 4.0)));
}
unsigned AutumnalEquinox(int y) {
    return static_cast<unsigned>(std::floor(23.2488 + 0.242194 * (y - 1980) - std::floor((y - 1980) / 4.0)));
}

// 「国民の祝日」 themselves (国民の祝日に関する法律 第2条, and the Olympic and enthronement years).
bool IsNamedHoliday(Date d) {
    int y = YearOf(d);
    unsigned m = MonthOf(d), day = DayOf(d);
    switch (m) {
        case 1:
            return day == 1 || day == NthMonday(y, 1, 2);
        case 2:
            return day == 11 || (day == 23 && y >= 2020);
        case 3:
            return day == VernalEquinox(y);
        case 4:
            return day == 29;
        case 5:
            return day == 3 || day == 4 || day == 5 || (y == 2019 && day == 1);
        case 7:
            if (y == 2020) return day == 23 || day == 24;
            if (y == 2021) return day == 22 || day == 23;
            return day == NthMonday(y, 7, 3);
        case 8:
            if (y < 2016) return false;
            return day == (y == 2020 ? 10u : y == 2021 ? 8u : 11u);
        case 9:
            return day == NthMonday(y, 9, 3) || day == AutumnalEquinox(y);
        case 10:
            if (y == 2019 && day == 22) return true;
            return y != 2020 && y != 2021 && day == NthMonday(y, 10, 2);
        case 11:
            return day == 3 || day == 23;
        case 12:
            return y <= 2018 && day == 23;
        default:
            return false;
    }
}

// The day the period's first day is counted from, as a period in `unit`s.
int MonthsOf(int amount, const std::string& unit) { return unit == "year" ? 12 * amount : amount; }

}  // namespace

bool Rule::AppliesTo(Category c) const {
    return std::find(categories.begin(), categories.end(), c) != categories.end();
}

bool Rule::Matches(const AdverseEvent& e) const {
    if (seriousness && std::find(seriousness->begin(), seriousness->end(), e.seriousness) == seriousness->end())
        return false;
    if (expected && *expected != e.expected) return false;
    if (unapproved && *unapproved != e.unapproved) return false;
    return true;
}

bool IsNationalHoliday(Date d) {
    if (IsNamedHoliday(d)) return true;
    sys_days s{d};
    // 振替休日 (第3条第2項): the first day after a holiday on a Sunday that is not itself a holiday.
    for (sys_days p = s - days{1}; IsNamedHoliday(Date{p}); p -= days{1})
        if (std::chrono::weekday{p} == std::chrono::Sunday) return true;
    // 国民の休日 (第3条第3項): a day between two holidays.
    return IsNamedHoliday(Date{s - days{1}}) && IsNamedHoliday(Date{s + days{1}});
}

bool IsBusinessDay(Date d) {
    auto wd = std::chrono::weekday{sys_days{d}};
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday && !IsNationalHoliday(d);
}

Date NextBusinessDay(Date d) {
    sys_days s{d};
    while (!IsBusinessDay(Date{s})) s += days{1};
    return Date{s};
}

Date PeriodEnd(Date from, int amount, const std::string& unit, bool first_day_counts) {
    if (amount <= 0) return from;
    sys_days start = sys_days{from} + days{first_day_counts ? 0 : 1};
    if (unit == "day") return Date{start + days{amount - 1}};
    Date s{start};
    auto ym = std::chrono::year_month{s.year(), s.month()} + std::chrono::months{MonthsOf(amount, unit)};
    auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    // 第143条第2項: the day before the corresponding day; the month's last day when there is none.
    if (s.day() > last) return Date{ym.year(), ym.month(), last};
    return Date{sys_days{Date{ym.year(), ym.month(), s.day()}} - days{1}};
}

std::vector<Deadline> Deadlines(const Protocol& p, const std::vector<Rule>& rules, Date until) {
    std::vector<Deadline> out;
    auto filed = [&](const std::string& kind, const std::string& subject) -> std::optional<std::string> {
        for (const auto& r : p.reports)
            if (r.kind == kind && r.subject_id == subject) return r.filed_on;
        return std::nullopt;
    };
    auto add = [&](const Rule& rule, Date legal, const std::string& subject, const std::optional<std::string>& done) {
        Deadline d;
        d.kind = rule.kind;
        d.rule_code = rule.code;
        d.protocol_id = p.id;
        d.subject_id = subject;
        d.label_ja = rule.label_ja;
        d.label_en = rule.label_en;
        d.source_ja = rule.source_ja;
        d.source_url = rule.source_url;
        d.legal_due_on = FormatDate(legal);
        d.falls_on_holiday = !IsBusinessDay(legal);
        d.due_on = FormatDate(rule.moves_to_business_day ? NextBusinessDay(legal) : legal);
        d.filed_on = done ? done : filed(rule.kind, subject);
        if (*ParseDate(d.due_on) <= until) out.push_back(std::move(d));
    };
    auto date = [](const std::optional<std::string>& s) { return s ? ParseDate(*s) : std::nullopt; };
    bool started = p.status != Status::kPreparing && !(p.status == Status::kWithdrawn && !p.approved_on);
    auto study_end = date(p.completed_on);
    for (const auto& rule : rules) {
        if (!rule.AppliesTo(p.category)) continue;
        const auto& t = rule.trigger;
        if (t == "adverse_event") {
            for (const auto& e : p.adverse_events)
                if (rule.Matches(e))
                    if (auto learned = ParseDate(e.learned_on))
                        add(rule, PeriodEnd(*learned, rule.amount, rule.unit, rule.first_day_counts), e.id,
                            std::nullopt);
        } else if (t == "plan_submitted" || t == "approval") {
            auto from = date(t == "approval" ? p.approved_on : p.jrct_registered_on);
            if (!from || !started || p.status == Status::kWithdrawn) continue;
            if (rule.repeat_months <= 0) {
                add(rule, PeriodEnd(*from, rule.amount, rule.unit, rule.first_day_counts), "", std::nullopt);
                continue;
            }
            // Each period of repeat_months from the start (first day counted), then the report
            // within `amount` units after it ends; none for a period that starts after the end.
            for (int n = 1; n < 1200; ++n) {
                Date period_end = PeriodEnd(*from, n * rule.repeat_months, "month", true);
                Date period_start =
                    n == 1 ? *from
                           : Date{sys_days{PeriodEnd(*from, (n - 1) * rule.repeat_months, "month", true)} + days{1}};
                if (study_end && period_start > *study_end) break;
                Date due = PeriodEnd(period_end, rule.amount, rule.unit, false);
                if (due > until) break;
                add(rule, due, FormatDate(period_end), std::nullopt);
            }
        } else if (t == "before_start") {
            if (!started) continue;
            auto start = date(p.planned_start);
            auto base = start ? Date{sys_days{*start} - days{1}} : date(p.approved_on);
            if (!base) base = date(p.submitted_on);
            if (!base) continue;
            add(rule, *base, "", p.jrct_registered_on);
        } else if (t == "data_collection_end") {
            if (study_end)
                add(rule, PeriodEnd(*study_end, rule.amount, rule.unit, rule.first_day_counts), "", std::nullopt);
        } else if (t == "approval_expiry") {
            auto expires = date(p.expires_on);
            if (expires &&
                (p.status == Status::kApproved || p.status == Status::kActive || p.status == Status::kSuspended))
                add(rule, *expires, "", std::nullopt);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
        return a.due_on != b.due_on ? a.due_on < b.due_on : a.kind < b.kind;
    });
    return out;
}

}  // namespace renkei::ethics
