#pragma once
// Who the client is and which URL it used, decided in one place for every request. Behind a
// TLS proxy the socket peer is the proxy; X-Forwarded-For, X-Forwarded-Proto and
// X-Forwarded-Host then describe the client, but only a peer in --trusted-proxies may say so.
// Otherwise the socket address and the configured public URL win; a client's Host header is
// never used to build a URL.
//
//   const auto proxies = TrustedProxies::parse("10.0.0.0/8,::1");       // nullopt if malformed
//   const auto public_url = PublicUrl::parse("https://id.example.com");
//   const ClientOrigin origin = resolve_client(*proxies, *public_url, peer_ip, request.headers);
//   request.client_ip = origin.client_ip;  request.secure = origin.secure; ...

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ip_address.hpp"
#include "http/request.hpp"

namespace latchkey::http {

// The server's externally visible base URL (--public-url): what discovery, the issuer of a
// first-start tenant and every absolute URL are built from.
struct PublicUrl {
  std::string scheme = "http";  // "http" or "https", lower-case
  std::string authority;        // host[:port], lower-case, "[v6]" in brackets
  std::string path;             // "" or a prefix such as "/auth", never ending in '/'

  // An absolute http(s) URL with a host and no query, fragment or user info. A trailing slash
  // is dropped ("https://id.example.com/" is "https://id.example.com").
  [[nodiscard]] static std::optional<PublicUrl> parse(std::string_view text);
  // "http://127.0.0.1:9011" for a listen address ("::1" becomes "[::1]").
  [[nodiscard]] static PublicUrl for_listen_address(std::string_view host, std::uint16_t port);
  [[nodiscard]] std::string str() const;  // scheme://authority + path
};

class TrustedProxies {
 public:
  // A comma-separated list of CIDRs or addresses ("10.0.0.0/8, 2001:db8::/32, 127.0.0.1");
  // empty trusts nobody. nullopt names the first malformed entry in `problem`.
  [[nodiscard]] static std::optional<TrustedProxies> parse(std::string_view list,
                                                           std::string& problem);
  [[nodiscard]] bool trusts(const IpAddress& address) const;
  [[nodiscard]] bool empty() const { return networks_.empty(); }

 private:
  std::vector<IpNetwork> networks_;
};

struct ClientOrigin {
  std::string client_ip;  // the forwarded client when a trusted proxy said so, else the peer
  bool secure = false;    // the client's scheme is https
  std::string base_url;   // scheme://host[/prefix] the client used to reach us
  std::optional<std::string> forwarded_host;  // X-Forwarded-Host from a trusted proxy
};

// Security: with an untrusted peer every X-Forwarded-* field is ignored. With a trusted one,
// X-Forwarded-For is read right to left (RFC 7239 §5.2 semantics: each proxy appends the
// address it received from), skipping trusted hops; the first untrusted address is the
// client, so a client cannot prepend a spoofed chain. An entry that is not an address stops
// the walk at the last trusted hop. X-Forwarded-Proto and X-Forwarded-Host count only as set
// by the trusted peer (their last element).
[[nodiscard]] ClientOrigin resolve_client(const TrustedProxies& proxies,
                                          const PublicUrl& public_url, std::string_view peer_ip,
                                          const Fields& headers);

// Whether `host` is a syntactically sane host[:port]: a DNS name, an IPv4 address or a
// bracketed IPv6 address, with an optional decimal port.
[[nodiscard]] bool is_valid_authority(std::string_view host);

}  // namespace latchkey::http
