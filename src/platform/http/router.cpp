#include "platform/http/router.hpp"

#include <boost/json.hpp>

#include "platform/error.hpp"
#include "platform/json.hpp"
#include "platform/log/log.hpp"

namespace renkei::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
    std::vector<std::string> out;
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool Matches(const Route& r, const std::vector<std::string>& parts, std::map<std::string, std::string>& params) {
    if (r.segments.size() != parts.size()) return false;
    std::map<std::string, std::string> found;
    for (size_t i = 0; i < parts.size(); ++i) {
        const auto& seg = r.segments[i];
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
            // A parameter is text: bytes that are not UTF-8 (an overlong "%c0%ae") name nothing,
            // and must not reach the database (PostgreSQL refuses them: a 500).
            if (parts[i].empty() || !CleanUtf8(parts[i], false)) return false;
            found[seg.substr(1, seg.size() - 2)] = parts[i];
        } else if (seg != parts[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
    auto it = raw->find(name);
    if (it == raw->end()) return {};
    return it->value();
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%' && i + 2 < s.size()) {
            auto hex = [](char h) -> int {
                if (h >= '0' && h <= '9') return h - '0';
                if (h >= 'a' && h <= 'f') return h - 'a' + 10;
                if (h >= 'A' && h <= 'F') return h - 'A' + 10;
                return -1;
            };
            int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plus_is_space && c == '+') ? ' ' : c;
    }
    return out;
}

std::optional<std::string> Request::Query(std::string_view key) const {
    std::string_view q = query;
    while (!q.empty()) {
        auto amp = q.find('&');
        auto pair = q.substr(0, amp);
        auto eq = pair.find('=');
        auto k = pair.substr(0, eq);
        if (PercentDecode(k, true) == key) {
            if (eq == std::string_view::npos) return std::string();
            auto value = PercentDecode(pair.substr(eq + 1), true);
            // Query parameters are text like body fields: valid UTF-8 without control characters.
            if (!CleanUtf8(value, true))
                throw Invalid(std::string(key), std::string(key) + " must be valid UTF-8 text");
            return value;
        }
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    std::string_view header = Header("Cookie");
    while (!header.empty()) {
        auto semi = header.find(';');
        auto part = header.substr(0, semi);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        auto eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
        if (semi == std::string_view::npos) break;
        header.remove_prefix(semi + 1);
    }
    return std::nullopt;
}

Response Response::Json(int status, const boost::json::value& v) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(v);
    return r;
}

Response Response::NoContent() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = std::move(content_type);
    return r;
}

Response Unavailable() {
    auto r = ErrorResponse(503, "unavailable", "the database is unavailable; try again in a few seconds", "");
    r.headers.emplace_back("Retry-After", "5");
    return r;
}

Response ErrorResponse(int status, const char* code, const std::string& message, const std::string& field,
                       const boost::json::object& details) {
    boost::json::object error{{"code", code}, {"message", message}};
    error["field"] = field.empty() ? boost::json::value(nullptr) : boost::json::value(field);
    boost::json::object body = details;
    body["error"] = std::move(error);
    return Response::Json(status, body);
}

void Router::Add(std::string method, std::string pattern, Access access, Handler handler, RouteOptions options) {
    auto r = std::make_unique<Route>();
    r->method = std::move(method);
    r->pattern = std::move(pattern);
    r->access = access;
    r->options = options;
    r->handler = std::move(handler);
    r->segments = Split(r->pattern);
    r->index = static_cast<int>(routes_.size());
    routes_.push_back(std::move(r));
}

Router::Match Router::Find(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params) const {
    Match m;
    // Only a path that starts with '/': Split skips its first character unread, so "xapi/people"
    // (a request target without the slash) would be /api/people.
    if (path.empty() || path.front() != '/') return m;
    auto parts = Split(path);
    for (const auto& r : routes_) {
        std::map<std::string, std::string> p;
        if (!Matches(*r, parts, p)) continue;
        if (r->method == method || (method == "HEAD" && r->method == "GET")) {
            params = std::move(p);
            m.route = r.get();
            m.allowed.clear();
            return m;
        }
        m.allowed.push_back(r->method);
    }
    return m;
}

