#include "tests/api/harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "platform/db/database.hpp"

extern char** environ;

namespace renkei::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// Every renkei this binary starts (servers, `renkei user add`, `renkei demo`) inherits this: a
// build with RENKEI_TEST_KNOBS then stores argon2id hashes at libsodium's minimum cost, so a
// test that signs in eight people does not spend seconds hashing (docs/developing.md).
const bool kCheapPasswordHashes = [] { return setenv("RENKEI_TEST_CHEAP_PASSWORD_HASHES", "1", 0) == 0; }();

std::string RandomSuffix() {
    static std::mt19937_64 rng{std::random_device{}()};
    static const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s;
    for (int i = 0; i < 10; ++i) s += alphabet[rng() % 36];
    return s;
}

std::string Engine() {
    const char* e = std::getenv("RENKEI_TEST_ENGINE");
    return e ? e : "sqlite";
}

std::string PgAdminUrl() {
    const char* url = std::getenv("RENKEI_TEST_PG_URL");
    if (!url || !*url)
        throw std::runtime_error("RENKEI_TEST_PG_URL is not set: run the tests with ./test, which starts PostgreSQL");
    return url;
}

std::string ReplaceDatabase(const std::string& url, const std::string& name) {
    auto slash = url.rfind('/');
    auto query = url.find('?', slash);
    return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

json::value HttpResponse::json() const {
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec) ADD_FAILURE() << "response is not JSON: " << body;
    return v;
}

std::string HttpResponse::ErrorCode() const {
    auto v = json();
    if (!v.is_object() || !v.as_object().contains("error")) return "";
    return std::string(v.at("error").at("code").as_string());
}

std::string HttpResponse::ErrorField() const {
    auto v = json();
    if (!v.is_object() || !v.as_object().contains("error")) return "";
    const auto& f = v.at("error").at("field");
    return f.is_string() ? std::string(f.as_string()) : "";
}

TestDatabase::TestDatabase() {
    if (Engine() == "postgresql") {
        postgres_ = true;
        name_ = "renkei_t_" + RandomSuffix();
        db::Database admin(PgAdminUrl(), 1);
        auto lease = admin.Acquire();
        *lease << "CREATE DATABASE " + name_;
        url_ = ReplaceDatabase(PgAdminUrl(), name_);
    } else {
        dir_ = (std::filesystem::temp_directory_path() / ("renkei-api-" + RandomSuffix())).string();
        std::filesystem::create_directories(dir_);
        url_ = "sqlite:" + dir_ + "/test.db";
    }
}

TestDatabase::~TestDatabase() {
    try {
        if (postgres_) {
            db::Database admin(PgAdminUrl(), 1);
            auto lease = admin.Acquire();
            *lease << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
        } else {
            std::filesystem::remove_all(dir_);
        }
    } catch (const std::exception& e) {
        fprintf(stderr, "could not drop test database: %s\n", e.what());
    }
}

CommandResult RunRenkei(const std::vector<std::string>& args, const std::string& stdin_text) {
    int in_pipe[2], out_pipe[2];
    if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(out_pipe[1], 2);
        close(in_pipe[1]);
        close(out_pipe[0]);
        std::vector<char*> argv{const_cast<char*>(RENKEI_BIN_PATH)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(RENKEI_BIN_PATH, argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    if (!stdin_text.empty()) {
        auto ignored = write(in_pipe[1], stdin_text.data(), stdin_text.size());
        (void)ignored;
    }
    close(in_pipe[1]);
    std::string output;
    char buf[4096];
    ssize_t n;
    while ((n = read(out_pipe[0], buf, sizeof buf)) > 0) output.append(buf, n);
    close(out_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), output};
}

ServerProcess::ServerProcess(const TestDatabase& db, std::vector<std::string> env, std::string web_root)
    : db_(db), env_(std::move(env)), web_root_(std::move(web_root)) {
    auto migrated = RunRenkei({"migrate", "--db", db_.url()});
    if (migrated.exit_code != 0) throw std::runtime_error("migrate failed: " + migrated.output);
    log_path_ = (std::filesystem::temp_directory_path() / ("renkei-server-" + RandomSuffix() + ".log")).string();
    Start();
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) Kill(SIGTERM);
    if (::testing::Test::HasFailure()) {
        std::ifstream in(log_path_);
        std::string line, tail;
        while (std::getline(in, line)) tail += line + "\n";
        if (tail.size() > 4000) tail = tail.substr(tail.size() - 4000);
        fprintf(stderr, "---- server log ----\n%s--------------------\n", tail.c_str());
    }
    std::filesystem::remove(log_path_);
}

