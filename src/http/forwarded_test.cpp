#include "http/forwarded.hpp"

#include <gtest/gtest.h>

namespace latchkey::http {
namespace {

TrustedProxies proxies(std::string_view list) {
  std::string problem;
  auto parsed = TrustedProxies::parse(list, problem);
  EXPECT_TRUE(parsed) << problem;
  return parsed.value_or(TrustedProxies{});
}

const PublicUrl kPublic = *PublicUrl::parse("http://127.0.0.1:9011");

TEST(TrustedProxies, ParsesListsAndNamesTheBadEntry) {
  std::string problem;
  EXPECT_TRUE(TrustedProxies::parse("", problem)->empty());
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/8, ::1 ,2001:db8::/32", problem)->empty());
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/8,nope", problem));
  EXPECT_NE(problem.find("nope"), std::string::npos);
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.1/8", problem));
}

TEST(ResolveClient, UntrustedPeerChangesNothing) {
  const Fields headers = {{"X-Forwarded-For", "203.0.113.9"},
                          {"X-Forwarded-Proto", "https"},
                          {"X-Forwarded-Host", "evil.example"},
                          {"Host", "evil.example"}};
  const auto origin = resolve_client(proxies("10.0.0.0/8"), kPublic, "192.0.2.1", headers);
  EXPECT_EQ(origin.client_ip, "192.0.2.1");
  EXPECT_FALSE(origin.secure);
  EXPECT_EQ(origin.base_url, "http://127.0.0.1:9011");
  EXPECT_FALSE(origin.forwarded_host);
}

TEST(ResolveClient, NoTrustedProxiesIgnoresEvenLoopback) {
  const Fields headers = {{"X-Forwarded-For", "203.0.113.9"}, {"X-Forwarded-Proto", "https"}};
  const auto origin = resolve_client(TrustedProxies{}, kPublic, "127.0.0.1", headers);
  EXPECT_EQ(origin.client_ip, "127.0.0.1");
  EXPECT_FALSE(origin.secure);
}

TEST(ResolveClient, TrustedPeerForwardsClientSchemeAndHost) {
  const Fields headers = {{"X-Forwarded-For", "203.0.113.9"},
                          {"X-Forwarded-Proto", "https"},
                          {"X-Forwarded-Host", "ID.Example.com"}};
  const auto origin = resolve_client(proxies("127.0.0.1/32"), kPublic, "127.0.0.1", headers);
  EXPECT_EQ(origin.client_ip, "203.0.113.9");
  EXPECT_TRUE(origin.secure);
  EXPECT_EQ(origin.base_url, "https://id.example.com");
  EXPECT_EQ(origin.forwarded_host, "id.example.com");
}

TEST(ResolveClient, SpoofedChainStopsAtFirstUntrustedHopFromTheRight) {
  // The client sent "X-Forwarded-For: 1.1.1.1, 10.0.0.5"; the edge proxy appended the real
  // client, 198.51.100.20; an inner proxy 10.0.0.2 appended the edge proxy's address.
  const Fields headers = {{"X-Forwarded-For", "1.1.1.1, 10.0.0.5, 198.51.100.20"},
                          {"X-Forwarded-For", "10.0.0.3"}};
  const auto origin = resolve_client(proxies("10.0.0.0/8"), kPublic, "10.0.0.2", headers);
  EXPECT_EQ(origin.client_ip, "198.51.100.20");
}

TEST(ResolveClient, AllTrustedHopsGiveTheLeftmost) {
  const Fields headers = {{"X-Forwarded-For", "10.0.0.9, 10.0.0.8"}};
  EXPECT_EQ(resolve_client(proxies("10.0.0.0/8"), kPublic, "10.0.0.1", headers).client_ip,
            "10.0.0.9");
}

TEST(ResolveClient, GarbageHopStopsAtTheLastTrustedAddress) {
  const Fields headers = {{"X-Forwarded-For", "203.0.113.9, unknown, 10.0.0.8"}};
  EXPECT_EQ(resolve_client(proxies("10.0.0.0/8"), kPublic, "10.0.0.1", headers).client_ip,
            "10.0.0.8");
  const Fields only_garbage = {{"X-Forwarded-For", "<script>"}};
  EXPECT_EQ(resolve_client(proxies("10.0.0.0/8"), kPublic, "10.0.0.1", only_garbage).client_ip,
            "10.0.0.1");
}

TEST(ResolveClient, Ipv6PeersAndHopsWithPorts) {
  const Fields headers = {{"X-Forwarded-For", "[2001:db8::7]:443, 203.0.113.9:5123"},
                          {"X-Forwarded-Proto", "https"}};
  const auto origin = resolve_client(proxies("::1/128"), kPublic, "::1", headers);
  EXPECT_EQ(origin.client_ip, "203.0.113.9");
  EXPECT_TRUE(origin.secure);
  const Fields v6 = {{"X-Forwarded-For", "2001:DB8::7"}};
  EXPECT_EQ(resolve_client(proxies("fd00::/8"), kPublic, "fd00::1", v6).client_ip, "2001:db8::7");
  // An IPv4 CIDR trusts a v4 peer reported as v4-mapped IPv6.
  EXPECT_EQ(resolve_client(proxies("127.0.0.0/8"), kPublic, "::ffff:127.0.0.1", v6).client_ip,
            "2001:db8::7");
}

TEST(ResolveClient, OnlyTheTrustedPeersProtoAndHostCount) {
  // The client's own claim comes first; the proxy appended what it saw.
  const Fields headers = {{"X-Forwarded-Proto", "https, http"},
                          {"X-Forwarded-Host", "evil.example, id.example.com"}};
  const auto origin = resolve_client(proxies("127.0.0.1"), kPublic, "127.0.0.1", headers);
  EXPECT_FALSE(origin.secure);
  EXPECT_EQ(origin.base_url, "http://id.example.com");
}

TEST(ResolveClient, MalformedForwardedHostFallsBackToThePublicUrl) {
  const Fields headers = {{"X-Forwarded-Host", "evil.example/path?x"},
                          {"X-Forwarded-Proto", "gopher"}};
  const auto origin = resolve_client(proxies("127.0.0.1"), kPublic, "127.0.0.1", headers);
  EXPECT_EQ(origin.base_url, "http://127.0.0.1:9011");
  EXPECT_FALSE(origin.forwarded_host);
}

TEST(ResolveClient, HttpsPublicUrlIsSecureWithoutAProxy) {
  const auto origin =
      resolve_client(TrustedProxies{}, *PublicUrl::parse("https://id.example.com/auth/"),
                     "192.0.2.1", Fields{{"X-Forwarded-Proto", "http"}});
  EXPECT_TRUE(origin.secure);
  EXPECT_EQ(origin.base_url, "https://id.example.com/auth");
}

TEST(PublicUrl, ParsesAndRefuses) {
  EXPECT_EQ(PublicUrl::parse("HTTPS://ID.example.com/")->str(), "https://id.example.com");
  EXPECT_EQ(PublicUrl::parse("http://[::1]:9011")->str(), "http://[::1]:9011");
  for (const char* text : {"", "id.example.com", "ftp://x", "http://", "http://u:p@x",
                           "http://x/?q", "http://x/#f", "acme.com"}) {
    EXPECT_FALSE(PublicUrl::parse(text)) << text;
  }
  EXPECT_EQ(PublicUrl::for_listen_address("::1", 9011).str(), "http://[::1]:9011");
  EXPECT_EQ(PublicUrl::for_listen_address("127.0.0.1", 80).str(), "http://127.0.0.1:80");
}

}  // namespace
}  // namespace latchkey::http
