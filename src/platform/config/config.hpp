// Settings of one Renkei process. Precedence: built-in defaults < config file (renkei.conf,
// `key = value` lines) < environment (RENKEI_<KEY>) < command-line flags.
#pragma once
#include <string>

namespace renkei {

struct Config {
    std::string db = "sqlite:var/renkei.db";  // sqlite:PATH or postgresql://...
    std::string listen = "127.0.0.1:8080";
    std::string web_root = "web/dist";
    int threads = 0;              // I/O threads; 0 = number of cores
    int db_threads = 0;           // threads running handlers that touch the database; 0 = 2 × cores (≥ 4)
    size_t body_limit = 1 << 20;  // bytes
    size_t header_limit = 16 << 10;
    int read_timeout_seconds = 15;  // the whole request must arrive within this
    int idle_timeout_seconds =
        75;  // keep-alive connections idle longer are closed (above nginx's 60 s upstream keepalive_timeout)
    int session_hours = 24 * 14;
    bool access_log = true;
    std::string log_level = "info";
    std::string cookie_secure = "auto";  // auto (behind TLS: X-Forwarded-Proto https) | always | never
    int login_max_failures = 5;          // per e-mail within login_window_minutes
    int login_window_minutes = 15;
    // Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
    // empty: the socket's peer is the client.
    std::string trusted_proxies;
    // Mail (docs/mail.md). No smtp_url: messages stay in the outbox (the office sees them).
    std::string smtp_url;  // smtp://host:25 (STARTTLS when offered), smtps://host:465
    std::string smtp_user;
    std::string smtp_password;  // never logged; or smtp_password_file (read at start)
    std::string mail_from = "Renkei <renkei@localhost>";
    int digest_hour = 8;     // 0–23, Asia/Tokyo: when daily digests are built, unless a person chose
    std::string public_url;  // links in messages start with it; empty: http://<listen>
};

// Loads `path` (if non-empty and present; a missing explicit path is an error), then the
// environment. Throws std::runtime_error naming the bad key.
Config LoadConfig(const std::string& path);
// Applies one `key = value` setting; false if the key is unknown.
bool ApplySetting(Config& config, const std::string& key, const std::string& value);

}  // namespace renkei
