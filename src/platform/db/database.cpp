#include "platform/db/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "platform/error.hpp"
#include "platform/log/log.hpp"

namespace renkei::db {
namespace {

// SOCI hands its connect string to its own parser first, which mangles URIs; libpq parses the
// URI here and SOCI gets the keyword form.
std::string PostgresKeywords(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (!options) {
        std::string why = error ? error : "unreadable URL";
        PQfreemem(error);
        throw std::runtime_error("bad PostgreSQL URL: " + why);
    }
    std::string out;
    for (auto* o = options; o->keyword; ++o) {
        if (!o->val || !*o->val) continue;
        std::string value;
        for (const char* c = o->val; *c; ++c) {
            if (*c == '\\' || *c == '\'') value += '\\';
            value += *c;
        }
        out += std::string(o->keyword) + "='" + value + "' ";
    }
    bool has_timeout = out.find("connect_timeout=") != std::string::npos;
    PQconninfoFree(options);
    // A server that does not answer must not hold a request for minutes.
    if (!has_timeout) out += "connect_timeout='5' ";
    return out;
}

constexpr auto kOpenRetryInterval = std::chrono::seconds(1);

}  // namespace

Database::Database(const std::string& url, int pool_size) : url_(url) {
    if (url.rfind("sqlite:", 0) == 0) {
        engine_ = Engine::kSqlite;
        std::string path = url.substr(7);
        if (path.empty()) throw std::runtime_error("--db sqlite:PATH needs a path");
        auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
    } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        engine_ = Engine::kPostgres;
    } else {
        throw std::runtime_error("--db must be sqlite:PATH or a postgresql:// URL");
    }
    for (int i = 0; i < std::max(1, pool_size); ++i) free_.push_back(OpenNow());
}

Database::~Database() = default;

std::string Database::DisplayUrl() const {
    if (engine_ == Engine::kSqlite) return url_;
    // postgresql://user:secret@host/db -> postgresql://user:***@host/db
    auto scheme_end = url_.find("://") + 3;
    auto at = url_.find('@', scheme_end);
    if (at == std::string::npos) return url_;
    auto colon = url_.find(':', scheme_end);
    if (colon == std::string::npos || colon > at) return url_;
    return url_.substr(0, colon + 1) + "***" + url_.substr(at);
}

// A statement of Tx::ForEachCached: prepared once, its parameters and its row owned here so
// that the bindings stay valid between executions.
struct Database::CachedStatement {
    std::vector<std::string> params;
    soci::row row;
    soci::statement st;
    CachedStatement(soci::session& sql, const std::string& text, size_t n) : params(n), st(sql) {
        for (auto& p : params) st.exchange(soci::use(p));
        st.exchange(soci::into(row));
        st.alloc();
        st.prepare(text);
        st.define_and_bind();
    }
};

Database::Connection::~Connection() {  // statements before their session
    cache.clear();
    control_.clear();
}

void Database::Connection::Run(const std::string& text) {
    auto& st = control_[text];
    if (!st) {
        st = std::make_unique<soci::statement>(sql);
        st->alloc();
        st->prepare(text);
        st->define_and_bind();
    }
    st->execute(true);
}

std::unique_ptr<Database::Connection> Database::Open() {
    // While the server is away, fail fast: one attempt a second for the whole pool.
    std::lock_guard lock(open_mutex_);
    if (std::chrono::steady_clock::now() < next_open_attempt_)
        throw Unreachable("the database " + DisplayUrl() + " is unreachable");
    try {
        auto c = OpenNow();
        next_open_attempt_ = {};
        return c;
    } catch (const Unreachable&) {
        next_open_attempt_ = std::chrono::steady_clock::now() + kOpenRetryInterval;
        throw;
    }
}

bool Database::Usable(Connection& c) const {
    if (engine_ != Engine::kPostgres) return true;
    auto* backend = static_cast<soci::postgresql_session_backend*>(c.sql.get_backend());
    return backend && backend->conn_ && PQstatus(backend->conn_) == CONNECTION_OK;
}

