// E-mail (SPEC §5 "Tasks and reminders", issue 17): what is mailed, when, and how a message is
// written. Plain types and pure rules (no I/O): the kinds people choose a delivery for, which
// items are urgent, the retry schedule, the letters' text and HTML, and the MIME message.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::mail {

// How a person hears of one kind of item: a message of its own as soon as the item is urgent,
// in the daily digest only, or not by mail (the inbox still holds it).
enum class Delivery { kImmediate, kDigest, kOff };
inline constexpr std::array<EnumText<Delivery>, 3> kDeliveries = {{
    {Delivery::kImmediate, "immediate"},
    {Delivery::kDigest, "digest"},
    {Delivery::kOff, "off"},
}};
constexpr const auto& TextsOf(Delivery) { return kDeliveries; }

// A kind people choose a delivery for: an inbox item's kind ("projects.report_due"), or
// "notifications" for every in-app notice. `legal`: the deadline comes from a law or a
// regulation; it can be moved to the digest but never switched off. `urgent`: every item of the
// kind is urgent, whatever its due date (a signature, a legal deadline, a co-owner's consent).
struct KindInfo {
    std::string_view kind;
    std::string_view label_ja, label_en;
    bool legal = false;
    bool urgent = false;
    Delivery default_delivery = Delivery::kDigest;
};
inline constexpr std::string_view kNotifications = "notifications";
extern const std::vector<KindInfo> kKinds;
// The catalogue's entry, or a plain one (digest, not legal, not urgent) for a kind it lacks.
KindInfo InfoOf(std::string_view kind);
bool IsKnownKind(std::string_view kind);

// Due within this many days (or overdue): urgent.
inline constexpr int kUrgentDays = 2;
// Whether an open item is urgent today: its kind always is, or it is due by `today` + 2 days.
bool IsUrgent(std::string_view kind, const std::optional<std::string>& due_on, std::string_view today);

// The delivery in force: the person's choice, else the centre's default, else the kind's own;
// a legal kind is never off (a stored "off" reads as digest).
Delivery Effective(std::string_view kind, std::optional<Delivery> own, std::optional<Delivery> centre);

// ---- sending ----

// Attempts before a message is marked failed (about a day of retries in all).
inline constexpr int kMaxAttempts = 10;
// The pause before attempt `attempts` + 1 after `attempts` failures: 1 minute, doubling, at most
// 6 hours.
std::chrono::seconds RetryDelay(int attempts);

// ---- letters ----

// What a module says in a message; the mail module gives it its form (plain text and HTML).
struct Letter {
    std::string subject;
    std::string greeting;                 // "山田 太郎 様" / "Dear Taro Yamada,"; empty: none
    std::vector<std::string> paragraphs;  // plain text; escaped for HTML
    std::string link_label, link_url;     // the one action; empty: none
    std::string footer;                   // e.g. how to change preferences
};
struct Rendered {
    std::string subject, text, html;
};
Rendered Render(const Letter& letter);

// One line of a digest.
struct DigestLine {
    std::string title, context, due_on, url;
    bool overdue = false, due_soon = false;
};
// The daily digest in `language` (ja | en): the person's open items, and the notices since the
// last digest.
Rendered RenderDigest(std::string_view language, const std::string& name, const std::vector<DigestLine>& items,
                      const std::vector<DigestLine>& notices, const std::string& preferences_url);
// The footer of every message to a person with an account.
std::string PreferencesFooter(std::string_view language, const std::string& preferences_url);

// ---- MIME (RFC 5322, 2045–2047) ----

struct Envelope {
    std::string from;  // "addr@host" or "Name <addr@host>" (a non-ASCII name is encoded)
    std::string to;
    std::string message_id;  // "<id@host>"
    Seconds date;
};
// The whole message: headers (UTF-8 subject as encoded words, Date, Message-ID,
// Auto-Submitted), then multipart/alternative with the text and the HTML part, each UTF-8 in
// base64. Lines end in CRLF.
std::string BuildMime(const Envelope& envelope, const Rendered& content);
// RFC 2047 encoded words (base64, UTF-8) for a header value; ASCII text without specials stays.
std::string EncodeHeader(std::string_view text);
// The address inside "Name <addr>" (or the whole text).
std::string AddressOf(std::string_view mailbox);
// The domain of an address ("localhost" when it has none).
std::string DomainOf(std::string_view address);
// RFC 5322 date: "Sun, 06 Dec 2026 14:00:00 +0000".
std::string RfcDate(Seconds t);
// A plain address check: one @, a dot-free or dotted domain, no spaces or controls, ≤ 254 bytes.
bool LooksLikeAddress(std::string_view address);

}  // namespace renkei::mail
