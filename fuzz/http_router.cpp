// Fuzz target: a raw HTTP request as it arrives on the socket. Boost.Beast's request_parser with
// the server's header and body limits (src/platform/http/server.cpp), then what the server does
// with a parsed request: the target split at '?', the path percent-decoded, Router::Find on every
// route of docs/openapi.yaml, Router::Dispatch (handlers that need no database), query parameters,
// cookies, and the client's address from X-Forwarded-For behind trusted proxies.
//
// Checked beyond "no crash, no UB": a matched route is the request's method (or GET for HEAD) and
// its pattern with the parameters put back gives the path; parameters are non-empty and hold no
// '/'; a 405 lists only other methods of routes the path matches; percent-decoding never grows
// the text; a query parameter found comes from one of the query's pairs; a cookie value holds no ';';
// the client address is the untrusted peer itself, or else the peer or one of the header's hops.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "platform/config/config.hpp"
#include "platform/error.hpp"
#include "platform/http/client_address.hpp"
#include "platform/http/router.hpp"

namespace bhttp = boost::beast::http;
using namespace renkei;
using namespace renkei::http;

namespace {

struct RouteSpec {
    const char* method;
    const char* pattern;
};
const RouteSpec kRoutes[] = {
#include "openapi_routes.inc"
    // Shapes the API does not have (yet): six parameters in a row, and a route registered twice
    // with another method (the first match of the path decides, the others feed 405's Allow).
    {"GET", "/{a}/{b}/{c}/{d}/{e}/{f}"},
    {"POST", "/api/projects/{id}/documents/{document_id}/content"},
};

// The pattern with its {name} segments replaced by the parameters.
std::string Substitute(const std::string& pattern, const std::map<std::string, std::string>& params) {
    std::string out;
    size_t start = 1;
    while (start <= pattern.size()) {
        size_t end = pattern.find('/', start);
        if (end == std::string::npos) end = pattern.size();
        std::string seg = pattern.substr(start, end - start);
        out += '/';
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
            auto it = params.find(seg.substr(1, seg.size() - 2));
            FUZZ_CHECK(it != params.end());
            out += it->second;
        } else {
            out += seg;
        }
        start = end + 1;
    }
    return out;
}

Router& TheRouter() {
    static Router* router = [] {
        auto* r = new Router();
        for (const auto& spec : kRoutes) {
            std::string pattern = spec.pattern;
            // Every handler echoes its parameters: no database, no session (Access::kPublic, TxKind::kNone).
            r->Add(
                spec.method, pattern, Access::kPublic,
                [pattern](Call& call) {
                    boost::json::object o{{"pattern", pattern}};
                    for (const auto& [k, v] : call.req.params) o[k] = v;
                    return Response::Json(200, o);
                },
                RouteOptions{TxKind::kNone});
        }
        return r;
    }();
    return *router;
}

// The query string's keys, percent-decoded, plus the ones the API reads.
std::vector<std::string> QueryKeys(std::string_view q) {
    std::vector<std::string> keys = {"q",        "status",      "entity",  "entity_id", "from",
                                     "to",       "limit",       "version", "filename",  "mine",
                                     "space_id", "fiscal_year", "token",   "lang",      ""};
    while (!q.empty()) {
        auto amp = q.find('&');
        auto pair = q.substr(0, amp);
        keys.push_back(PercentDecode(pair.substr(0, pair.find('=')), true));
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
        if (keys.size() > 64) break;
    }
    return keys;
}

// True if some "k=v" pair of the query decodes to key `key` and value `value`.
bool QueryHasPair(std::string_view q, const std::string& key, const std::string& value) {
    while (true) {
        auto amp = q.find('&');
        auto pair = q.substr(0, amp);
        auto eq = pair.find('=');
        if (PercentDecode(pair.substr(0, eq), true) == key &&
            (eq == std::string_view::npos ? value.empty() : PercentDecode(pair.substr(eq + 1), true) == value))
            return true;
        if (amp == std::string_view::npos) return false;
        q.remove_prefix(amp + 1);
    }
}

void CheckPercentDecode(std::string_view s) {
    for (bool plus : {false, true}) {
        std::string d = PercentDecode(s, plus);
        FUZZ_CHECK(d.size() <= s.size());
        if (s.find('%') == std::string_view::npos && (!plus || s.find('+') == std::string_view::npos))
            FUZZ_CHECK(d == s);
    }
}

