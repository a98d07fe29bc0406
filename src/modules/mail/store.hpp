// The mail module's SQL: the outbox, preferences and defaults, digests, and who receives.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/mail/model.hpp"
#include "modules/mail/service.hpp"
#include "platform/db/database.hpp"

namespace renkei::mail::store {

struct Recipient {
    std::string id, email, name_ja, name_en, language;
    bool active = false;
    std::optional<int> digest_hour;
};
std::optional<Recipient> FindRecipient(db::Tx& tx, const std::string& person_id);

// ---- outbox ----
struct NewMessage {
    std::string id;
    std::optional<std::string> person_id;
    std::string to, kind, language, subject, text, html;
    long long now = 0;
};
// Inserts many messages through one prepared statement.
class OutboxWriter {
  public:
    explicit OutboxWriter(db::Tx& tx);
    void Add(const NewMessage& m);

  private:
    NewMessage row_;
    std::string person_;
    soci::indicator person_ind_ = soci::i_null;
    soci::statement statement_;
};
std::optional<OutboxEntry> FindMessage(db::Tx& tx, const std::string& id);
std::vector<OutboxEntry> ListMessages(db::Tx& tx, const std::string& state, int limit);
OutboxCounts CountMessages(db::Tx& tx);
void Requeue(db::Tx& tx, const std::string& id, long long now);

// Messages ready for a sender: pending and due, or claimed by a sender whose claim ran out.
std::vector<std::string> DueMessages(db::Tx& tx, long long now, int limit);
// Claims one for `sender` until `until`; false when another sender got it first.
bool Claim(db::Tx& tx, const std::string& id, const std::string& sender, long long now, long long until);
struct Claimed {
    std::string id, to, subject, text, html;
    long long created_at = 0;
    int attempts = 0;
};
std::optional<Claimed> LoadClaimed(db::Tx& tx, const std::string& id, const std::string& sender);
// Marks a claimed message sent (false: the claim was lost and another sender has it).
// A password reset's body (its link) is not kept once sent.
bool MarkSent(db::Tx& tx, const std::string& id, const std::string& sender, long long now);
// Records a failed attempt: pending again at `next` or, after the last attempt, failed.
void MarkAttemptFailed(db::Tx& tx, const std::string& id, const std::string& sender, const std::string& error,
                       bool give_up, long long next);

// ---- preferences ----
std::map<std::string, Delivery> OwnDeliveries(db::Tx& tx, const std::string& person_id);
std::optional<Delivery> OwnDelivery(db::Tx& tx, const std::string& person_id, const std::string& kind);
// person id → kind → delivery, for everyone who chose anything.
std::map<std::string, std::map<std::string, Delivery>> AllOwnDeliveries(db::Tx& tx);
void SetOwnDelivery(db::Tx& tx, const std::string& person_id, const std::string& kind,
                    const std::optional<Delivery>& delivery);
void SetDigestHour(db::Tx& tx, const std::string& person_id, const std::optional<int>& hour);
std::map<std::string, Delivery> CentreDeliveries(db::Tx& tx);
void SetCentreDelivery(db::Tx& tx, const std::string& kind, Delivery delivery);

// ---- inbox items mailed on their own ----
// Records that the item got its message; false when it already had one.
bool MarkItemMailed(db::Tx& tx, const std::string& item_id, long long now);
struct OpenItem {
    std::string id, person_id, kind, title_ja, title_en, context_ja, context_en, link;
    std::optional<std::string> due_on;
    std::optional<std::string> action_label_ja, action_label_en;
};
// Open items of active people due between `from` and `to` (YYYY-MM-DD) never mailed on their own.
std::vector<OpenItem> DueItemsNotMailed(db::Tx& tx, const std::string& from, const std::string& to);

// ---- digests ----
// Active people whose digest hour (theirs or `centre_hour`) is at most `hour` and who have no
// digest on `day`, with when their last digest was built (0: never).
struct DigestDue {
    Recipient person;
    long long last_built = 0;
};
std::vector<DigestDue> PeopleDueForDigest(db::Tx& tx, int centre_hour, int hour, const std::string& day);
// The open items of those people, by person, then due date (undated last).
std::vector<OpenItem> OpenItemsOfDigestPeople(db::Tx& tx, int centre_hour, int hour, const std::string& day);
struct Notice {
    std::string person_id, kind, title_ja, title_en, link;
    long long created_at = 0;
};
// Unread notices of those people created after `since` (their last digest or a day ago).
std::vector<Notice> UnreadNoticesOfDigestPeople(db::Tx& tx, int centre_hour, int hour, const std::string& day,
                                                long long since);
// Records the digest of a person and day; false when one exists (another instance built it).
bool RecordDigest(db::Tx& tx, const std::string& person_id, const std::string& day, int items, long long now);

}  // namespace renkei::mail::store
