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

constexpr Status kDraft = Status::kDraft, kReview = Status::kInternalReview, kNegotiating = Status::kNegotiating,
                 kApproved = Status::kApproved, kSigned = Status::kSigned, kActive = Status::kActive,
                 kExpired = Status::kExpired, kTerminated = Status::kTerminated;

TEST(ContractsModel, WorkflowGoesForwardAndBackOneStepAndTerminatesFromAnyOpenState) {
    EXPECT_TRUE(IsAllowedTransition(kDraft, kReview));
    EXPECT_TRUE(IsAllowedTransition(kReview, kDraft));
    EXPECT_TRUE(IsAllowedTransition(kNegotiating, kApproved));
    EXPECT_TRUE(IsAllowedTransition(kApproved, kSigned));
    EXPECT_TRUE(IsAllowedTransition(kSigned, kActive));
    EXPECT_TRUE(IsAllowedTransition(kActive, kExpired));
    EXPECT_FALSE(IsAllowedTransition(kDraft, kSigned)) << "no skipping";
    EXPECT_FALSE(IsAllowedTransition(kDraft, kApproved));
    EXPECT_FALSE(IsAllowedTransition(kSigned, kNegotiating)) << "a signed contract is not renegotiated";
    EXPECT_FALSE(IsAllowedTransition(kDraft, kDraft));
    for (auto s : {kDraft, kReview, kNegotiating, kApproved, kSigned, kActive})
        EXPECT_TRUE(IsAllowedTransition(s, kTerminated)) << ToText(s);
    EXPECT_FALSE(IsAllowedTransition(kExpired, kTerminated));
    EXPECT_FALSE(IsAllowedTransition(kTerminated, kDraft));
}

TEST(ContractsModel, StatusesAndTypesReadBackFromTheirText) {
    for (const auto& s : kStatuses) EXPECT_EQ(StatusFromText(s.text), s.value) << s.text;
    for (const auto& t : kTypes) EXPECT_EQ(TypeFromText(t.text), t.value) << t.text;
    EXPECT_FALSE(StatusFromText("bogus"));
    EXPECT_FALSE(TypeFromText("Nda"));
    EXPECT_EQ(ToText(Status::kInternalReview), "internal_review");
    EXPECT_EQ(TypeLabelJa(ContractType::kNda), "秘密保持契約");
}

TEST(ContractsModel, OnlyTheOfficeOrAnAdminDrivesTheSystemOnlyActivatesAndExpires) {
    // Approval is the approval chain's alone (稟議): no office member, no admin moves it there.
    const Actor preparer{true, false, false, true};
    const Actor admin_preparer{false, true, false, true};
    const Actor chain{false, false, false, false, true};
    struct Row {
        Actor who;
        bool may;
        const char* why;
    };
    for (const auto& row : std::vector<Row>{{kOffice, false, "another office member: through the chain only"},
                                            {preparer, false, "who prepared it"},
                                            {admin_preparer, false, "an admin who prepared it"},
                                            {kAdmin, false, "an admin: through the chain only"},
                                            {kNobody, false, "nobody"},
                                            {kSystem, false, "the reminder task"},
                                            {chain, true, "the completed chain"}})
        EXPECT_EQ(MayTransition(kNegotiating, kApproved, row.who), row.may) << row.why;
    EXPECT_FALSE(MayTransition(kNegotiating, kReview, chain)) << "the chain only approves";
    EXPECT_FALSE(MayTransition(kReview, kApproved, chain)) << "only from negotiating";
    EXPECT_TRUE(MayTransition(kApproved, kSigned, preparer));
    EXPECT_FALSE(MayTransition(kDraft, kReview, kSystem));
    EXPECT_TRUE(MayTransition(kSigned, kActive, kSystem));
    EXPECT_TRUE(MayTransition(kActive, kExpired, kSystem));
    EXPECT_FALSE(MayTransition(kActive, kTerminated, kSystem));
    auto next = NextStatuses(kNegotiating, kOffice);
    EXPECT_EQ(next, (std::vector<Status>{kReview, kTerminated}));
    EXPECT_TRUE(NextStatuses(kExpired, kOffice).empty());
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
    std::string xml =
        R"(<w:p><w:r><w:tab/><w:t/><w:t>{{to</w:t></w:r><w:r><w:t>day}}</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{today}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)";
    auto out = FillMergeFields(xml, {{"today", "2026年11月25日"}});
    EXPECT_EQ(out.find("{{"), std::string::npos) << out;
    EXPECT_NE(out.find("<w:tab/><w:t/>"), std::string::npos) << out;
    EXPECT_NE(out.find("<w:tbl><w:tr><w:tc>"), std::string::npos) << out;
}

