// Serves the built web UI: hashed assets with a year-long immutable cache, index.html
// without caching, and index.html for any other path (the SPA routes on the client).
//
// Safe by construction: a request path is never joined to the web root. The root is scanned
// (canonical path, symlinks resolved, nothing outside the root kept) into a table of relative
// names; a request is served only when its path is exactly one of those names. Anything else
// is either a client-side route (plain segments without a dot, answered with index.html) or
// the ordinary 404. The table is rescanned at most once a second on a miss, so a rebuilt UI is
// served without a restart.
#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/http/message.hpp"

namespace renkei::http {

class StaticFiles {
  public:
    explicit StaticFiles(std::string root);
    Response Serve(const Request& req);

    // What a (percent-decoded) request path names: a known file's relative name, the SPA's
    // index.html for a client route, or nothing (404). Pure lookup in the scanned table.
    enum class Kind { kFile, kClientRoute, kNotFound };
    struct Resolution {
        Kind kind = Kind::kNotFound;
        std::string name;  // the file's name relative to the root (Kind::kFile)
    };
    Resolution Resolve(std::string_view path);

    // True for a path made only of plain segments ("/admin/people"): no empty, "." or ".."
    // segment, no backslash, no control character. Only such paths may fall back to index.html.
    static bool IsClientRoute(std::string_view path);

  private:
    struct File {
        std::string body;
        std::string content_type;
    };
    std::shared_ptr<const File> Load(const std::string& name);
    void ScanLocked();  // requires mutex_
    bool KnownLocked(const std::string& name, bool rescan_on_miss);

    std::string root_;
    std::mutex mutex_;
    std::filesystem::path canonical_root_;
    std::map<std::string, std::filesystem::path> files_;  // relative name -> canonical path under the root
    std::optional<std::chrono::steady_clock::time_point> scanned_;
    std::unordered_map<std::string, std::shared_ptr<const File>> cache_;
};

}  // namespace renkei::http
