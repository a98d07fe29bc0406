#include "modules/mail/store.hpp"

#include "platform/db/row.hpp"

namespace renkei::mail::store {
namespace {

constexpr const char* kRecipientColumns = "p.id, p.email, p.name_ja, p.name_en, p.language, p.active, p.digest_hour";

Recipient ReadRecipient(const soci::row& r, std::size_t at = 0) {
    Recipient p;
    p.id = db::GetString(r, at);
    p.email = db::GetString(r, at + 1);
    p.name_ja = db::GetString(r, at + 2);
    p.name_en = db::GetString(r, at + 3);
    p.language = db::GetString(r, at + 4);
    p.active = db::GetInt(r, at + 5) != 0;
    if (!db::IsNull(r, at + 6)) p.digest_hour = static_cast<int>(db::GetInt(r, at + 6));
    return p;
}

constexpr const char* kOutboxColumns =
    "SELECT id, person_id, to_address, kind, language, subject, state, attempts, last_error, created_at, "
    "next_attempt_at, sent_at FROM mail_outbox ";

OutboxEntry ReadEntry(const soci::row& r) {
    OutboxEntry e;
    e.id = db::GetString(r, 0);
    e.person_id = db::GetOptionalString(r, 1);
    e.to = db::GetString(r, 2);
    e.kind = db::GetString(r, 3);
    e.language = db::GetString(r, 4);
    e.subject = db::GetString(r, 5);
    e.state = db::GetString(r, 6);
    e.attempts = static_cast<int>(db::GetInt(r, 7));
    e.last_error = db::GetString(r, 8);
    e.created_at = FromUnix(db::GetInt(r, 9));
    e.next_attempt_at = FromUnix(db::GetInt(r, 10));
    if (!db::IsNull(r, 11)) e.sent_at = FromUnix(db::GetInt(r, 11));
    return e;
}

constexpr const char* kItemColumns =
    "SELECT i.id, i.person_id, i.kind, i.title_ja, i.title_en, i.context_ja, i.context_en, i.link, i.due_on, "
    "i.action_json FROM inbox_items i JOIN people p ON p.id = i.person_id ";

std::optional<std::string> JsonString(const std::string& json, std::string_view key) {
    // The action's labels, without parsing the whole action: {"label_ja":"…"} as the inbox writes it.
    std::string needle = "\"" + std::string(key) + "\":\"";
    auto at = json.find(needle);
    if (at == std::string::npos) return std::nullopt;
    std::string out;
    for (size_t i = at + needle.size(); i < json.size(); ++i) {
        if (json[i] == '"') return out;
        if (json[i] == '\\' && i + 1 < json.size()) ++i;
        out += json[i];
    }
    return std::nullopt;
}

OpenItem ReadItem(const soci::row& r) {
    OpenItem i;
    i.id = db::GetString(r, 0);
    i.person_id = db::GetString(r, 1);
    i.kind = db::GetString(r, 2);
    i.title_ja = db::GetString(r, 3);
    i.title_en = db::GetString(r, 4);
    i.context_ja = db::GetString(r, 5);
    i.context_en = db::GetString(r, 6);
    i.link = db::GetString(r, 7);
    i.due_on = db::GetOptionalString(r, 8);
    if (auto action = db::GetOptionalString(r, 9)) {
        i.action_label_ja = JsonString(*action, "label_ja");
        i.action_label_en = JsonString(*action, "label_en");
    }
    return i;
}

// The people whose digest is due: active, their hour has come, none built today.
constexpr const char* kDigestPeople =
    " p.active = 1 AND COALESCE(p.digest_hour, :centre) <= :hour AND NOT EXISTS "
    "(SELECT 1 FROM mail_digests d WHERE d.person_id = p.id AND d.day = :day) ";

}  // namespace

std::optional<Recipient> FindRecipient(db::Tx& tx, const std::string& person_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRecipientColumns + " FROM people p WHERE p.id = :id",
         soci::use(person_id));
    for (const auto& r : rows) return ReadRecipient(r);
    return std::nullopt;
}

// ---- outbox ----

