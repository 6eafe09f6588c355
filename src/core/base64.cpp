#include "core/base64.hpp"

#include <array>
#include <cstdint>

namespace latchkey::base64 {
namespace {

constexpr std::string_view kStandard =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrl =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t kInvalid = 0xFF;

constexpr std::array<std::uint8_t, 256> make_table(std::string_view alphabet) {
  std::array<std::uint8_t, 256> table{};
  for (auto& entry : table) entry = kInvalid;
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr auto kStandardTable = make_table(kStandard);
constexpr auto kUrlTable = make_table(kUrl);

std::string encode_with(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const auto n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16U) |
                   (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8U) |
                   std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out.push_back(alphabet[(n >> 18U) & 63U]);
    out.push_back(alphabet[(n >> 12U) & 63U]);
    out.push_back(alphabet[(n >> 6U) & 63U]);
    out.push_back(alphabet[n & 63U]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16U;
    if (rest == 2) n |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8U;
    out.push_back(alphabet[(n >> 18U) & 63U]);
    out.push_back(alphabet[(n >> 12U) & 63U]);
    if (rest == 2) out.push_back(alphabet[(n >> 6U) & 63U]);
    if (pad) out.append(rest == 1 ? "==" : "=");
  }
  return out;
}

// Decodes unpadded text; padding has already been stripped and checked by the caller.
std::optional<std::string> decode_with(std::string_view text,
                                       const std::array<std::uint8_t, 256>& table) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  unsigned bits = 0;
  for (const char c : text) {
    const std::uint8_t sextet = table[static_cast<unsigned char>(c)];
    if (sextet == kInvalid) return std::nullopt;
    buffer = (buffer << 6U) | sextet;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFFU));
    }
  }
  // Security: leftover bits must be zero, otherwise several encodings map to one value.
  if ((buffer & ((1U << bits) - 1U)) != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string encode(std::string_view bytes) { return encode_with(bytes, kStandard, true); }

std::optional<std::string> decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && !text.empty() && text.back() == '=') {
    text.remove_suffix(1);
    ++padding;
  }
  if (padding > 0 && (text.size() + padding) % 4 != 0) return std::nullopt;
  return decode_with(text, kStandardTable);
}

std::string encode_url(std::string_view bytes) { return encode_with(bytes, kUrl, false); }

std::optional<std::string> decode_url(std::string_view text) {
  return decode_with(text, kUrlTable);
}

}  // namespace latchkey::base64
