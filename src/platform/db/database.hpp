// The database: a pool of SOCI sessions on SQLite (WAL, foreign keys, busy timeout) or
// PostgreSQL, and the RAII transaction that every request runs in.
#pragma once
#include <soci/soci.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace renkei::db {

enum class Engine { kSqlite, kPostgres };

class Database {
public:
    // `url` is "sqlite:PATH" or "postgresql://...". Opens `pool_size` connections.
    // Throws std::runtime_error with a readable reason when the database cannot be opened.
    Database(const std::string& url, int pool_size);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    Engine engine() const { return engine_; }
    // The URL without any password, safe to log.
    std::string DisplayUrl() const;

    // A connection taken from the pool for the lifetime of the lease (blocks when none is free).
    class Lease {
    public:
        Lease(Database& db, std::unique_ptr<soci::session> s) : db_(&db), session_(std::move(s)) {}
        Lease(Lease&& other) noexcept = default;
        ~Lease();
        soci::session& operator*() { return *session_; }
        soci::session* operator->() { return session_.get(); }

    private:
        Database* db_;
        std::unique_ptr<soci::session> session_;
    };
    Lease Acquire();

    // Online copy of an SQLite database to `path` (sqlite3 backup API). Throws for PostgreSQL.
    void BackupTo(const std::string& path);

private:
    friend class Lease;
    std::unique_ptr<soci::session> Open();
    void Release(std::unique_ptr<soci::session> s);

    Engine engine_;
    std::string url_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<soci::session>> free_;
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
    Engine engine() const { return engine_; }
    TxMode mode() const { return mode_; }
    void Commit();
    void Rollback();

private:
    Database::Lease lease_;
    Engine engine_;
    TxMode mode_;
    bool open_ = true;
};

// True if the error is a unique-constraint violation (on either engine).
bool IsUniqueViolation(const soci::soci_error& e);

// Escapes %, _ and \ for use in `LIKE :p ESCAPE '\'`.
std::string LikeEscape(const std::string& s);

}  // namespace renkei::db
