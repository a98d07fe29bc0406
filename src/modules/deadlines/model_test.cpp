#include "modules/deadlines/model.hpp"

#include <gtest/gtest.h>

namespace renkei::deadlines {
namespace {

TEST(DeadlineWeeks, WeeksStartOnMonday) {
    struct Case {
        const char *date, *monday;
    } cases[] = {
        {"2026-12-07", "2026-12-07"},                                // a Monday
        {"2026-12-13", "2026-12-07"},                                // the Sunday after it
        {"2026-12-09", "2026-12-07"}, {"2027-01-01", "2026-12-28"},  // across the year
        {"2024-03-03", "2024-02-26"},                                // across a leap day
        {"2026-13-01", ""},           {"x", ""},
    };
    for (const auto& c : cases) EXPECT_EQ(WeekStart(c.date), c.monday) << c.date;
}

Deadline At(const std::string& day, const std::string& kind, const std::string& project = "",
            const std::string& person = "") {
    Deadline d;
    d.due_on = day;
    d.kind = kind;
    d.title_ja = kind;
    if (!project.empty()) d.project = ProjectName{project, "", ""};
    if (!person.empty()) d.people.push_back({person, "", ""});
    return d;
}

TEST(DeadlineWeeks, SortedDeadlinesGroupByWeek) {
    std::vector<Deadline> items = {At("2026-12-14", "contracts.expiry"), At("2026-12-08", "projects.milestone"),
                                   At("2026-12-13", "ip.paris_priority"), At("2026-12-08", "coi.declaration")};
    SortDeadlines(items);
    auto weeks = ByWeek(items);
    ASSERT_EQ(weeks.size(), 2u);
    EXPECT_EQ(weeks[0].week_start, "2026-12-07");
    ASSERT_EQ(weeks[0].items.size(), 3u);
    EXPECT_EQ(weeks[0].items[0].kind, "coi.declaration") << "same day: by kind";
    EXPECT_EQ(weeks[0].items[2].due_on, "2026-12-13");
    EXPECT_EQ(weeks[1].week_start, "2026-12-14");
}

TEST(DeadlineFilter, KindModuleProjectAndPerson) {
    auto d = At("2026-12-08", "ethics.sae_report", "p1", "a");
    EXPECT_TRUE(Matches(d, {}));
    EXPECT_TRUE(Matches(d, {"ethics.sae_report", "", ""}));
    EXPECT_TRUE(Matches(d, {"ethics", "", ""})) << "a module names all its kinds";
    EXPECT_FALSE(Matches(d, {"ethics.periodic_report", "", ""}));
    EXPECT_FALSE(Matches(d, {"eth", "", ""}));
    EXPECT_TRUE(Matches(d, {"", "p1", "a"}));
    EXPECT_FALSE(Matches(d, {"", "p2", ""}));
    EXPECT_FALSE(Matches(d, {"", "", "b"}));
    EXPECT_FALSE(Matches(At("2026-12-08", "coi.declaration"), {"", "p1", ""})) << "no project matches no project id";
}

TEST(DeadlineFilter, KindTexts) {
    for (const char* ok : {"ethics", "contracts.expiry", "ip.pct_national_phase", "projects.report_due"})
        EXPECT_TRUE(IsKindText(ok)) << ok;
    for (const char* bad : {"", ".x", "x.", "a.b.c", "Ethics", "a b", "x;drop", "\xe5\x80\xab"})
        EXPECT_FALSE(IsKindText(bad)) << bad;
}

TEST(DeadlineLabels, ExactKindsThenModules) {
    EXPECT_EQ(KindLabel("contracts.expiry", "ja"), "契約満了");
    EXPECT_EQ(KindLabel("contracts.expiry", "en"), "Contract end");
    EXPECT_EQ(KindLabel("ethics.sae_report", "ja"), "倫理審査");
    EXPECT_EQ(KindLabel("ip.jp_examination_request", "en"), "IP");
    EXPECT_EQ(KindLabel("other.thing", "ja"), "other.thing");
}

}  // namespace
}  // namespace renkei::deadlines
