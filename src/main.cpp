// The renkei command: subcommands only, no logic.
#include <sodium.h>
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <thread>

#include "app/app.hpp"
#include "app/tasks.hpp"
#include "modules/exchange/service.hpp"
#include "modules/mail/sender.hpp"
#include "modules/people/service.hpp"
#include "platform/db/migrations.hpp"
#include "platform/error.hpp"
#include "platform/http/server.hpp"
#include "platform/log/log.hpp"

using namespace renkei;

namespace {

std::string ReadPasswordFromStdin() {
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    return line;
}

int Fail(const std::string& message) {
    std::cerr << "renkei: " << message << "\n";
    return 1;
}

int PoolSize(const Config& c) {
    int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Beside the request threads: the periodic tasks, the exchange index, the mail sender.
    return (c.db_threads > 0 ? c.db_threads : std::max(4, 2 * cores)) + 3;
}

}  // namespace

namespace {

int Run(int argc, char** argv) {
    if (sodium_init() < 0) return Fail("libsodium failed to initialise");
    // SQLite's memory statistics take a global mutex on every allocation; Renkei never reads them.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    CLI::App app{"Renkei (連携): the operating system of an industry–academia–medicine collaboration centre"};
    app.require_subcommand(1);
    app.fallthrough();
    std::string config_path, db_url;
    app.add_option("--config", config_path, "Config file (key = value lines); default: ./renkei.conf if present")
        ->envname("RENKEI_CONFIG");
    app.add_option("--db", db_url, "Database: sqlite:PATH or postgresql://USER@HOST:PORT/NAME");

    auto* serve = app.add_subcommand("serve", "Serve the web UI and the API");
    std::string listen, web_root;
    int threads = -1;
    serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
    serve->add_option("--web-root", web_root, "Directory of the built web UI (default web/dist)");
    serve->add_option("--threads", threads, "I/O threads (default: number of cores)");
    bool no_access_log = false;
    serve->add_flag("--no-access-log", no_access_log, "Do not log each request");

    auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
    auto* demo = app.add_subcommand("demo", "Load the demo centre of the paper (once; safe to repeat)");
    auto* backup = app.add_subcommand("backup", "Copy a live SQLite database to a file (online backup)");
    std::string backup_path;
    backup->add_option("file", backup_path, "Where to write the copy")->required();
    auto* version = app.add_subcommand("version", "Print the version");
    auto* routes = app.add_subcommand("routes", "List the API routes (METHOD PATH), one per line");
    auto* remind = app.add_subcommand("remind",
                                      "Post due reminders (contracts waiting too long or near expiry, activation and "
                                      "expiry by date; ethics and IP deadlines into the inboxes)");
    auto* reindex =
        app.add_subcommand("reindex", "Rebuild the search index of needs, seeds and profiles (every instance)");

    auto* exchange_cmd = app.add_subcommand("exchange", "The exchange's matching");
    exchange_cmd->require_subcommand(1);
    auto* train = exchange_cmd->add_subcommand(
        "train", "Learn the suggestions' ranking from the centre's decisions (judgments, introductions, projects)");

    auto* user = app.add_subcommand("user", "Manage accounts from the command line");
    user->require_subcommand(1);
    std::string email, name, name_en, organisation;
    std::vector<std::string> roles;
    bool password_stdin = false;
    auto* user_add = user->add_subcommand("add", "Create a person");
    user_add->add_option("--email", email, "E-mail address (the login)")->required();
    user_add->add_option("--name", name, "Name (Japanese script or as written)")->required();
    user_add->add_option("--name-en", name_en, "Name in Latin script");
    user_add->add_option("--role", roles,
                         "Role (repeatable): admin, office, committee, clinician, researcher, "
                         "company_researcher, coi_committee");
    user_add->add_flag("--password-stdin", password_stdin, "Read the password from the first line of stdin");
    auto* user_passwd = user->add_subcommand("passwd", "Set a person's password (read from stdin)");
    user_passwd->add_option("--email", email, "E-mail address")->required();
    user_passwd->add_flag("--password-stdin", password_stdin, "Read the password from stdin (the default)");
    auto* user_deactivate = user->add_subcommand("deactivate", "Deactivate a person (history is kept)");
    user_deactivate->add_option("--email", email, "E-mail address")->required();

    CLI11_PARSE(app, argc, argv);

    if (version->parsed()) {
        std::cout << "renkei " << RENKEI_VERSION << "\n";
        return 0;
    }

    Config config;
    try {
        if (config_path.empty() && std::filesystem::exists("renkei.conf")) config_path = "renkei.conf";
        config = LoadConfig(config_path);
    } catch (const std::exception& e) {
        return Fail(e.what());
    }
    if (!db_url.empty()) config.db = db_url;
    if (!listen.empty()) config.listen = listen;
    if (!web_root.empty()) config.web_root = web_root;
    if (threads >= 0) config.threads = threads;
    if (no_access_log) config.access_log = false;
    log::Init(config.log_level);

    if (routes->parsed()) {
        http::Router router;
        app::RegisterAllRoutes(router, config);
        for (const auto& r : router.routes()) std::cout << r->method << " " << r->pattern << "\n";
        return 0;
    }

    try {
        // `serve` waits for an unreachable database (a supervisor would otherwise restart it in a
        // loop), retrying with growing pauses up to 30 s; the other commands fail at once.
        std::unique_ptr<db::Database> opened;
        for (int attempt = 1; !opened; ++attempt) {
            try {
                opened = std::make_unique<db::Database>(config.db, serve->parsed() ? PoolSize(config) : 2);
            } catch (const db::Unreachable& e) {
                if (!serve->parsed()) throw;
                int pause = std::min(30, 1 << std::min(attempt - 1, 5));
                log::Warn("{}; trying again in {} s (attempt {})", e.what(), pause, attempt);
                std::this_thread::sleep_for(std::chrono::seconds(pause));
            }
        }
        db::Database& db = *opened;
        if (migrate->parsed() || serve->parsed() || demo->parsed()) {
            for (const auto& name : db::Migrate(db)) log::Info("applied migration {}", name);
        }
        if (reindex->parsed()) {
            db::Tx tx(db, db::TxMode::kWrite);
            exchange::RequestReindex(tx, Now());  // running instances rebuild when they read the change log
            long long docs = exchange::RebuildIndex(tx);
            tx.Commit();
            std::cout << "indexed " << docs << " needs, seeds and profiles; running instances rebuild too\n";
            return 0;
        }
        if (train->parsed()) {
            db::Tx tx(db, db::TxMode::kWrite);
            auto run = exchange::TrainRanking(tx, std::nullopt, Now());
            tx.Commit();
            std::cout << "read " << run.decisions << " decided pairs: " << run.lists << " needs to learn from, "
                      << run.pairs << " pairs\n";
            if (run.id.empty()) {
                std::cout << "no model: " << run.reason
                          << "; suggestions keep their order (the last adopted model, else the shipped one)\n";
                return 0;
            }
            std::cout << std::fixed << std::setprecision(3) << "nDCG@10 of the decisions: engine " << run.ndcg_before
                      << " -> model " << run.ndcg_after << "\nweights:";
            for (const auto& [name, w] : run.weights) std::cout << " " << name << "=" << w;
            std::cout << "\n"
                      << (run.adopted ? "adopted model " + run.id + ": suggestions are re-ranked by it"
                                      : "model " + run.id + " kept but not adopted: " + run.reason)
                      << "\n";
            return 0;
        }
        if (migrate->parsed()) {
            std::cout << "database " << db.DisplayUrl() << " is at schema version " << db::CurrentVersion(db) << "\n";
            return 0;
        }
        if (demo->parsed()) {
            bool loaded = app::LoadDemo(db);
            std::cout << (loaded ? "loaded the demo centre into " : "the demo centre was already loaded in ")
                      << db.DisplayUrl() << "\n\nDemo logins:\n";
            for (const auto& login : app::DemoLogins())
                std::cout << "  " << login.email << "  " << login.password << "  (" << login.who << ")\n";
            return 0;
        }
        if (remind->parsed() || serve->parsed()) app::InstallMail(config);
        if (remind->parsed()) {
            std::cout << app::RunPeriodicTasks(db) << "\n";
            return 0;
        }
        if (backup->parsed()) {
            db.BackupTo(backup_path);
            std::cout << "wrote " << backup_path << "\n";
            return 0;
        }
        if (user_add->parsed() || user_passwd->parsed() || user_deactivate->parsed()) {
            std::string password;
            if (user_add->parsed() ? password_stdin : user_passwd->parsed()) password = ReadPasswordFromStdin();
            db::Tx tx(db, db::TxMode::kWrite);
            if (user_add->parsed()) {
                people::NewPerson in;
                in.email = email;
                in.name_ja = name;
                in.name_en = name_en;
                in.roles = roles;
                in.password = password;
                auto p = people::CreatePerson(tx, std::nullopt, in, Now());
                tx.Commit();
                std::cout << "created " << p.email << " (id " << p.id << ")\n";
                return 0;
            }
            auto p = people::FindPersonByEmail(tx, email);
            if (!p) return Fail("no person with e-mail " + email);
            if (user_passwd->parsed()) {
                people::ResetPassword(tx, std::nullopt, p->id, password, Now());
                tx.Commit();
                std::cout << "password set for " << p->email << "\n";
            } else {
                people::PersonPatch patch;
                patch.active = false;
                people::UpdatePerson(tx, std::nullopt, p->id, patch, Now());
                tx.Commit();
                std::cout << "deactivated " << p->email << "\n";
            }
            return 0;
        }
        // serve. The exchange index is built from the database in the background (its
        // requests wait for it; nothing else does; later rebuilds are not waited for).
        std::atomic<bool> index_built{false};
        std::jthread index_builder([&db, &index_built] {
            try {
                db::Tx tx(db, db::TxMode::kRead);
                exchange::BuildIndex(tx);
            } catch (const std::exception& e) {
                log::Error("building the exchange index failed: {}", e.what());
            }
            index_built = true;
        });
        http::Router router;
        router.SetDatabase(&db);
        app::RegisterAllRoutes(router, config);
        http::Server server(config, router);
        app::PeriodicTasks periodic(db);
        std::optional<mail::Sender> mail_sender;
        if (config.smtp_url.empty()) {
            log::Warn("no smtp_url is set: mail is written to the outbox and not sent (docs/mail.md)");
        } else {
            mail::SmtpSettings smtp{config.smtp_url, config.smtp_user, config.smtp_password, config.mail_from};
            if (const char* v = std::getenv("RENKEI_MAIL_CLAIM_SECONDS"))
                smtp.claim_seconds = std::max(1, std::atoi(v));
            const char* poll = std::getenv("RENKEI_MAIL_POLL_SECONDS");
            mail_sender.emplace(db, smtp, poll ? std::atoi(poll) : 5);
            std::string shown = config.smtp_url;  // never the password a URL may carry
            if (auto at = shown.rfind('@'); at != std::string::npos)
                shown.erase(shown.find("://") + 3, at - shown.find("://") - 2);
            log::Info("mail: sending through {} as {}", shown, config.mail_from);
        }
        server.Listen();
        log::Info("renkei {} serving http://{} (database {}, web root {})", RENKEI_VERSION, config.listen,
                  db.DisplayUrl(), config.web_root);
        std::cout << "Renkei is listening on http://" << config.listen.substr(0, config.listen.rfind(':')) << ":"
                  << server.Port() << "/" << std::endl;
        server.Run();
        periodic.Stop();  // before logging shuts down
        if (mail_sender) mail_sender->Stop();
        if (!index_built) {
            // Stopping must not wait for the in-memory index (it only reads, and every request
            // has finished): leave without joining it.
            log::Info("stopped before the exchange index was built; it is rebuilt at the next start");
            log::Shutdown();
            std::_Exit(0);
        }
        index_builder.join();  // (a jthread also joins if serving fails)
        log::Shutdown();
        return 0;
    } catch (const Error& e) {
        return Fail(std::string(e.what()) + (e.field().empty() ? "" : " (" + e.field() + ")"));
    } catch (const std::exception& e) {
        return Fail(e.what());
    }
}

}  // namespace

// Whatever escapes (the command line's set-up included) ends the process with a message, never
// with std::terminate.
int main(int argc, char** argv) {
    try {
        return Run(argc, argv);
    } catch (const std::exception& e) {
        return Fail(e.what());
    } catch (...) {
        return Fail("unexpected error");
    }
}
