// The database: a pool of SOCI sessions on SQLite (WAL, foreign keys, busy timeout) or
// PostgreSQL, and the RAII transaction that every request runs in.
#pragma once
#include <soci/soci.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace renkei::db {

enum class Engine { kSqlite, kPostgres };

// The database server cannot be reached: connecting failed, or the connection was lost before
// the transaction committed (so nothing of it was kept). The request may be tried again; the
// router answers 503 with Retry-After.
class Unreachable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Database {
  public:
    // `url` is "sqlite:PATH" or "postgresql://...". Opens `pool_size` connections.
    // Throws Unreachable when the server cannot be reached, std::runtime_error with a readable
    // reason for anything else (a bad URL, a file that cannot be created).
    //
    // The pool heals itself: a connection found broken (PostgreSQL restarted, the backend
    // terminated) is dropped when it comes back to the pool and a new one is opened when its slot
    // is next taken. While the server is away, taking a slot fails fast with Unreachable (one
    // connection attempt per second at most).
    Database(const std::string& url, int pool_size);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    Engine engine() const { return engine_; }
    // The URL without any password, safe to log.
    std::string DisplayUrl() const;

    struct CachedStatement;
    // A pooled connection and the statements prepared on it once and kept (see Tx::ForEachCached).
    struct Connection {
        soci::session sql;
        std::unordered_map<std::string, std::unique_ptr<CachedStatement>> cache;
        ~Connection();
        void Run(const std::string& text);  // BEGIN, COMMIT, ROLLBACK: prepared once, kept
      private:
        std::unordered_map<std::string, std::unique_ptr<soci::statement>> control_;
    };

    // A connection taken from the pool for the lifetime of the lease (blocks when none is free).
    // Throws Unreachable when its slot needed a new connection and none could be opened.
    class Lease {
      public:
        Lease(Database& db, std::unique_ptr<Connection> c) : db_(&db), conn_(std::move(c)) {}
        Lease(Lease&& other) noexcept : db_(std::exchange(other.db_, nullptr)), conn_(std::move(other.conn_)) {}
        ~Lease();
        soci::session& operator*() { return conn_->sql; }
        soci::session* operator->() { return &conn_->sql; }
        Connection& connection() { return *conn_; }
        // False once the connection to the server is lost (PostgreSQL; SQLite never loses it).
        bool Usable() const;
        // Replaces a lost connection with a new one; throws Unreachable.
        void Reconnect();

      private:
        Database* db_;
        std::unique_ptr<Connection> conn_;
    };
    Lease Acquire();

    // Online copy of an SQLite database to `path` (sqlite3 backup API). Throws for PostgreSQL.
    void BackupTo(const std::string& path);

  private:
    friend class Lease;
    std::unique_ptr<Connection> Open();  // throws Unreachable
    std::unique_ptr<Connection> OpenNow();
    void Release(std::unique_ptr<Connection> c);
    bool Usable(Connection& c) const;

    Engine engine_;
    std::string url_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> free_;  // a null slot is opened when taken
    std::mutex open_mutex_;
    std::chrono::steady_clock::time_point next_open_attempt_{};
};

enum class TxMode { kRead, kWrite };

// One transaction on a pooled connection. Rolls back unless Commit() was called.
// A write transaction on SQLite starts with BEGIN IMMEDIATE, so writers queue up at the
// start instead of failing on lock upgrade; readers never block writers (WAL).
class Tx {
  public:
    Tx(Database& db, TxMode mode);
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;
    ~Tx();

    soci::session& sql() { return *lease_; }
    // The connection to the server was lost during this transaction (nothing of it is kept).
    bool ConnectionLost() const { return !lease_.Usable(); }
    Engine engine() const { return engine_; }
    TxMode mode() const { return mode_; }
    void Commit();
    void Rollback();

    // Runs `sql` — fixed text with only string parameters, bound in order — through a statement
    // prepared once per pooled connection and kept, and calls `each` for every row. For the hot
    // lookups of every request (the session, the signed-in person): preparing costs more than
    // running them. Other queries use sql() as usual.
    void ForEachCached(const std::string& sql, std::initializer_list<std::string> params,
                       const std::function<void(const soci::row&)>& each);

  private:
    Database::Lease lease_;
    Engine engine_;
    TxMode mode_;
    bool open_ = true;
};

// A savepoint inside a transaction: a statement that fails after it can be undone alone, and
// the transaction goes on (on PostgreSQL a failed statement otherwise aborts the whole
// transaction). Rolls back to the savepoint unless Release() was called.
//
//     db::Savepoint sp(tx, "booking");
//     try { Insert(tx, b); sp.Release(); }
//     catch (const soci::soci_error& e) { if (!db::IsExclusionViolation(e)) throw; sp.Rollback(); }
class Savepoint {
  public:
    Savepoint(Tx& tx, std::string name);  // name: letters and '_' only (it is SQL text)
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    ~Savepoint();
    void Release();
    void Rollback();

  private:
    Tx& tx_;
    std::string name_;
    bool open_ = true;
};

// True if the error says the connection to the server is gone (for errors that surface after
// their transaction has already been closed).
bool IsConnectionFailure(const soci::soci_error& e);

// True if the database could not write because its disk (or its size limit) is full: SQLite's
// SQLITE_FULL ("database or disk is full"), PostgreSQL's disk_full (53100) or a write that failed
// with ENOSPC. Nothing of the transaction was kept; reads still work.
bool IsDiskFull(const soci::soci_error& e);

// True if the error is a unique-constraint violation (on either engine).
bool IsUniqueViolation(const soci::soci_error& e);

// True if PostgreSQL refused a row because of an exclusion constraint (23P01). SQLite has none.
bool IsExclusionViolation(const soci::soci_error& e);

// True if SQLite gave up waiting for another connection's lock ("database is locked", busy).
bool IsBusy(const soci::soci_error& e);

// True if PostgreSQL aborted the transaction only because it met another one — a deadlock
// (40P01) or a serialization failure (40001): running the whole transaction again is safe.
bool IsTransientConflict(const soci::soci_error& e);

// Escapes %, _ and \ for use in `LIKE :p ESCAPE '\'`.
std::string LikeEscape(const std::string& s);

}  // namespace renkei::db