OutboxWriter::OutboxWriter(db::Tx& tx)
    : statement_((tx.sql().prepare << "INSERT INTO mail_outbox (id, person_id, to_address, kind, language, subject, "
                                      "body_text, body_html, state, attempts, next_attempt_at, created_at) VALUES "
                                      "(:id, :person, :to, :kind, :lang, :subject, :text, :html, 'pending', 0, :now, "
                                      ":now2)",
                  soci::use(row_.id, "id"), soci::use(person_, person_ind_, "person"), soci::use(row_.to, "to"),
                  soci::use(row_.kind, "kind"), soci::use(row_.language, "lang"), soci::use(row_.subject, "subject"),
                  soci::use(row_.text, "text"), soci::use(row_.html, "html"), soci::use(row_.now, "now"),
                  soci::use(row_.now, "now2"))) {}

void OutboxWriter::Add(const NewMessage& m) {
    row_ = m;
    person_ = m.person_id.value_or("");
    person_ind_ = m.person_id ? soci::i_ok : soci::i_null;
    statement_.execute(true);
}

std::optional<OutboxEntry> FindMessage(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kOutboxColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadEntry(r);
    return std::nullopt;
}

std::vector<OutboxEntry> ListMessages(db::Tx& tx, const std::string& state, int limit) {
    int all = state == "all" ? 1 : 0;
    std::vector<OutboxEntry> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kOutboxColumns) +
                                 "WHERE (:all = 1 OR state = :state) ORDER BY created_at DESC, id DESC LIMIT :limit",
         soci::use(all, "all"), soci::use(state, "state"), soci::use(limit, "limit"));
    for (const auto& r : rows) out.push_back(ReadEntry(r));
    return out;
}

OutboxCounts CountMessages(db::Tx& tx) {
    OutboxCounts c;
    soci::rowset<soci::row> rows = tx.sql().prepare << "SELECT state, COUNT(*) FROM mail_outbox GROUP BY state";
    for (const auto& r : rows) {
        auto state = db::GetString(r, 0);
        int n = static_cast<int>(db::GetInt(r, 1));
        if (state == "pending") c.pending = n;
        if (state == "sending") c.sending = n;
        if (state == "sent") c.sent = n;
        if (state == "failed") c.failed = n;
    }
    return c;
}

void Requeue(db::Tx& tx, const std::string& id, long long now) {
    tx.sql() << "UPDATE mail_outbox SET state = 'pending', next_attempt_at = :now, claimed_by = NULL, "
                "claimed_until = NULL WHERE id = :id AND state <> 'sent'",
        soci::use(now), soci::use(id);
}

std::vector<std::string> DueMessages(db::Tx& tx, long long now, int limit) {
    std::vector<std::string> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id FROM mail_outbox WHERE (state = 'pending' AND next_attempt_at <= :now) OR "
                             "(state = 'sending' AND claimed_until < :now2) ORDER BY next_attempt_at, id LIMIT :limit",
         soci::use(now, "now"), soci::use(now, "now2"), soci::use(limit, "limit"));
    for (const auto& r : rows) out.push_back(db::GetString(r, 0));
    return out;
}

