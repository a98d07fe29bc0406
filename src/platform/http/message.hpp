// The request a handler sees and the response it returns: plain values, no sockets.
#pragma once
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/auth/principal.hpp"

namespace renkei::http {

using RawRequest = boost::beast::http::request<boost::beast::http::string_body>;

struct Request {
    const RawRequest* raw = nullptr;
    std::string method;                         // "GET", ...
    std::string path;                           // percent-decoded path, without the query
    std::string query;                          // raw query string
    std::map<std::string, std::string> params;  // path parameters, e.g. {id}
    std::string request_id;
    std::string client_ip;
    std::optional<auth::Principal> principal;

    std::string_view Header(std::string_view name) const;
    // A query parameter, percent-decoded ('+' is a space); nullopt when absent.
    std::optional<std::string> Query(std::string_view key) const;
    std::optional<std::string> Cookie(std::string_view name) const;
    const std::string& Body() const { return raw->body(); }
    bool IsSafeMethod() const { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }
    // Behind a TLS-terminating proxy (X-Forwarded-Proto: https).
    bool ViaTls() const { return Header("X-Forwarded-Proto") == "https"; }
};

struct Response {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    // Normally a response with status >= 400 rolls the request's transaction back; a few
    // (a failed login that must count against the throttle) keep what they wrote.
    bool commit_even_on_error = false;

    static Response Json(int status, const boost::json::value& v);
    static Response NoContent();
    static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

std::string PercentDecode(std::string_view s, bool plus_is_space);

// Content-Disposition for a download whose name may be Japanese (RFC 6266/5987): the UTF-8 name
// percent-encoded, after a plain ASCII `fallback` name for old clients when one is given.
inline std::string AttachmentDisposition(const std::string& filename, std::string_view fallback = {}) {
    static const char* hex = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : filename) {
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '-' ||
            c == '_') {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    std::string out = "attachment; ";
    if (!fallback.empty()) out += "filename=\"" + std::string(fallback) + "\"; ";
    return out + "filename*=UTF-8''" + encoded;
}

}  // namespace renkei::http
