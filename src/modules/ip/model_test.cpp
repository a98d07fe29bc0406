// The Patent Act's periods against worked examples: the first day not counted (特許法 第3条第1項),
// months and years ending on the day before the corresponding day (or the month's last day), and
// a last day on a closed day — Saturday, Sunday, national holiday, 29 December – 3 January —
// moving to the next open day (第3条第2項), more than once where closed days follow each other.
#include "modules/ip/model.hpp"

#include <gtest/gtest.h>

namespace renkei::ip {
namespace {

TEST(IpDeadlines, WorkedExamples) {
    using K = DeadlineKind;
    struct Case {
        K kind;
        const char* from;
        const char* due;
        const char* why;
    };
    const Case cases[] = {
        // パリ条約 第4条C: twelve months, the filing day not counted: the same date a year on.
        {K::kParisPriority, "2026-03-16", "2027-03-16", "a Tuesday a year on"},
        {K::kParisPriority, "2028-02-29", "2029-02-28", "from a leap day: the month's last day"},
        {K::kParisPriority, "2025-11-23", "2026-11-24", "勤労感謝の日 on a Monday moves to Tuesday"},
        {K::kParisPriority, "2026-01-12", "2027-01-12", "成人の日 2026 counts from; 2027-01-12 is a Tuesday"},
        // 特許法 第184条の4: 30 months from the priority date.
        {K::kPctNationalPhase, "2024-08-30", "2027-03-01", "no 30 February: 28 February 2027, a Sunday → Monday"},
        {K::kPctNationalPhase, "2024-06-15", "2026-12-15", "an ordinary Tuesday"},
        {K::kPctNationalPhase, "2024-06-29", "2027-01-04", "29 December: closed to 3 January"},
        // 特許法 第48条の3: three years from the filing date.
        {K::kJpExaminationRequest, "2023-05-01", "2026-05-01", "a Friday between holidays: no move"},
        {K::kJpExaminationRequest, "2023-05-03", "2026-05-07", "憲法記念日 (Sunday) then 4, 5 and 振替休日 6 May"},
        {K::kJpExaminationRequest, "2024-02-29", "2027-03-01", "from a leap day: 28 February 2027 is a Sunday"},
        // 特許法 第30条: a year from one's own disclosure; the proof within 30 days of filing.
        {K::kGracePeriodFiling, "2025-07-19", "2026-07-21", "a Sunday, then 海の日 on Monday: moved twice"},
        {K::kGracePeriodFiling, "2025-12-29", "2027-01-04", "a year-end disclosure: the office is closed"},
        {K::kGracePeriodProof, "2026-12-01", "2027-01-04", "30 days end on 31 December"},
        {K::kGracePeriodProof, "2026-01-31", "2026-03-02", "30 days from 31 January end on Monday 2 March"},
        {K::kGracePeriodProof, "2028-01-31", "2028-03-01", "in a leap year, 30 days end on 1 March (Wednesday)"},
    };
    for (const auto& c : cases)
        EXPECT_EQ(FormatDate(DueOn(c.kind, *ParseDate(c.from))), c.due) << Text(c.kind) << " from " << c.from << ": "
                                                                         << c.why;
}

TEST(IpDeadlines, ThePeriodEndIsKeptBesideTheMovedDay) {
    auto from = *ParseDate("2025-07-19");
    EXPECT_EQ(FormatDate(LegalEnd(DeadlineKind::kGracePeriodFiling, from)), "2026-07-19");
    EXPECT_EQ(FormatDate(DueOn(DeadlineKind::kGracePeriodFiling, from)), "2026-07-21");
    for (const auto& rule : kDeadlineRules) EXPECT_FALSE(rule.source_ja.empty()) << rule.text;
}

}  // namespace
}  // namespace renkei::ip
