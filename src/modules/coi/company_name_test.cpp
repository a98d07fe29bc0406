#include "modules/coi/company_name.hpp"

#include <gtest/gtest.h>

namespace renkei::coi {
namespace {

TEST(CompanyNameKey, TheWaysPeopleWriteACompanyShareOneKey) {
    struct Case {
        const char* name;
        const char* key;
    } cases[] = {
        {"信濃町メディテック株式会社", "信濃町メディテック"},
        {"信濃町メディテック", "信濃町メディテック"},
        {"株式会社信濃町メディテック", "信濃町メディテック"},  // 前株
        {"信濃町メディテック（株）", "信濃町メディテック"},    // full-width brackets
        {"信濃町メディテック(株)", "信濃町メディテック"},
        {"㈱信濃町メディテック", "信濃町メディテック"},           // one character for (株)
        {"信濃町 メディテック　株式会社", "信濃町メディテック"},  // ASCII and ideographic spaces
        {"ｼﾅﾉﾏﾁﾒﾃﾞｨﾃｯｸ株式会社", "シナノマチメディテック"},       // half-width kana, voiced marks
        {"ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）", "シナノマチメディテック"},
        {"しなのまちめでぃてっく", "シナノマチメディテック"},    // hiragana
        {"シナノマチ・メディテック", "シナノマチメディテック"},  // middle dot is punctuation
        {"Shinanomachi Meditech Co., Ltd.", "shinanomachimeditech"},
        {"SHINANOMACHI MEDITECH CO.,LTD.", "shinanomachimeditech"},
        {"Ｓｈｉｎａｎｏｍａｃｈｉ　Ｍｅｄｉｔｅｃｈ", "shinanomachimeditech"},  // full-width Latin
        {"Shinanomachi Meditech K.K.", "shinanomachimeditech"},
        {"Shinanomachi Meditech Kabushiki Kaisha", "shinanomachimeditech"},
        {"Shinanomachi-Meditech Corp.", "shinanomachimeditech"},
        {"Shinanomachi Meditech Corporation", "shinanomachimeditech"},
        {"Shinanomachi Meditech, Inc.", "shinanomachimeditech"},
        {"Shinanomachi Meditech LLC", "shinanomachimeditech"},
        {"Shinanomachi Meditech GmbH", "shinanomachimeditech"},
        {"アクメ有限会社", "アクメ"},
        {"合同会社アクメ", "アクメ"},
        {"一般社団法人日本医療機器協会", "日本医療機器協会"},
        {"公益財団法人先端医療振興財団", "先端医療振興財団"},
        {"国立大学法人東京医科歯科大学", "東京医科歯科大学"},
        {"学校法人慶應義塾", "慶應義塾"},
        {"医療法人社団 信濃会", "信濃会"},  // the longer form, not 医療法人 + 社団
        {"社団法人信濃会", "信濃会"},
        {"ジェイエスアール・ライフサイエンス", "ジェイエスアールライフサイエンス"},  // ー is a letter
        {"3M Company", "3m"},
    };
    for (const auto& c : cases) EXPECT_EQ(CompanyNameKey(c.name), c.key) << c.name;
}

TEST(CompanyNameKey, LatinLegalFormsGoOnlyAsWholeWords) {
    EXPECT_EQ(CompanyNameKey("Princeton Instruments"), "princetoninstruments");  // not "pr...ton"
    EXPECT_EQ(CompanyNameKey("Cohort Incubator Ltd"), "cohortincubator");
    EXPECT_EQ(CompanyNameKey("Corpus Medical Inc."), "corpusmedical");
    EXPECT_EQ(CompanyNameKey("Kaisha Works"), "kaishaworks");  // kaisha alone is a word like any other
}

TEST(CompanyNameKey, NothingButALegalFormOrPunctuationLeavesNoKey) {
    for (const char* name : {"", "   ", "株式会社", "（株）", "Co., Ltd.", "Inc.", "・・・", "K.K."})
        EXPECT_EQ(CompanyNameKey(name), "") << name;
}

TEST(CompanyNameKey, DifferentCompaniesKeepDifferentKeys) {
    EXPECT_NE(CompanyNameKey("信濃町メディテック株式会社"), CompanyNameKey("信濃町メディカル株式会社"));
    EXPECT_NE(CompanyNameKey("アクメ医療"), CompanyNameKey("アクメファーマ"));
    // Small kana are not folded into large ones: ィ and イ are different letters.
    EXPECT_NE(CompanyNameKey("メディテック"), CompanyNameKey("メデイテック"));
    // No fuzzy matching: a typo or a missing word is another name.
    EXPECT_NE(CompanyNameKey("信濃町メディテック"), CompanyNameKey("信濃メディテック"));
    EXPECT_NE(CompanyNameKey("Shinanomachi Meditech"), CompanyNameKey("Shinanomachi Meditech Japan"));
}

CompanyNameIndex Index() {
    return CompanyNameIndex(
        {{"meditech", {"信濃町メディテック株式会社", "Shinanomachi Meditech Co., Ltd.", "シナノマチメディテック"}},
         {"acme", {"株式会社アクメ医療", "Acme Medical", ""}},
         {"acme_kk", {"アクメ株式会社", "Acme K.K.", ""}},
         {"acme_llc", {"アクメ合同会社", "Acme LLC", ""}},
         {"nameless", {"株式会社", "", ""}}});
}

TEST(CompanyNameIndex, AFreeTextNameResolvesToTheOneOrganisationWithItsKey) {
    auto index = Index();
    for (const char* name : {"信濃町メディテック", "ｼﾅﾉﾏﾁﾒﾃﾞｨﾃｯｸ株式会社", "ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）",
                             "Shinanomachi Meditech Co., Ltd.", "shinanomachi meditech"})
        EXPECT_EQ(index.Resolve(name), std::optional<std::string>("meditech")) << name;
    EXPECT_EQ(index.Resolve("ACME MEDICAL, INC."), std::optional<std::string>("acme"));
}

TEST(CompanyNameIndex, AmbiguousUnknownOrEmptyNamesStayUnresolved) {
    auto index = Index();
    EXPECT_EQ(index.Resolve("アクメ"), std::nullopt) << "two organisations share the key";
    EXPECT_EQ(index.Resolve("Acme Corporation"), std::nullopt) << "two organisations share the key";
    EXPECT_EQ(index.Resolve("信濃町メディカル"), std::nullopt);
    EXPECT_EQ(index.Resolve("株式会社"), std::nullopt) << "a legal form alone names no company";
    EXPECT_EQ(index.Resolve(""), std::nullopt);
}

}  // namespace
}  // namespace renkei::coi
