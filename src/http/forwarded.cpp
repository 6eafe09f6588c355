#include "http/forwarded.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <ranges>

namespace latchkey::http {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every element of every field called `name`, in arrival order (RFC 9110 §5.3: several
// fields of one list-valued name are one comma-separated list).
std::vector<std::string_view> list_elements(const Fields& headers, std::string_view name) {
  std::vector<std::string_view> elements;
  for (const auto& [field, value] : headers) {
    if (!iequals(field, name)) continue;
    std::string_view rest = value;
    while (true) {
      const auto comma = rest.find(',');
      elements.push_back(trim_ows(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return elements;
}

// An X-Forwarded-For element: "203.0.113.7", "203.0.113.7:5123", "2001:db8::7",
// "[2001:db8::7]" or "[2001:db8::7]:443" (proxies differ in whether they add the port).
std::optional<IpAddress> hop_address(std::string_view element) {
  if (element.starts_with('[')) {
    const auto close = element.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return IpAddress::parse(element.substr(1, close - 1));
  }
  if (std::ranges::count(element, ':') == 1) element = element.substr(0, element.find(':'));
  return IpAddress::parse(element);
}

bool is_port(std::string_view text) {
  return !text.empty() && text.size() <= 5 &&
         std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool is_valid_authority(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  if (host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return false;
    if (!IpAddress::parse(host.substr(1, close - 1))) return false;
    const auto rest = host.substr(close + 1);
    return rest.empty() || (rest.front() == ':' && is_port(rest.substr(1)));
  }
  const auto colon = host.find(':');
  if (colon != std::string_view::npos) {
    if (!is_port(host.substr(colon + 1))) return false;
    host = host.substr(0, colon);
  }
  if (host.empty()) return false;
  return std::ranges::all_of(host, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
  });
}

std::optional<PublicUrl> PublicUrl::parse(std::string_view text) {
  const auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) return std::nullopt;
  const auto& url = *parsed;
  PublicUrl out;
  out.scheme = lower(url.scheme());
  if (out.scheme != "http" && out.scheme != "https") return std::nullopt;
  if (!url.has_authority() || url.has_userinfo() || url.has_query() || url.has_fragment()) {
    return std::nullopt;
  }
  out.authority = lower(url.encoded_host_and_port());
  if (!is_valid_authority(out.authority)) return std::nullopt;
  std::string_view path = url.encoded_path();
  while (path.ends_with('/')) path.remove_suffix(1);
  out.path = std::string(path);
  return out;
}

PublicUrl PublicUrl::for_listen_address(std::string_view host, std::uint16_t port) {
  PublicUrl out;
  const bool ipv6 = host.find(':') != std::string_view::npos;
  out.authority = (ipv6 ? "[" : "") + lower(host) + (ipv6 ? "]" : "") + ":" + std::to_string(port);
  return out;
}

std::string PublicUrl::str() const { return scheme + "://" + authority + path; }

std::optional<TrustedProxies> TrustedProxies::parse(std::string_view list, std::string& problem) {
  TrustedProxies proxies;
  while (!trim_ows(list).empty()) {
    const auto comma = list.find(',');
    const auto entry = trim_ows(list.substr(0, comma));
    if (!entry.empty()) {
      const auto network = IpNetwork::parse(entry);
      if (!network) {
        problem = "'" + std::string(entry) + "' is not an IPv4 or IPv6 address or CIDR";
        return std::nullopt;
      }
      proxies.networks_.push_back(*network);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return proxies;
}

bool TrustedProxies::trusts(const IpAddress& address) const {
  return std::ranges::any_of(
      networks_, [&address](const IpNetwork& network) { return network.contains(address); });
}

ClientOrigin resolve_client(const TrustedProxies& proxies, const PublicUrl& public_url,
                            std::string_view peer_ip, const Fields& headers) {
  ClientOrigin origin;
  origin.client_ip = std::string(peer_ip);
  std::string scheme = public_url.scheme;
  std::string authority = public_url.authority;

  const auto peer = IpAddress::parse(peer_ip);
  if (peer && proxies.trusts(*peer)) {
    // Right to left: the last element was appended by our peer, about its own peer.
    const auto hops = list_elements(headers, "x-forwarded-for");
    for (const auto& hop : std::views::reverse(hops)) {
      const auto address = hop_address(hop);
      if (!address) break;  // "unknown", an obfuscated id or garbage: keep the last trusted hop
      origin.client_ip = address->str();
      if (!proxies.trusts(*address)) break;
    }
    if (const auto protos = list_elements(headers, "x-forwarded-proto"); !protos.empty()) {
      const std::string proto = lower(protos.back());
      if (proto == "https" || proto == "http") scheme = proto;
    }
    if (const auto hosts = list_elements(headers, "x-forwarded-host"); !hosts.empty()) {
      const std::string host = lower(hosts.back());
      if (is_valid_authority(host)) {
        origin.forwarded_host = host;
        authority = host;
      }
    }
  }
  origin.secure = scheme == "https";
  origin.base_url = scheme + "://" + authority + public_url.path;
  return origin;
}

}  // namespace latchkey::http
