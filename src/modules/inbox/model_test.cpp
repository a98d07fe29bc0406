#include <gtest/gtest.h>

#include "modules/inbox/model.hpp"

namespace renkei::inbox {
namespace {

TEST(InboxRules, TokyoDateRollsOverAtMidnightJapanTimeNotUtc) {
    // 2022-03-31T14:59:59Z is 23:59:59 in Tokyo; one second later it is April (a new fiscal year).
    EXPECT_EQ(TokyoDate(*ParseRfc3339("2022-03-31T14:59:59Z")), "2022-03-31");
    EXPECT_EQ(TokyoDate(*ParseRfc3339("2022-03-31T15:00:00Z")), "2022-04-01");
}

TEST(InboxRules, IsoDatesMustBeRealCalendarDays) {
    struct Case { const char* text; bool ok; } cases[] = {
        {"2024-02-29", true}, {"2023-02-29", false}, {"2024-13-01", false}, {"2024-1-01", false},
        {"20240101", false},  {"", false},           {"2024-04-01", true},  {"abcd-ef-gh", false}};
    for (const auto& c : cases) EXPECT_EQ(IsIsoDate(c.text), c.ok) << c.text;
}

TEST(InboxRules, OnlyOpenItemsWithAPastDueDateAreOverdue) {
    Item i;
    EXPECT_FALSE(IsOverdue(i, "2024-05-01")) << "no due date";
    i.due_on = "2024-04-30";
    EXPECT_TRUE(IsOverdue(i, "2024-05-01"));
    EXPECT_FALSE(IsOverdue(i, "2024-04-30")) << "due today is not overdue yet";
    i.state = "done";
    EXPECT_FALSE(IsOverdue(i, "2024-05-01"));
}

TEST(InboxRules, OneClickActionsMayOnlyTargetTheApiWithAStateChangingMethod) {
    Action a{"POST", "/api/projects/abc/reports/def/acknowledge", nullptr, "確認する", "Acknowledge"};
    EXPECT_TRUE(IsValidAction(a));
    auto bad = a;
    bad.method = "GET";
    EXPECT_FALSE(IsValidAction(bad));
    bad = a;
    bad.path = "https://evil.example/api/x";
    EXPECT_FALSE(IsValidAction(bad));
    bad = a;
    bad.path = "/api/../logout";
    EXPECT_FALSE(IsValidAction(bad));
    bad = a;
    bad.label_en = "";
    EXPECT_FALSE(IsValidAction(bad));
}

}  // namespace
}  // namespace renkei::inbox
