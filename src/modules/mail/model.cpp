#include "modules/mail/model.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "platform/text/base64.hpp"

namespace renkei::mail {

using Kind = KindInfo;
constexpr Delivery kNow = Delivery::kImmediate;

const std::vector<KindInfo> kKinds = {
    Kind{"projects.approve_project", "プロジェクト提案の承認", "Approve a project proposal"},
    Kind{"projects.approve_stage", "ステージ移行の承認", "Approve a stage gate"},
    Kind{"projects.report_due", "報告書の提出期限", "A report is due"},
    Kind{"projects.report_ack", "報告書の確認", "Acknowledge a report"},
    Kind{"projects.milestone_due", "マイルストーンの期日", "A milestone is due"},
    Kind{"contracts.sign", "契約書への署名", "Sign a contract", false, true, kNow},
    Kind{"contracts.stale", "止まっている契約", "A contract waiting too long"},
    Kind{"contracts.expiry", "契約の満了", "A contract nearing its end"},
    Kind{"coi.declare", "利益相反の自己申告", "Declare conflicts of interest"},
    Kind{"coi.case", "利益相反の審査", "Review a conflict-of-interest case"},
    Kind{"ethics.review", "倫理審査", "Review a protocol"},
    Kind{"ethics.amendment", "倫理審査の変更申請", "An amendment to review"},
    Kind{"ethics.deadline", "倫理・臨床研究の法定期限", "A deadline set by research ethics law", true, true, kNow},
    Kind{"ip.review", "発明届の評価", "Evaluate an invention disclosure"},
    Kind{"ip.consent", "共同出願の同意", "Consent to a joint filing", false, true, kNow},
    Kind{"ip.deadline", "特許の法定期限", "A deadline set by patent law", true, true, kNow},
    Kind{"ip.publication_guard", "未出願の発明の公表", "A publication before the filing", false, true, kNow},
    Kind{"ip.publication_review", "公表前の確認", "Review a planned publication"},
    Kind{"exchange.book_meeting", "面談の日程調整", "Book a meeting"},
    Kind{"exchange.details_open", "秘密情報の詳細の開示", "Confidential details open to you"},
    Kind{"opencall.call", "学内公募の案内", "An open call for proposals"},
    Kind{"opencall.review", "公募の審査", "Review an open-call proposal"},
    Kind{"opencall.decision", "公募の採択決定", "Decide an open call's selection"},
    Kind{"committee.agenda", "運営委員会の議題", "A steering committee agenda"},
    Kind{"committee.vote", "運営委員会の書面決議", "A written resolution of the steering committee", false, true, kNow},
    Kind{"budget.overspend", "予算の超過", "A project over its budget", false, true, kNow},
    Kind{"surveys.answer", "アンケートへの回答", "Answer a survey"},
    Kind{"approvals.step", "稟議の承認", "Approve in an approval chain", false, true, kNow},
    Kind{"approvals.committee", "運営委員会の審議を待つ稟議", "An approval awaiting the steering committee"},
    Kind{kNotifications, "お知らせ（予約・イベント・決定など）", "Notices (bookings, events, decisions)"},
};

KindInfo InfoOf(std::string_view kind) {
    for (const auto& k : kKinds)
        if (k.kind == kind) return k;
    return KindInfo{kind, kind, kind};
}

bool IsKnownKind(std::string_view kind) {
    return std::any_of(kKinds.begin(), kKinds.end(), [&](const KindInfo& k) { return k.kind == kind; });
}

bool IsUrgent(std::string_view kind, const std::optional<std::string>& due_on, std::string_view today) {
    if (InfoOf(kind).urgent) return true;
    if (!due_on || !ParseDate(*due_on) || !ParseDate(today)) return false;
    return *due_on <= AddDays(today, kUrgentDays);
}

Delivery Effective(std::string_view kind, std::optional<Delivery> own, std::optional<Delivery> centre) {
    auto info = InfoOf(kind);
    Delivery d = own ? *own : centre ? *centre : info.default_delivery;
    if (info.legal && d == Delivery::kOff) return Delivery::kDigest;
    return d;
}

std::chrono::seconds RetryDelay(int attempts) {
    const long long cap = 6LL * 3600;
    long long delay = 60;
    for (int i = 1; i < attempts && delay < cap; ++i) delay *= 2;
    return std::chrono::seconds{std::min(delay, cap)};
}

// ---- letters ----

namespace {

std::string Html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\n':
                out += "<br>";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string Page(const std::string& subject, const std::string& inner) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Html(subject) +
           "</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.6; color: #222;\">\n" + inner +
           "</body></html>\n";
}

std::string Button(const std::string& label, const std::string& url) {
    return "<p><a href=\"" + Html(url) +
           "\" style=\"display: inline-block; padding: 8px 16px; background: #1677ff; color: #fff; "
           "text-decoration: none; border-radius: 6px;\">" +
           Html(label) + "</a></p>\n";
}

std::string Footer(const std::string& footer) {
    return footer.empty() ? "" : "<hr><p style=\"font-size: 12px; color: #666;\">" + Html(footer) + "</p>\n";
}

}  // namespace

