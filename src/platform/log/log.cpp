#include "platform/log/log.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace renkei::log {
namespace {
const std::string kNoRequest = "-";
thread_local const std::string* current_request = &kNoRequest;
}  // namespace

void Init(const std::string& level) {
    if (spdlog::get("renkei")) return;
    spdlog::init_thread_pool(16384, 1);
    auto logger = spdlog::create_async_nb<spdlog::sinks::stderr_sink_mt>("renkei");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    logger->set_level(spdlog::level::from_str(level));
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

void Shutdown() { spdlog::shutdown(); }

RequestScope::RequestScope(const std::string& request_id) : previous_(current_request) {
    current_request = &request_id;
}
RequestScope::~RequestScope() { current_request = previous_; }
const std::string& CurrentRequestId() { return *current_request; }

}  // namespace renkei::log
