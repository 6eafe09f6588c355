#include "core/uuid.hpp"

#include <array>
#include <cctype>

namespace latchkey {
namespace {

constexpr std::array<std::size_t, 4> kDashes = {8, 13, 18, 23};
constexpr std::size_t kLength = 36;

bool is_dash_position(std::size_t index) {
  for (const std::size_t dash : kDashes) {
    if (dash == index) return true;
  }
  return false;
}

}  // namespace

std::optional<Uuid> Uuid::parse(std::string_view text) {
  if (text.size() != kLength) return std::nullopt;
  std::string canonical(kLength, '-');
  for (std::size_t i = 0; i < kLength; ++i) {
    const char c = text[i];
    if (is_dash_position(i)) {
      if (c != '-') return std::nullopt;
      continue;
    }
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    canonical[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return Uuid(std::move(canonical));
}

Uuid Uuid::from_random_bytes(const unsigned char (&bytes)[16]) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::array<unsigned char, 16> b{};
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = bytes[i];
  b[6] = static_cast<unsigned char>((b[6] & 0x0FU) | 0x40U);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3FU) | 0x80U);  // RFC 9562 variant
  std::string text;
  text.reserve(kLength);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[b[i] >> 4U]);
    text.push_back(kHex[b[i] & 0x0FU]);
  }
  return Uuid(std::move(text));
}

}  // namespace latchkey