Rendered Render(const Letter& letter) {
    Rendered r;
    r.subject = letter.subject;
    std::string inner;
    if (!letter.greeting.empty()) {
        r.text += letter.greeting + "\n\n";
        inner += "<p>" + Html(letter.greeting) + "</p>\n";
    }
    for (const auto& p : letter.paragraphs) {
        r.text += p + "\n\n";
        inner += "<p>" + Html(p) + "</p>\n";
    }
    if (!letter.link_url.empty()) {
        r.text += letter.link_label + ":\n" + letter.link_url + "\n\n";
        inner += Button(letter.link_label, letter.link_url);
    }
    if (!letter.footer.empty()) r.text += "-- \n" + letter.footer + "\n";
    r.html = Page(letter.subject, inner + Footer(letter.footer));
    return r;
}

std::string PreferencesFooter(std::string_view language, const std::string& preferences_url) {
    if (language == "en")
        return "This message was sent by Renkei. Choose which messages you receive and when: " + preferences_url;
    return "このメールは Renkei から送信されました。受け取るメールとその時期は次の画面で変更できます: " +
           preferences_url;
}

Rendered RenderDigest(std::string_view language, const std::string& name, const std::vector<DigestLine>& items,
                      const std::vector<DigestLine>& notices, const std::string& preferences_url) {
    const bool en = language == "en";
    Rendered r;
    const std::string count = std::to_string(items.size());
    r.subject = en ? "Renkei: " + count + " open item" + (items.size() == 1 ? "" : "s") + " today"
                   : "【Renkei】本日の未完了のタスク " + count + " 件";
    if (items.empty()) r.subject = en ? "Renkei: what happened since yesterday" : "【Renkei】前回からのお知らせ";
    std::string greeting = en ? "Dear " + name + "," : name + " 様";
    r.text = greeting + "\n\n";
    std::string inner = "<p>" + Html(greeting) + "</p>\n";
    auto line_text = [&](const DigestLine& l) {
        std::string when;
        if (!l.due_on.empty())
            when = en ? " (due " + l.due_on + (l.overdue ? ", overdue" : "") + ")"
                      : "（期限 " + l.due_on + (l.overdue ? "・期限切れ" : "") + "）";
        std::string context = l.context.empty() ? "" : " — " + l.context;
        return std::make_pair("・" + l.title + context + when + "\n  " + l.url + "\n",
                              "<li" + std::string(l.overdue || l.due_soon ? " style=\"color: #cf1322;\"" : "") +
                                  "><a href=\"" + Html(l.url) + "\">" + Html(l.title) + "</a>" + Html(context) +
                                  Html(when) + "</li>\n");
    };
    auto section = [&](const std::string& heading, const std::vector<DigestLine>& lines) {
        if (lines.empty()) return;
        r.text += heading + "\n";
        inner += "<h3>" + Html(heading) + "</h3>\n<ul>\n";
        for (const auto& l : lines) {
            auto [text, html] = line_text(l);
            r.text += text;
            inner += html;
        }
        r.text += "\n";
        inner += "</ul>\n";
    };
    section(en ? "Waiting for you" : "あなたへの依頼・期限", items);
    section(en ? "Since the last digest" : "前回からのお知らせ", notices);
    std::string footer = PreferencesFooter(language, preferences_url);
    r.text += "-- \n" + footer + "\n";
    r.html = Page(r.subject, inner + Footer(footer));
    return r;
}

