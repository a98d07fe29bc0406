#include "platform/config/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "platform/http/client_address.hpp"

namespace renkei {
namespace {

std::string Trimmed(std::string s) {
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

bool ParseBool(const std::string& key, const std::string& v) {
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    throw std::runtime_error("setting " + key + ": expected true or false, got '" + v + "'");
}

int ParseInt(const std::string& key, const std::string& v) {
    try {
        size_t used = 0;
        int n = std::stoi(v, &used);
        if (used == v.size() && n >= 0) return n;
    } catch (const std::exception&) {
    }
    throw std::runtime_error("setting " + key + ": expected a non-negative number, got '" + v + "'");
}

const char* const kKeys[] = {"db",
                             "listen",
                             "web_root",
                             "threads",
                             "db_threads",
                             "body_limit",
                             "header_limit",
                             "read_timeout_seconds",
                             "idle_timeout_seconds",
                             "session_hours",
                             "access_log",
                             "log_level",
                             "cookie_secure",
                             "login_max_failures",
                             "login_window_minutes",
                             "trusted_proxies",
                             "smtp_url",
                             "smtp_user",
                             "smtp_password",
                             "smtp_password_file",
                             "mail_from",
                             "digest_hour",
                             "public_url"};

}  // namespace

bool ApplySetting(Config& c, const std::string& key, const std::string& value) {
    if (key == "db")
        c.db = value;
    else if (key == "listen")
        c.listen = value;
    else if (key == "web_root")
        c.web_root = value;
    else if (key == "threads")
        c.threads = ParseInt(key, value);
    else if (key == "db_threads")
        c.db_threads = ParseInt(key, value);
    else if (key == "body_limit")
        c.body_limit = ParseInt(key, value);
    else if (key == "header_limit")
        c.header_limit = ParseInt(key, value);
    else if (key == "read_timeout_seconds")
        c.read_timeout_seconds = ParseInt(key, value);
    else if (key == "idle_timeout_seconds")
        c.idle_timeout_seconds = ParseInt(key, value);
    else if (key == "session_hours")
        c.session_hours = ParseInt(key, value);
    else if (key == "access_log")
        c.access_log = ParseBool(key, value);
    else if (key == "log_level")
        c.log_level = value;
    else if (key == "cookie_secure") {
        if (value != "auto" && value != "always" && value != "never")
            throw std::runtime_error("setting cookie_secure: expected auto, always or never");
        c.cookie_secure = value;
    } else if (key == "login_max_failures")
        c.login_max_failures = ParseInt(key, value);
    else if (key == "login_window_minutes")
        c.login_window_minutes = ParseInt(key, value);
    else if (key == "trusted_proxies") {
        try {
            http::TrustedProxies check(value);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(std::string("setting ") + e.what());
        }
        c.trusted_proxies = value;
    } else if (key == "smtp_url") {
        if (!value.empty() && value.rfind("smtp://", 0) != 0 && value.rfind("smtps://", 0) != 0)
            throw std::runtime_error("setting smtp_url: expected smtp://host:port or smtps://host:port");
        c.smtp_url = value;
    } else if (key == "smtp_user")
        c.smtp_user = value;
    else if (key == "smtp_password")
        c.smtp_password = value;
    else if (key == "smtp_password_file") {
        std::ifstream in(value);
        if (!in) throw std::runtime_error("setting smtp_password_file: cannot read " + value);
        std::getline(in, c.smtp_password);
        c.smtp_password = Trimmed(c.smtp_password);
    } else if (key == "mail_from")
        c.mail_from = value;
    else if (key == "digest_hour") {
        int h = ParseInt(key, value);
        if (h > 23) throw std::runtime_error("setting digest_hour: expected an hour from 0 to 23");
        c.digest_hour = h;
    } else if (key == "public_url") {
        if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
            throw std::runtime_error("setting public_url: expected http://… or https://…");
        c.public_url = value;
    } else
        return false;
    return true;
}

Config LoadConfig(const std::string& path) {
    Config c;
    if (!path.empty()) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot read config file " + path);
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            line = Trimmed(line);
            if (line.empty() || line[0] == '#' || line[0] == ';') continue;
            auto eq = line.find('=');
            if (eq == std::string::npos)
                throw std::runtime_error(path + ":" + std::to_string(number) + ": expected key = value");
            std::string key = Trimmed(line.substr(0, eq)), value = Trimmed(line.substr(eq + 1));
            if (!ApplySetting(c, key, value))
                throw std::runtime_error(path + ":" + std::to_string(number) + ": unknown setting '" + key + "'");
        }
    }
    for (const char* key : kKeys) {
        std::string env = "RENKEI_";
        for (const char* p = key; *p; ++p) env += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
        if (const char* v = std::getenv(env.c_str())) ApplySetting(c, key, v);
    }
    return c;
}

}  // namespace renkei
