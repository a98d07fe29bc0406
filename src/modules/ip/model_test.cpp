// The Patent Act's periods against worked examples: the first day not counted (特許法 第3条第1項),
// months and years ending on the day before the corresponding day (or the month's last day), and
// a last day on a closed day — Saturday, Sunday, national holiday, 29 December – 3 January —
// moving to the next open day (第3条第2項), more than once where closed days follow each other.
#include "modules/ip/model.hpp"

#include <gtest/gtest.h>

#include "platform/error.hpp"

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
        EXPECT_EQ(FormatDate(DueOn(c.kind, *ParseDate(c.from))), c.due)
            << Text(c.kind) << " from " << c.from << ": " << c.why;
}

TEST(IpDeadlines, ThePeriodEndIsKeptBesideTheMovedDay) {
    auto from = *ParseDate("2025-07-19");
    EXPECT_EQ(FormatDate(LegalEnd(DeadlineKind::kGracePeriodFiling, from)), "2026-07-19");
    EXPECT_EQ(FormatDate(DueOn(DeadlineKind::kGracePeriodFiling, from)), "2026-07-21");
    for (const auto& rule : kDeadlineRules) EXPECT_FALSE(rule.source_ja.empty()) << rule.text;
}

}  // namespace
}  // namespace renkei::ip

namespace renkei::ip {
namespace {

Inventor Person(const char* id, int share) {
    Inventor i;
    i.person.id = id;
    i.share_percent = share;
    return i;
}

TEST(IpInventions, InventorsSharesAddUpToAHundred) {
    EXPECT_NO_THROW(CheckInventors({Person("a", 60), Person("b", 40)}));
    EXPECT_NO_THROW(CheckInventors({Person("a", 100)}));
    const std::vector<std::vector<Inventor>> bad = {
        {},
        {Person("a", 60), Person("b", 30)},
        {Person("a", 60), Person("a", 40)},
        {Person("a", 0), Person("b", 100)},
        {Person("a", 101), Person("b", -1)},
        {Person("", 100)},
    };
    for (const auto& list : bad) {
        try {
            CheckInventors(list);
            ADD_FAILURE() << "accepted a list of " << list.size();
        } catch (const Error& e) {
            EXPECT_EQ(e.field(), "inventors");
        }
    }
    EXPECT_EQ(EvenShares(3), (std::vector<int>{34, 33, 33}));
    EXPECT_EQ(EvenShares(1), (std::vector<int>{100}));
    EXPECT_EQ(EvenShares(7), (std::vector<int>{15, 15, 14, 14, 14, 14, 14}));
    EXPECT_TRUE(EvenShares(0).empty());
}

TEST(IpInventions, TheOfficeMovesAnInventionForwardOnly) {
    using S = InventionStatus;
    EXPECT_TRUE(MayMove(S::kDisclosed, S::kEvaluating));
    EXPECT_TRUE(MayMove(S::kEvaluating, S::kDecided));
    EXPECT_TRUE(MayMove(S::kDecided, S::kFiled));
    EXPECT_TRUE(MayMove(S::kFiled, S::kRegistered));
    EXPECT_TRUE(MayMove(S::kFiled, S::kAbandoned));
    EXPECT_FALSE(MayMove(S::kDisclosed, S::kFiled)) << "decide before filing";
    EXPECT_FALSE(MayMove(S::kRegistered, S::kAbandoned));
    EXPECT_FALSE(MayMove(S::kAbandoned, S::kDecided));
    EXPECT_FALSE(MayMove(S::kFiled, S::kDecided));
}

TEST(IpInventions, EachFilingBringsItsDeadlinesUntilTheStepIsTaken) {
    Invention inv;
    inv.id = "i1";
    inv.status = InventionStatus::kFiled;
    inv.disclosed_on = "2025-07-01";  // a talk before filing: 新規性喪失の例外
    Filing jp;
    jp.id = "jp1";
    jp.kind = FilingKind::kJp;
    jp.filed_on = "2026-03-16";
    inv.filings = {jp};
    auto until = *ParseDate("2030-12-31");
    auto kinds = [&] {
        std::vector<std::string> out;
        for (const auto& d : Deadlines(inv, until)) out.push_back(std::string(Text(d.kind)) + "@" + d.due_on);
        return out;
    };
    // The proof within 30 days (15 April), the priority year, the examination request in 3 years.
    EXPECT_EQ(kinds(), (std::vector<std::string>{"grace_period_proof@2026-04-15", "paris_priority@2027-03-16",
                                                 "jp_examination_request@2029-03-16"}));
    // The proof filed; a PCT application claims the priority: the national phase replaces it.
    inv.filings[0].grace_proof_on = "2026-04-01";
    Filing pct;
    pct.id = "pct1";
    pct.kind = FilingKind::kPct;
    pct.filed_on = "2027-03-10";
    pct.priority_date = "2026-03-16";
    inv.filings.push_back(pct);
    EXPECT_EQ(kinds(), (std::vector<std::string>{"pct_national_phase@2028-09-19", "jp_examination_request@2029-03-16"}))
        << "30 months from 16 March 2026 end on Saturday 16 September 2028; 敬老の日 on the 18th";
    inv.filings[0].examination_requested_on = "2027-01-10";
    Filing national;
    national.id = "us1";
    national.kind = FilingKind::kNational;
    national.country = "US";
    national.filed_on = "2028-09-01";
    national.priority_date = "2026-03-16";
    inv.filings.push_back(national);
    EXPECT_TRUE(kinds().empty());
    // Before any filing, one's own disclosure starts the year of grace; nothing once abandoned.
    Invention early;
    early.disclosed_on = "2026-02-10";
    auto d = Deadlines(early, until);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].kind, DeadlineKind::kGracePeriodFiling);
    EXPECT_EQ(d[0].due_on, "2027-02-10");
    early.status = InventionStatus::kAbandoned;
    EXPECT_TRUE(Deadlines(early, until).empty());
}

