#include "modules/coi/model.hpp"

#include <gtest/gtest.h>

#include "platform/error.hpp"

namespace renkei::coi {
namespace {

std::vector<Threshold> Defaults() {
    return {{"consulting", "amount", 1'000'000},
            {"lecture", "amount", 500'000},
            {"equity", "any", 0},
            {"royalty", "amount", 1'000'000},
            {"research_funding", "amount", 1'000'000},
            {"gift", "amount", 50'000},
            {"position", "any", 0}};
}

Relationship Rel(std::optional<std::string> org, std::string category, long long yen) {
    Relationship r;
    r.organisation_id = std::move(org);
    r.category = std::move(category);
    r.amount_yen = yen;
    return r;
}

const Crossing* Find(const std::vector<Crossing>& cs, std::string_view category) {
    for (const auto& c : cs)
        if (c.category == category) return &c;
    return nullptr;
}

// JSR (company) with two divisions and a subsidiary company with a division of its own; a second,
// unrelated company; and the university with a department.
OrgTree Tree() {
    return {{"jsr", {std::nullopt, "company"}},       {"jsr_rd", {"jsr", "division"}},
            {"jsr_ls", {"jsr", "division"}},          {"jsr_sub", {"jsr", "company"}},
            {"jsr_sub_lab", {"jsr_sub", "division"}}, {"meditech", {std::nullopt, "company"}},
            {"keio", {std::nullopt, "university"}},   {"med", {"keio", "faculty"}},
            {"office", {"keio", "division"}}};
}

TEST(CoiThresholds, ExactlyAtTheThresholdCrosses) {
    auto at = Evaluate({Rel("jsr", "consulting", 1'000'000)}, Defaults(), {"jsr"});
    ASSERT_NE(Find(at, "consulting"), nullptr);
    EXPECT_TRUE(Find(at, "consulting")->crossed);
    EXPECT_EQ(Find(at, "consulting")->threshold_yen, 1'000'000);
    auto below = Evaluate({Rel("jsr", "consulting", 999'999)}, Defaults(), {"jsr"});
    EXPECT_FALSE(Find(below, "consulting")->crossed);
    EXPECT_FALSE(AnyCrossed(below));
}

TEST(CoiThresholds, SeveralSmallPaymentsAddUpPerCategory) {
    std::vector<Relationship> rs = {Rel("jsr", "lecture", 200'000), Rel("jsr", "lecture", 200'000),
                                    Rel("jsr", "lecture", 100'000), Rel("jsr", "consulting", 400'000)};
    auto cs = Evaluate(rs, Defaults(), {"jsr"});
    EXPECT_EQ(Find(cs, "lecture")->total_yen, 500'000);
    EXPECT_EQ(Find(cs, "lecture")->relationships, 3);
    EXPECT_TRUE(Find(cs, "lecture")->crossed);
    // Categories are not mixed: 400,000 of consulting stays below its own threshold.
    EXPECT_FALSE(Find(cs, "consulting")->crossed);
    EXPECT_EQ(Fingerprint(cs), "lecture=500000");
}

TEST(CoiThresholds, AnotherCompanyDoesNotCount) {
    auto cs = Evaluate({Rel("meditech", "consulting", 5'000'000), Rel(std::nullopt, "consulting", 5'000'000)},
                       Defaults(), GroupOf(Tree(), "jsr"));
    EXPECT_TRUE(cs.empty());
}

Relationship FreeText(std::string name, std::optional<std::string> resolved, std::string category, long long yen) {
    auto r = Rel(std::nullopt, std::move(category), yen);
    r.company_name = std::move(name);
    r.resolved_organisation_id = std::move(resolved);
    return r;
}

TEST(CoiThresholds, AFreeTextNameResolvedToACompanyCountsAsThatCompany) {
    // ¥1,500,000 typed as ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株） and resolved to Meditech crosses like the registered row.
    auto cs = Evaluate({FreeText("ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）", "meditech", "consulting", 1'500'000)}, Defaults(),
                       GroupOf(Tree(), "meditech"));
    ASSERT_EQ(cs.size(), 1u);
    EXPECT_TRUE(cs[0].crossed);
    EXPECT_EQ(cs[0].total_yen, 1'500'000);
    // The group rule holds too: a free-text JSR division adds up with the registered parent.
    cs = Evaluate({FreeText("JSRライフサイエンス", "jsr_ls", "consulting", 600'000), Rel("jsr", "consulting", 400'000)},
                  Defaults(), GroupOf(Tree(), "jsr"));
    ASSERT_EQ(cs.size(), 1u);
    EXPECT_TRUE(cs[0].crossed);
    EXPECT_EQ(cs[0].relationships, 2);
}

TEST(CoiThresholds, AnUnresolvedFreeTextNameNeverCounts) {
    auto cs = Evaluate({FreeText("信濃町メディカル", std::nullopt, "consulting", 9'000'000)}, Defaults(),
                       GroupOf(Tree(), "meditech"));
    EXPECT_TRUE(cs.empty());
    // A registered organisation wins over a stale resolution (the row names it outright).
    auto r = FreeText("", "meditech", "consulting", 9'000'000);
    r.organisation_id = "jsr";
    EXPECT_TRUE(Evaluate({r}, Defaults(), GroupOf(Tree(), "meditech")).empty());
}

TEST(CoiThresholds, EquityAndPositionsCrossWhateverTheAmount) {
    auto cs =
        Evaluate({Rel("jsr", "equity", 0), Rel("jsr", "position", 0), Rel("jsr", "gift", 10'000)}, Defaults(), {"jsr"});
    EXPECT_TRUE(Find(cs, "equity")->crossed);
    EXPECT_TRUE(Find(cs, "position")->crossed);
    EXPECT_FALSE(Find(cs, "gift")->crossed);
    EXPECT_EQ(Fingerprint(cs), "equity=0;position=0");
}

TEST(CoiThresholds, OffAndMissingCategoriesNeverCross) {
    std::vector<Threshold> t = {{"consulting", "off", 0}};
    auto cs = Evaluate({Rel("jsr", "consulting", 9'000'000), Rel("jsr", "equity", 1)}, t, {"jsr"});
    EXPECT_FALSE(AnyCrossed(cs));
    EXPECT_EQ(Complete(t).size(), kCategories.size());
    EXPECT_EQ(Complete(t)[2].rule, "off");  // equity, not configured
}

TEST(CoiThresholds, ChangedThresholdsChangeTheOutcome) {
    auto t = Defaults();
    t[0].amount_yen = 300'000;
    EXPECT_TRUE(AnyCrossed(Evaluate({Rel("jsr", "consulting", 300'000)}, t, {"jsr"})));
    t[0].amount_yen = 300'001;
    EXPECT_FALSE(AnyCrossed(Evaluate({Rel("jsr", "consulting", 300'000)}, t, {"jsr"})));
}

TEST(CoiGroups, ParentDivisionsAndSubsidiariesFormOneGroup) {
    auto tree = Tree();
    EXPECT_EQ(GroupRoot(tree, "jsr_ls"), "jsr");
    EXPECT_EQ(GroupRoot(tree, "jsr_sub_lab"), "jsr");
    EXPECT_EQ(GroupRoot(tree, "jsr"), "jsr");
    auto g = GroupOf(tree, "jsr_rd");
    EXPECT_EQ(g, (std::set<std::string>{"jsr", "jsr_rd", "jsr_ls", "jsr_sub", "jsr_sub_lab"}));
    EXPECT_EQ(GroupOf(tree, "meditech"), (std::set<std::string>{"meditech"}));
    // A division under a university is no company's part: its group is itself.
    EXPECT_EQ(GroupOf(tree, "office"), (std::set<std::string>{"office"}));
    EXPECT_EQ(GroupOf(tree, "unknown"), (std::set<std::string>{"unknown"}));
}

TEST(CoiGroups, PaymentsFromAGroupCompanyCountAsTheProjectsCompany) {
    // The project's partner is JSR's R&D division; the fees came from the subsidiary and from
    // the life-sciences division: together they reach the threshold.
    auto group = GroupOf(Tree(), "jsr_rd");
    auto cs =
        Evaluate({Rel("jsr_sub", "consulting", 600'000), Rel("jsr_ls", "consulting", 400'000)}, Defaults(), group);
    ASSERT_EQ(cs.size(), 1u);
    EXPECT_EQ(cs[0].total_yen, 1'000'000);
    EXPECT_TRUE(cs[0].crossed);
}

TEST(CoiGroups, ACycleInTheTreeDoesNotHang) {
    OrgTree tree = {{"a", {"b", "company"}}, {"b", {"a", "company"}}};
    auto root = GroupRoot(tree, "a");
    EXPECT_TRUE(root == "a" || root == "b");
    EXPECT_EQ(GroupOf(tree, "a").size(), 2u);
}

TEST(CoiRules, WhoMustDeclare) {
    EXPECT_TRUE(MustDeclare({"clinician"}, false));
    EXPECT_TRUE(MustDeclare({"researcher"}, false));
    EXPECT_TRUE(MustDeclare({"committee", "clinician"}, false));
    EXPECT_FALSE(MustDeclare({"company_researcher"}, true));
    EXPECT_FALSE(MustDeclare({"office"}, false));
    EXPECT_TRUE(MustDeclare({"office"}, true));
    EXPECT_FALSE(MustDeclare({"committee"}, false));
}

TEST(CoiRules, FiscalYearStartsInApril) {
    EXPECT_EQ(FiscalYearOf("2026-03-31"), 2025);
    EXPECT_EQ(FiscalYearOf("2026-04-01"), 2026);
    EXPECT_EQ(FiscalYearOf("2026-12-31"), 2026);
}

TEST(CoiRules, WhoMayReadADeclaration) {
    EXPECT_TRUE(MayReadDeclaration("p", "p", false, false));
    EXPECT_TRUE(MayReadDeclaration("p", "o", true, false));
    EXPECT_TRUE(MayReadDeclaration("p", "c", false, true));
    EXPECT_FALSE(MayReadDeclaration("p", "x", false, false));
}

TEST(CoiRules, ThresholdValidation) {
    EXPECT_NO_THROW(CheckThreshold({"consulting", "amount", 1}));
    EXPECT_NO_THROW(CheckThreshold({"equity", "any", 0}));
    EXPECT_THROW(CheckThreshold({"consulting", "amount", 0}), Error);
    EXPECT_THROW(CheckThreshold({"bribes", "amount", 10}), Error);
    EXPECT_THROW(CheckThreshold({"gift", "sometimes", 10}), Error);
    EXPECT_THROW(CheckThreshold({"gift", "amount", -1}), Error);
    EXPECT_EQ(DecisionFromText("manageable"), Decision::kManageable);
    EXPECT_FALSE(DecisionFromText("maybe"));
    for (const auto& d : kDecisions) EXPECT_EQ(DecisionFromText(ToText(d.value)), d.value) << d.text;
    for (const auto& s : kCaseStatuses) EXPECT_EQ(CaseStatusFromText(ToText(s.value)), s.value) << s.text;
    EXPECT_FALSE(CaseStatusFromText("closed"));
}

}  // namespace
}  // namespace renkei::coi
