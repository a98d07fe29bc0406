#include "modules/contracts/model.hpp"

#include <gtest/gtest.h>

#include "modules/contracts/docx.hpp"
#include "platform/error.hpp"

namespace renkei::contracts {
namespace {

const Actor kOffice{true, false, false};
const Actor kAdmin{false, true, false};
const Actor kNobody{};
const Actor kSystem{false, false, true};

TEST(ContractsModel, WorkflowGoesForwardAndBackOneStepAndTerminatesFromAnyOpenState) {
    EXPECT_TRUE(IsAllowedTransition("draft", "internal_review"));
    EXPECT_TRUE(IsAllowedTransition("internal_review", "draft"));
    EXPECT_TRUE(IsAllowedTransition("negotiating", "approved"));
    EXPECT_TRUE(IsAllowedTransition("approved", "signed"));
    EXPECT_TRUE(IsAllowedTransition("signed", "active"));
    EXPECT_TRUE(IsAllowedTransition("active", "expired"));
    EXPECT_FALSE(IsAllowedTransition("draft", "signed")) << "no skipping";
    EXPECT_FALSE(IsAllowedTransition("draft", "approved"));
    EXPECT_FALSE(IsAllowedTransition("signed", "negotiating")) << "a signed contract is not renegotiated";
    EXPECT_FALSE(IsAllowedTransition("draft", "draft"));
    EXPECT_FALSE(IsAllowedTransition("draft", "bogus"));
    for (auto s : {"draft", "internal_review", "negotiating", "approved", "signed", "active"})
        EXPECT_TRUE(IsAllowedTransition(s, "terminated")) << s;
    EXPECT_FALSE(IsAllowedTransition("expired", "terminated"));
    EXPECT_FALSE(IsAllowedTransition("terminated", "draft"));
}

TEST(ContractsModel, OnlyTheOfficeOrAnAdminDrivesTheSystemOnlyActivatesAndExpires) {
    EXPECT_TRUE(MayTransition("negotiating", "approved", kOffice));
    const Actor preparer{true, false, false, true};
    EXPECT_FALSE(MayTransition("negotiating", "approved", preparer)) << "four eyes: not who prepared it";
    EXPECT_TRUE(MayTransition("approved", "signed", preparer));
    const Actor admin_preparer{false, true, false, true};
    EXPECT_TRUE(MayTransition("negotiating", "approved", admin_preparer));
    EXPECT_TRUE(MayTransition("negotiating", "approved", kAdmin));
    EXPECT_FALSE(MayTransition("negotiating", "approved", kNobody));
    EXPECT_FALSE(MayTransition("draft", "internal_review", kSystem));
    EXPECT_TRUE(MayTransition("signed", "active", kSystem));
    EXPECT_TRUE(MayTransition("active", "expired", kSystem));
    EXPECT_FALSE(MayTransition("active", "terminated", kSystem));
    auto next = NextStatuses("negotiating", kOffice);
    EXPECT_EQ(next, (std::vector<std::string>{"internal_review", "approved", "terminated"}));
    EXPECT_TRUE(NextStatuses("expired", kOffice).empty());
}

TEST(ContractsModel, TermsAreValidatedFieldByField) {
    Terms t;
    EXPECT_FALSE(ValidateTerms(t));
    t.ip_share_university = 60;
    t.ip_share_company = 50;
    EXPECT_EQ(ValidateTerms(t)->field, "terms.ip_share_company");
    t.ip_share_company = 40;
    EXPECT_FALSE(ValidateTerms(t));
    t.publication_review_days = 400;
    EXPECT_EQ(ValidateTerms(t)->field, "terms.publication_review_days");
    t.publication_review_days = 60;
    t.starts_on = "2026-04-01";
    t.ends_on = "2026-03-31";
    EXPECT_EQ(ValidateTerms(t)->field, "terms.ends_on");
    t.ends_on = "2026-02-30";
    EXPECT_EQ(ValidateTerms(t)->field, "terms.ends_on") << "no such day";
    t.ends_on = "2029-03-31";
    EXPECT_FALSE(ValidateTerms(t));
    t.renewal = "forever";
    EXPECT_EQ(ValidateTerms(t)->field, "terms.renewal");
    Terms unsigned_terms;
    EXPECT_EQ(ReadyToSign(unsigned_terms)->field, "terms.starts_on");
    unsigned_terms.starts_on = "2026-04-01";
    EXPECT_EQ(ReadyToSign(unsigned_terms)->field, "terms.ends_on");
}

TEST(ContractsModel, TermsRoundTripThroughJson) {
    Terms t;
    t.ip_share_university = 50;
    t.ip_share_company = 50;
    t.amount_yen = 12000000;
    t.payment_schedule = "年度ごと";
    t.starts_on = "2026-04-01";
    t.ends_on = "2027-03-31";
    t.renewal = "automatic";
    auto back = TermsFromJson(TermsToJson(t));
    EXPECT_EQ(back.amount_yen, 12000000);
    EXPECT_EQ(back.payment_schedule, "年度ごと");
    EXPECT_EQ(back.renewal, "automatic");
    EXPECT_EQ(back.ends_on, "2027-03-31");
    try {
        TermsFromJson(boost::json::parse(R"({"amount_yen": "many"})"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.field(), "terms.amount_yen");
    }
}

TEST(ContractsModel, MergeFieldsAreFoundAndReplacedInOneRun) {
    std::string xml = R"(<w:body><w:p><w:r><w:t>甲：{{party_a_name}}</w:t></w:r></w:p></w:body>)";
    EXPECT_EQ(FindMergeFields(xml), std::vector<std::string>{"party_a_name"});
    auto out = FillMergeFields(xml, {{"party_a_name", "慶應義塾大学"}});
    EXPECT_NE(out.find("甲：慶應義塾大学"), std::string::npos) << out;
    EXPECT_EQ(out.find("{{"), std::string::npos);
}

TEST(ContractsModel, AMergeFieldSplitOverRunsIsReplacedAndOtherRunsKeepTheirFormatting) {
    // Word split "{{project_title}}" over three runs (spell-check and an edit in the middle).
    std::string xml =
        R"(<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>題目：</w:t></w:r><w:r><w:t>{{proj</w:t></w:r><w:proofErr w:type="spellStart"/>)"
        R"(<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">ect_</w:t></w:r><w:r><w:t>title}} です</w:t></w:r></w:p>)";
    EXPECT_EQ(FindMergeFields(xml), std::vector<std::string>{"project_title"});
    auto out = FillMergeFields(xml, {{"project_title", "心電図パッチ"}});
    EXPECT_NE(out.find("<w:b/></w:rPr><w:t xml:space=\"preserve\">題目：</w:t>"), std::string::npos) << out;
    EXPECT_NE(out.find(">心電図パッチ</w:t>"), std::string::npos) << out;
    EXPECT_NE(out.find("> です</w:t>"), std::string::npos) << out;
    EXPECT_EQ(out.find("proj"), std::string::npos) << out;
    EXPECT_EQ(out.find("title}}"), std::string::npos) << out;
}

