#include "modules/mail/model.hpp"

#include <gtest/gtest.h>

#include "platform/text/base64.hpp"

namespace renkei::mail {
namespace {

TEST(MailKinds, LegalKindsCannotBeSwitchedOff) {
    EXPECT_EQ(Effective("ethics.deadline", Delivery::kOff, std::nullopt), Delivery::kDigest);
    EXPECT_EQ(Effective("ip.deadline", std::nullopt, Delivery::kOff), Delivery::kDigest);
    EXPECT_EQ(Effective("projects.report_due", Delivery::kOff, std::nullopt), Delivery::kOff);
}

TEST(MailKinds, OwnChoiceBeatsCentreBeatsBuiltIn) {
    EXPECT_EQ(Effective("contracts.sign", std::nullopt, std::nullopt), Delivery::kImmediate);
    EXPECT_EQ(Effective("contracts.sign", std::nullopt, Delivery::kDigest), Delivery::kDigest);
    EXPECT_EQ(Effective("contracts.sign", Delivery::kImmediate, Delivery::kDigest), Delivery::kImmediate);
    EXPECT_EQ(Effective("projects.report_due", std::nullopt, std::nullopt), Delivery::kDigest);
    // A kind the catalogue lacks (a module's new item) goes to the digest, and may be switched off.
    EXPECT_FALSE(IsKnownKind("projects.something_new"));
    EXPECT_EQ(Effective("projects.something_new", std::nullopt, std::nullopt), Delivery::kDigest);
}

TEST(MailKinds, UrgentByKindOrByDueDate) {
    EXPECT_TRUE(IsUrgent("contracts.sign", std::nullopt, "2026-12-06"));
    EXPECT_FALSE(IsUrgent("projects.report_due", std::nullopt, "2026-12-06"));
    EXPECT_TRUE(IsUrgent("projects.report_due", "2026-12-08", "2026-12-06"));   // in two days
    EXPECT_FALSE(IsUrgent("projects.report_due", "2026-12-09", "2026-12-06"));  // in three
    EXPECT_TRUE(IsUrgent("projects.report_due", "2026-11-30", "2026-12-06"));   // overdue
    EXPECT_TRUE(IsUrgent("projects.report_due", "2027-01-01", "2026-12-30"));   // across the year
    EXPECT_FALSE(IsUrgent("projects.report_due", "not-a-date", "2026-12-06"));
}

TEST(MailRetry, DoublesFromAMinuteUpToSixHours) {
    EXPECT_EQ(RetryDelay(1).count(), 60);
    EXPECT_EQ(RetryDelay(2).count(), 120);
    EXPECT_EQ(RetryDelay(5).count(), 960);
    EXPECT_EQ(RetryDelay(9).count(), 60 * 256);
    EXPECT_EQ(RetryDelay(10).count(), 6 * 3600);
    EXPECT_EQ(RetryDelay(1000).count(), 6 * 3600);
}

TEST(MailMime, SubjectIsEncodedWordsCutAtCharacterBoundaries) {
    EXPECT_EQ(EncodeHeader("Renkei: report"), "Renkei: report");
    std::string subject = "【Renkei】報告書の提出期限が近づいています：心不全患者の在宅モニタリング研究";
    std::string encoded = EncodeHeader(subject);
    std::string decoded;
    size_t at = 0;
    while ((at = encoded.find("=?UTF-8?B?", at)) != std::string::npos) {
        auto end = encoded.find("?=", at + 10);
        ASSERT_NE(end, std::string::npos);
        auto part = text::FromBase64(encoded.substr(at + 10, end - at - 10));
        ASSERT_TRUE(part.has_value());
        // Each word is whole UTF-8 on its own.
        ASSERT_NE(static_cast<unsigned char>((*part)[0]) & 0xC0, 0x80);
        EXPECT_LE(end + 2 - at, 75u);
        decoded += *part;
        at = end + 2;
    }
    EXPECT_EQ(decoded, subject);
    // A header never carries a line break from the text (header injection).
    EXPECT_EQ(EncodeHeader("a\r\nBcc: x@example.com").find("\r\nBcc"), std::string::npos);
}

TEST(MailMime, MessageHasHeadersAndBothParts) {
    Envelope e{"連携センター <office@renkei.example.jp>", "tanaka@hospital.example.jp", "<abc123@renkei.example.jp>",
               FromUnix(1796457600)};  // 2026-12-05T08:00:00Z
    Rendered r{"件名", "本文です", "<p>本文です</p>"};
    std::string m = BuildMime(e, r);
    EXPECT_NE(m.find("From: =?UTF-8?B?"), std::string::npos);
    EXPECT_NE(m.find(" <office@renkei.example.jp>\r\n"), std::string::npos);
    EXPECT_NE(m.find("To: tanaka@hospital.example.jp\r\n"), std::string::npos);
    EXPECT_NE(m.find("Date: Sat, 05 Dec 2026 08:00:00 +0000\r\n"), std::string::npos);
    EXPECT_NE(m.find("Message-ID: <abc123@renkei.example.jp>\r\n"), std::string::npos);
    EXPECT_NE(m.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
    EXPECT_NE(m.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
    EXPECT_NE(m.find("Content-Type: text/html; charset=UTF-8"), std::string::npos);
    EXPECT_NE(m.find(text::ToBase64("本文です")), std::string::npos);
    // Every line ends in CRLF and none is longer than 998 characters (RFC 5322 §2.1.1).
    size_t start = 0;
    for (size_t nl = m.find('\n'); nl != std::string::npos; nl = m.find('\n', start)) {
        ASSERT_GT(nl, 0u);
        EXPECT_EQ(m[nl - 1], '\r');
        EXPECT_LE(nl - start, 998u);
        start = nl + 1;
    }
}

TEST(MailAddress, PlainChecks) {
    EXPECT_TRUE(LooksLikeAddress("tanaka@hospital.example.jp"));
    EXPECT_FALSE(LooksLikeAddress("tanaka"));
    EXPECT_FALSE(LooksLikeAddress("a@b@c"));
    EXPECT_FALSE(LooksLikeAddress("a b@c"));
    EXPECT_FALSE(LooksLikeAddress("a@b\r\nRCPT TO:<x@y>"));
    EXPECT_FALSE(LooksLikeAddress("@example.jp"));
    EXPECT_EQ(AddressOf("Renkei <renkei@example.jp>"), "renkei@example.jp");
    EXPECT_EQ(DomainOf("renkei@example.jp"), "example.jp");
    EXPECT_EQ(DomainOf("renkei"), "localhost");
}

TEST(MailLetters, HtmlIsEscapedAndTheLinkIsThere) {
    Letter l;
    l.subject = "s";
    l.greeting = "山田 様";
    l.paragraphs = {"<script>alert(1)</script> & co"};
    l.link_label = "開く";
    l.link_url = "https://renkei.example.jp/inbox?item=abc&x=\"y\"";
    auto r = Render(l);
    EXPECT_EQ(r.html.find("<script>"), std::string::npos);
    EXPECT_NE(r.html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"), std::string::npos);
    EXPECT_NE(r.html.find("href=\"https://renkei.example.jp/inbox?item=abc&amp;x=&quot;y&quot;\""), std::string::npos);
    EXPECT_NE(r.text.find("https://renkei.example.jp/inbox?item=abc"), std::string::npos);
}

TEST(MailLetters, DigestInEachLanguage) {
    std::vector<DigestLine> items = {
        {"報告書の提出", "心不全研究", "2026-12-01", "https://r/inbox?item=1", true, true}};
    auto ja = RenderDigest("ja", "田中 一郎", items, {}, "https://r/account#mail");
    EXPECT_NE(ja.subject.find("1 件"), std::string::npos);
    EXPECT_NE(ja.text.find("田中 一郎 様"), std::string::npos);
    EXPECT_NE(ja.text.find("期限切れ"), std::string::npos);
    auto en = RenderDigest("en", "Ichiro Tanaka", items, {}, "https://r/account#mail");
    EXPECT_EQ(en.subject, "Renkei: 1 open item today");
    EXPECT_NE(en.text.find("Dear Ichiro Tanaka,"), std::string::npos);
    EXPECT_NE(en.text.find("overdue"), std::string::npos);
}

}  // namespace
}  // namespace renkei::mail
