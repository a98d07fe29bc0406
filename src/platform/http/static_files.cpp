#include "platform/http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "platform/http/router.hpp"
#include "platform/json.hpp"

namespace renkei::http {
namespace fs = std::filesystem;
namespace {

std::string ContentType(const std::string& path) {
    auto ext = fs::path(path).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".map") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

// `p` (canonical) lies strictly inside `root` (canonical), compared component by component.
bool Inside(const fs::path& p, const fs::path& root) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q)
        if (q == p.end() || *q != *r) return false;
    return q != p.end();
}

constexpr auto kRescanInterval = std::chrono::seconds(1);
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";
constexpr std::string_view kIndex = "index.html";

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

void StaticFiles::ScanLocked() {
    scanned_ = std::chrono::steady_clock::now();
    files_.clear();
    std::error_code ec;
    fs::path root = fs::canonical(root_, ec);
    if (ec || !fs::is_directory(root, ec)) return;
    canonical_root_ = root;
    // Directory symlinks are not descended into (no follow_directory_symlink); a file symlink
    // counts only when its target is a regular file inside the root.
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const auto& entry = *it;
        std::error_code e;
        if (entry.is_directory(e) && !entry.is_symlink(e)) continue;
        fs::path target = fs::canonical(entry.path(), e);
        if (e || !Inside(target, root) || !fs::is_regular_file(target, e)) continue;
        files_.emplace(entry.path().lexically_relative(root).generic_string(), target);
    }
}

bool StaticFiles::KnownLocked(const std::string& name, bool rescan_on_miss) {
    if (!scanned_) ScanLocked();
    if (files_.count(name)) return true;
    if (!rescan_on_miss || std::chrono::steady_clock::now() - *scanned_ < kRescanInterval) return false;
    ScanLocked();
    return files_.count(name) > 0;
}

bool StaticFiles::IsClientRoute(std::string_view path) {
    if (path.empty() || path.front() != '/') return false;
    path.remove_prefix(1);
    if (path.empty()) return true;
    path.remove_suffix(path.back() == '/' ? 1 : 0);  // "/projects/" is "/projects"
    if (path.empty()) return false;
    while (true) {
        auto slash = path.find('/');
        auto segment = path.substr(0, slash);
        if (segment.empty() || segment == "." || segment == "..") return false;
        // Valid UTF-8 without control characters; no '%' (a path still encoded after decoding
        // is double-encoded), no backslash, no drive letter.
        if (!CleanUtf8(segment, false)) return false;
        if (segment.find_first_of("%\\:") != std::string_view::npos) return false;
        if (slash == std::string_view::npos) return true;
        path.remove_prefix(slash + 1);
    }
}

StaticFiles::Resolution StaticFiles::Resolve(std::string_view path) {
    if (path.empty() || path.front() != '/') return {};
    std::string name(path.substr(1));
    {
        std::lock_guard lock(mutex_);
        if (!name.empty() && KnownLocked(name, true)) return {Kind::kFile, name};
    }
    if (!IsClientRoute(path)) return {};
    // A missing asset, or anything that looks like a file (a dot in its last segment), is a 404;
    // plain paths are the client's routes.
    auto last = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
    if (name.rfind("assets/", 0) == 0 || last.find('.') != std::string::npos) return {};
    return {Kind::kClientRoute, std::string(kIndex)};
}

std::shared_ptr<const StaticFiles::File> StaticFiles::Load(const std::string& name) {
    fs::path full, root;
    {
        std::lock_guard lock(mutex_);
        auto cached = cache_.find(name);
        if (cached != cache_.end()) return cached->second;
        if (!KnownLocked(name, name == kIndex)) return nullptr;
        full = files_.at(name);
        root = canonical_root_;
    }
    // Checked again when read: a file replaced by a symlink since the scan is not followed out.
    std::error_code ec;
    full = fs::canonical(full, ec);
    if (ec || !Inside(full, root)) return nullptr;
    std::ifstream in(full, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream content;
    content << in.rdbuf();
    auto file = std::make_shared<const File>(File{content.str(), ContentType(name)});
    // Hashed assets never change, so they are kept; index.html is read afresh, so a rebuilt UI
    // is served without restarting the server.
    if (name.rfind("assets/", 0) == 0) {
        std::lock_guard lock(mutex_);
        cache_[name] = file;
    }
    return file;
}

Response StaticFiles::Serve(const Request& req) {
    if (req.method != "GET" && req.method != "HEAD")
        return ErrorResponse(405, "method_not_allowed", req.method + " is not allowed on " + req.path, "");
    auto resolution = Resolve(req.path);
    std::shared_ptr<const File> file;
    if (resolution.kind != Kind::kNotFound) file = Load(resolution.name);
    if (!file) {
        if (resolution.kind == Kind::kClientRoute)
            return ErrorResponse(404, "not_found", "the web UI is not built (run: npm --prefix web run build)", "");
        return ErrorResponse(404, "not_found", "no such file", "");
    }
    bool hashed = resolution.kind == Kind::kFile && resolution.name.rfind("assets/", 0) == 0;
    Response r = Response::Text(200, file->body, file->content_type);
    r.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    if (file->content_type.rfind("text/html", 0) == 0) {
        // The page loads only its own scripts; Ant Design writes its styles into <style> elements.
        r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
        r.headers.emplace_back("X-Frame-Options", "DENY");
    }
    return r;
}

}  // namespace renkei::http