bool Claim(db::Tx& tx, const std::string& id, const std::string& sender, long long now, long long until) {
    soci::statement st =
        (tx.sql().prepare << "UPDATE mail_outbox SET state = 'sending', claimed_by = :sender, claimed_until = :until, "
                             "attempts = attempts + 1 WHERE id = :id AND ((state = 'pending' AND next_attempt_at <= "
                             ":now) OR (state = 'sending' AND claimed_until < :now2))",
         soci::use(sender, "sender"), soci::use(until, "until"), soci::use(id, "id"), soci::use(now, "now"),
         soci::use(now, "now2"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<Claimed> LoadClaimed(db::Tx& tx, const std::string& id, const std::string& sender) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, to_address, subject, body_text, body_html, created_at, attempts "
                             "FROM mail_outbox WHERE id = :id AND state = 'sending' AND claimed_by = :sender",
         soci::use(id, "id"), soci::use(sender, "sender"));
    for (const auto& r : rows)
        return Claimed{db::GetString(r, 0),
                       db::GetString(r, 1),
                       db::GetString(r, 2),
                       db::GetString(r, 3),
                       db::GetString(r, 4),
                       db::GetInt(r, 5),
                       static_cast<int>(db::GetInt(r, 6))};
    return std::nullopt;
}

bool MarkSent(db::Tx& tx, const std::string& id, const std::string& sender, long long now) {
    soci::statement st =
        (tx.sql().prepare << "UPDATE mail_outbox SET state = 'sent', sent_at = :now, claimed_until = NULL, "
                             "last_error = '', body_text = CASE WHEN kind = 'password_reset' THEN '' ELSE body_text "
                             "END, body_html = CASE WHEN kind = 'password_reset' THEN '' ELSE body_html END WHERE id = "
                             ":id AND state = 'sending' AND claimed_by = :sender",
         soci::use(now, "now"), soci::use(id, "id"), soci::use(sender, "sender"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void MarkAttemptFailed(db::Tx& tx, const std::string& id, const std::string& sender, const std::string& error,
                       bool give_up, long long next) {
    std::string state = give_up ? "failed" : "pending";
    tx.sql() << "UPDATE mail_outbox SET state = :state, last_error = :error, next_attempt_at = :next, "
                "claimed_until = NULL WHERE id = :id AND state = 'sending' AND claimed_by = :sender",
        soci::use(state), soci::use(error), soci::use(next), soci::use(id), soci::use(sender);
}

// ---- preferences ----

std::map<std::string, Delivery> OwnDeliveries(db::Tx& tx, const std::string& person_id) {
    std::map<std::string, Delivery> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT kind, delivery FROM mail_preferences WHERE person_id = :p", soci::use(person_id));
    for (const auto& r : rows) out[db::GetString(r, 0)] = db::ReadEnum<Delivery>(r, 1);
    return out;
}

std::optional<Delivery> OwnDelivery(db::Tx& tx, const std::string& person_id, const std::string& kind) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT delivery FROM mail_preferences WHERE person_id = :p AND kind = :k",
         soci::use(person_id, "p"), soci::use(kind, "k"));
    for (const auto& r : rows) return db::ReadEnum<Delivery>(r, 0);
    return std::nullopt;
}

std::map<std::string, std::map<std::string, Delivery>> AllOwnDeliveries(db::Tx& tx) {
    std::map<std::string, std::map<std::string, Delivery>> out;
    soci::rowset<soci::row> rows = tx.sql().prepare << "SELECT person_id, kind, delivery FROM mail_preferences";
    for (const auto& r : rows) out[db::GetString(r, 0)][db::GetString(r, 1)] = db::ReadEnum<Delivery>(r, 2);
    return out;
}

void SetOwnDelivery(db::Tx& tx, const std::string& person_id, const std::string& kind,
                    const std::optional<Delivery>& delivery) {
    tx.sql() << "DELETE FROM mail_preferences WHERE person_id = :p AND kind = :k", soci::use(person_id),
        soci::use(kind);
    if (!delivery) return;
    std::string text(Text(*delivery));
    tx.sql() << "INSERT INTO mail_preferences (person_id, kind, delivery) VALUES (:p, :k, :d)", soci::use(person_id),
        soci::use(kind), soci::use(text);
}

void SetDigestHour(db::Tx& tx, const std::string& person_id, const std::optional<int>& hour) {
    db::NullableInt h(hour);
    tx.sql() << "UPDATE people SET digest_hour = :h WHERE id = :id", soci::use(h.value, h.ind), soci::use(person_id);
}

std::map<std::string, Delivery> CentreDeliveries(db::Tx& tx) {
    std::map<std::string, Delivery> out;
    soci::rowset<soci::row> rows = tx.sql().prepare << "SELECT kind, delivery FROM mail_defaults";
    for (const auto& r : rows) out[db::GetString(r, 0)] = db::ReadEnum<Delivery>(r, 1);
    return out;
}

void SetCentreDelivery(db::Tx& tx, const std::string& kind, Delivery delivery) {
    std::string text(Text(delivery));
    tx.sql() << "DELETE FROM mail_defaults WHERE kind = :k", soci::use(kind);
    tx.sql() << "INSERT INTO mail_defaults (kind, delivery) VALUES (:k, :d)", soci::use(kind), soci::use(text);
}

// ---- inbox items mailed on their own ----

bool MarkItemMailed(db::Tx& tx, const std::string& item_id, long long now) {
    soci::statement st =
        (tx.sql().prepare << "INSERT INTO mail_item_sent (item_id, at) VALUES (:id, :now) ON CONFLICT DO NOTHING",
         soci::use(item_id, "id"), soci::use(now, "now"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<OpenItem> DueItemsNotMailed(db::Tx& tx, const std::string& from, const std::string& to) {
    std::vector<OpenItem> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kItemColumns) +
                                 "WHERE i.state = 'open' AND p.active = 1 AND i.due_on IS NOT NULL AND i.due_on >= "
                                 ":from AND i.due_on <= :to AND NOT EXISTS (SELECT 1 FROM mail_item_sent s WHERE "
                                 "s.item_id = i.id) ORDER BY i.due_on, i.id",
         soci::use(from, "from"), soci::use(to, "to"));
    for (const auto& r : rows) out.push_back(ReadItem(r));
    return out;
}

// ---- digests ----

std::vector<DigestDue> PeopleDueForDigest(db::Tx& tx, int centre_hour, int hour, const std::string& day) {
    std::vector<DigestDue> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kRecipientColumns +
                                 ", (SELECT MAX(built_at) FROM mail_digests d WHERE d.person_id = p.id) "
                                 "FROM people p WHERE" +
                                 kDigestPeople + "ORDER BY p.id",
         soci::use(centre_hour, "centre"), soci::use(hour, "hour"), soci::use(day, "day"));
    for (const auto& r : rows) out.push_back({ReadRecipient(r), db::IsNull(r, 7) ? 0 : db::GetInt(r, 7)});
    return out;
}

std::vector<OpenItem> OpenItemsOfDigestPeople(db::Tx& tx, int centre_hour, int hour, const std::string& day) {
    std::vector<OpenItem> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kItemColumns) + "WHERE i.state = 'open' AND" + kDigestPeople +
                                 "ORDER BY i.person_id, CASE WHEN i.due_on IS NULL THEN 1 ELSE 0 END, i.due_on, "
                                 "i.created_at, i.id",
         soci::use(centre_hour, "centre"), soci::use(hour, "hour"), soci::use(day, "day"));
    for (const auto& r : rows) out.push_back(ReadItem(r));
    return out;
}

