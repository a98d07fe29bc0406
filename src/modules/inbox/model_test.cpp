#include "modules/inbox/model.hpp"

#include <gtest/gtest.h>

namespace renkei::inbox {
namespace {

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
