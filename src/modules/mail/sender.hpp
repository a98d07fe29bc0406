// Delivering the outbox over SMTP (libcurl: STARTTLS when the server offers it, smtps:// for
// implicit TLS, AUTH when a user is set). Several senders may run — threads of one instance or
// instances on one PostgreSQL — and each message is claimed by one of them with a conditional
// UPDATE before it is sent, so none is sent by two at once.
//
// At least once, never lost: a message is marked sent after the SMTP server accepted it. A sender
// killed between the two leaves the message claimed; when the claim runs out another sender sends
// it again, with the same Message-ID, which receivers use to drop the copy (docs/mail.md).
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "platform/db/database.hpp"
#include "platform/time.hpp"

namespace renkei::mail {

struct SmtpSettings {
    std::string url;  // smtp://host:port, smtps://host:port; empty: nothing is sent
    std::string user, password;
    std::string from = "Renkei <renkei@localhost>";
    int claim_seconds = 300;  // how long a claimed message is left to its sender
    int timeout_seconds = 30;
};

// Sends one message; nullopt on success, else why it failed (for the outbox and the log; never
// holds the password).
std::optional<std::string> SendSmtp(const SmtpSettings& smtp, const std::string& to, const std::string& message);

struct DeliveryRun {
    int sent = 0, retrying = 0, failed = 0;
};
// Claims up to `batch` due messages for `sender` and sends them, outside any transaction.
DeliveryRun DeliverDue(db::Database& db, const SmtpSettings& smtp, const std::string& sender, Seconds now,
                       int batch = 20);

// A thread that delivers the outbox every `poll_seconds` until stopped.
class Sender {
  public:
    Sender(db::Database& db, SmtpSettings smtp, int poll_seconds);
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;
    ~Sender();
    void Stop();

  private:
    db::Database& db_;
    SmtpSettings smtp_;
    std::string id_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace renkei::mail
