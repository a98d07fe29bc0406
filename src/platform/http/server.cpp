#include "platform/http/server.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/http/client_address.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/static_files.hpp"
#include "platform/ids.hpp"
#include "platform/log/log.hpp"

namespace renkei::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

std::string NewRequestId() {
    static const std::string prefix = NewId().substr(0, 6);
    static std::atomic<unsigned long long> counter{0};
    return fmt::format("{}-{:x}", prefix, counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

bool AcceptableRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

// The access log's path: what follows a prefix whose rest is a secret (a password reset link's
// token, in the API and in the UI's address) is left out.
std::string LoggedPath(const std::string& path) {
    for (std::string_view secret : {"/api/session/reset/", "/reset/"})
        if (path.rfind(secret, 0) == 0 && path.size() > secret.size()) return std::string(secret) + "…";
    return path;
}

}  // namespace

struct Server::Impl {
    const Config& config;
    const Router& router;
    net::io_context ioc;
    net::thread_pool db_pool;
    tcp::acceptor acceptor{ioc};
    Metrics metrics;
    StaticFiles static_files;
    TrustedProxies trusted_proxies;
    std::atomic<bool> stopping{false};

    struct Connection {
        net::any_io_executor executor;
        std::shared_ptr<beast::tcp_stream> stream;
        std::atomic<bool> busy{false};
    };
    std::mutex connections_mutex;
    std::unordered_map<unsigned long long, std::shared_ptr<Connection>> connections;
    unsigned long long next_connection = 0;

    static std::vector<std::string> RouteLabels(const Router& router) {
        std::vector<std::string> labels;
        for (const auto& r : router.routes()) labels.push_back(r->method + " " + r->pattern);
        return labels;
    }
    static int DbThreads(const Config& c) {
        if (c.db_threads > 0) return c.db_threads;
        return std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
    }

    Impl(const Config& c, const Router& r)
        : config(c),
          router(r),
          db_pool(DbThreads(c)),
          metrics(RouteLabels(r)),
          static_files(c.web_root),
          trusted_proxies(c.trusted_proxies) {}

    void Listen() {
        auto colon = config.listen.rfind(':');
        if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT, got " + config.listen);
        std::string host = config.listen.substr(0, colon);
        unsigned short port = static_cast<unsigned short>(std::stoi(config.listen.substr(colon + 1)));
        if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
        tcp::endpoint endpoint{net::ip::make_address(host), port};
        boost::system::error_code ec;
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor.bind(endpoint, ec);
        if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
        if (ec) throw std::runtime_error("cannot listen on " + config.listen + ": " + ec.message());
    }

    net::awaitable<void> Serve(std::shared_ptr<Connection> conn, unsigned long long id) {
        auto& stream = *conn->stream;
        beast::flat_buffer buffer;
        std::string client_ip;
        {
            boost::system::error_code ec;
            auto remote = stream.socket().remote_endpoint(ec);
            if (!ec) client_ip = remote.address().to_string();
        }
        for (;;) {
            if (stopping) break;
            // Idle phase: wait for the first byte of the next request.
            if (buffer.size() == 0) {
                stream.expires_after(std::chrono::seconds(config.idle_timeout_seconds));
                auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), net::as_tuple(net::use_awaitable));
                if (ec) break;
                buffer.commit(n);
            }
            conn->busy = true;
            // The whole request must then arrive within the read timeout (no slow trickling).
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
            parser.body_limit(config.body_limit);
            stream.expires_after(std::chrono::seconds(config.read_timeout_seconds));
            auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, net::as_tuple(net::use_awaitable));
            auto started = std::chrono::steady_clock::now();
            if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
                auto r = ErrorResponse(
                    413, "payload_too_large",
                    ec == bhttp::error::body_limit ? "request body too large" : "request headers too large", "");
                co_await WriteResponse(stream, r, nullptr, NewRequestId(), false, 11);
                break;
            }
            if (ec) {
                if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
                    ec != net::error::operation_aborted && ec != net::error::connection_reset &&
                    ec != net::error::eof) {
                    auto r = ErrorResponse(400, "bad_request", "malformed HTTP request", "");
                    co_await WriteResponse(stream, r, nullptr, NewRequestId(), false, 11);
                }
                break;
            }
            auto& raw = parser.get();
            Request req;
            req.raw = &raw;
            req.method = std::string(raw.method_string());
            std::string_view target = raw.target();
            auto qmark = target.find('?');
            req.path = PercentDecode(target.substr(0, qmark), false);
            if (qmark != std::string_view::npos) req.query = std::string(target.substr(qmark + 1));
            auto incoming_id = raw["X-Request-Id"];
            req.request_id = AcceptableRequestId(incoming_id) ? std::string(incoming_id) : NewRequestId();
            req.client_ip = ClientAddress(client_ip, raw["X-Forwarded-For"], trusted_proxies);
            bool keep_alive = raw.keep_alive() && !stopping;

            Response response;
            int slot;
            if (req.path == "/healthz" && (req.method == "GET" || req.method == "HEAD")) {
                slot = metrics.UnmatchedSlot();
                response = Response::Text(200, "ok\n");
            } else if (req.path == "/readyz" && (req.method == "GET" || req.method == "HEAD")) {
                slot = metrics.UnmatchedSlot();
                response = co_await net::co_spawn(
                    db_pool.get_executor(), [&]() -> net::awaitable<Response> { co_return router.Ready(); },
                    net::use_awaitable);
            } else if (req.path == "/metrics" && (req.method == "GET" || req.method == "HEAD")) {
                slot = metrics.UnmatchedSlot();
                response = Response::Text(200, metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
            } else {
                auto match = router.Find(req.method, req.path, req.params);
                slot = match.route ? match.route->index : metrics.UnmatchedSlot();
                bool static_file = !match.route && match.allowed.empty() && req.path.rfind("/api", 0) != 0;
                if (static_file) slot = metrics.StaticSlot();
                if (static_file) {
                    log::RequestScope scope(req.request_id);
                    response = static_files.Serve(req);
                } else {
                    // Database work runs on its own pool, so a slow query never stalls the I/O threads.
                    response = co_await net::co_spawn(
                        db_pool.get_executor(),
                        [&]() -> net::awaitable<Response> {
                            log::RequestScope scope(req.request_id);
                            co_return router.Dispatch(req, match);
                        },
                        net::use_awaitable);
                }
            }
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            metrics.Record(slot, response.status, seconds);
            if (config.access_log) {
                log::RequestScope scope(req.request_id);
                log::Info("{} {} {} {}B {:.2f}ms ip={}", req.method, LoggedPath(req.path), response.status,
                          response.body.size(), seconds * 1000, req.client_ip);
            }
            bool ok = co_await WriteResponse(stream, response, &raw, req.request_id, keep_alive, raw.version());
            conn->busy = false;
            if (!ok || !keep_alive) break;
        }
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.close();
        Forget(id);
    }

    net::awaitable<bool> WriteResponse(beast::tcp_stream& stream, const Response& r,
                                       const bhttp::request<bhttp::string_body>* req, const std::string& request_id,
                                       bool keep_alive, unsigned version) {
        bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
        res.set(bhttp::field::server, "renkei");
        if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
        res.set("X-Request-Id", request_id);
        if (r.content_type == "application/json") res.set(bhttp::field::cache_control, "no-store");
        // Never sniffed into another type, never framed, no full URLs leaked to other sites.
        res.set("X-Content-Type-Options", "nosniff");
        res.set("Referrer-Policy", "same-origin");
        for (const auto& [k, v] : r.headers) res.insert(k, v);
        res.keep_alive(keep_alive);
        bool head = req && req->method() == bhttp::verb::head;
        if (!head) res.body() = r.body;
        res.prepare_payload();
        if (head) res.content_length(r.body.size());
        stream.expires_after(std::chrono::seconds(config.read_timeout_seconds));
        if (head) {
            bhttp::response_serializer<bhttp::string_body> sr{res};
            auto [ec, n] = co_await bhttp::async_write_header(stream, sr, net::as_tuple(net::use_awaitable));
            co_return !ec;
        }
        auto [ec, n] = co_await bhttp::async_write(stream, res, net::as_tuple(net::use_awaitable));
        co_return !ec;
    }

    void Forget(unsigned long long id) {
        std::lock_guard lock(connections_mutex);
        connections.erase(id);
    }

    net::awaitable<void> Accept() {
        for (;;) {
            auto strand = net::make_strand(ioc);
            auto [ec, socket] = co_await acceptor.async_accept(strand, net::as_tuple(net::use_awaitable));
            if (ec) {
                if (stopping || ec == net::error::operation_aborted) co_return;
                log::Warn("accept failed: {}", ec.message());
                continue;
            }
            socket.set_option(tcp::no_delay(true));
            auto conn = std::make_shared<Connection>();
            conn->executor = strand;
            conn->stream = std::make_shared<beast::tcp_stream>(std::move(socket));
            unsigned long long id;
            {
                std::lock_guard lock(connections_mutex);
                id = next_connection++;
                connections[id] = conn;
            }
            net::co_spawn(strand, Serve(conn, id), [](const std::exception_ptr& e) {
                if (!e) return;
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    log::Error("connection failed: {}", ex.what());
                }
            });
        }
    }

    void BeginStop() {
        if (stopping.exchange(true)) return;
        log::Info("stopping: finishing in-flight requests");
        boost::system::error_code ignored;
        acceptor.close(ignored);
        std::vector<std::shared_ptr<Connection>> idle;
        {
            std::lock_guard lock(connections_mutex);
            for (auto& [id, c] : connections)
                if (!c->busy) idle.push_back(c);
        }
        for (auto& c : idle)
            net::post(c->executor, [c] {
                if (!c->busy) c->stream->socket().cancel();
            });
        WaitForDrain(std::chrono::steady_clock::now() + std::chrono::seconds(30));
    }

    void WaitForDrain(std::chrono::steady_clock::time_point deadline) {
        auto timer = std::make_shared<net::steady_timer>(ioc, std::chrono::milliseconds(20));
        timer->async_wait([this, timer, deadline](boost::system::error_code) {
            size_t open;
            {
                std::lock_guard lock(connections_mutex);
                open = connections.size();
                for (auto& entry : connections)
                    if (auto c = entry.second; !c->busy) net::post(c->executor, [c] { c->stream->socket().cancel(); });
            }
            if (open == 0 || std::chrono::steady_clock::now() > deadline) {
                ioc.stop();
                return;
            }
            WaitForDrain(deadline);
        });
    }
};

Server::Server(const Config& config, const Router& router) : impl_(std::make_unique<Impl>(config, router)) {}
Server::~Server() = default;

void Server::Listen() { impl_->Listen(); }
unsigned short Server::Port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run() {
    auto& impl = *impl_;
    net::signal_set signals(impl.ioc, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code ec, int) {
        if (!ec) impl.BeginStop();
    });
    net::co_spawn(impl.ioc, impl.Accept(), net::detached);
    int threads = impl.config.threads > 0 ? impl.config.threads : static_cast<int>(std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&] { impl.ioc.run(); });
    impl.ioc.run();
    for (auto& t : pool) t.join();
    impl.db_pool.join();
    log::Info("stopped");
}

}  // namespace renkei::http
