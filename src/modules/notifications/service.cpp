#include "modules/notifications/service.hpp"

#include "platform/db/row.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::notifications {
namespace {

constexpr const char* kColumns = "id, person_id, kind, title_ja, title_en, link, created_at, read_at";

Notification Read(const soci::row& r) {
    Notification n;
    n.id = db::GetString(r, 0);
    n.person_id = db::GetString(r, 1);
    n.kind = db::GetString(r, 2);
    n.title_ja = db::GetString(r, 3);
    n.title_en = db::GetString(r, 4);
    n.link = db::GetString(r, 5);
    n.created_at = FromUnix(db::GetInt(r, 6));
    if (!db::IsNull(r, 7)) n.read_at = FromUnix(db::GetInt(r, 7));
    return n;
}

NotifyObserver notify_observer = nullptr;

}  // namespace

void ObserveNotifications(NotifyObserver observer) { notify_observer = observer; }

std::string Notify(db::Tx& tx, const std::string& person_id, const std::string& kind, const std::string& title_ja,
                   const std::string& title_en, const std::string& link, Seconds at) {
    std::string id = NewId();
    std::string ja = text::Utf8Prefix(title_ja, 300), en = text::Utf8Prefix(title_en, 300),
                l = text::Utf8Prefix(link, 500);
    long long now = ToUnix(at);
    tx.sql() << "INSERT INTO notifications (id, person_id, kind, title_ja, title_en, link, created_at) "
                "VALUES (:id, :person, :kind, :ja, :en, :link, :now)",
        soci::use(id), soci::use(person_id), soci::use(kind), soci::use(ja), soci::use(en), soci::use(l),
        soci::use(now);
    if (notify_observer) notify_observer(tx, Notification{id, person_id, kind, ja, en, l, at, std::nullopt}, at);
    return id;
}

std::vector<Notification> List(db::Tx& tx, const std::string& person_id, int limit, bool unread_only) {
    int unread = unread_only ? 1 : 0;
    std::vector<Notification> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kColumns +
                                 " FROM notifications WHERE person_id = :person AND (:unread = 0 OR read_at IS NULL) "
                                 "ORDER BY created_at DESC, id DESC LIMIT :limit",
         soci::use(person_id, "person"), soci::use(unread, "unread"), soci::use(limit, "limit"));
    for (const auto& r : rows) out.push_back(Read(r));
    return out;
}

int UnreadCount(db::Tx& tx, const std::string& person_id) {
    int count = 0;
    tx.sql() << "SELECT COUNT(*) FROM notifications WHERE person_id = :person AND read_at IS NULL",
        soci::use(person_id), soci::into(count);
    return count;
}

Notification MarkRead(db::Tx& tx, const std::string& person_id, const std::string& id, Seconds at) {
    std::optional<Notification> found;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string("SELECT ") + kColumns +
                                     " FROM notifications WHERE id = :id AND person_id = :person",
             soci::use(id, "id"), soci::use(person_id, "person"));
        for (const auto& r : rows) found = Read(r);
    }
    if (!found) throw NotFound("notification");
    if (!found->read_at) {
        long long now = ToUnix(at);
        tx.sql() << "UPDATE notifications SET read_at = :now WHERE id = :id", soci::use(now), soci::use(id);
        found->read_at = FromUnix(now);
    }
    return *found;
}

int MarkAllRead(db::Tx& tx, const std::string& person_id, Seconds at) {
    long long now = ToUnix(at);
    soci::statement st = (tx.sql().prepare << "UPDATE notifications SET read_at = :now "
                                              "WHERE person_id = :person AND read_at IS NULL",
                          soci::use(now), soci::use(person_id));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

}  // namespace renkei::notifications
