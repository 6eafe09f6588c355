#include "core/ip_address.hpp"

#include <gtest/gtest.h>

namespace latchkey {
namespace {

TEST(IpAddress, ParsesStrictForms) {
  EXPECT_EQ(IpAddress::parse("10.0.0.7")->str(), "10.0.0.7");
  EXPECT_TRUE(IpAddress::parse("10.0.0.7")->is_v4());
  EXPECT_EQ(IpAddress::parse("2001:DB8::1")->str(), "2001:db8::1");
  EXPECT_FALSE(IpAddress::parse("2001:db8::1")->is_v4());
}

TEST(IpAddress, V4MappedV6IsTheV4Address) {
  const auto mapped = IpAddress::parse("::ffff:127.0.0.1");
  ASSERT_TRUE(mapped);
  EXPECT_TRUE(mapped->is_v4());
  EXPECT_EQ(*mapped, *IpAddress::parse("127.0.0.1"));
  EXPECT_EQ(mapped->str(), "127.0.0.1");
}

TEST(IpAddress, StrictParseRefusesLegacyAndDecoratedForms) {
  for (const char* text :
       {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "0x7f.0.0.1", "2130706433", "[::1]",
        "fe80::1%eth0", "1.2.3.4:80", "host", " 1.2.3.4"}) {
    EXPECT_FALSE(IpAddress::parse(text)) << text;
  }
}

TEST(IpAddress, UrlHostReadsLegacyIpv4AsResolversDo) {
  for (const char* text :
       {"2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001", "127.0.0.1.", "127.0.1"}) {
    const auto address = IpAddress::parse_url_host(text);
    ASSERT_TRUE(address) << text;
    EXPECT_EQ(address->str(), "127.0.0.1") << text;
  }
  EXPECT_EQ(IpAddress::parse_url_host("[::ffff:127.0.0.1]")->str(), "127.0.0.1");
  EXPECT_EQ(IpAddress::parse_url_host("[::1]")->str(), "::1");
  EXPECT_FALSE(IpAddress::parse_url_host("example.com"));
  EXPECT_FALSE(IpAddress::parse_url_host("1.2.3.4.5"));
  EXPECT_FALSE(IpAddress::parse_url_host("256.256.256.256"));
  EXPECT_FALSE(IpAddress::parse_url_host("[fe80::1%25eth0]"));
}

TEST(IpNetwork, MatchesV4AndV6Prefixes) {
  const auto v4 = IpNetwork::parse("10.0.0.0/8");
  ASSERT_TRUE(v4);
  EXPECT_TRUE(v4->contains(*IpAddress::parse("10.255.1.2")));
  EXPECT_TRUE(v4->contains(*IpAddress::parse("::ffff:10.1.1.1")));
  EXPECT_FALSE(v4->contains(*IpAddress::parse("11.0.0.1")));
  EXPECT_FALSE(v4->contains(*IpAddress::parse("::a01:101")));
  const auto v6 = IpNetwork::parse("2001:db8::/32");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->contains(*IpAddress::parse("2001:db8:ffff::1")));
  EXPECT_FALSE(v6->contains(*IpAddress::parse("2001:db9::1")));
  EXPECT_TRUE(IpNetwork::parse("127.0.0.1")->contains(*IpAddress::parse("127.0.0.1")));
  EXPECT_FALSE(IpNetwork::parse("127.0.0.1")->contains(*IpAddress::parse("127.0.0.2")));
  EXPECT_TRUE(IpNetwork::parse("0.0.0.0/0")->contains(*IpAddress::parse("8.8.8.8")));
  EXPECT_EQ(IpNetwork::parse("10.0.0.0/8")->str(), "10.0.0.0/8");
}

TEST(IpNetwork, RefusesMalformedAndHostBits) {
  for (const char* text : {"10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "/8",
                           "example/8", "10.0.0.0/-1"}) {
    EXPECT_FALSE(IpNetwork::parse(text)) << text;
  }
}

TEST(IpAddress, NonPublicCoversLoopbackPrivateLinkLocalAndEmbeddings) {
  for (const char* text : {"127.0.0.1",
                           "127.9.9.9",
                           "10.1.2.3",
                           "172.16.0.1",
                           "172.31.255.255",
                           "192.168.1.1",
                           "169.254.169.254",
                           "100.64.0.1",
                           "0.0.0.0",
                           "255.255.255.255",
                           "224.0.0.1",
                           "::1",
                           "::",
                           "fe80::1",
                           "fc00::1",
                           "fd12:3456::1",
                           "ff02::1",
                           "::ffff:127.0.0.1",
                           "64:ff9b::7f00:1",
                           "2002:7f00:1::1",
                           "::127.0.0.1"}) {
    EXPECT_TRUE(is_non_public(*IpAddress::parse(text))) << text;
  }
  for (const char* text : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700::1111",
                           "64:ff9b::808:808", "2002:808:808::1"}) {
    EXPECT_FALSE(is_non_public(*IpAddress::parse(text))) << text;
  }
}

}  // namespace
}  // namespace latchkey