// ---- MIME ----

namespace {

bool NeedsEncoding(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || u < 0x20 || c == '=' || c == '?';
    });
}

// Base64 lines of at most 76 characters.
std::string Base64Lines(std::string_view bytes) {
    std::string b64 = text::ToBase64(bytes), out;
    out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
    for (size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
    return out;
}

std::string StripCrLf(std::string_view text) {
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return out;
}

}  // namespace

std::string EncodeHeader(std::string_view raw) {
    std::string text = StripCrLf(raw);
    if (!NeedsEncoding(text)) return text;
    // Each encoded word holds at most 45 bytes (60 in base64, 72 with its frame), cut at a
    // character boundary, so no word splits a UTF-8 sequence (RFC 2047 §5).
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t end = std::min(text.size(), i + 45);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + text::ToBase64(text.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string AddressOf(std::string_view mailbox) {
    auto open = mailbox.rfind('<');
    auto close = mailbox.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        return std::string(mailbox.substr(open + 1, close - open - 1));
    return StripCrLf(mailbox);
}

std::string DomainOf(std::string_view address) {
    auto at = address.rfind('@');
    if (at == std::string_view::npos || at + 1 == address.size()) return "localhost";
    return std::string(address.substr(at + 1));
}

std::string RfcDate(Seconds t) {
    static constexpr std::array<const char*, 7> week_days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{day};
    std::chrono::hh_mm_ss hms{t - day};
    char out[64];
    std::snprintf(out, sizeof out, "%s, %02u %s %04d %02lld:%02lld:%02lld +0000",
                  week_days.at(std::chrono::weekday{day}.c_encoding()), static_cast<unsigned>(ymd.day()),
                  months.at(static_cast<unsigned>(ymd.month()) - 1), static_cast<int>(ymd.year()),
                  static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()));
    return out;
}

bool LooksLikeAddress(std::string_view a) {
    if (a.empty() || a.size() > 254) return false;
    auto at = a.find('@');
    if (at == 0 || at == std::string_view::npos || a.find('@', at + 1) != std::string_view::npos) return false;
    if (at + 1 >= a.size()) return false;
    return std::none_of(a.begin(), a.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"';
    });
}

std::string BuildMime(const Envelope& e, const Rendered& content) {
    std::string from = StripCrLf(e.from);
    auto open = from.rfind('<');
    if (open != std::string::npos && open > 0) {
        std::string name = from.substr(0, open);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (NeedsEncoding(name)) from = EncodeHeader(name) + " " + from.substr(open);
    }
    const std::string boundary = "=_renkei_" + e.message_id.substr(1, std::min<size_t>(16, e.message_id.size() - 1));
    std::string out;
    out += "From: " + from + "\r\n";
    out += "To: " + StripCrLf(e.to) + "\r\n";
    out += "Subject: " + EncodeHeader(content.subject) + "\r\n";
    out += "Date: " + RfcDate(e.date) + "\r\n";
    out += "Message-ID: " + StripCrLf(e.message_id) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += Base64Lines(content.text);
    out += "--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += Base64Lines(content.html);
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace renkei::mail