Inventor Who(const char* id, int share, Employer employer = Employer::kUniversity) {
    Inventor i;
    i.person.id = id;
    i.share_percent = share;
    i.employer = employer;
    return i;
}

TEST(Rewards, SplitByShareAmongTheUniversitysInventorsRoundedDown) {
    struct Case {
        long long amount;
        std::vector<Inventor> inventors;
        std::vector<std::pair<std::string, long long>> due;
    };
    const std::vector<Case> cases = {
        {20000, {Who("a", 60), Who("b", 40)}, {{"a", 12000}, {"b", 8000}}},
        {10000, {Who("a", 34), Who("b", 33), Who("c", 33)}, {{"a", 3400}, {"b", 3300}, {"c", 3300}}},
        {101, {Who("a", 50), Who("b", 50)}, {{"a", 50}, {"b", 50}}},  // half a yen is not paid
        {20000, {Who("a", 60), Who("co", 40, Employer::kCompany)}, {{"a", 12000}}},
        {1, {Who("a", 30), Who("b", 70)}, {}},  // 0.3 and 0.7 yen: nothing
        {10, {Who("a", 30), Who("b", 70)}, {{"a", 3}, {"b", 7}}},
        {0, {Who("a", 100)}, {}},
        {-500, {Who("a", 100)}, {}},
        // ¥90 billion of revenue does not overflow.
        {90'000'000'000LL, {Who("a", 1), Who("b", 99)}, {{"a", 900'000'000LL}, {"b", 89'100'000'000LL}}},
    };
    for (const auto& c : cases) {
        std::vector<std::pair<std::string, long long>> got;
        for (const auto& s : SplitReward(c.amount, c.inventors)) got.push_back({s.person_id, s.amount_yen});
        EXPECT_EQ(got, c.due) << c.amount;
    }
    RewardRules rules{10000, 30000, 30};
    EXPECT_EQ(RevenuePart(rules, 1'000'000), 300'000);
    EXPECT_EQ(RevenuePart(rules, 333), 99);  // 99.9 → 99
    EXPECT_EQ(RevenuePart(rules, 0), 0);
    EXPECT_NO_THROW(CheckRewardRules(rules));
    for (const auto& [bad, field] : std::vector<std::pair<RewardRules, std::string>>{
             {{-1, 0, 0}, "filing_yen"}, {{0, 100'000'001, 0}, "registration_yen"}, {{0, 0, 101}, "revenue_percent"}}) {
        try {
            CheckRewardRules(bad);
            ADD_FAILURE() << field;
        } catch (const Error& e) {
            EXPECT_EQ(e.field(), field);
        }
    }
}

TEST(PublicationGuard, APublicationBeforeTheFirstFilingIsGuarded) {
    Invention inv;
    EXPECT_TRUE(BeforeFiling(inv, "2026-12-20")) << "nothing filed yet";
    Filing f;
    f.filed_on = "2026-12-20";
    inv.filings.push_back(f);
    EXPECT_FALSE(BeforeFiling(inv, "2026-12-20")) << "filed that morning: the talk may go ahead";
    EXPECT_FALSE(BeforeFiling(inv, "2027-01-10"));
    EXPECT_TRUE(BeforeFiling(inv, "2026-12-19"));
    Invention dropped;
    dropped.status = InventionStatus::kAbandoned;
    EXPECT_FALSE(BeforeFiling(dropped, "2026-12-20")) << "an abandoned invention guards nothing";
}

}  // namespace
}  // namespace renkei::ip
