// The approval chains' pure rules (model.hpp), table-driven: which band applies, overlaps, the
// shape of a rule, and who may act on a step.
#include "modules/approvals/model.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace renkei::approvals {
namespace {

constexpr auto C = SubjectKind::kContract;
constexpr auto B = SubjectKind::kBudgetChange;

Rule R(std::string id, SubjectKind kind, std::string type, long long from, std::optional<long long> to) {
    Rule r;
    r.id = std::move(id);
    r.kind = kind;
    r.subject_type = std::move(type);
    r.amount_from = from;
    r.amount_to = to;
    r.steps = {{"事務局長", "Office head", Approver::kRole, "", "office"}};
    return r;
}

TEST(ApprovalRules, ChooseRuleByKindTypeAndBand) {
    std::vector<Rule> rules = {
        R("any", C, "", 0, std::nullopt),
        R("jr-small", C, "joint_research", 0, 5'000'000),
        R("jr-mid", C, "joint_research", 5'000'000, 20'000'000),
        R("jr-large", C, "joint_research", 20'000'000, std::nullopt),
        R("nda-small", C, "nda", 0, 1'000'000),
        R("budget", B, "", 0, std::nullopt),
    };
    struct Row {
        SubjectKind kind;
        std::string type;
        std::optional<long long> amount;
        std::optional<std::string> want;
    };
    for (const auto& row : std::vector<Row>{
             {C, "joint_research", 0, "jr-small"},
             {C, "joint_research", 4'999'999, "jr-small"},
             {C, "joint_research", 5'000'000, "jr-mid"},  // [from, to): the lower bound belongs to the band
             {C, "joint_research", 19'999'999, "jr-mid"},
             {C, "joint_research", 20'000'000, "jr-large"},
             {C, "joint_research", 30'000'000, "jr-large"},
             {C, "joint_research", std::nullopt, "jr-small"},  // unknown amount counts as 0
             {C, "nda", 500'000, "nda-small"},
             {C, "nda", 2'000'000, "any"},  // no NDA band holds it: the any-type rule
             {C, "mta", 0, "any"},
             {C, "", 10, "any"},
             {B, "", 100, "budget"},
             {B, "joint_research", 100, "budget"},
         }) {
        auto got = ChooseRule(rules, row.kind, row.type, row.amount);
        ASSERT_EQ(got.has_value(), row.want.has_value()) << row.type << " " << row.amount.value_or(-1);
        if (got) EXPECT_EQ(got->id, *row.want) << row.type << " " << row.amount.value_or(-1);
    }
    EXPECT_FALSE(ChooseRule({R("jr", C, "joint_research", 0, 10)}, C, "nda", 0)) << "no rule: none";
    EXPECT_FALSE(ChooseRule({R("b", B, "", 0, std::nullopt)}, C, "nda", 0)) << "another kind's rule does not apply";
}

TEST(ApprovalRules, Overlaps) {
    struct Row {
        Rule a, b;
        bool overlap;
    };
    for (const auto& row : std::vector<Row>{
             {R("a", C, "jr", 0, 5), R("b", C, "jr", 5, 10), false},  // touching bands
             {R("a", C, "jr", 0, 6), R("b", C, "jr", 5, 10), true},
             {R("a", C, "jr", 0, std::nullopt), R("b", C, "jr", 100, 200), true},
             {R("a", C, "jr", 10, std::nullopt), R("b", C, "jr", 0, 10), false},
             {R("a", C, "jr", 10, std::nullopt), R("b", C, "jr", 20, std::nullopt), true},
             {R("a", C, "jr", 0, 10), R("b", C, "nda", 0, 10), false},  // another type
             {R("a", C, "jr", 0, 10), R("b", C, "", 0, 10), false},     // any-type rules are apart
             {R("a", C, "", 0, 10), R("b", B, "", 0, 10), false},       // another kind
             {R("a", C, "jr", 3, 4), R("b", C, "jr", 0, 10), true},     // inside
         }) {
        EXPECT_EQ(Overlaps(row.a, row.b), row.overlap)
            << row.a.amount_from << "-" << row.a.amount_to.value_or(-1) << " / " << row.b.amount_from;
        EXPECT_EQ(Overlaps(row.b, row.a), row.overlap) << "symmetric";
    }
}

TEST(ApprovalRules, CheckRuleNamesTheField) {
    auto ok = R("ok", C, "", 0, 10);
    EXPECT_FALSE(CheckRule(ok));
    struct Row {
        std::function<void(Rule&)> change;
        std::string field;
    };
    for (const auto& row : std::vector<Row>{
             {[](Rule& r) { r.amount_from = -1; }, "amount_from"},
             {[](Rule& r) { r.amount_to = 0; }, "amount_to"},
             {[](Rule& r) { r.amount_from = 10; }, "amount_to"},  // empty band
             {[](Rule& r) { r.steps.clear(); }, "steps"},
             {[](Rule& r) { r.steps.assign(11, r.steps[0]); }, "steps"},
             {[](Rule& r) { r.steps[0].label_ja = " "; }, "steps[0].label_ja"},
             {[](Rule& r) { r.steps[0].role = ""; }, "steps[0].role"},
             {[](Rule& r) {
                  r.steps.push_back({"センター長", "", Approver::kPerson, "", ""});
              },
              "steps[1].person_id"},
             {[](Rule& r) {
                  r.steps.push_back({"運営委員会", "", Approver::kCommittee, "", ""});
                  r.steps.push_back({"運営委員会", "", Approver::kCommittee, "", ""});
              },
              "steps[1].approver"},
         }) {
        auto r = ok;
        row.change(r);
        auto p = CheckRule(r);
        ASSERT_TRUE(p) << row.field;
        EXPECT_EQ(p->field, row.field);
    }
}

TEST(ApprovalRules, WhoIsTheApprover) {
    Step person;
    person.approver = Approver::kPerson;
    person.person_id = "head";
    Step role;
    role.approver = Approver::kRole;
    role.role = "office";
    Step committee;
    committee.approver = Approver::kCommittee;
    std::optional<std::string> preparer = "prep";
    struct Row {
        const Step* step;
        Actor who;
        bool approver;
    };
    for (const auto& row : std::vector<Row>{
             {&person, {"head", {"office"}}, true},
             {&person, {"other", {"office"}}, false},
             {&person, {"admin", {"admin"}}, false},  // a named person's step is theirs alone
             {&person, {"prep", {"office"}}, false},
             {&role, {"clerk", {"office"}}, true},
             {&role, {"prep", {"office"}}, false},  // whoever prepared it does not approve it
             {&role, {"root", {"admin"}}, true},    // an admin may, as before chains
             {&role, {"prep", {"admin"}}, false},
             {&role, {"doc", {"clinician"}}, false},
             {&committee, {"member", {"committee"}}, false},  // decided at the meeting only
             {&committee, {"clerk", {"office"}}, false},
             {&role, {"", {"office"}}, false},
         }) {
        EXPECT_EQ(IsApprover(*row.step, preparer, row.who), row.approver)
            << Text(row.step->approver) << " " << row.who.person_id;
    }
    // Without a preparer nobody is excluded.
    EXPECT_TRUE(IsApprover(role, std::nullopt, {"prep", {"office"}}));
    // Someone who holds the person step's name and prepared it still acts (the office named them).
    Step named = person;
    named.person_id = "prep";
    EXPECT_TRUE(IsApprover(named, preparer, {"prep", {"office"}}));
}

}  // namespace
}  // namespace renkei::approvals