std::unique_ptr<Database::Connection> Database::OpenNow() {
    auto c = std::make_unique<Connection>();
    soci::session* s = &c->sql;
    try {
        if (engine_ == Engine::kSqlite) {
            s->open(soci::sqlite3, "db=\"" + url_.substr(7) + "\" timeout=10");
            *s << "PRAGMA journal_mode=WAL";
            *s << "PRAGMA foreign_keys=ON";
            *s << "PRAGMA synchronous=FULL";
            *s << "PRAGMA busy_timeout=10000";
            // After a checkpoint the WAL file is cut back to 64 MB (without a limit it keeps the largest
            // size it ever reached: 363 MB for a 23 MB database in bench/soak, issue 20).
            *s << "PRAGMA journal_size_limit=67108864";
        } else {
            s->open(soci::postgresql, PostgresKeywords(url_));
            *s << "SET client_min_messages TO WARNING";
        }
    } catch (const soci::soci_error& e) {
        if (engine_ == Engine::kPostgres) throw Unreachable("cannot reach database " + DisplayUrl() + ": " + e.what());
        throw std::runtime_error("cannot open database " + DisplayUrl() + ": " + e.what());
    }
    return c;
}

Database::Lease Database::Acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !free_.empty(); });
    auto s = std::move(free_.back());
    free_.pop_back();
    lock.unlock();
    if (!s) {
        try {
            s = Open();
        } catch (...) {
            Release(nullptr);  // the slot stays, to be opened by a later request
            throw;
        }
    }
    return Lease(*this, std::move(s));
}

void Database::Release(std::unique_ptr<Connection> c) {
    if (c && !Usable(*c)) c.reset();  // lost: dropped; its slot is opened afresh when next taken
    {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(c));
    }
    available_.notify_one();
}

Database::Lease::~Lease() {
    if (db_) db_->Release(std::move(conn_));
}

bool Database::Lease::Usable() const { return conn_ && db_->Usable(*conn_); }

void Database::Lease::Reconnect() {
    conn_.reset();
    conn_ = db_->Open();
}

void Database::BackupTo(const std::string& path) {
    using namespace sqlite_api;
    if (engine_ != Engine::kSqlite) throw std::runtime_error("backup is for SQLite; use pg_dump for PostgreSQL");
    auto lease = Acquire();
    auto* backend = static_cast<soci::sqlite3_session_backend*>(lease->get_backend());
    sqlite3* target = nullptr;
    if (sqlite3_open(path.c_str(), &target) != SQLITE_OK) {
        std::string why = target ? sqlite3_errmsg(target) : "out of memory";
        sqlite3_close(target);
        throw std::runtime_error("cannot create " + path + ": " + why);
    }
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", backend->conn_, "main");
    if (!backup) {
        std::string why = sqlite3_errmsg(target);
        sqlite3_close(target);
        throw std::runtime_error("backup failed: " + why);
    }
    int rc;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    int final_rc = sqlite3_errcode(target);
    sqlite3_close(target);
    if (rc != SQLITE_DONE || final_rc != SQLITE_OK)
        throw std::runtime_error("backup failed with code " + std::to_string(rc));
}

