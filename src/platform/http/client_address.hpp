// The client's address behind reverse proxies. X-Forwarded-For is believed only from a trusted
// proxy (`trusted_proxies`): the address taken is the rightmost one in the header that is not
// itself a trusted proxy, so a client cannot choose its address by sending the header itself.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace renkei::http {

class TrustedProxies {
  public:
    TrustedProxies() = default;
    // A comma- or space-separated list of addresses and networks ("127.0.0.1, 10.0.0.0/8, ::1");
    // throws std::invalid_argument naming a bad entry.
    explicit TrustedProxies(std::string_view list);
    bool Contains(const boost::asio::ip::address& a) const;
    bool empty() const { return networks_.empty(); }

  private:
    std::vector<std::variant<boost::asio::ip::network_v4, boost::asio::ip::network_v6>> networks_;
};

// `peer`: the socket's remote address; `forwarded_for`: the X-Forwarded-For header ("" if none).
std::string ClientAddress(const std::string& peer, std::string_view forwarded_for, const TrustedProxies& trusted);

}  // namespace renkei::http
