#include "http/request_id.hpp"

#include <cstdint>
#include <random>

namespace latchkey::http {

std::string new_request_id() {
  // Not a secret, so a per-thread PRNG seeded once from the OS is enough and never contends.
  thread_local std::mt19937_64 generator{
      (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xfU];
    bits >>= 4U;
  }
  return id;
}

bool is_acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string choose_request_id(std::optional<std::string_view> incoming) {
  if (incoming && is_acceptable_request_id(*incoming)) return std::string(*incoming);
  return new_request_id();
}

}  // namespace latchkey::http