std::vector<Notice> UnreadNoticesOfDigestPeople(db::Tx& tx, int centre_hour, int hour, const std::string& day,
                                                long long since) {
    std::vector<Notice> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT n.person_id, n.kind, n.title_ja, n.title_en, n.link, n.created_at "
                             "FROM notifications n JOIN people p ON p.id = n.person_id "
                             "WHERE n.read_at IS NULL AND n.created_at > COALESCE((SELECT MAX(built_at) FROM "
                             "mail_digests d WHERE d.person_id = n.person_id), :since) AND" +
                                 std::string(kDigestPeople) + "ORDER BY n.person_id, n.created_at, n.id",
         soci::use(since, "since"), soci::use(centre_hour, "centre"), soci::use(hour, "hour"), soci::use(day, "day"));
    for (const auto& r : rows)
        out.push_back({db::GetString(r, 0), db::GetString(r, 1), db::GetString(r, 2), db::GetString(r, 3),
                       db::GetString(r, 4), db::GetInt(r, 5)});
    return out;
}

bool RecordDigest(db::Tx& tx, const std::string& person_id, const std::string& day, int items, long long now) {
    soci::statement st =
        (tx.sql().prepare << "INSERT INTO mail_digests (person_id, day, items, built_at) VALUES "
                             "(:p, :day, :items, :now) ON CONFLICT DO NOTHING",
         soci::use(person_id, "p"), soci::use(day, "day"), soci::use(items, "items"), soci::use(now, "now"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace renkei::mail::store
