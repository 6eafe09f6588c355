#pragma once
// IP addresses and CIDR networks as plain values, parsed without the network stack, so the
// HTTP edge (trusted proxies) and the webhook rules (no private targets) share one parser.
//
//   const auto peer = IpAddress::parse("::ffff:10.0.0.7");        // the IPv4 10.0.0.7
//   const auto proxies = IpNetwork::parse("10.0.0.0/8");
//   if (peer && proxies && proxies->contains(*peer)) ...
//   if (is_non_public(*IpAddress::parse_url_host("0x7f.1"))) refuse();  // 127.0.0.1

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey {

class IpAddress {
 public:
  // The strict textual forms: dotted-quad IPv4 ("10.0.0.7", four decimal parts, no leading
  // zeros) or IPv6 (RFC 4291 §2.2, brackets and zone ids not accepted). An IPv4-mapped IPv6
  // address ("::ffff:10.0.0.7") is the IPv4 address it maps, as the kernel reports a v4 peer
  // on a dual-stack socket.
  [[nodiscard]] static std::optional<IpAddress> parse(std::string_view text);

  // A URL host as resolvers read it: the strict forms, "[v6]" in brackets, and the legacy
  // IPv4 forms inet_aton() and the WHATWG URL parser accept ("2130706433", "0x7f.1",
  // "0177.0.0.1", "127.1"). Security: libcurl hands such a host to getaddrinfo(), which reads
  // it as that address, so a check on the strict form alone would be bypassed.
  [[nodiscard]] static std::optional<IpAddress> parse_url_host(std::string_view host);

  [[nodiscard]] bool is_v4() const { return v4_; }
  // IPv4 addresses as IPv4-mapped IPv6 (::ffff:a.b.c.d), so one network test covers both.
  [[nodiscard]] const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  // Canonical text: dotted quad for IPv4, RFC 5952 for IPv6.
  [[nodiscard]] std::string str() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
  bool v4_ = false;
};

class IpNetwork {
 public:
  // "10.0.0.0/8", "2001:db8::/32", or a bare address (a /32 or /128). Host bits past the
  // prefix must be zero, so a typo like "10.0.0.1/8" is reported rather than widened.
  [[nodiscard]] static std::optional<IpNetwork> parse(std::string_view text);
  [[nodiscard]] bool contains(const IpAddress& address) const;
  [[nodiscard]] std::string str() const;

 private:
  IpAddress base_{};
  int prefix_ = 0;  // over the 128-bit form, so an IPv4 /8 is stored as /104
};

// Loopback, unspecified, RFC 1918 and other private or shared ranges, link-local, multicast,
// broadcast and documentation ranges, IPv6 unique-local, and IPv6 forms that embed such an
// IPv4 address (NAT64 64:ff9b::/96). Security: these reach the host itself, its network or
// its cloud metadata service (169.254.169.254), never a public receiver.
[[nodiscard]] bool is_non_public(const IpAddress& address);

}  // namespace latchkey
