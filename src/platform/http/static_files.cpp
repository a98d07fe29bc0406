#include "platform/http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/http/router.hpp"

namespace renkei::http {
namespace {

std::string ContentType(const std::string& path) {
    auto ext = std::filesystem::path(path).extension().string();
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

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::shared_ptr<const StaticFiles::File> StaticFiles::Load(const std::string& relative) {
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(relative);
        if (it != cache_.end()) return it->second;
    }
    std::filesystem::path full = std::filesystem::path(root_) / relative;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(full, ec)) return nullptr;
    std::ifstream in(full, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream content;
    content << in.rdbuf();
    auto file = std::make_shared<const File>(File{content.str(), ContentType(relative)});
    // Hashed assets never change, so they are kept; index.html is read afresh, so a rebuilt UI
    // is served without restarting the server.
    if (relative.rfind("assets/", 0) == 0) {
        std::lock_guard lock(mutex_);
        cache_[relative] = file;
    }
    return file;
}

Response StaticFiles::Serve(const Request& req) {
    if (req.method != "GET" && req.method != "HEAD")
        return ErrorResponse(405, "method_not_allowed", req.method + " is not allowed on " + req.path, "");
    std::string relative = req.path.substr(1);
    // Refuse anything that could climb out of the web root.
    bool safe = relative.find("..") == std::string::npos && relative.find('\\') == std::string::npos &&
                relative.find('\0') == std::string::npos;
    bool hashed = relative.rfind("assets/", 0) == 0;
    std::shared_ptr<const File> file;
    if (safe && !relative.empty()) file = Load(relative);
    if (!file) {
        // Missing asset files are real 404s; any other path is a client-side route.
        bool looks_like_file = std::filesystem::path(relative).has_extension();
        if (hashed || looks_like_file) return ErrorResponse(404, "not_found", "no such file: " + req.path, "");
        file = Load("index.html");
        if (!file)
            return ErrorResponse(404, "not_found", "the web UI is not built (run: npm --prefix web run build)", "");
        hashed = false;
    }
    Response r = Response::Text(200, file->body, file->content_type);
    r.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    if (file->content_type.rfind("text/html", 0) == 0) {
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        r.headers.emplace_back("X-Frame-Options", "DENY");
        r.headers.emplace_back("Referrer-Policy", "same-origin");
    }
    return r;
}

}  // namespace renkei::http
