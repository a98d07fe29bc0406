// In-app notifications: a short list of what happened to a person (a booking approved or
// declined, a place on an event's waiting list freed up). Other modules call Notify() inside
// their own transaction, so the notice exists exactly when the change does.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/time.hpp"

namespace renkei::notifications {

struct Notification {
    std::string id;
    std::string person_id;
    std::string kind;  // e.g. booking_approved, booking_declined, waitlist_promoted
    std::string title_ja;
    std::string title_en;
    std::string link;  // a path in the web UI ("/building/bookings/abc"), or ""
    Seconds created_at;
    std::optional<Seconds> read_at;
};

// Called for every notification Notify adds, inside the same transaction: how the mail module
// hears of them. Set once at start-up, before any request; nullptr: nobody listens.
using NotifyObserver = void (*)(db::Tx& tx, const Notification& notification, Seconds now);
void ObserveNotifications(NotifyObserver observer);

// Adds a notification for `person_id`; returns its id. Never throws for the content (titles
// are cut to 300 characters), only for a database failure.
std::string Notify(db::Tx& tx, const std::string& person_id, const std::string& kind, const std::string& title_ja,
                   const std::string& title_en, const std::string& link, Seconds now);

// The person's notifications, newest first (at most `limit`), and how many are unread.
std::vector<Notification> List(db::Tx& tx, const std::string& person_id, int limit, bool unread_only);
int UnreadCount(db::Tx& tx, const std::string& person_id);
// Marks one of the person's own notifications read; throws kNotFound for anybody else's.
Notification MarkRead(db::Tx& tx, const std::string& person_id, const std::string& id, Seconds now);
// Marks all of the person's notifications read; returns how many changed.
int MarkAllRead(db::Tx& tx, const std::string& person_id, Seconds now);

}  // namespace renkei::notifications