Tx::Tx(Database& db, TxMode mode) : lease_(db.Acquire()), engine_(db.engine()), mode_(mode) {
    std::string begin = engine_ == Engine::kSqlite ? (mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN")
                                                   : (mode == TxMode::kWrite ? "BEGIN" : "BEGIN READ ONLY");
    try {
        lease_.connection().Run(begin);
    } catch (const soci::soci_error& e) {
        // A pooled connection whose server went away is only found out when used: a new one,
        // once (nothing has run yet, so this is always safe).
        if (lease_.Usable()) throw;
        log::Warn("database connection lost ({}); reconnecting", e.what());
        lease_.Reconnect();
        lease_.connection().Run(begin);
    }
}

Tx::~Tx() {
    if (!open_) return;
    try {
        Rollback();
    } catch (const std::exception& e) {
        log::Error("rollback failed: {}", e.what());
    }
}

void Tx::Commit() {
    try {
        lease_.connection().Run("COMMIT");
    } catch (const soci::soci_error& e) {
        open_ = false;
        if (lease_.Usable()) throw;
        // Whether the server committed before the connection broke cannot be known: not
        // Unreachable (which would run the request again), but a 503 that says so.
        log::Error("database connection lost during COMMIT: {}", e.what());
        throw Error{ErrorCode::kUnavailable, "",
                    "the connection to the database was lost while saving; reload to see whether the change was kept",
                    5};
    }
    open_ = false;
}

void Tx::Rollback() {
    open_ = false;
    if (!lease_.Usable()) return;  // the server already dropped the transaction with the connection
    lease_.connection().Run("ROLLBACK");
}

void Tx::ForEachCached(const std::string& sql, std::initializer_list<std::string> params,
                       const std::function<void(const soci::row&)>& each) {
    auto& cache = lease_.connection().cache;
    auto it = cache.find(sql);
    if (it == cache.end())
        it = cache.emplace(sql, std::make_unique<Database::CachedStatement>(*lease_, sql, params.size())).first;
    auto& c = *it->second;
    if (c.params.size() != params.size()) throw std::logic_error("ForEachCached: wrong number of parameters");
    std::copy(params.begin(), params.end(), c.params.begin());
    struct Done {  // an SQLite statement left mid-way would keep its read snapshot open
        Database::CachedStatement& c;
        Engine engine;
        ~Done() {
            if (engine == Engine::kSqlite)
                sqlite_api::sqlite3_reset(static_cast<soci::sqlite3_statement_backend*>(c.st.get_backend())->stmt_);
        }
    } done{c, engine_};
    for (bool more = c.st.execute(true); more; more = c.st.fetch()) each(c.row);
}

bool IsConnectionFailure(const soci::soci_error& e) {
    if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
        auto state = pg->sqlstate();
        // Class 08: connection exception; 57P01-57P03: the server is shutting down or starting.
        if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03") return true;
    }
    std::string what = e.what();
    for (const char* sign :
         {"server closed the connection", "no connection to the server", "could not connect to server",
          "connection to server at", "terminating connection due to administrator command",
          "could not send data to server", "could not receive data from server"})
        if (what.find(sign) != std::string::npos) return true;
    return false;
}

bool IsDiskFull(const soci::soci_error& e) {
    if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
        if (pg->sqlstate() == "53100") return true;
    }
    std::string what = e.what();
    for (const char* sign : {"database or disk is full", "No space left on device"})
        if (what.find(sign) != std::string::npos) return true;
    return false;
}

bool IsUniqueViolation(const soci::soci_error& e) {
    if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate() == "23505";
    std::string what = e.what();
    return what.find("UNIQUE constraint failed") != std::string::npos;
}

bool IsExclusionViolation(const soci::soci_error& e) {
    auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
    return pg && pg->sqlstate() == "23P01";
}

bool IsBusy(const soci::soci_error& e) {
    if (dynamic_cast<const soci::postgresql_soci_error*>(&e)) return false;
    std::string what = e.what();
    return what.find("database is locked") != std::string::npos || what.find("busy") != std::string::npos;
}

Savepoint::Savepoint(Tx& tx, std::string name) : tx_(tx), name_(std::move(name)) {
    if (name_.empty() || name_.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
        throw std::invalid_argument("savepoint name must be lower-case letters and '_': " + name_);
    tx_.sql() << "SAVEPOINT " + name_;
}

Savepoint::~Savepoint() {
    if (!open_) return;
    try {
        Rollback();
    } catch (...) {
        // The transaction itself is failing; its rollback undoes everything anyway.
    }
}

void Savepoint::Release() {
    open_ = false;
    tx_.sql() << "RELEASE SAVEPOINT " + name_;
}

void Savepoint::Rollback() {
    open_ = false;
    tx_.sql() << "ROLLBACK TO SAVEPOINT " + name_;
    tx_.sql() << "RELEASE SAVEPOINT " + name_;
}

bool IsTransientConflict(const soci::soci_error& e) {
    auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
    return pg && (pg->sqlstate() == "40P01" || pg->sqlstate() == "40001");
}

std::string LikeEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace renkei::db
