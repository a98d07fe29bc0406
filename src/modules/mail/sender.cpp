#include "modules/mail/sender.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <memory>

#include "modules/mail/model.hpp"
#include "modules/mail/store.hpp"
#include "platform/ids.hpp"
#include "platform/log/log.hpp"

namespace renkei::mail {
namespace {

struct Payload {
    const std::string* bytes;
    size_t at = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t count, void* user) {
    auto* p = static_cast<Payload*>(user);
    size_t room = size * count;
    size_t n = std::min(room, p->bytes->size() - p->at);
    std::copy_n(p->bytes->data() + p->at, n, buffer);
    p->at += n;
    return n;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

// Test builds only: RENKEI_TEST_MAIL_DIE_AFTER_SEND=1 kills the process with SIGKILL after the
// SMTP server accepted a message and before it is marked sent (the crash-safety test).
void MaybeDieAfterSend() {
#ifdef RENKEI_TEST_KNOBS
    if (const char* v = std::getenv("RENKEI_TEST_MAIL_DIE_AFTER_SEND"); v && std::string_view(v) == "1")
        std::raise(SIGKILL);
#endif
}

}  // namespace

std::optional<std::string> SendSmtp(const SmtpSettings& smtp, const std::string& to, const std::string& message) {
    static CurlGlobal global;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return "could not start libcurl";
    char error[CURL_ERROR_SIZE] = {0};
    const std::string from = "<" + AddressOf(smtp.from) + ">";
    const std::string rcpt = "<" + to + ">";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(curl_slist_append(nullptr, rcpt.c_str()),
                                                                           &curl_slist_free_all);
    Payload payload{&message};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    if (!smtp.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, smtp.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, smtp.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadPayload);
    curl_easy_setopt(c, CURLOPT_READDATA, &payload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(smtp.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return std::nullopt;
    long response = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response);
    std::string why = error[0] ? error : curl_easy_strerror(rc);
    if (response) why += " (SMTP " + std::to_string(response) + ")";
    return why;
}

DeliveryRun DeliverDue(db::Database& db, const SmtpSettings& smtp, const std::string& sender, Seconds now, int batch) {
    DeliveryRun run;
    std::vector<std::string> claimed;
    {
        db::Tx tx(db, db::TxMode::kWrite);
        long long t = ToUnix(now);
        for (const auto& id : store::DueMessages(tx, t, batch))
            if (store::Claim(tx, id, sender, t, t + smtp.claim_seconds)) claimed.push_back(id);
        tx.Commit();
    }
    const std::string from_domain = DomainOf(AddressOf(smtp.from));
    for (const auto& id : claimed) {
        std::optional<store::Claimed> m;
        {
            db::Tx tx(db, db::TxMode::kRead);
            m = store::LoadClaimed(tx, id, sender);
        }
        if (!m) continue;
        Envelope envelope{smtp.from, m->to, "<" + m->id + "@" + from_domain + ">", FromUnix(m->created_at)};
        std::string mime = BuildMime(envelope, Rendered{m->subject, m->text, m->html});
        auto failure = SendSmtp(smtp, m->to, mime);
        if (!failure) MaybeDieAfterSend();
        db::Tx tx(db, db::TxMode::kWrite);
        long long t = ToUnix(Now());
        if (!failure) {
            if (store::MarkSent(tx, id, sender, t)) ++run.sent;
        } else {
            bool give_up = m->attempts >= kMaxAttempts;
            store::MarkAttemptFailed(tx, id, sender, *failure, give_up, t + RetryDelay(m->attempts).count());
            ++(give_up ? run.failed : run.retrying);
            log::Warn("mail {} to a recipient failed (attempt {}): {}", id, m->attempts, *failure);
        }
        tx.Commit();
    }
    return run;
}

Sender::Sender(db::Database& db, SmtpSettings smtp, int poll_seconds) : db_(db), smtp_(std::move(smtp)) {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    id_ = std::string(host) + ":" + std::to_string(getpid()) + ":" + NewId().substr(0, 6);
    thread_ = std::thread([this, poll_seconds] {
        auto wait = std::chrono::seconds{std::max(1, poll_seconds)};
        while (true) {
            try {
                DeliveryRun run;
                do {
                    run = DeliverDue(db_, smtp_, id_, Now());
                    if (run.sent || run.failed)
                        log::Info("mail: {} sent, {} to retry, {} failed", run.sent, run.retrying, run.failed);
                } while (run.sent + run.retrying + run.failed > 0 && !stop_);
            } catch (const std::exception& e) {
                log::Error("mail sender: {}", e.what());
            }
            std::unique_lock lock(mutex_);
            if (cv_.wait_for(lock, wait, [this] { return stop_.load(); })) return;
        }
    });
}

Sender::~Sender() { Stop(); }

void Sender::Stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace renkei::mail
