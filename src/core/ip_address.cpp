#include "core/ip_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <vector>

namespace latchkey {
namespace {

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

std::array<std::uint8_t, 16> mapped(std::uint32_t v4) {
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < kV4MappedPrefix.size(); ++i) bytes[i] = kV4MappedPrefix[i];
  bytes[12] = static_cast<std::uint8_t>(v4 >> 24U);
  bytes[13] = static_cast<std::uint8_t>(v4 >> 16U);
  bytes[14] = static_cast<std::uint8_t>(v4 >> 8U);
  bytes[15] = static_cast<std::uint8_t>(v4);
  return bytes;
}

bool is_mapped(const std::array<std::uint8_t, 16>& bytes) {
  for (std::size_t i = 0; i < kV4MappedPrefix.size(); ++i) {
    if (bytes[i] != kV4MappedPrefix[i]) return false;
  }
  return true;
}

std::optional<std::uint32_t> strict_v4(std::string_view text) {
  std::uint32_t value = 0;
  int parts = 0;
  while (parts < 4) {
    const auto dot = text.find('.');
    const std::string_view part = text.substr(0, dot);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part.front() == '0')) {
      return std::nullopt;
    }
    unsigned octet = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), octet);
    if (error != std::errc() || end != part.data() + part.size() || octet > 255) {
      return std::nullopt;
    }
    value = (value << 8U) | octet;
    ++parts;
    if (dot == std::string_view::npos) return parts == 4 ? std::optional(value) : std::nullopt;
    text.remove_prefix(dot + 1);
  }
  return std::nullopt;  // a fifth part
}

// One part of a legacy IPv4 host: 0x-prefixed hex, 0-prefixed octal, else decimal (WHATWG
// URL "IPv4 number parser").
std::optional<std::uint64_t> legacy_number(std::string_view part) {
  int base = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
    if (part.empty()) return 0;  // "0x" is zero
  } else if (part.size() >= 2 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  if (part.empty() || part.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value, base);
  if (error != std::errc() || end != part.data() + part.size()) return std::nullopt;
  return value;
}

std::optional<std::uint32_t> legacy_v4(std::string_view text) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);  // "127.0.0.1." is allowed
  std::vector<std::uint64_t> numbers;
  while (true) {
    const auto dot = text.find('.');
    const auto number = legacy_number(text.substr(0, dot));
    if (!number) return std::nullopt;
    numbers.push_back(*number);
    if (numbers.size() > 4) return std::nullopt;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  // Every part but the last is one byte; the last fills the remaining bytes ("127.1").
  std::uint64_t value = 0;
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return std::nullopt;
    value |= numbers[i] << (8U * (3 - i));
  }
  const auto last_bits = 8U * (5 - numbers.size());
  if (numbers.back() >= (std::uint64_t{1} << last_bits)) return std::nullopt;
  value |= numbers.back();
  return static_cast<std::uint32_t>(value);
}

bool prefix_matches(const std::array<std::uint8_t, 16>& bytes,
                    const std::array<std::uint8_t, 16>& base, int prefix) {
  for (int bit = 0; bit < prefix; ++bit) {
    const auto index = static_cast<std::size_t>(bit / 8);
    const auto mask = static_cast<std::uint8_t>(0x80U >> static_cast<unsigned>(bit % 8));
    if ((bytes[index] & mask) != (base[index] & mask)) return false;
  }
  return true;
}

// Security: the ranges a server-side request must never reach (RFC 6890 special-purpose
// registries, less the globally reachable ones).
constexpr std::string_view kNonPublic[] = {
    "0.0.0.0/8",     "10.0.0.0/8",      "100.64.0.0/10",  "127.0.0.0/8",    "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24",    "192.0.2.0/24",   "192.88.99.0/24", "192.168.0.0/16",
    "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",    "240.0.0.0/4",
    "::/96",         "::1/128",         "64:ff9b:1::/48", "100::/64",       "2001:db8::/32",
    "fc00::/7",      "fe80::/10",       "fec0::/10",      "ff00::/8",
};