void ServerProcess::Start() {
    int out_pipe[2];
    if (pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
    std::string listen = "127.0.0.1:" + std::to_string(port_);  // port 0 the first time: the kernel picks
    std::string web_root = web_root_.empty() ? "/nonexistent-web-root" : web_root_;
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out_pipe[1], 1);
        int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(log, 2);
        close(out_pipe[0]);
        for (const auto& e : env_) putenv(const_cast<char*>(e.c_str()));
        std::vector<std::string> args = {RENKEI_BIN_PATH, "serve",      "--db",   db_.url(),   "--listen",
                                         listen,          "--web-root", web_root, "--threads", "2"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(RENKEI_BIN_PATH, argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    // The server prints "Renkei is listening on http://127.0.0.1:PORT/" once it accepts connections.
    std::string seen;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (seen.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        pollfd p{out_pipe[0], POLLIN, 0};
        if (poll(&p, 1, 200) <= 0) continue;
        char buf[256];
        ssize_t n = read(out_pipe[0], buf, sizeof buf);
        if (n <= 0) break;
        seen.append(buf, n);
    }
    close(out_pipe[0]);
    auto colon = seen.rfind(':');
    if (seen.find("listening") == std::string::npos || colon == std::string::npos)
        throw std::runtime_error("renkei serve did not start: " + seen);
    port_ = static_cast<unsigned short>(std::stoi(seen.substr(colon + 1)));
}

void ServerProcess::Kill(int signal) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    WaitForExit();
}

int ServerProcess::WaitForExit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

HttpResponse Client::Request(const std::string& method, const std::string& target, const std::string& body,
                             std::map<std::string, std::string> headers) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty()) {
        req.set(bhttp::field::content_type, "application/json");
        req.body() = body;
    }
    if (!cookie_.empty()) req.set(bhttp::field::cookie, cookie_);
    if (!csrf_.empty() && method != "GET") req.set("X-CSRF-Token", csrf_);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    if (method == "HEAD") parser.skip(true);
    bhttp::read(stream, buffer, parser);
    auto& res = parser.get();
    HttpResponse out;
    out.status = res.result_int();
    out.body = res.body();
    for (const auto& field : res) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), ::tolower);
        auto& slot = out.headers[name];
        slot += (slot.empty() ? "" : "\n") + std::string(field.value());
    }
    // Remember the session cookie like a browser.
    auto set_cookie = out.headers.find("set-cookie");
    if (set_cookie != out.headers.end() && set_cookie->second.rfind("renkei_session=", 0) == 0) {
        auto value = set_cookie->second.substr(0, set_cookie->second.find(';'));
        cookie_ = value == "renkei_session=" ? "" : value;
    }
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
}

json::value Client::Login(const std::string& email, const std::string& password) {
    auto r = Post("/api/session", json::object{{"email", email}, {"password", password}});
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return nullptr;
    auto v = r.json();
    csrf_ = std::string(v.at("csrf_token").as_string());
    return v.at("me");
}

std::string TokyoDay(int days_ahead) {
    using namespace std::chrono;
    year_month_day d{floor<days>(system_clock::now() + hours{9}) + days{days_ahead}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

std::string ZipEntry(const std::string& zip, const std::string& entry) {
    char name[] = "/tmp/renkei-test-zip-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) return "";
    close(fd);
    std::ofstream(name, std::ios::binary) << zip;
    std::string out;
    if (FILE* p = popen(("unzip -p " + std::string(name) + " '" + entry + "' 2>/dev/null").c_str(), "r")) {
        char buf[4096];
        for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        pclose(p);
    }
    std::filesystem::remove(name);
    return out;
}

std::string XlsxStrings(const std::string& xlsx) { return ZipEntry(xlsx, "xl/sharedStrings.xml"); }

std::string RawExchange(unsigned short port, const std::string& bytes, int timeout_ms) {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    boost::system::error_code ec;
    net::write(socket, net::buffer(bytes), ec);
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int fd = socket.native_handle();
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0) continue;
        char buf[4096];
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, n);
    }
    return out;
}

void ApiTest::SetUp() {
    db = std::make_unique<TestDatabase>();
    auto migrated = RunRenkei({"migrate", "--db", db->url()});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.output;
    auto added = RunRenkei({"user", "add", "--db", db->url(), "--email", kAdminEmail, "--name", "管理 太郎", "--role",
                            "admin", "--password-stdin"},
                           std::string(kAdminPassword) + "\n");
    ASSERT_EQ(added.exit_code, 0) << added.output;
    server = std::make_unique<ServerProcess>(*db);
    admin = std::make_unique<Client>(server->port());
    admin->Login(kAdminEmail, kAdminPassword);
}

void ApiTest::TearDown() {
    server.reset();
    db.reset();
}

std::string ApiTest::Org(const std::string& name, const std::string& kind, const std::string& parent) {
    json::object body{{"name_ja", name}, {"name_en", name}, {"kind", kind}};
    if (!parent.empty()) body["parent_id"] = parent;
    auto r = admin->Post("/api/organisations", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.json().at("id").as_string()) : "";
}

std::string ApiTest::Person(const std::string& email, const std::vector<std::string>& roles, const std::string& org) {
    auto id = CreatePerson(*admin, email, roles);
    if (!org.empty()) EXPECT_EQ(admin->Patch("/api/people/" + id, json::object{{"organisation_id", org}}).status, 200);
    return id;
}

std::unique_ptr<Client> ApiTest::Login(const std::string& email) {
    auto c = std::make_unique<Client>(server->port());
    c->Login(email, "password-123");
    return c;
}

std::string ApiTest::CreatePerson(Client& by, const std::string& email, const std::vector<std::string>& roles,
                                  const std::string& password) {
    json::array role_list;
    for (const auto& r : roles) role_list.push_back(json::string(r));
    auto r = by.Post("/api/people", json::object{{"email", email},
                                                 {"name_ja", "試験 " + email.substr(0, email.find('@'))},
                                                 {"name_kana", "シケン"},
                                                 {"name_en", "Test Person"},
                                                 {"roles", role_list},
                                                 {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.json().at("id").as_string()) : "";
}

}  // namespace renkei::testing
