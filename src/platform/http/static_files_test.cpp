#include "platform/http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "platform/http/router.hpp"

namespace renkei::http {
namespace {
namespace fs = std::filesystem;

// A web root with an app, an asset, a symlink that stays inside and symlinks that leave it,
// next to a secret file that must never be served.
class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() / ("renkei-static-" + std::to_string(getpid()));
        fs::remove_all(base_);
        root_ = base_ / "web";
        fs::create_directories(root_ / "assets");
        fs::create_directories(base_ / "outside");
        std::ofstream(root_ / "index.html") << "<!doctype html><title>連携</title>";
        std::ofstream(root_ / "assets" / "index-abc.js") << "console.log(1)";
        std::ofstream(base_ / "secret.db") << "SECRET-DATABASE";
        std::ofstream(base_ / "outside" / "key") << "SECRET-KEY";
        fs::create_symlink(root_ / "assets" / "index-abc.js", root_ / "alias.js");
        fs::create_symlink(base_ / "secret.db", root_ / "leak.db");
        fs::create_symlink(base_ / "outside", root_ / "outdir");
        fs::create_symlink("/etc/passwd", root_ / "assets" / "passwd.js");
    }
    void TearDown() override { fs::remove_all(base_); }
    Response Get(const std::string& path) {
        Request req;
        req.method = "GET";
        req.path = path;
        return files_->Serve(req);
    }
    fs::path base_, root_;
    std::unique_ptr<StaticFiles> files_;
};

TEST_F(StaticFilesTest, ServesOnlyFilesInsideTheCanonicalRootAndRefusesEveryWayOut) {
    // Served through a path with a symlinked directory on the way to the root, too.
    fs::create_symlink(root_, base_ / "web-link");
    files_ = std::make_unique<StaticFiles>((base_ / "web-link").string());
    const std::string index = "<!doctype html><title>連携</title>";
    struct Case {
        std::string path;  // as the server hands it over: percent-decoded
        int status;
        std::string body;  // expected body ("" = only check it leaks nothing)
    };
    const Case cases[] = {
        {"/", 200, index},
        {"/index.html", 200, index},
        {"/assets/index-abc.js", 200, "console.log(1)"},
        {"/alias.js", 200, "console.log(1)"},  // a symlink that stays inside the root
        {"/admin/people", 200, index},         // client-side route
        {"/projects/12/contracts", 200, index},
        {"/needs/心臓", 200, index},
        {"/ニーズ", 200, index},
        // Ways out: absolute paths, dot segments, symlinks leaving the root, odd bytes.
        {"//etc/passwd", 404, ""},
        {"//proc/self/cmdline", 404, ""},
        {"/" + base_.string() + "/secret.db", 404, ""},
        {"/" + (root_ / "index.html").string(), 404, ""},
        {"/../secret.db", 404, ""},
        {"/../../../../etc/passwd", 404, ""},
        {"/assets/../../secret.db", 404, ""},
        {"/assets/../index.html", 404, ""},
        {"/./index.html", 404, ""},
        {"/assets/./index-abc.js", 404, ""},
        {"/assets//index-abc.js", 404, ""},
        {"/..", 404, ""},
        {"/.", 404, ""},
        {"/leak.db", 404, ""},
        {"/outdir/key", 200, index},  // not followed: a plain path is the app
        {"/outdir", 200, index},
        {"/assets/passwd.js", 404, ""},
        {"/..\\secret.db", 404, ""},
        {"/assets\\..\\..\\secret.db", 404, ""},
        {std::string("/index.html\0.js", 15), 404, ""},
        {std::string("/x\0/../../etc/passwd", 20), 404, ""},
        {"/\xC0\xAE\xC0\xAE/secret.db", 404, ""},  // overlong UTF-8 for ".."
        {"/%2e%2e/secret.db", 404, ""},            // double encoding: "%2e" left after one decode
        {"/C:/Windows/win.ini", 404, ""},
        {"/assets/missing.js", 404, ""},
        {"/favicon.ico", 404, ""},
        {"", 404, ""},
        {"etc/passwd", 404, ""},
    };
    for (const auto& c : cases) {
        auto r = Get(c.path);
        EXPECT_EQ(r.status, c.status) << c.path;
        if (!c.body.empty()) EXPECT_EQ(r.body, c.body) << c.path;
        for (const char* marker : {"SECRET-", "root:"}) EXPECT_EQ(r.body.find(marker), std::string::npos) << c.path;
    }
}

TEST_F(StaticFilesTest, ARebuiltUiIsServedWithoutARestartAndARemovedFileIsGone) {
    files_ = std::make_unique<StaticFiles>(root_.string());
    EXPECT_EQ(Get("/assets/index-new.js").status, 404);
    std::ofstream(root_ / "index.html") << "<!doctype html><title>rebuilt</title>";
    std::ofstream(root_ / "assets" / "index-new.js") << "console.log(2)";
    EXPECT_NE(Get("/").body.find("rebuilt"), std::string::npos);
    // New files are found by a rescan, at most once a second.
    for (int i = 0; i < 100 && Get("/assets/index-new.js").status != 200; ++i) usleep(50'000);
    EXPECT_EQ(Get("/assets/index-new.js").body, "console.log(2)");
    // A file swapped for a symlink out of the root after the scan is still not followed out.
    fs::remove(root_ / "index.html");
    fs::create_symlink(base_ / "secret.db", root_ / "index.html");
    for (int i = 0; i < 30; ++i) {
        auto r = Get("/");
        EXPECT_EQ(r.body.find("SECRET-"), std::string::npos);
        usleep(50'000);
    }
}

TEST_F(StaticFilesTest, WithoutABuiltUiEveryPathIsA404) {
    files_ = std::make_unique<StaticFiles>((base_ / "no-such-dir").string());
    EXPECT_EQ(Get("/").status, 404);
    EXPECT_EQ(Get("/admin").status, 404);
    EXPECT_EQ(Get("//etc/passwd").status, 404);
}

TEST(StaticClientRoutes, ArePlainSegmentsOnly) {
    EXPECT_TRUE(StaticFiles::IsClientRoute("/"));
    EXPECT_TRUE(StaticFiles::IsClientRoute("/coi/declaration"));
    EXPECT_FALSE(StaticFiles::IsClientRoute("//etc"));
    EXPECT_FALSE(StaticFiles::IsClientRoute("/a/../b"));
    EXPECT_TRUE(StaticFiles::IsClientRoute("/projects/"));
    EXPECT_FALSE(StaticFiles::IsClientRoute("//"));
    EXPECT_FALSE(StaticFiles::IsClientRoute("/a//"));
    EXPECT_FALSE(StaticFiles::IsClientRoute("/a\\b"));
    EXPECT_FALSE(StaticFiles::IsClientRoute("a"));
}

}  // namespace
}  // namespace renkei::http