std::optional<IpAddress> embedded_v4(const std::array<std::uint8_t, 16>& bytes, std::size_t at) {
  return IpAddress::parse(std::to_string(bytes[at]) + "." + std::to_string(bytes[at + 1]) + "." +
                          std::to_string(bytes[at + 2]) + "." + std::to_string(bytes[at + 3]));
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  IpAddress address;
  if (const auto v4 = strict_v4(text)) {
    address.bytes_ = mapped(*v4);
    address.v4_ = true;
    return address;
  }
  if (text.empty() || text.size() > 45 || text.find(':') == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string copy(text);
  std::array<std::uint8_t, 16> bytes{};
  if (::inet_pton(AF_INET6, copy.c_str(), bytes.data()) != 1) return std::nullopt;
  address.bytes_ = bytes;
  address.v4_ = is_mapped(bytes);
  return address;
}

std::optional<IpAddress> IpAddress::parse_url_host(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (host.find('%') != std::string_view::npos) return std::nullopt;  // zone ids
    return parse(host);
  }
  if (auto strict = parse(host)) return strict;
  if (const auto v4 = legacy_v4(host)) {
    IpAddress address;
    address.bytes_ = mapped(*v4);
    address.v4_ = true;
    return address;
  }
  return std::nullopt;
}

std::string IpAddress::str() const {
  std::array<char, 64> text{};
  if (v4_) {
    return std::to_string(bytes_[12]) + "." + std::to_string(bytes_[13]) + "." +
           std::to_string(bytes_[14]) + "." + std::to_string(bytes_[15]);
  }
  if (::inet_ntop(AF_INET6, bytes_.data(), text.data(), text.size()) == nullptr) return {};
  return text.data();
}

std::optional<IpNetwork> IpNetwork::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto address = IpAddress::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  const int width = address->is_v4() ? 32 : 128;
  int prefix = width;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        prefix < 0 || prefix > width) {
      return std::nullopt;
    }
  }
  IpNetwork network;
  network.base_ = *address;
  network.prefix_ = prefix + (address->is_v4() ? 96 : 0);
  // Host bits must be zero.
  const auto& bytes = address->bytes();
  for (int bit = network.prefix_; bit < 128; ++bit) {
    const auto index = static_cast<std::size_t>(bit / 8);
    const auto mask = static_cast<std::uint8_t>(0x80U >> static_cast<unsigned>(bit % 8));
    if ((bytes[index] & mask) != 0) return std::nullopt;
  }
  return network;
}

bool IpNetwork::contains(const IpAddress& address) const {
  return prefix_matches(address.bytes(), base_.bytes(), prefix_);
}

std::string IpNetwork::str() const {
  return base_.str() + "/" + std::to_string(base_.is_v4() ? prefix_ - 96 : prefix_);
}

bool is_non_public(const IpAddress& address) {
  const auto& bytes = address.bytes();
  if (!address.is_v4()) {
    // NAT64 (64:ff9b::/96, RFC 6052) and 6to4 (2002::/16, RFC 3056) carry an IPv4 address
    // that the gateway connects to.
    if (const auto nat64 = IpNetwork::parse("64:ff9b::/96"); nat64 && nat64->contains(address)) {
      const auto inner = embedded_v4(bytes, 12);
      return !inner || is_non_public(*inner);
    }
    if (bytes[0] == 0x20 && bytes[1] == 0x02) {
      const auto inner = embedded_v4(bytes, 2);
      if (!inner || is_non_public(*inner)) return true;
    }
  }
  for (const std::string_view text : kNonPublic) {
    const auto network = IpNetwork::parse(text);
    // "::/96" (IPv4-compatible, deprecated) does not swallow the IPv4 ranges: an IPv4 address
    // is stored mapped (::ffff:0:0/96), which "::/96" does not contain.
    if (network && network->contains(address)) return true;
  }
  return false;
}

}  // namespace latchkey
