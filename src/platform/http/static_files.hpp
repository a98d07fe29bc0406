// Serves the built web UI: hashed assets with a year-long immutable cache, index.html
// without caching, and index.html for any other path (the SPA routes on the client).
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/http/message.hpp"

namespace renkei::http {

class StaticFiles {
public:
    explicit StaticFiles(std::string root);
    Response Serve(const Request& req);

private:
    struct File {
        std::string body;
        std::string content_type;
    };
    std::shared_ptr<const File> Load(const std::string& relative);

    std::string root_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const File>> cache_;
};

}  // namespace renkei::http
