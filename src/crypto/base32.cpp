#include "crypto/base32.hpp"

#include <cstdint>

namespace latchkey::crypto {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int decode_char(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string base32_encode(std::string_view bytes, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 4) / 5 * 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kAlphabet[(buffer >> bits) & 0x1f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
  if (pad) {
    while (out.size() % 8 != 0) out.push_back('=');
  }
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  // Padding: only at the end, and only as much as the last group needs to reach 8 characters.
  const std::size_t data_end = text.find('=');
  if (data_end != std::string_view::npos) {
    if (text.find_first_not_of('=', data_end) != std::string_view::npos) return std::nullopt;
    if (text.size() % 8 != 0) return std::nullopt;
    text = text.substr(0, data_end);
  }
  // RFC 4648 §6: a final group carries 8, 16, 24, 32 or 40 bits, i.e. 2, 4, 5, 7 or 8
  // characters; 1, 3 or 6 leftover characters cannot come from any encoder.
  const std::size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  if (data_end != std::string_view::npos && tail == 0) return std::nullopt;  // "========"

  std::string out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = decode_char(c);
    if (value < 0) return std::nullopt;
    buffer = ((buffer << 5) | static_cast<std::uint32_t>(value)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  // Leftover bits are padding and must be zero.
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace latchkey::crypto