TEST(ContractsModel, ValuesAreXmlEscapedAndNewlinesBecomeLineBreaks) {
    std::string xml = R"(<w:p><w:r><w:t>{{purpose}}</w:t></w:r></w:p>)";
    auto out = FillMergeFields(xml, {{"purpose", "A&B <株式会社> \"x\"\n二行目"}});
    EXPECT_NE(out.find("A&amp;B &lt;株式会社&gt; &quot;x&quot;</w:t><w:br/><w:t xml:space=\"preserve\">二行目"),
              std::string::npos)
        << out;
}

TEST(ContractsModel, UnknownAndMalformedMergeFieldsStayAsTheyAre) {
    std::string xml = R"(<w:p><w:r><w:t>{{unknown_thing}} {{ bad name }} {{party_a_name}}</w:t></w:r></w:p>)";
    auto names = FindMergeFields(xml);
    EXPECT_EQ(names, (std::vector<std::string>{"unknown_thing", "party_a_name"}));
    EXPECT_FALSE(IsKnownMergeField("unknown_thing"));
    EXPECT_TRUE(IsKnownMergeField("party_a_name"));
    auto out = FillMergeFields(xml, {{"party_a_name", "甲"}});
    EXPECT_NE(out.find("{{unknown_thing}} {{ bad name }} 甲"), std::string::npos) << out;
}

