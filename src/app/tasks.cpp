#include "app/tasks.hpp"

#include <chrono>
#include <cstdlib>

#include "modules/contracts/service.hpp"
#include "modules/ethics/service.hpp"
#include "modules/ip/service.hpp"
#include "modules/mail/service.hpp"
#include "platform/log/log.hpp"

namespace renkei::app {

std::string RunPeriodicTasks(db::Database& db) {
    db::Tx tx(db, db::TxMode::kWrite);
    auto now = Now();
    auto run = contracts::RunReminders(tx, now);
    int deadlines = ethics::SyncAllInboxes(tx, now);
    int ip_deadlines = ip::SyncAllInboxes(tx, now);
    tx.Commit();
    // Mail in a transaction of its own: a failure here leaves the reminders above in place.
    db::Tx mail_tx(db, db::TxMode::kWrite);
    int due_soon = mail::MailDueSoon(mail_tx, now);
    auto digests = mail::BuildDigests(mail_tx, now);
    mail_tx.Commit();
    return "mail: " + std::to_string(due_soon) + " items due soon mailed, " + std::to_string(digests.messages) +
           " digests written (" + std::to_string(digests.items) + " items); ethics: " + std::to_string(deadlines) +
           " deadlines in inboxes; ip: " + std::to_string(ip_deadlines) +
           " deadline items open; contracts: " + std::to_string(run.activated) + " activated, " +
           std::to_string(run.expired) + " expired, " + std::to_string(run.stale) + " waiting too long, " +
           std::to_string(run.expiring) + " nearing expiry";
}

PeriodicTasks::PeriodicTasks(db::Database& db, int interval_seconds, int first_delay_seconds) : db_(db) {
    if (const char* env = std::getenv("RENKEI_REMINDER_INTERVAL_SECONDS")) interval_seconds = std::atoi(env);
    if (interval_seconds <= 0) return;
    thread_ = std::thread([this, interval_seconds, first_delay_seconds] {
        auto wait = std::chrono::seconds{std::min(first_delay_seconds, interval_seconds)};
        while (true) {
            {
                std::unique_lock lock(mutex_);
                if (cv_.wait_for(lock, wait, [this] { return stop_; })) return;
            }
            try {
                log::Info("periodic tasks: {}", RunPeriodicTasks(db_));
            } catch (const std::exception& e) {
                log::Error("periodic tasks failed: {}", e.what());
            }
            wait = std::chrono::seconds{interval_seconds};
        }
    });
}

PeriodicTasks::~PeriodicTasks() { Stop(); }

void PeriodicTasks::Stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace renkei::app
