// The API test harness: starts a real `renkei serve` on a free port against a fresh
// database (SQLite file, or a new PostgreSQL database when RENKEI_TEST_ENGINE=postgresql),
// and speaks HTTP to it like a browser would (cookie jar, CSRF header).
#pragma once
#include <gtest/gtest.h>
#include <sys/types.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

namespace renkei::testing {

namespace json = boost::json;

struct HttpResponse {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie values joined by '\n'
    json::value json() const;
    std::string ErrorCode() const;   // error.code or ""
    std::string ErrorField() const;  // error.field or ""
};

// A database for one test: created on construction, dropped (PostgreSQL) or deleted (SQLite) after.
class TestDatabase {
  public:
    TestDatabase();
    ~TestDatabase();
    const std::string& url() const { return url_; }
    bool is_postgres() const { return postgres_; }

  private:
    std::string url_, name_, dir_;
    bool postgres_ = false;
};

// Runs the renkei binary with arguments (and optional stdin); returns exit code and output.
struct CommandResult {
    int exit_code;
    std::string output;
};
CommandResult RunRenkei(const std::vector<std::string>& args, const std::string& stdin_text = "");

class ServerProcess {
  public:
    // Migrates `db` and starts serving it; extra environment entries (e.g. RENKEI_READ_TIMEOUT_SECONDS=1).
    explicit ServerProcess(const TestDatabase& db, std::vector<std::string> env = {}, std::string web_root = "");
    ~ServerProcess();
    void Start();
    void Kill(int signal);  // sends the signal and waits for the process to end
    int WaitForExit();      // exit status (or 128+signal)
    unsigned short port() const { return port_; }
    bool running() const { return pid_ > 0; }

  private:
    const TestDatabase& db_;
    std::vector<std::string> env_;
    std::string web_root_, log_path_;
    unsigned short port_ = 0;
    pid_t pid_ = -1;
};

class Client {
  public:
    explicit Client(unsigned short port) : port_(port) {}
    HttpResponse Request(const std::string& method, const std::string& target, const std::string& body = "",
                         std::map<std::string, std::string> headers = {});
    HttpResponse Get(const std::string& target) { return Request("GET", target); }
    HttpResponse Post(const std::string& target, const json::value& body) {
        return Request("POST", target, json::serialize(body));
    }
    HttpResponse Patch(const std::string& target, const json::value& body) {
        return Request("PATCH", target, json::serialize(body));
    }
    HttpResponse Put(const std::string& target, const json::value& body) {
        return Request("PUT", target, json::serialize(body));
    }
    HttpResponse Delete(const std::string& target) { return Request("DELETE", target); }
    // Logs in; asserts success. Remembers the cookie and the CSRF token.
    json::value Login(const std::string& email, const std::string& password);
    void ForgetCsrf() { csrf_.clear(); }
    const std::string& csrf() const { return csrf_; }
    const std::string& cookie() const { return cookie_; }

  private:
    unsigned short port_;
    std::string cookie_, csrf_;
};

// Sends raw bytes on a new connection and returns everything read until the server closes
// (or `timeout_ms` passes). For malformed and oversized requests.
std::string RawExchange(unsigned short port, const std::string& bytes, int timeout_ms = 5000);

// The text of an .xlsx download: its shared strings (xl/sharedStrings.xml, where a workbook keeps
// every text cell), read with unzip; "" when `xlsx` is not a zip holding them.
std::string XlsxStrings(const std::string& xlsx);
// One entry of a zip archive (a .docx's word/document.xml), read with unzip; "" when absent.
std::string ZipEntry(const std::string& zip, const std::string& entry);

// Tokyo's day `days_ahead` from today, YYYY-MM-DD (the API's dates are Asia/Tokyo days).
std::string TokyoDay(int days_ahead);

// A test fixture with a fresh database, a running server, and an admin account.
class ApiTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;
    // Creates a person through the CLI-created admin and returns its id.
    std::string CreatePerson(Client& admin, const std::string& email, const std::vector<std::string>& roles,
                             const std::string& password = "password-123");
    // Creates an organisation of `kind` named `name` (both languages) through the admin, under
    // `parent` when given, and returns its id.
    std::string Org(const std::string& name, const std::string& kind, const std::string& parent = "");
    // Creates a person with `roles` through the admin, in organisation `org` unless it is empty.
    std::string Person(const std::string& email, const std::vector<std::string>& roles, const std::string& org);
    // A new client signed in as `email` with the password CreatePerson gives by default.
    std::unique_ptr<Client> Login(const std::string& email);
    std::unique_ptr<TestDatabase> db;
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<Client> admin;
    static constexpr const char* kAdminEmail = "root@test.example";
    static constexpr const char* kAdminPassword = "admin-password-1";
};

}  // namespace renkei::testing
