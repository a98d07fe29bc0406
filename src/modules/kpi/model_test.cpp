// The KPI rules as tables: median, conversion, periods, and the funnel over dated facts.
#include "modules/kpi/model.hpp"

#include <gtest/gtest.h>

namespace renkei::kpi {
namespace {

Date D(const char* iso) { return *ParseDate(iso); }
Seconds At(const char* iso, int hour = 10) { return FromTokyo(D(iso), hour * 60); }

TEST(KpiRules, MedianOfOddEvenAndNone) {
    struct Case {
        std::vector<double> values;
        std::optional<double> median;
    } cases[] = {{{}, std::nullopt}, {{5}, 5}, {{3, 1, 2}, 2}, {{4, 1, 3, 2}, 2.5}, {{10, 0}, 5}};
    for (const auto& c : cases) EXPECT_EQ(Median(c.values), c.median);
}

TEST(KpiRules, ConversionRoundsToThreeDecimalsAndIsNullAfterZero) {
    struct Case {
        long long count, previous;
        std::optional<double> conversion;
    } cases[] = {{1, 3, 0.333}, {2, 3, 0.667}, {3, 3, 1.0}, {0, 5, 0.0}, {4, 0, std::nullopt}, {1, 8, 0.125}};
    for (const auto& c : cases)
        EXPECT_EQ(Conversion(c.count, c.previous), c.conversion) << c.count << "/" << c.previous;
}

TEST(KpiRules, PeriodsByMonthAndFiscalYear) {
    EXPECT_EQ(PeriodOf(D("2026-03-31"), By::kMonth), "2026-03");
    EXPECT_EQ(PeriodOf(D("2026-03-31"), By::kFiscalYear), "2025");
    EXPECT_EQ(PeriodOf(D("2026-04-01"), By::kFiscalYear), "2026");
    EXPECT_EQ(PeriodsOf({D("2026-02-15"), D("2026-05-01")}, By::kMonth),
              (std::vector<std::string>{"2026-02", "2026-03", "2026-04", "2026-05"}));
    EXPECT_EQ(PeriodsOf({D("2025-01-01"), D("2026-04-01")}, By::kFiscalYear),
              (std::vector<std::string>{"2024", "2025", "2026"}));
    EXPECT_TRUE(PeriodsOf({D("2026-02-15"), D("2026-02-14")}, By::kMonth).empty());
}

TEST(KpiRules, FiscalYearRangeAndTokyoDayEdges) {
    Range fy = FiscalYearRange(D("2027-01-10"));
    EXPECT_EQ(FormatDate(fy.from), "2026-04-01");
    EXPECT_EQ(FormatDate(fy.to), "2027-03-31");
    Range r{D("2026-04-01"), D("2026-04-30")};
    EXPECT_TRUE(r.Holds(FromTokyo(D("2026-04-01"))));
    EXPECT_FALSE(r.Holds(FromTokyo(D("2026-04-01")) - std::chrono::seconds{1}));
    EXPECT_TRUE(r.Holds(FromTokyo(D("2026-04-30"), 1439)));
    EXPECT_FALSE(r.Holds(FromTokyo(D("2026-05-01"))));
    EXPECT_EQ(DaysBetween(At("2026-04-01", 23), At("2026-04-02", 1)), 1.0);
}

// Two needs, both introduced; one NDA from an introduction; one project from it; an invention and
// a launched product. Days: need→intro 4 and 10, intro→NDA 6, NDA→project 5, project→invention 30,
// invention→product 61.
Facts World() {
    Facts f;
    f.organisation_parent = {{"dept", "uni"}, {"uni", ""}, {"acme", ""}, {"acme-lab", "acme"}};
    f.organisation_kind = {
        {"dept", "department"}, {"uni", "university"}, {"acme", "company"}, {"acme-lab", "division"}};
    f.person_organisation = {{"doc", "dept"}, {"res", "acme-lab"}};
    f.needs = {{"n1", "ortho", "dept", "doc", At("2026-04-01")},
               {"n2", "cardio", "dept", "doc", At("2026-04-05")},
               {"n0", "ortho", "dept", "doc", At("2026-03-20")}};
    f.introductions = {
        {"i1", "need", "n1", "", "", "res", "doc", {"acme-lab", "dept"}, "p1", At("2026-04-02"), At("2026-04-05")},
        {"i2",
         "need",
         "n2",
         "",
         "",
         "res",
         "doc",
         {"acme-lab", "dept"},
         std::nullopt,
         At("2026-04-10"),
         At("2026-04-15")}};
    ContractFact nda{"c1", "nda", std::nullopt, std::string("office"), At("2026-04-06"), std::nullopt, {}, {}, {}};
    nda.in_force_at = At("2026-04-11");
    nda.parties = {"uni", "acme"};
    nda.covered = {"doc"};
    f.contracts = {nda};
    f.projects = {{"p1", "ortho", At("2026-04-16"), {"acme", "dept"}, {"doc", "res"}, {"n1"}}};
    f.inventions = {{"v1", "p1", std::nullopt, At("2026-05-16")}};
    f.products = {{"x1", "p1", std::string("2026-07-16")}};
    return f;
}

TEST(KpiFunnel, CountsConversionsAndMediansOverLinkedPairs) {
    Funnel f = ComputeFunnel(World(), {D("2026-04-01"), D("2027-03-31")}, {});
    struct Want {
        const char* name;
        long long count;
        std::optional<double> conversion, median;
    } want[] = {{"need", 2, std::nullopt, std::nullopt},
                {"introduction", 2, 1.0, 7.0},
                {"nda", 1, 0.5, 6.0},
                {"project", 1, 1.0, 5.0},
                {"invention", 1, 1.0, 30.0},
                {"product", 1, 1.0, 61.0}};
    ASSERT_EQ(f.steps.size(), 6U);
    for (size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(f.steps[i].name, want[i].name);
        EXPECT_EQ(f.steps[i].count, want[i].count) << want[i].name;
        EXPECT_EQ(f.steps[i].conversion, want[i].conversion) << want[i].name;
        EXPECT_EQ(f.steps[i].median_days, want[i].median) << want[i].name;
    }
}

TEST(KpiFunnel, FiltersByAreaDepartmentAndCompanyTree) {
    Range fy{D("2026-04-01"), D("2027-03-31")};
    auto counts = [&](const Filter& filter) {
        std::vector<long long> out;
        for (const auto& s : ComputeFunnel(World(), fy, filter).steps) out.push_back(s.count);
        return out;
    };
    EXPECT_EQ(counts({"cardio", std::nullopt, std::nullopt}), (std::vector<long long>{1, 1, 0, 0, 0, 0}));
    EXPECT_EQ(counts({"ortho", std::nullopt, std::nullopt}), (std::vector<long long>{1, 1, 1, 1, 1, 1}));
    EXPECT_EQ(counts({std::nullopt, "uni", std::nullopt}), (std::vector<long long>{2, 2, 1, 1, 1, 1}));
    EXPECT_EQ(counts({std::nullopt, std::nullopt, "acme"}), (std::vector<long long>{2, 2, 1, 1, 1, 1}));
    EXPECT_EQ(counts({std::nullopt, "acme-lab", std::nullopt}), (std::vector<long long>{2, 2, 0, 0, 0, 0}));
}

TEST(KpiFunnel, RangeKeepsOnlyEventsInsideButLinksReachOutside) {
    Funnel f = ComputeFunnel(World(), {D("2026-04-11"), D("2026-04-30")}, {});
    std::vector<long long> counts;
    for (const auto& s : f.steps) counts.push_back(s.count);
    EXPECT_EQ(counts, (std::vector<long long>{0, 1, 1, 1, 0, 0}));
    EXPECT_EQ(f.steps[1].median_days, 10.0);  // n2 posted before the range
    EXPECT_EQ(f.steps[1].conversion, std::nullopt);
}

TEST(KpiSeries, MonthlyCountsTurnaroundAndMinutesSaved) {
    Facts w = World();
    w.office_people = {"office"};
    w.clinicians = {"doc"};
    w.contracts[0].changes = {At("2026-04-06"), At("2026-04-11")};
    w.ethics = {{"e1", std::string("office"), At("2026-05-01"), std::string("2026-05-10"), std::string("2026-06-09")}};
    w.coi_cases = {{"k1", "doc", At("2026-04-20")}};
    w.stages = {{"p1", "exploration", At("2026-04-16")}};
    Series s = ComputeSeries(w, {D("2026-04-01"), D("2026-06-30")}, By::kMonth);
    ASSERT_EQ(s.points.size(), 3U);
    const auto& apr = s.points[0];
    EXPECT_EQ(apr.period, "2026-04");
    EXPECT_EQ(apr.needs, 2);
    EXPECT_EQ(apr.introductions, 2);
    EXPECT_EQ(apr.projects_started, 1);
    EXPECT_EQ(apr.areas.at("ortho"), 1);
    EXPECT_EQ(apr.stages.at("exploration"), 1);
    EXPECT_EQ(apr.companies, 1);  // acme (its lab counts as acme)
    EXPECT_EQ(apr.clinicians, 1);
    EXPECT_EQ(apr.contract_turnaround_days, 5.0);
    EXPECT_EQ(apr.minutes_saved, kMinutesPerContractDrafted + kMinutesPerCoiCheck);
    EXPECT_EQ(s.points[1].minutes_saved, kMinutesPerEthicsApplication);
    EXPECT_EQ(s.points[2].ethics_turnaround_days, 30.0);
    EXPECT_EQ(s.points[2].ethics_turnaround_days, 30.0);
}

TEST(KpiSeries, PeriodRangesAreCutToTheRange) {
    Range r{D("2026-02-15"), D("2027-04-10")};
    struct Case {
        const char* period;
        By by;
        const char *from, *to;
    } cases[] = {
        {"2026-02", By::kMonth, "2026-02-15", "2026-02-28"},   {"2026-03", By::kMonth, "2026-03-01", "2026-03-31"},
        {"2028-02", By::kMonth, "2028-02-01", "2027-04-10"},  // outside: empty (from after to)
        {"2025", By::kFiscalYear, "2026-02-15", "2026-03-31"}, {"2026", By::kFiscalYear, "2026-04-01", "2027-03-31"},
        {"2027", By::kFiscalYear, "2027-04-01", "2027-04-10"}};
    for (const auto& c : cases) {
        Range got = PeriodRange(c.period, r, c.by);
        EXPECT_EQ(FormatDate(got.from), c.from) << c.period;
        EXPECT_EQ(FormatDate(got.to), c.to) << c.period;
    }
    EXPECT_EQ(FormatDate(PeriodRange("2024-02", {D("2024-01-01"), D("2024-12-31")}, By::kMonth).to), "2024-02-29");
}

TEST(KpiSeries, TheFunnelOverTimeFollowsEachPeriodAndTheFilter) {
    Range r{D("2026-04-01"), D("2026-07-31")};
    auto counts = [&](const Filter& filter) {
        std::vector<std::vector<long long>> out;
        for (const auto& p : ComputeSeries(World(), r, By::kMonth, filter).points) {
            std::vector<long long> steps;
            for (const auto& s : p.funnel) steps.push_back(s.count);
            out.push_back(steps);
        }
        return out;
    };
    // April: two needs introduced, the NDA, the project; May: the invention; July: the product.
    EXPECT_EQ(counts({}), (std::vector<std::vector<long long>>{
                              {2, 2, 1, 1, 0, 0}, {0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 1}}));
    EXPECT_EQ(counts({"cardio", std::nullopt, std::nullopt}),
              (std::vector<std::vector<long long>>{
                  {1, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}}));
    // The product's median reaches back to the invention of May, outside July.
    auto series = ComputeSeries(World(), r, By::kMonth, {});
    EXPECT_EQ(series.points[3].funnel[5].median_days, 61.0);
    // By fiscal year, one period holding the whole range: the funnel of the range itself.
    auto fy = ComputeSeries(World(), r, By::kFiscalYear, {});
    ASSERT_EQ(fy.points.size(), 1U);
    auto whole = ComputeFunnel(World(), r, {});
    for (size_t i = 0; i < 6; ++i) EXPECT_EQ(fy.points[0].funnel[i].count, whole.steps[i].count);
    // Each month's funnel is the funnel over that month alone: counts, conversions, medians.
    for (const auto& p : series.points) {
        auto alone = ComputeFunnel(World(), PeriodRange(p.period, r, By::kMonth), {});
        for (size_t i = 0; i < 6; ++i) {
            EXPECT_EQ(p.funnel[i].count, alone.steps[i].count) << p.period << " " << i;
            EXPECT_EQ(p.funnel[i].conversion, alone.steps[i].conversion) << p.period << " " << i;
            EXPECT_EQ(p.funnel[i].median_days, alone.steps[i].median_days) << p.period << " " << i;
            EXPECT_EQ(p.funnel[i].pairs, alone.steps[i].pairs) << p.period << " " << i;
        }
    }
}

}  // namespace
}  // namespace renkei::kpi
