// Fuzz target: the static file handler (src/platform/http/static_files.cpp) with a request target
// as the server receives it (split at '?', percent-decoded), against a web root made at start-up
// in $TMPDIR: index.html, two assets, a symlink that stays inside; and next to the root a secret
// file, a directory of secrets, and symlinks from inside the root to them and to /etc/passwd; and
// swap.html, which the input turns into a symlink to the secret (and back) after the root was
// scanned, as an attacker with write access to the web root might.
//
// Aborts if a response ever carries a secret, if a 200 body is not one of the root's own files, or
// if Resolve names a file that is not one of them.
#include "platform/http/static_files.hpp"

#include <unistd.h>

#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "platform/http/router.hpp"

namespace fs = std::filesystem;
using namespace renkei::http;

namespace {

const std::string kIndex = "<!doctype html><title>連携</title><div id=root></div>";
const std::string kScript = "console.log('renkei')";
const std::string kSvg = "<svg xmlns='http://www.w3.org/2000/svg'/>";
const std::string kSecret = "RENKEI-FUZZ-SECRET-4c1f9e";         // next to the root
const std::string kSecretKey = "RENKEI-FUZZ-SECRET-KEY-77ab";    // in a directory next to the root
const std::string kSwap = "<!doctype html><title>swap</title>";  // swap.html while it is a file

struct WebRoot {
    fs::path base, root;
    std::unique_ptr<StaticFiles> files;
    std::string passwd;  // the first line of /etc/passwd, if readable

    WebRoot() {
        base = fs::temp_directory_path() / ("renkei-fuzz-static-" + std::to_string(getpid()));
        fs::remove_all(base);
        root = base / "web";
        fs::create_directories(root / "assets");
        fs::create_directories(base / "outside");
        std::ofstream(root / "index.html") << kIndex;
        std::ofstream(root / "assets" / "index-abc123.js") << kScript;
        std::ofstream(root / "assets" / "logo.svg") << kSvg;
        std::ofstream(root / "swap.html") << kSwap;
        std::ofstream(base / "secret.db") << kSecret;
        std::ofstream(base / "outside" / "key") << kSecretKey;
        fs::create_symlink(root / "assets" / "index-abc123.js", root / "alias.js");  // stays inside
        fs::create_symlink(base / "secret.db", root / "leak.db");                    // leaves the root
        fs::create_symlink("../secret.db", root / "assets" / "relative-leak.js");    // relative way out
        fs::create_symlink(base / "outside", root / "outdir");                       // a directory outside
        fs::create_symlink("/etc/passwd", root / "assets" / "passwd.js");
        std::ifstream in("/etc/passwd");
        std::getline(in, passwd);
        files = std::make_unique<StaticFiles>(root.string());
    }
    // swap.html: the page, or a symlink to the secret put in its place after the root was scanned.
    bool swapped = false;
    void Swap(bool to_symlink) {
        if (to_symlink == swapped) return;
        fs::remove(root / "swap.html");
        if (to_symlink)
            fs::create_symlink(base / "secret.db", root / "swap.html");
        else
            std::ofstream(root / "swap.html") << kSwap;
        swapped = to_symlink;
    }
};

WebRoot& Web() {
    static WebRoot* web = new WebRoot();  // never destroyed: the fuzzer may exit from any thread
    return *web;
}

const std::set<std::string> kServable = {"index.html", "assets/index-abc123.js", "assets/logo.svg", "alias.js",
                                         "swap.html"};

// A secret in the response that the request did not itself carry came from the disk: abort. An
// error message may quote the request's path, JSON-escaped: "\x0d" + "oot:x:0:0:..." reads
// "\\root:x:0:0:..." in the body, so the escaped path counts as carried too.
void CheckBody(const std::string& body, std::string_view request) {
    for (const std::string& secret : {kSecret, kSecretKey, Web().passwd})
        if (!secret.empty() && request.find(secret) == std::string_view::npos)
            FUZZ_CHECK(body.find(secret) == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    Web();
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(Web().base, ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    WebRoot& web = Web();
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // The first byte picks the method (bits 0-1) and whether swap.html is now a symlink out (bit
    // 2); the rest is the request target.
    std::string method = "GET";
    if (!input.empty()) {
        static const char* kMethods[] = {"GET", "HEAD", "POST", "GET"};
        unsigned char first = static_cast<unsigned char>(input.front());
        method = kMethods[first % 4];
        web.Swap(first & 4);
        input.remove_prefix(1);
    }
    auto qmark = input.find('?');
    Request req;
    req.method = method;
    req.path = PercentDecode(input.substr(0, qmark), false);
    if (qmark != std::string_view::npos) req.query = std::string(input.substr(qmark + 1));

    auto resolution = web.files->Resolve(req.path);
    if (resolution.kind == StaticFiles::Kind::kFile) FUZZ_CHECK(kServable.count(resolution.name));
    if (resolution.kind == StaticFiles::Kind::kClientRoute) FUZZ_CHECK(resolution.name == "index.html");
    if (resolution.kind == StaticFiles::Kind::kClientRoute) FUZZ_CHECK(StaticFiles::IsClientRoute(req.path));

    Response response = web.files->Serve(req);
    std::string carried = req.path + std::string(reinterpret_cast<const char*>(data), size) +
                          boost::json::serialize(boost::json::string(req.path));
    CheckBody(response.body, carried);
    for (const auto& [name, value] : response.headers) CheckBody(value, carried);
    if (response.status == 200) {
        FUZZ_CHECK(response.body == kIndex || response.body == kScript || response.body == kSvg ||
                   (response.body == kSwap && !web.swapped));
        FUZZ_CHECK(resolution.kind != StaticFiles::Kind::kNotFound);
    } else {
        FUZZ_CHECK(response.status == 404 || response.status == 405);
    }
    if (method == "POST") FUZZ_CHECK(response.status == 405);
    return 0;
}
