// The HTTP server: Boost.Beast on Asio, one coroutine per connection, keep-alive, header and
// body limits, idle and read timeouts, and a graceful stop on SIGTERM/SIGINT (in-flight
// requests finish; idle connections are closed).
#pragma once
#include <memory>
#include <string>

#include "platform/config/config.hpp"
#include "platform/http/router.hpp"

namespace renkei::http {

class Server {
  public:
    Server(const Config& config, const Router& router);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the listening socket; throws std::runtime_error when the address is taken.
    void Listen();
    // The port actually bound (useful with --listen 127.0.0.1:0).
    unsigned short Port() const;
    // Serves until SIGTERM/SIGINT, then drains and returns.
    void Run();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace renkei::http
