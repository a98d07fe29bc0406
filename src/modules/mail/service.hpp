// E-mail as a service for every module (issue 17, docs/mail.md). A message is written to the
// outbox in the same transaction as the change that causes it; a sender (sender.hpp) delivers it
// later, with retries, and marks it sent once. Modules never talk to SMTP.
//
// Inbox items and notifications are mailed without their modules knowing: the inbox and the
// notifications call OnInboxItem / OnNotification (registered by Install) for each new one.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/inbox/model.hpp"
#include "modules/mail/model.hpp"
#include "modules/notifications/service.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"

namespace renkei::mail {

using Me = auth::Principal;

struct Options {
    std::string public_url = "http://127.0.0.1:8080";  // links in messages start with it
    int digest_hour = 8;                               // 0–23, Asia/Tokyo: the centre's default
};
// Sets the options and registers the inbox and notification observers. Once, at start-up.
void Install(const Options& options);
const Options& Installed();

// ---- writing messages ----

struct Outgoing {
    std::optional<std::string> person_id;  // nullopt: a guest without an account
    std::string to;                        // the address
    std::string kind;                      // e.g. "password_reset", "event.registered", an inbox kind
    std::string language = "ja";
    Rendered content;
};
// Adds the message to the outbox (state pending, due now); returns its id. Throws kInvalid
// ("to") for an address that is not one.
std::string Enqueue(db::Tx& tx, const Outgoing& message, Seconds now);

// The observers Install registers: a new inbox item is mailed on its own when its delivery is
// immediate and it is urgent; a notification when the person's delivery of notices is immediate.
void OnInboxItem(db::Tx& tx, const inbox::Item& item, Seconds now);
void OnNotification(db::Tx& tx, const notifications::Notification& notification, Seconds now);

// Periodic: open items whose kind is delivered immediately and that became urgent since they
// were posted (now due within two days) get their message; each item at most once. Returns how
// many were written.
int MailDueSoon(db::Tx& tx, Seconds now);

struct DigestRun {
    int people = 0;    // digests considered (the person's hour has come, none built today)
    int messages = 0;  // digests written to the outbox (the others had nothing to say)
    int items = 0;     // inbox items listed in them
};
// Periodic: for every active person whose digest hour (their own or the centre's) has come today
// in Tokyo and who has no digest for today yet, one message listing their open items (every kind
// not switched off) and the notices since their last digest, unread. Nothing open and nothing
// new: no message. At most one per person and day, across instances.
DigestRun BuildDigests(db::Tx& tx, Seconds now);

// ---- preferences ----

struct KindChoice {
    KindInfo info;
    Delivery delivery;  // in force for this person (or the centre's default)
    Delivery centre;    // the centre's default
    bool own = false;   // the person chose it
};
struct Preferences {
    std::optional<int> digest_hour;  // nullopt: the centre's
    int centre_digest_hour = 8;
    std::vector<KindChoice> kinds;
};
Preferences GetPreferences(db::Tx& tx, const std::string& person_id);
struct PreferencesPatch {
    std::optional<std::optional<int>> digest_hour;                       // set (a value or back to the centre's)
    std::vector<std::pair<std::string, std::optional<Delivery>>> kinds;  // nullopt: back to the default
};
// Throws kInvalid naming "kinds.<kind>" (unknown, or off for a legal deadline) or "digest_hour".
Preferences SetPreferences(db::Tx& tx, const std::string& person_id, const PreferencesPatch& patch);

// The centre's defaults (the office).
std::vector<KindChoice> CentreDefaults(db::Tx& tx, const Me& me);
std::vector<KindChoice> SetCentreDefaults(db::Tx& tx, const Me& me,
                                          const std::vector<std::pair<std::string, Delivery>>& kinds);

// ---- the outbox, for the office ----

struct OutboxEntry {
    std::string id, to, kind, language, subject, state, last_error;
    std::optional<std::string> person_id;
    int attempts = 0;
    Seconds created_at, next_attempt_at;
    std::optional<Seconds> sent_at;
};
struct OutboxCounts {
    int pending = 0, sending = 0, sent = 0, failed = 0;
};
struct OutboxPage {
    std::vector<OutboxEntry> items;
    OutboxCounts counts;
};
// state: pending | sending | sent | failed | all. The office only (kForbidden).
OutboxPage ListOutbox(db::Tx& tx, const Me& me, const std::string& state, int limit);
// A failed (or pending) message is tried again now. kNotFound, kConflict when already sent.
OutboxEntry RetryMessage(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

// ---- a forgotten password ----

// The message with the single-use link `<public_url>/reset/<token>`.
void MailPasswordReset(db::Tx& tx, const std::string& person_id, const std::string& to, const std::string& language,
                       const std::string& name, const std::string& token, Seconds now);

}  // namespace renkei::mail