// ClientAddress behind trusted proxies: an untrusted peer is the client whatever the header says;
// otherwise the client is the peer or one of the header's hops, and always an address.
void CheckClientAddress(const RawRequest& raw) {
    namespace ip = boost::asio::ip;
    static const TrustedProxies trusted("127.0.0.1, 10.0.0.0/8 ::1,fd00::/8");
    std::string_view forwarded_for = raw["X-Forwarded-For"];
    auto plain = [](const ip::address& a) {
        return a.is_v6() && a.to_v6().is_v4_mapped() ? ip::address(ip::make_address_v4(ip::v4_mapped, a.to_v6())) : a;
    };
    for (const std::string peer : {"127.0.0.1", "::ffff:10.1.2.3", "fd12::1", "203.0.113.9", "not-an-address"}) {
        std::string client = ClientAddress(peer, forwarded_for, trusted);
        if (peer == "203.0.113.9" || peer == "not-an-address") {
            FUZZ_CHECK(client == peer);
            continue;
        }
        boost::system::error_code ec;
        auto address = ip::make_address(client, ec);
        FUZZ_CHECK(!ec);
        bool from_header = false;
        std::string_view rest = forwarded_for;
        while (!from_header) {
            auto comma = rest.find(',');
            std::string hop(rest.substr(0, comma));
            hop.erase(0, hop.find_first_not_of(" \t"));
            hop.erase(hop.find_last_not_of(" \t") + 1);
            auto a = ip::make_address(hop, ec);
            from_header = !ec && plain(a) == address;
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
        FUZZ_CHECK(from_header || address == plain(ip::make_address(peer)));
    }
}

void Handle(const RawRequest& raw) {
    const Router& router = TheRouter();
    Request req;
    req.raw = &raw;
    req.method = std::string(raw.method_string());
    std::string_view target = raw.target();
    auto qmark = target.find('?');
    req.path = PercentDecode(target.substr(0, qmark), false);
    if (qmark != std::string_view::npos) req.query = std::string(target.substr(qmark + 1));
    req.request_id = "fuzz";
    CheckPercentDecode(target);

    auto match = router.Find(req.method, req.path, req.params);
    if (match.route) {
        FUZZ_CHECK(match.route->method == req.method || (req.method == "HEAD" && match.route->method == "GET"));
        FUZZ_CHECK(Substitute(match.route->pattern, req.params) == req.path);
        for (const auto& [k, v] : req.params) FUZZ_CHECK(!v.empty() && v.find('/') == std::string::npos);
    } else {
        for (const auto& m : match.allowed) FUZZ_CHECK(m != req.method && !(req.method == "HEAD" && m == "GET"));
    }
    Response response = router.Dispatch(req, match);
    if (match.route)
        FUZZ_CHECK(response.status == 200);
    else if (!match.allowed.empty())
        FUZZ_CHECK(response.status == 405);
    else
        FUZZ_CHECK(response.status == 404);

    for (const auto& key : QueryKeys(req.query)) {
        try {
            auto value = req.Query(key);
            if (value) FUZZ_CHECK(QueryHasPair(req.query, key, *value));
        } catch (const Error& e) {
            // A value that is not clean UTF-8 text is refused with 422 naming the parameter.
            FUZZ_CHECK(e.code() == ErrorCode::kInvalid && e.field() == key);
        }
    }
    for (const char* name : {"renkei_session", "renkei_csrf", "", "a"}) {
        auto cookie = req.Cookie(name);
        if (cookie) FUZZ_CHECK(cookie->find(';') == std::string::npos);
    }
    CheckClientAddress(raw);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Config defaults;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(defaults.header_limit));
    parser.body_limit(defaults.body_limit);
    parser.eager(true);
    boost::system::error_code ec;
    size_t used = 0;
    // As beast::http::read does: put() what has arrived until the message is done.
    while (!parser.is_done() && used < size) {
        size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
        if (ec == bhttp::error::need_more) {
            ec = {};
            break;
        }
        if (ec) return 0;
        if (n == 0) break;
        used += n;
    }
    if (!parser.is_done()) {
        // The client closed the connection: only a body that runs to the end may complete.
        if (!parser.is_header_done()) return 0;
        parser.put_eof(ec);
        if (ec || !parser.is_done()) return 0;
    }
    Handle(parser.get());
    return 0;
}