TEST(ContractsModel, SimpleWordMergeFieldsAreReplacedByTheValueInTheResultsFormatting) {
    std::string xml =
        R"(<w:p><w:r><w:t xml:space="preserve">甲：</w:t></w:r><w:fldSimple w:instr=" MERGEFIELD party_a_name \* MERGEFORMAT ">)"
        R"(<w:r><w:rPr><w:b/></w:rPr><w:t>«party_a_name»</w:t></w:r></w:fldSimple><w:r><w:t>（甲）</w:t></w:r></w:p>)"
        R"(<w:p><w:fldSimple w:instr="MERGEFIELD  &quot;today&quot;"/></w:p>)";
    EXPECT_EQ(FindMergeFields(xml), (std::vector<std::string>{"party_a_name", "today"}));
    auto out = FillMergeFields(xml, {{"party_a_name", "A&B大学"}, {"today", "2026年4月1日"}});
    EXPECT_NE(
        out.find(
            R"(<w:t xml:space="preserve">甲：</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">A&amp;B大学</w:t></w:r><w:r><w:t>（甲）)"),
        std::string::npos)
        << out;
    EXPECT_NE(out.find(R"(<w:p><w:r><w:t xml:space="preserve">2026年4月1日</w:t></w:r></w:p>)"), std::string::npos)
        << out;
    EXPECT_EQ(out.find("fldSimple"), std::string::npos) << out;
    EXPECT_EQ(out.find("«"), std::string::npos) << out;
}

TEST(ContractsModel, AComplexMergeFieldSplitOverSeveralRunsIsReplacedFromBeginToEnd) {
    // Word's complex field: the instruction itself is split over three instrText runs, the shown
    // result over two runs (the first one underlined), with a bookmark and a proofing mark between.
    std::string xml =
        R"(<w:p><w:r><w:t xml:space="preserve">対象：</w:t></w:r>)"
        R"(<w:r><w:rPr><w:i/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>)"
        R"(<w:r><w:instrText xml:space="preserve"> MERGE</w:instrText></w:r>)"
        R"(<w:r><w:instrText>FIELD project_</w:instrText></w:r><w:proofErr w:type="spellStart"/>)"
        R"(<w:r><w:instrText xml:space="preserve">title \* MERGEFORMAT </w:instrText></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="separate"></w:fldChar></w:r>)"
        R"(<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>«project_</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/>)"
        R"(<w:r><w:t>title»</w:t></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> です</w:t></w:r></w:p>)";
    EXPECT_EQ(FindMergeFields(xml), std::vector<std::string>{"project_title"});
    auto out = FillMergeFields(xml, {{"project_title", "心電図パッチ"}});
    EXPECT_EQ(out, R"(<w:p><w:r><w:t xml:space="preserve">対象：</w:t></w:r>)"
                   R"(<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">心電図パッチ</w:t></w:r>)"
                   R"(<w:r><w:t xml:space="preserve"> です</w:t></w:r></w:p>)");
}

TEST(ContractsModel, WordFieldsThatAreNotKnownMergeFieldsStayAsTheyAre) {
    std::string field =
        R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD unknown_thing </w:instrText></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«unknown_thing»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>)";
    std::string page = R"(<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>)";
    std::string xml = "<w:p>" + field + page + R"(<w:fldSimple w:instr=" MERGEFIELD bad-name "/>)" + "</w:p>";
    // Unknown names are reported (the upload warns about them); PAGE and malformed names are not merge fields.
    EXPECT_EQ(FindMergeFields(xml), std::vector<std::string>{"unknown_thing"});
    EXPECT_EQ(FillMergeFields(xml, {{"party_a_name", "甲"}}), xml);
}