TEST(ContractsModel, TabsTablesAndEmptyTextElementsAreNotMistakenForText) {
    std::string xml = R"(<w:p><w:r><w:tab/><w:t/><w:t>{{to</w:t></w:r><w:r><w:t>day}}</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{today}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)";
    auto out = FillMergeFields(xml, {{"today", "2026年11月25日"}});
    EXPECT_EQ(out.find("{{"), std::string::npos) << out;
    EXPECT_NE(out.find("<w:tab/><w:t/>"), std::string::npos) << out;
    EXPECT_NE(out.find("<w:tbl><w:tr><w:tc>"), std::string::npos) << out;
}

TEST(ContractsModel, DatesAmountsAndMedians) {
    EXPECT_EQ(JapaneseDate("2026-04-01"), "2026年4月1日");
    EXPECT_EQ(GroupDigits(12345678), "12,345,678");
    EXPECT_EQ(GroupDigits(0), "0");
    EXPECT_EQ(GroupDigits(999), "999");
    EXPECT_EQ(Median({}), 0);
    EXPECT_EQ(Median({5, 1, 3}), 3);
    EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
    EXPECT_EQ(TokyoDate(*ParseRfc3339("2026-03-31T15:00:00Z")), "2026-04-01") << "midnight in Tokyo";
    EXPECT_EQ(TokyoStartOf("2026-04-01"), *ParseRfc3339("2026-03-31T15:00:00Z"));
    EXPECT_EQ(DaysBetween("2026-02-27", "2026-03-01"), 2);
}

TEST(ContractsModel, StaysAreMeasuredBetweenChangesAndTheCurrentStatusIsNotCounted) {
    long long d = 86400;
    auto stays = StaysInDays({{"draft", 0}, {"internal_review", 2 * d}, {"negotiating", 5 * d}, {"internal_review", 6 * d},
                              {"negotiating", 7 * d}, {"approved", 17 * d}});
    EXPECT_EQ(stays["draft"], std::vector<double>{2});
    EXPECT_EQ(stays["internal_review"], (std::vector<double>{3, 1}));
    EXPECT_EQ(stays["negotiating"], (std::vector<double>{1, 10}));
    EXPECT_FALSE(stays.count("approved")) << "still approved: no completed stay";
}

TEST(ContractsDocx, BuiltInTemplatesAreWordDocumentsWithKnownMergeFields) {
    for (auto type : kTypes) {
        auto bytes = docx::DefaultTemplate(std::string(type));
        auto entries = docx::ReadArchive(bytes);
        auto names = docx::MergeFields(entries);
        EXPECT_FALSE(names.empty()) << type;
        for (auto& n : names) EXPECT_TRUE(IsKnownMergeField(n)) << type << ": " << n;
        auto filled = docx::Fill(bytes, {{"party_a_name", "慶應義塾大学"}, {"contract_title", "件名"}});
        bool found = false;
        for (auto& e : docx::ReadArchive(filled))
            if (e.name == "word/document.xml") found = e.bytes.find("慶應義塾大学") != std::string::npos;
        EXPECT_TRUE(found) << type;
    }
    EXPECT_THROW(docx::ReadArchive("not a zip"), Error);
}

}  // namespace
}  // namespace renkei::contracts
