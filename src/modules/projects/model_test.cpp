#include "modules/projects/model.hpp"

#include <gtest/gtest.h>

#include <set>

namespace renkei::projects {
namespace {

TEST(ProjectStages, AProjectMovesOneStageForwardAtATimeAndOnlyWhileActive) {
    struct Case {
        Status status;
        Stage from, to;
        bool ok;
    } cases[] = {{Status::kActive, Stage::kExploration, Stage::kFeasibility, true},
                 {Status::kActive, Stage::kExploration, Stage::kJointResearch, false},  // no skipping a gate
                 {Status::kActive, Stage::kFeasibility, Stage::kExploration, false},    // no going back through a gate
                 {Status::kActive, Stage::kLaunched, Stage::kSales, true},
                 {Status::kActive, Stage::kSales, Stage::kSales, false},
                 {Status::kProposed, Stage::kExploration, Stage::kFeasibility, false},  // not approved yet
                 {Status::kRejected, Stage::kExploration, Stage::kFeasibility, false},
                 {Status::kClosed, Stage::kExploration, Stage::kFeasibility, false}};
    for (const auto& c : cases)
        EXPECT_EQ(IsAllowedMove(c.status, c.from, c.to), c.ok)
            << Text(c.status) << " " << Text(c.from) << "→" << Text(c.to);
    EXPECT_EQ(NextStage(Stage::kRegulatory), Stage::kLaunched);
    EXPECT_EQ(NextStage(Stage::kSales), std::nullopt);
    EXPECT_EQ(StageIndex(Stage::kClinicalStudy), 4);
    EXPECT_EQ(StageIndex("clinical_study"), 4);
    EXPECT_EQ(StageIndex("moon"), -1);
    EXPECT_FALSE(IsStage("moon"));
}

// Every stage and status reads back from its own text, no two share a text or a label, and the
// stages' table walks the road in order.
template <typename E>
void ExpectTextRoundTrips() {
    std::set<std::string_view> texts, labels;
    for (const auto& entry : TextsOf(E{})) {
        EXPECT_EQ(Text(entry.value), entry.text);
        EXPECT_EQ(FromText<E>(entry.text), entry.value) << entry.text;
        EXPECT_EQ(LabelJa(entry.value), entry.label_ja) << entry.text;
        EXPECT_TRUE(texts.insert(entry.text).second) << "duplicate text " << entry.text;
        EXPECT_TRUE(labels.insert(entry.label_ja).second) << "duplicate label " << entry.label_ja;
    }
    EXPECT_EQ(FromText<E>(""), std::nullopt);
    EXPECT_EQ(FromText<E>("Active"), std::nullopt);
}

TEST(ProjectEnums, EachStageAndStatusHasOneTextAndOneJapaneseLabel) {
    ExpectTextRoundTrips<Stage>();
    ExpectTextRoundTrips<Status>();
    for (size_t i = 0; i < kStageTexts.size(); ++i) {
        EXPECT_EQ(StageIndex(kStageTexts[i].value), static_cast<int>(i));
        EXPECT_EQ(kStages[i], kStageTexts[i].text);
    }
    EXPECT_EQ(Text(Stage::kJointResearch), "joint_research");
    EXPECT_EQ(LabelJa(Stage::kClinicalStudy), "臨床研究");
    EXPECT_EQ(Text(Status::kRejected), "rejected");
    EXPECT_EQ(LabelJa(Status::kActive), "実施中");
    EXPECT_TRUE(IsHiddenFromOutsiders(Status::kProposed));
    EXPECT_TRUE(IsHiddenFromOutsiders(Status::kRejected));
    EXPECT_FALSE(IsHiddenFromOutsiders(Status::kActive));
    EXPECT_FALSE(IsHiddenFromOutsiders(Status::kClosed));
    EXPECT_TRUE(IsClosed(Status::kRejected));
    EXPECT_TRUE(IsClosed(Status::kClosed));
    EXPECT_FALSE(IsClosed(Status::kProposed));
    EXPECT_FALSE(IsClosed(Status::kActive));
}

TEST(ProjectGates, ProjectsOwnRequirementsAreCheckedFromItsData) {
    GateFacts f;
    f.has_pi = true;
    auto items = EvaluateGate({"pi_and_lead", "aims"}, f);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_FALSE(items[0].satisfied) << "a company lead is missing";
    EXPECT_FALSE(GatePasses(items));
    f.has_company_lead = f.has_aims = true;
    items = EvaluateGate({"pi_and_lead", "aims"}, f);
    EXPECT_TRUE(GatePasses(items));
    EXPECT_EQ(items[0].how, "projects");
}

TEST(ProjectGates, LaunchNeedsAProductRecordAndItsLaunchDate) {
    GateFacts f;
    EXPECT_FALSE(GatePasses(EvaluateGate({"product_record", "product_launched"}, f)));
    f.has_product = true;
    EXPECT_FALSE(GatePasses(EvaluateGate({"product_record", "product_launched"}, f)));
    f.product_launched = true;
    EXPECT_TRUE(GatePasses(EvaluateGate({"product_record", "product_launched"}, f)));
}

TEST(ProjectGates, OtherModulesRequirementsNeedAHandConfirmationUntilTheModuleAnswers) {
    GateFacts f;
    auto items = EvaluateGate({"ethics_protocol_approved"}, f);
    EXPECT_FALSE(items[0].satisfied);
    EXPECT_EQ(items[0].module, "ethics");
    f.confirmed.insert("ethics_protocol_approved");
    items = EvaluateGate({"ethics_protocol_approved"}, f);
    EXPECT_TRUE(items[0].satisfied);
    EXPECT_EQ(items[0].how, "confirmed");
    EXPECT_FALSE(items[0].automatic);
    // Once the ethics module answers, its answer wins over an old hand confirmation.
    f.external["ethics_protocol_approved"] = false;
    EXPECT_FALSE(EvaluateGate({"ethics_protocol_approved"}, f)[0].satisfied);
    EXPECT_TRUE(EvaluateGate({"ethics_protocol_approved"}, f)[0].automatic);
    f.external["ethics_protocol_approved"] = true;
    EXPECT_EQ(EvaluateGate({"ethics_protocol_approved"}, f)[0].how, "module");
}

TEST(ProjectGates, UnknownRequirementsAreNeverSatisfied) {
    GateFacts f;
    f.confirmed.insert("made_up");
    EXPECT_FALSE(GatePasses(EvaluateGate({"made_up"}, f)));
    EXPECT_TRUE(GatePasses(EvaluateGate({}, f))) << "a gate without requirements only needs its approver";
}

TEST(ProjectGates, ApproversAndSeparationOfDuties) {
    Relation pi{.is_pi = true, .is_member = true};
    Relation lead{.is_company_lead = true, .is_member = true};
    Relation committee{.is_committee = true};
    Relation office{.is_office = true};
    EXPECT_TRUE(MayApproveGate("pi", pi, false));
    EXPECT_FALSE(MayApproveGate("pi", lead, false));
    EXPECT_FALSE(MayApproveGate("pi", committee, false));
    EXPECT_TRUE(MayApproveGate("company_lead", lead, true));
    EXPECT_TRUE(MayApproveGate("committee", committee, false));
    EXPECT_FALSE(MayApproveGate("committee", committee, true)) << "who asked does not approve";
    EXPECT_FALSE(MayApproveGate("committee", office, false));
    EXPECT_TRUE(MayApproveGate("office", office, false));
    EXPECT_FALSE(MayApproveGate("nobody", office, false));
}

TEST(ProjectAccess, NonMembersSeeTheSummaryAndConfidentialDocumentsOnlyMembers) {
    Relation outsider{};
    Relation member{.is_member = true};
    Relation office{.is_office = true};
    Relation committee{.is_committee = true};
    EXPECT_FALSE(MaySeeFull(outsider));
    EXPECT_TRUE(MaySeeFull(member));
    EXPECT_TRUE(MaySeeFull(office));
    EXPECT_TRUE(MaySeeDocument("public", outsider));
    EXPECT_FALSE(MaySeeDocument("internal", outsider));
    EXPECT_TRUE(MaySeeDocument("internal", committee));
    EXPECT_FALSE(MaySeeDocument("confidential", office));
    EXPECT_FALSE(MaySeeDocument("confidential", committee));
    EXPECT_TRUE(MaySeeDocument("confidential", member));
    EXPECT_TRUE(MaySteer(office));
    EXPECT_FALSE(MaySteer(member));
}

TEST(ProjectCalendar, FiscalYearsRunFromAprilToMarch) {
    EXPECT_EQ(FiscalYearOf("2022-03-31"), 2021);
    EXPECT_EQ(FiscalYearOf("2022-04-01"), 2022);
    EXPECT_EQ(FiscalYearOf("2021-12-31"), 2021);
    EXPECT_EQ(FiscalYearOf("2022-01-01"), 2021);
}

TEST(ProjectCalendar, ReportsFallDueOnePeriodAfterTheLastOne) {
    EXPECT_EQ(NextReportDue("monthly", "2024-01-31"), "2024-02-29") << "clamped to the month's end";
    EXPECT_EQ(NextReportDue("monthly", "2024-12-15"), "2025-01-15");
    EXPECT_EQ(NextReportDue("weekly", "2024-12-29"), "2025-01-05");
    EXPECT_EQ(NextReportDue("biweekly", "2024-02-20"), "2024-03-05");
    EXPECT_EQ(NextReportDue("quarterly", "2024-11-30"), "2025-02-28");
}

TEST(ProjectGoal, ACountsOnlyWhenLaunchedWithSalesByTheGoalDate) {
    ProductSales none{std::nullopt, {"2021-10"}};
    EXPECT_FALSE(CountsTowardsGoal(none, "2022-03-31")) << "not launched";
    ProductSales no_sales{"2021-09-01", {}};
    EXPECT_FALSE(CountsTowardsGoal(no_sales, "2022-03-31"));
    ProductSales on_time{"2021-09-01", {"2022-03"}};
    EXPECT_TRUE(CountsTowardsGoal(on_time, "2022-03-31"));
    ProductSales late_sales{"2021-09-01", {"2022-04"}};
    EXPECT_FALSE(CountsTowardsGoal(late_sales, "2022-03-31"));
    ProductSales late_launch{"2022-04-01", {"2022-04"}};
    EXPECT_FALSE(CountsTowardsGoal(late_launch, "2022-03-31"));
    EXPECT_TRUE(CountsTowardsGoal(late_launch, "2023-03-31")) << "the date is configurable";
}

TEST(ProjectDocuments, OnlyOfficeDocumentsImagesAndTextWithSafeNames) {
    EXPECT_TRUE(IsAllowedDocumentType("application/pdf"));
    EXPECT_TRUE(IsAllowedDocumentType("text/plain; charset=utf-8"));
    EXPECT_FALSE(IsAllowedDocumentType("application/x-msdownload"));
    EXPECT_FALSE(IsAllowedDocumentType("text/html"));
    EXPECT_TRUE(IsSafeFileName("研究計画書_v2.pdf"));
    EXPECT_FALSE(IsSafeFileName("../../etc/passwd"));
    EXPECT_FALSE(IsSafeFileName("a\"b.pdf"));
    EXPECT_FALSE(IsSafeFileName(""));
}

TEST(ProjectMeetings, AMeetingStartsOnAQuarterHourAndLasts15MinutesTo8Hours) {
    Seconds nine = FromUnix(1'796'000'400);  // a multiple of 15 minutes
    ASSERT_EQ(ToUnix(nine) % 900, 0);
    EXPECT_TRUE(IsValidMeetingTime(nine, nine + std::chrono::minutes{60}));
    EXPECT_TRUE(IsValidMeetingTime(nine, nine + std::chrono::minutes{15}));
    EXPECT_TRUE(IsValidMeetingTime(nine, nine + std::chrono::hours{8}));
    EXPECT_FALSE(IsValidMeetingTime(nine, nine + std::chrono::minutes{10}));
    EXPECT_FALSE(IsValidMeetingTime(nine, nine + std::chrono::hours{8} + std::chrono::minutes{15}));
    EXPECT_FALSE(IsValidMeetingTime(nine, nine));
    EXPECT_FALSE(IsValidMeetingTime(nine + std::chrono::minutes{7}, nine + std::chrono::minutes{67}));
    EXPECT_TRUE(IsMeetingStatus("held"));
    EXPECT_FALSE(IsMeetingStatus("done"));
}

TEST(ProjectCalendar, YearMonthsAreReal) {
    EXPECT_TRUE(IsYearMonth("2022-03"));
    EXPECT_FALSE(IsYearMonth("2022-13"));
    EXPECT_FALSE(IsYearMonth("2022/03"));
}

std::vector<Member> Members(std::initializer_list<std::pair<const char*, const char*>> people) {
    std::vector<Member> out;
    for (const auto& [id, role] : people) out.push_back({PersonRef{id, "", ""}, role, std::nullopt});
    return out;
}
std::string Where(const std::vector<Handover>& moves, const std::string& item) {
    for (const auto& m : moves)
        if (m.item_id == item) return m.to.value_or("cancelled");
    return "stays";
}

TEST(ProjectInbox, ItemsAskedOfARoleFollowItToTheNewHolder) {
    // The PI changes from A to B; C stays company lead.
    auto after = Members({{"B", "pi"}, {"C", "company_lead"}, {"A", "researcher"}});
    std::vector<HeldItem> items = {{"ack", "A", "report:1", "pi", {"C"}},
                                   {"gate", "A", "stage_request:9", "pi", {}},
                                   {"lead_ack", "C", "report:1", "company_lead", {"C"}},
                                   {"due", "C", "report_due:p", "company_lead", {}},
                                   {"task", "A", "milestone:5", "member", {}}};
    auto moves = FollowRoleHolders(after, items);
    EXPECT_EQ(Where(moves, "ack"), "B");
    EXPECT_EQ(Where(moves, "gate"), "B");
    EXPECT_EQ(Where(moves, "lead_ack"), "stays");
    EXPECT_EQ(Where(moves, "due"), "stays");
    EXPECT_EQ(Where(moves, "task"), "stays") << "A is still a member and owns the milestone";
    EXPECT_EQ(moves.size(), 2u);
}

TEST(ProjectInbox, SomeoneWhoLeavesLosesWhatWasAskedOfThemAsAMember) {
    auto after = Members({{"B", "pi"}, {"C", "company_lead"}});
    std::vector<HeldItem> items = {{"task", "A", "milestone:5", "member", {}},
                                   {"old_ack", "A", "report:1", "member", {}},
                                   {"ack", "A", "report:2", "pi", {}}};
    auto moves = FollowRoleHolders(after, items);
    EXPECT_EQ(Where(moves, "task"), "cancelled");
    EXPECT_EQ(Where(moves, "old_ack"), "cancelled");
    EXPECT_EQ(Where(moves, "ack"), "B") << "what the PI was asked is not lost with the old PI";
}

TEST(ProjectInbox, ANewHolderIsNotAskedToAcknowledgeTheirOwnOrAnAlreadyAcknowledgedReport) {
    auto after = Members({{"B", "pi"}, {"C", "company_lead"}});
    std::vector<HeldItem> items = {{"own", "A", "report:1", "pi", {"B"}},        // B wrote report 1
                                   {"seen", "A", "report:2", "pi", {"D", "B"}},  // B acknowledged report 2
                                   {"open", "A", "report:3", "pi", {"D", "C"}}};
    auto moves = FollowRoleHolders(after, items);
    EXPECT_EQ(Where(moves, "own"), "cancelled");
    EXPECT_EQ(Where(moves, "seen"), "cancelled");
    EXPECT_EQ(Where(moves, "open"), "B");
}

TEST(ProjectInbox, RolesThatSwapHandsEachTakeTheOtherOnesItemsOnce) {
    // A was PI and becomes company lead; D, the old lead, leaves; B is the new PI.
    auto after = Members({{"B", "pi"}, {"A", "company_lead"}});
    std::vector<HeldItem> items = {{"a_ack", "A", "report:1", "pi", {}},
                                   {"d_ack", "D", "report:1", "company_lead", {}},
                                   {"d_due", "D", "report_due:p", "company_lead", {}},
                                   {"b_ack", "B", "report:2", "member", {}},  // B already holds one for report 2
                                   {"a_ack2", "A", "report:2", "pi", {}}};
    auto moves = FollowRoleHolders(after, items);
    EXPECT_EQ(Where(moves, "a_ack"), "B");
    EXPECT_EQ(Where(moves, "d_ack"), "A") << "A now answers as the company lead";
    EXPECT_EQ(Where(moves, "d_due"), "A");
    EXPECT_EQ(Where(moves, "b_ack"), "stays");
    EXPECT_EQ(Where(moves, "a_ack2"), "cancelled") << "B holds that report's item already: never twice";
}

}  // namespace
}  // namespace renkei::projects