TEST(ContractsModel, MergeFieldsInsideAnotherFieldsInstructionOrAcrossParagraphsAreLeftToWord) {
    // { IF { MERGEFIELD renewal } = "auto" "自動更新" "" }
    std::string nested =
        R"(<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD renewal </w:instrText></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«renewal»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>)"
        R"(<w:r><w:instrText> = "auto" "自動更新" "" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)"
        R"(<w:r><w:t>自動更新</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)";
    EXPECT_EQ(FindMergeFields(nested), std::vector<std::string>{"renewal"});
    EXPECT_EQ(FillMergeFields(nested, {{"renewal", "auto"}}), nested);
    std::string across =
        R"(<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD purpose </w:instrText></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«purpose</w:t></w:r></w:p>)"
        R"(<w:p><w:r><w:t>»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)";
    EXPECT_EQ(FillMergeFields(across, {{"purpose", "目的"}}), across);
}

TEST(ContractsModel, BraceFieldsAndWordFieldsMixAndAValueIsNeverFilledTwice) {
    std::string xml =
        R"(<w:p><w:r><w:t>{{contract_title}}：</w:t></w:r><w:fldSimple w:instr=" MERGEFIELD purpose "><w:r><w:t>«purpose»</w:t></w:r></w:fldSimple></w:p>)";
    EXPECT_EQ(FindMergeFields(xml), (std::vector<std::string>{"contract_title", "purpose"}));
    auto out = FillMergeFields(xml, {{"contract_title", "{{purpose}}"}, {"purpose", "{{today}}"}, {"today", "x"}});
    EXPECT_NE(out.find(R"(<w:t xml:space="preserve">{{purpose}}：</w:t>)"), std::string::npos) << out;
    EXPECT_NE(out.find(R"(<w:r><w:t xml:space="preserve">{{today}}</w:t></w:r>)"), std::string::npos) << out;
}

TEST(ContractsDocx, AnUploadedTemplatesWordMergeFieldsAreListedAndFilledInBodyAndHeader) {
    auto part = [](const std::string& body) {
        return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
               body + "</w:body></w:document>";
    };
    std::string body =
        R"(<w:p><w:fldSimple w:instr=" MERGEFIELD contract_title \* MERGEFORMAT "><w:r><w:t>«contract_title»</w:t></w:r></w:fldSimple></w:p>)"
        R"(<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD vendor_code</w:instrText></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)";
    std::string header =
        R"(<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> mergefield party_a_name </w:instrText></w:r>)"
        R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«甲»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)";
    auto bytes = docx::WriteArchive({{"word/document.xml", part(body)}, {"word/header1.xml", part(header)}});
    auto names = docx::MergeFields(docx::ReadArchive(bytes));
    EXPECT_EQ(names, (std::vector<std::string>{"contract_title", "vendor_code", "party_a_name"}));
    EXPECT_FALSE(IsKnownMergeField("vendor_code")) << "reported as unknown on upload";
    auto filled =
        docx::ReadArchive(docx::Fill(bytes, {{"contract_title", "秘密保持契約"}, {"party_a_name", "慶應義塾大学"}}));
    ASSERT_EQ(filled.size(), 2u);
    EXPECT_NE(filled[0].bytes.find(">秘密保持契約</w:t>"), std::string::npos) << filled[0].bytes;
    EXPECT_NE(filled[0].bytes.find("MERGEFIELD vendor_code"), std::string::npos) << "an unknown field stays";
    EXPECT_NE(filled[1].bytes.find(">慶應義塾大学</w:t>"), std::string::npos) << filled[1].bytes;
    EXPECT_EQ(filled[1].bytes.find("fldChar"), std::string::npos) << filled[1].bytes;
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
    auto stays = StaysInDays({{"draft", 0},
                              {"internal_review", 2 * d},
                              {"negotiating", 5 * d},
                              {"internal_review", 6 * d},
                              {"negotiating", 7 * d},
                              {"approved", 17 * d}});
    EXPECT_EQ(stays["draft"], std::vector<double>{2});
    EXPECT_EQ(stays["internal_review"], (std::vector<double>{3, 1}));
    EXPECT_EQ(stays["negotiating"], (std::vector<double>{1, 10}));
    EXPECT_FALSE(stays.count("approved")) << "still approved: no completed stay";
}

TEST(ContractsDocx, BuiltInTemplatesAreWordDocumentsWithKnownMergeFields) {
    for (const auto& [kind, type, label_ja, label_en] : kTypes) {
        auto bytes = docx::DefaultTemplate(kind);
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
