// The router: matches METHOD + path pattern ("/api/people/{id}"), opens the request's one
// transaction, authenticates, runs the handler, and turns any thrown error into the one JSON
// error shape. This file and errors in platform/error.cpp are the only places that choose
// an HTTP status for an error.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/http/message.hpp"
#include "platform/time.hpp"

namespace renkei::http {

enum class Access { kPublic, kSignedIn };
// kAuto: GET/HEAD read, other methods write. kNone: the handler manages its own transactions
// (or needs none); such routes run on the I/O threads when they never touch the database.
enum class TxKind { kAuto, kNone };

// Resolves the session of a request within its transaction; throws kUnauthenticated, or
// kForbidden for a state-changing request without the right CSRF token.
using Authenticator = std::function<auth::Principal(Request&, db::Tx&, Seconds now)>;

struct Call {
    Request& req;
    db::Tx* transaction = nullptr;  // none for a TxKind::kNone route
    db::Database* db = nullptr;
    const Authenticator* authenticator = nullptr;
    // The request's one clock reading: services and stores take it instead of reading the clock.
    Seconds now = Now();
    db::Tx& tx() { return *transaction; }
    const auth::Principal& me() const { return *req.principal; }
    // For a TxKind::kNone route that opens its own transaction: who is calling, checked in it.
    const auth::Principal& Authenticate(db::Tx& tx) {
        req.principal = (*authenticator)(req, tx, now);
        return *req.principal;
    }
};

using Handler = std::function<Response(Call&)>;

struct RouteOptions {
    TxKind tx = TxKind::kAuto;
};

struct Route {
    std::string method;
    std::string pattern;
    Access access;
    RouteOptions options;
    Handler handler;
    std::vector<std::string> segments;  // pattern split on '/'
    int index = 0;                      // for metrics
};

class Router {
  public:
    void Add(std::string method, std::string pattern, Access access, Handler handler, RouteOptions options = {});
    void SetAuthenticator(Authenticator a) { authenticator_ = std::move(a); }
    void SetDatabase(db::Database* db) { db_ = db; }

    struct Match {
        const Route* route = nullptr;      // null: 404 or 405
        std::vector<std::string> allowed;  // methods allowed for the path when the method did not match
    };
    Match Find(const std::string& method, const std::string& path, std::map<std::string, std::string>& params) const;
    // Runs the request end to end; never throws.
    Response Dispatch(Request& req, const Match& match) const;
    // Readiness: 200 when a transaction on the database succeeds, 503 otherwise.
    Response Ready() const;
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

  private:
    static constexpr int kTransientAttempts = 3;
    // One try: the route's transaction, the caller, the handler, the commit.
    Response RunRoute(Request& req, const Route& route) const;

    std::vector<std::unique_ptr<Route>> routes_;
    Authenticator authenticator_;
    db::Database* db_ = nullptr;
};

// The one error body: {"error": {code, message, field}} plus an Error's details beside it.
Response ErrorResponse(int status, const char* code, const std::string& message, const std::string& field,
                       const boost::json::object& details = {});
// 503 unavailable with Retry-After, while the database is away.
Response Unavailable();

}  // namespace renkei::http
