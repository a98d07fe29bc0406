// Logging through spdlog (asynchronous, to stderr). Use these wrappers rather than spdlog
// directly: each line carries the id of the request being served on this thread (or "-"),
// so one request's lines can be found together.
#pragma once
#include <spdlog/spdlog.h>

#include <string>

namespace renkei::log {

void Init(const std::string& level);
void Shutdown();

// Sets the request id shown in this thread's log lines until the guard is destroyed.
class RequestScope {
  public:
    explicit RequestScope(const std::string& request_id);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;

  private:
    const std::string* previous_;
};
const std::string& CurrentRequestId();

template <typename... Args>
void Info(fmt::format_string<Args...> f, Args&&... args) {
    spdlog::info("req={} {}", CurrentRequestId(), fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void Warn(fmt::format_string<Args...> f, Args&&... args) {
    spdlog::warn("req={} {}", CurrentRequestId(), fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void Error(fmt::format_string<Args...> f, Args&&... args) {
    spdlog::error("req={} {}", CurrentRequestId(), fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace renkei::log
