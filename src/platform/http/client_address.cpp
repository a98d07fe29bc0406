#include "platform/http/client_address.hpp"

#include <stdexcept>

namespace renkei::http {
namespace ip = boost::asio::ip;
namespace {

std::string_view Strip(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// IPv4 addresses mapped into IPv6 (::ffff:10.0.0.1) are compared as IPv4.
ip::address Plain(const ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
    return a;
}

}  // namespace

TrustedProxies::TrustedProxies(std::string_view list) {
    while (!list.empty()) {
        auto end = list.find_first_of(", ");
        auto entry = Strip(list.substr(0, end));
        list.remove_prefix(end == std::string_view::npos ? list.size() : end + 1);
        if (entry.empty()) continue;
        boost::system::error_code ec;
        std::string text(entry);
        if (text.find('/') == std::string::npos) {
            auto a = ip::make_address(text, ec);
            if (!ec) text += a.is_v4() ? "/32" : "/128";
        }
        if (text.find(':') == std::string::npos) {
            auto n = ip::make_network_v4(text, ec);
            if (!ec) {
                networks_.emplace_back(n.canonical());
                continue;
            }
        } else {
            auto n = ip::make_network_v6(text, ec);
            if (!ec) {
                networks_.emplace_back(n.canonical());
                continue;
            }
        }
        throw std::invalid_argument("trusted_proxies: not an address or network: " + std::string(entry));
    }
}

bool TrustedProxies::Contains(const ip::address& address) const {
    auto a = Plain(address);
    for (const auto& n : networks_) {
        if (const auto* v4 = std::get_if<ip::network_v4>(&n)) {
            if (a.is_v4() && ip::network_v4(a.to_v4(), v4->prefix_length()).canonical() == *v4) return true;
        } else {
            const auto& v6 = std::get<ip::network_v6>(n);
            if (a.is_v6() && ip::network_v6(a.to_v6(), v6.prefix_length()).canonical() == v6) return true;
        }
    }
    return false;
}

std::string ClientAddress(const std::string& peer, std::string_view forwarded_for, const TrustedProxies& trusted) {
    boost::system::error_code ec;
    auto peer_address = ip::make_address(peer, ec);
    if (ec || trusted.empty() || !trusted.Contains(peer_address)) return peer;
    // Walk the header from the right: each hop was added by the proxy to its right. The first
    // hop that is not a trusted proxy is the client; a malformed entry ends the walk there.
    std::string client = Plain(peer_address).to_string();
    while (true) {
        forwarded_for = Strip(forwarded_for);
        if (forwarded_for.empty()) return client;
        auto comma = forwarded_for.rfind(',');
        auto hop = Strip(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
        auto address = ip::make_address(std::string(hop), ec);
        if (ec) return client;
        client = Plain(address).to_string();
        if (!trusted.Contains(address)) return client;
    }
}

}  // namespace renkei::http
