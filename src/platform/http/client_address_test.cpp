#include "platform/http/client_address.hpp"

#include <gtest/gtest.h>

namespace renkei::http {
namespace {

TEST(ClientAddress, ForwardedForIsBelievedOnlyFromTrustedProxies) {
    TrustedProxies trusted("127.0.0.1, 10.0.0.0/8 ::1");
    struct Case {
        std::string peer, header, client;
    };
    const Case cases[] = {
        {"203.0.113.9", "", "203.0.113.9"},
        {"203.0.113.9", "1.2.3.4", "203.0.113.9"},                // an untrusted peer cannot choose its address
        {"127.0.0.1", "", "127.0.0.1"},                           // the proxy itself, without the header
        {"127.0.0.1", "198.51.100.7", "198.51.100.7"},            // nginx in front
        {"127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"},   // a forged first hop is ignored
        {"127.0.0.1", "198.51.100.7, 10.1.2.3", "198.51.100.7"},  // through two trusted proxies
        {"127.0.0.1", "10.1.2.3, 10.9.9.9", "10.1.2.3"},          // every hop trusted: the leftmost
        {"127.0.0.1", "garbage, 198.51.100.7", "198.51.100.7"},
        {"127.0.0.1", "198.51.100.7, garbage", "127.0.0.1"},  // malformed at the right: stop
        {"127.0.0.1", " 2001:db8::5 ", "2001:db8::5"},
        {"::1", "198.51.100.7", "198.51.100.7"},
        {"::ffff:127.0.0.1", "198.51.100.7", "198.51.100.7"},
        {"::ffff:10.0.0.1", "::ffff:198.51.100.7", "198.51.100.7"},
        {"not-an-ip", "198.51.100.7", "not-an-ip"},
    };
    for (const auto& c : cases)
        EXPECT_EQ(ClientAddress(c.peer, c.header, trusted), c.client) << c.peer << " | " << c.header;
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7", TrustedProxies()), "127.0.0.1") << "nobody trusted by default";
}

TEST(ClientAddress, TrustedProxiesRefuseWhatIsNotAnAddress) {
    EXPECT_THROW(TrustedProxies("127.0.0.1, localhost"), std::invalid_argument);
    EXPECT_THROW(TrustedProxies("10.0.0.0/33"), std::invalid_argument);
    EXPECT_NO_THROW(TrustedProxies(""));
    EXPECT_TRUE(TrustedProxies("10.0.0.0/8").Contains(boost::asio::ip::make_address("10.200.1.1")));
    EXPECT_FALSE(TrustedProxies("10.0.0.0/8").Contains(boost::asio::ip::make_address("11.0.0.1")));
}

}  // namespace
}  // namespace renkei::http
