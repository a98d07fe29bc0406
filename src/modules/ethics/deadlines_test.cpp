// The deadline rules against worked examples. The periods follow 民法 第140条 (the first day is
// not counted unless the text says 「…の日から起算して」), 第143条 (months and years by the
// calendar; without a corresponding day, the month's last day) and 第142条 (a due date on a
// holiday moves only where the rule says so). Holidays: 国民の祝日に関する法律.
#include "modules/ethics/deadlines.hpp"

#include <gtest/gtest.h>

namespace renkei::ethics {
namespace {

Date D(const char* s) { return *ParseDate(s); }
std::string S(Date d) { return FormatDate(d); }

TEST(EthicsPeriods, WorkedExamples) {
    struct Case {
        const char* why;
        const char* from;
        int amount;
        const char* unit;
        bool first_day_counts;
        const char* end;
    };
    const Case cases[] = {
        // 臨床研究法施行規則 第54条: 7 days from the day the PI learnt of it, that day not counted.
        {"7 days after a Monday", "2026-01-05", 7, "day", false, "2026-01-12"},
        {"15 days across a month end", "2026-01-20", 15, "day", false, "2026-02-04"},
        {"30 days across February of a leap year", "2028-02-10", 30, "day", false, "2028-03-11"},
        // 第143条第2項: the day before the corresponding day of the last month...
        {"1 month from the 15th", "2026-04-15", 1, "month", false, "2026-05-15"},
        // ...and without one, the last day of that month.
        {"1 month from 30 January", "2027-01-30", 1, "month", false, "2027-02-28"},
        {"1 month from 31 January", "2027-01-31", 1, "month", false, "2027-02-28"},
        {"1 month from 31 January, leap year", "2028-01-31", 1, "month", false, "2028-02-29"},
        {"1 month from 28 February counts from 1 March", "2027-02-28", 1, "month", false, "2027-03-31"},
        {"2 months after a period ending 31 December", "2026-12-31", 2, "month", false, "2027-02-28"},
        // 施行規則 第24条: the final report within a year of the end of data collection.
        {"1 year from 31 March", "2026-03-31", 1, "year", false, "2027-03-31"},
        {"1 year from the leap day", "2028-02-29", 1, "year", false, "2029-02-28"},
        // 施行規則 第59条: 「提出した日から起算して一年ごと」 — the first day counts.
        {"a year counted from 15 March", "2019-03-15", 12, "month", true, "2020-03-14"},
        {"a year counted from the leap day", "2028-02-29", 12, "month", true, "2029-02-28"},
        {"a year counted from 1 March", "2027-03-01", 1, "year", true, "2028-02-29"},
        {"amount 0 is the day itself", "2026-06-01", 0, "day", false, "2026-06-01"},
    };
    for (const auto& c : cases)
        EXPECT_EQ(S(PeriodEnd(D(c.from), c.amount, c.unit, c.first_day_counts)), c.end) << c.why;
}

TEST(EthicsPeriods, NationalHolidays) {
    struct Case {
        const char* day;
        bool holiday;
        const char* why;
    };
    const Case cases[] = {
        {"2026-01-01", true, "元日"},
        {"2026-01-12", true, "成人の日: the second Monday of January"},
        {"2026-02-23", true, "天皇誕生日 since 2020"},
        {"2018-12-23", true, "天皇誕生日 until 2018"},
        {"2026-12-23", false, "no longer a holiday"},
        {"2026-03-20", true, "春分の日"},
        {"2026-05-06", true, "振替休日: 5 May... 3 May fell on a Sunday"},
        {"2026-07-20", true, "海の日: the third Monday of July"},
        {"2020-07-24", true, "スポーツの日 moved for the Olympics"},
        {"2021-08-08", true, "山の日 moved for the Olympics"},
        {"2021-08-09", true, "振替休日 after 山の日 on a Sunday"},
        {"2026-09-22", true, "国民の休日 between 敬老の日 and 秋分の日"},
        {"2026-09-23", true, "秋分の日"},
        {"2026-10-12", true, "スポーツの日: the second Monday of October"},
        {"2019-05-01", true, "即位の日"},
        {"2019-04-30", true, "国民の休日 between 昭和の日 and 即位の日"},
        {"2026-11-24", false, "the day after 勤労感謝の日 on a Monday is an ordinary Tuesday"},
        {"2026-12-28", false, "the year-end is not a holiday in law"},
        {"2026-06-15", false, "an ordinary Monday"},
    };
    for (const auto& c : cases) EXPECT_EQ(IsNationalHoliday(D(c.day)), c.holiday) << c.day << " " << c.why;
    EXPECT_FALSE(IsBusinessDay(D("2026-12-19"))) << "a Saturday";
    EXPECT_EQ(S(NextBusinessDay(D("2026-12-19"))), "2026-12-21");
    EXPECT_EQ(S(NextBusinessDay(D("2026-05-02"))), "2026-05-07") << "Saturday, Sunday and three holidays";
    EXPECT_EQ(S(NextBusinessDay(D("2026-06-15"))), "2026-06-15");
}

Rule SaeRule(const char* code, std::vector<Seriousness> s, std::optional<bool> expected, std::optional<bool> unapproved,
             int days, bool moves = false) {
    Rule r;
    r.code = code;
    r.kind = "sae_report";
    r.trigger = "adverse_event";
    r.categories = {Category::kSpecifiedClinical};
    r.seriousness = std::move(s);
    r.expected = expected;
    r.unapproved = unapproved;
    r.amount = days;
    r.unit = "day";
    r.moves_to_business_day = moves;
    r.source_ja = "臨床研究法施行規則 第54条";
    return r;
}

std::vector<Rule> Rules(bool moves = false) {
    using S = Seriousness;
    std::vector<Rule> rules = {
        SaeRule("unapproved_unexpected_grave", {S::kDeath, S::kLifeThreatening}, false, true, 7, moves),
        SaeRule("unapproved_expected_grave", {S::kDeath, S::kLifeThreatening}, true, true, 15, moves),
        SaeRule("unapproved_unexpected_serious", {S::kSerious}, false, true, 15, moves),
        SaeRule("approved_expected_serious", {S::kLifeThreatening, S::kSerious}, true, false, 30, moves),
    };
    Rule periodic;
    periodic.code = "periodic_report_crb";
    periodic.kind = "periodic_report";
    periodic.trigger = "plan_submitted";
    periodic.categories = {Category::kSpecifiedClinical};
    periodic.amount = 2;
    periodic.unit = "month";
    periodic.first_day_counts = true;
    periodic.repeat_months = 12;
    rules.push_back(periodic);
    Rule jrct;
    jrct.code = "jrct_registration";
    jrct.kind = "jrct_registration";
    jrct.trigger = "before_start";
    jrct.categories = {Category::kSpecifiedClinical};
    rules.push_back(jrct);
    Rule final_report;
    final_report.code = "final_report_crb";
    final_report.kind = "final_report";
    final_report.trigger = "data_collection_end";
    final_report.categories = {Category::kSpecifiedClinical};
    final_report.amount = 1;
    final_report.unit = "year";
    rules.push_back(final_report);
    return rules;
}

Protocol Specified() {
    Protocol p;
    p.id = "p1";
    p.category = Category::kSpecifiedClinical;
    p.status = Status::kActive;
    p.submitted_on = "2025-01-10";
    p.approved_on = "2025-02-20";
    p.planned_start = "2025-04-01";
    p.jrct_registered_on = "2025-03-15";
    return p;
}

AdverseEvent Event(const char* id, const char* learned, Seriousness s, bool expected, bool unapproved) {
    AdverseEvent e;
    e.id = id;
    e.learned_on = learned;
    e.seriousness = s;
    e.expected = expected;
    e.unapproved = unapproved;
    return e;
}

const Deadline* Find(const std::vector<Deadline>& all, const std::string& kind, const std::string& subject) {
    for (const auto& d : all)
        if (d.kind == kind && d.subject_id == subject) return &d;
    return nullptr;
}

TEST(EthicsDeadlines, AnAdverseEventGetsThePeriodOfItsSeriousnessAndExpectedness) {
    auto p = Specified();
    p.adverse_events = {
        Event("death-unexpected", "2026-01-05", Seriousness::kDeath, false, true),      // 7 days
        Event("death-expected", "2026-01-05", Seriousness::kDeath, true, true),         // 15 days
        Event("serious-unexpected", "2026-12-04", Seriousness::kSerious, false, true),  // 15 days
        Event("serious-approved", "2026-01-30", Seriousness::kSerious, true, false),    // 30 days
        Event("mild", "2026-01-05", Seriousness::kNonSerious, false, true),             // the periodic report
    };
    auto all = Deadlines(p, Rules(), D("2027-12-31"));
    struct Want {
        const char* subject;
        const char* due;
        bool holiday;
    };
    const Want wants[] = {
        // Learnt on Monday 5 January 2026: 7 days end on 12 January, 成人の日. A report to the
        // committee stays due that day (no rule moves it), flagged as a holiday.
        {"death-unexpected", "2026-01-12", true},
        {"death-expected", "2026-01-20", false},
        // Learnt on Friday 4 December: 15 days end on Saturday 19 December.
        {"serious-unexpected", "2026-12-19", true},
        {"serious-approved", "2026-03-01", true},  // a Sunday
    };
    for (const auto& w : wants) {
        const auto* d = Find(all, "sae_report", w.subject);
        ASSERT_NE(d, nullptr) << w.subject;
        EXPECT_EQ(d->due_on, w.due) << w.subject;
        EXPECT_EQ(d->falls_on_holiday, w.holiday) << w.subject;
        EXPECT_EQ(d->legal_due_on, d->due_on) << w.subject;
    }
    EXPECT_EQ(Find(all, "sae_report", "mild"), nullptr) << "a non-serious event waits for the periodic report";

    // Where a rule moves a due date off holidays (民法 第142条), Saturday the 19th becomes Monday.
    auto moved = Deadlines(p, Rules(true), D("2027-12-31"));
    const auto* d = Find(moved, "sae_report", "serious-unexpected");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->due_on, "2026-12-21");
    EXPECT_EQ(d->legal_due_on, "2026-12-19");
    EXPECT_EQ(Find(moved, "sae_report", "death-unexpected")->due_on, "2026-01-13") << "after 成人の日";
}

TEST(EthicsDeadlines, PeriodicReportsRunYearByYearFromThePlanUntilTheStudyEnds) {
    auto p = Specified();
    // Saga University's worked example of 施行規則 第59条: published 15 March, the period runs
    // to 14 March, the report is due within two months: 14 May.
    p.jrct_registered_on = "2019-03-15";
    auto all = Deadlines(p, Rules(), D("2022-12-31"));
    std::vector<std::string> periodic;
    for (const auto& d : all)
        if (d.kind == "periodic_report") periodic.push_back(d.subject_id + "→" + d.due_on);
    EXPECT_EQ(periodic,
              (std::vector<std::string>{"2020-03-14→2020-05-14", "2021-03-14→2021-05-14", "2022-03-14→2022-05-14"}));
    // The study ended in the second year: the report of that year is the last; then the final report.
    p.status = Status::kCompleted;
    p.completed_on = "2020-09-30";
    periodic.clear();
    for (const auto& d : Deadlines(p, Rules(), D("2022-12-31")))
        if (d.kind == "periodic_report") periodic.push_back(d.due_on);
    EXPECT_EQ(periodic, (std::vector<std::string>{"2020-05-14", "2021-05-14"}));
    auto after_end = Deadlines(p, Rules(), D("2022-12-31"));
    const auto* final_report = Find(after_end, "final_report", "");
    ASSERT_NE(final_report, nullptr);
    EXPECT_EQ(final_report->due_on, "2021-09-30");
}

TEST(EthicsDeadlines, TheJrctRegistrationIsDueBeforeTheStartAndMetByItsDate) {
    auto p = Specified();
    p.status = Status::kApproved;
    p.jrct_registered_on.reset();
    auto all = Deadlines(p, Rules(), D("2026-12-31"));
    const auto* d = Find(all, "jrct_registration", "");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->due_on, "2025-03-31") << "the day before the planned start";
    EXPECT_FALSE(d->filed_on);
    p.jrct_registered_on = "2025-03-15";
    all = Deadlines(p, Rules(), D("2026-12-31"));
    d = Find(all, "jrct_registration", "");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->filed_on, std::optional<std::string>("2025-03-15"));
    // A protocol still in preparation has no deadlines; a report filed is shown as filed.
    p.status = Status::kPreparing;
    EXPECT_TRUE(Deadlines(p, Rules(), D("2026-12-31")).empty());
    p = Specified();
    p.adverse_events = {Event("e1", "2026-01-05", Seriousness::kDeath, false, true)};
    p.reports = {{"sae_report", "e1", "2026-01-12", "2026-01-09"}};
    all = Deadlines(p, Rules(), D("2026-12-31"));
    d = Find(all, "sae_report", "e1");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->filed_on, std::optional<std::string>("2026-01-09"));
}

TEST(EthicsDeadlines, OnlyTheRulesOfTheProtocolsCategoryApply) {
    auto p = Specified();
    p.category = Category::kObservational;
    p.adverse_events = {Event("e1", "2026-01-05", Seriousness::kDeath, false, true)};
    EXPECT_TRUE(Deadlines(p, Rules(), D("2027-12-31")).empty());
}

}  // namespace
}  // namespace renkei::ethics
