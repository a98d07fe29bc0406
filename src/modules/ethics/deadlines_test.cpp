// The deadline rules against worked examples. The periods follow 民法 第140条 (the first day is
// not counted unless the text says 「…の日から起算して」), 第143条 (months and years by the
// calendar; without a corresponding day, the month's last day) and 第142条 (a due date on a
// holiday moves only where the rule says so). Holidays: 国民の祝日に関する法律.
#include "modules/ethics/deadlines.hpp"

#include <gtest/gtest.h>

namespace renkei::ethics {
namespace {

Date D(const char* s) { return *ParseDate(s); }

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
    r.unit = PeriodUnit::kDay;
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
    periodic.unit = PeriodUnit::kMonth;
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
    final_report.unit = PeriodUnit::kYear;
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