Response Router::RunRoute(Request& req, const Route& route) const {
    const Seconds now = Now();  // the request's one clock reading
    std::optional<db::Tx> tx;
    if (route.options.tx == TxKind::kAuto)
        tx.emplace(*db_, req.IsSafeMethod() ? db::TxMode::kRead : db::TxMode::kWrite);
    if (route.access == Access::kSignedIn) {
        if (!tx) throw Error{ErrorCode::kInternal, "", "signed-in route without a transaction"};
        req.principal = authenticator_(req, *tx, now);
    }
    Call call{req, tx ? &*tx : nullptr, db_, &authenticator_, now};
    try {
        Response response = route.handler(call);
        if (tx && (response.status < 400 || response.commit_even_on_error)) tx->Commit();
        return response;
    } catch (const soci::soci_error& e) {
        // The server went away before the commit: nothing was kept, so the request may run again.
        if (tx && tx->ConnectionLost()) throw db::Unreachable(std::string("connection lost: ") + e.what());
        throw;
    }
}

Response Router::Ready() const {
    if (!db_) return Response::Text(200, "ready\n");
    try {
        db::Tx tx(*db_, db::TxMode::kRead);
        tx.ForEachCached("SELECT 1", {}, [](const soci::row&) {});
        tx.Commit();
        return Response::Text(200, "ready\n");
    } catch (const std::exception& e) {
        log::Warn("readiness: the database is not ready: {}", e.what());
        return Unavailable();
    }
}

Response Router::Dispatch(Request& req, const Match& match) const {
    try {
        if (!match.route) {
            if (!match.allowed.empty()) {
                std::string allow;
                for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
                auto r = ErrorResponse(405, "method_not_allowed", req.method + " is not allowed on " + req.path, "");
                r.headers.emplace_back("Allow", allow);
                return r;
            }
            return ErrorResponse(404, "not_found", "no such endpoint: " + req.path, "");
        }
        const Route& route = *match.route;
        // A transaction that PostgreSQL aborted because it met another one (deadlock,
        // serialization failure) left nothing behind: the request runs again on a new one.
        for (int attempt = 1;; ++attempt) {
            try {
                return RunRoute(req, route);
            } catch (const db::Unreachable& e) {
                // Once more on a fresh connection (a restarted server, a terminated backend);
                // then 503 while the database is away.
                if (attempt >= 2) throw;
                log::Warn("{} {}: {}; running it again", req.method, req.path, e.what());
            } catch (const soci::soci_error& e) {
                if (attempt >= kTransientAttempts || route.options.tx != TxKind::kAuto || !db::IsTransientConflict(e))
                    throw;
                log::Warn("{} {}: transaction aborted by a concurrent one, running it again ({}/{})", req.method,
                          req.path, attempt + 1, kTransientAttempts);
            }
        }
    } catch (const Error& e) {
        if (ErrorStatus(e.code()) >= 500) log::Error("{} {}: {}", req.method, req.path, e.what());
        auto r = ErrorResponse(ErrorStatus(e.code()), ErrorCodeName(e.code()), e.what(), e.field(), e.details());
        if (e.code() == ErrorCode::kTooManyRequests || e.code() == ErrorCode::kUnavailable)
            r.headers.emplace_back("Retry-After", std::to_string(e.retry_after() > 0 ? e.retry_after() : 60));
        return r;
    } catch (const db::Unreachable& e) {
        log::Error("{} {}: database unreachable: {}", req.method, req.path, e.what());
        return Unavailable();
    } catch (const soci::soci_error& e) {
        std::string what = e.what();
        if (db::IsConnectionFailure(e)) {
            log::Error("{} {}: database connection failure: {}", req.method, req.path, what);
            return Unavailable();
        }
        if (db::IsDiskFull(e)) {
            // Nothing of the request was kept; reads go on working. 507, not a bare 500, so that
            // the UI and the operator see what is wrong.
            log::Error("{} {}: the database's disk is full: {}", req.method, req.path, what);
            return ErrorResponse(507, "insufficient_storage",
                                 "the database's disk is full: nothing was saved; ask the administrator to free space",
                                 "");
        }
        if (db::IsBusy(e)) {
            log::Warn("{} {}: database busy: {}", req.method, req.path, what);
            auto r = ErrorResponse(503, "unavailable", "the database is busy; try again", "");
            r.headers.emplace_back("Retry-After", "1");
            return r;
        }
        log::Error("{} {}: database failure: {}", req.method, req.path, what);
        return ErrorResponse(500, "internal", "internal error (request " + req.request_id + ")", "");
    } catch (const std::exception& e) {
        log::Error("{} {}: unexpected failure: {}", req.method, req.path, e.what());
        return ErrorResponse(500, "internal", "internal error (request " + req.request_id + ")", "");
    }
}

}  // namespace renkei::http
