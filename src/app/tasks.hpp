// Work that runs on a clock rather than on a request: the contracts' reminders (and activation
// and expiry by date). `renkei remind` runs it once; `serve` runs it periodically.
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "platform/db/database.hpp"

namespace renkei::app {

// Runs every periodic task once in its own transaction; returns a one-line summary.
std::string RunPeriodicTasks(db::Database& db);

// Runs the tasks in the background every `interval_seconds` (first run after `first_delay_seconds`)
// until destroyed. RENKEI_REMINDER_INTERVAL_SECONDS overrides the interval (0 disables).
class PeriodicTasks {
  public:
    explicit PeriodicTasks(db::Database& db, int interval_seconds = 3600, int first_delay_seconds = 30);
    ~PeriodicTasks();
    // Stops the background thread, waiting for a run in progress (also done by the destructor).
    void Stop();

  private:
    db::Database& db_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace renkei::app
