#include "crypto/random.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <string_view>

#include "core/base64.hpp"
#include "crypto/openssl_util.hpp"

namespace latchkey::crypto {
namespace {

constexpr std::string_view kAlphanumeric =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

void fill_random(unsigned char* out, std::size_t n) {
  // RAND_bytes takes an int; large requests are served in chunks.
  while (n > 0) {
    const std::size_t chunk = std::min<std::size_t>(n, INT_MAX);
    detail::check(RAND_bytes(out, static_cast<int>(chunk)), "RAND_bytes");
    out += chunk;
    n -= chunk;
  }
}

}  // namespace

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  fill_random(detail::bytes(out), n);
  return out;
}

std::string random_token(std::size_t bytes) { return base64::encode_url(random_bytes(bytes)); }

Uuid random_uuid() {
  unsigned char raw[16];
  fill_random(raw, sizeof raw);
  return Uuid::from_random_bytes(raw);
}

std::string random_alphanumeric(std::size_t length) {
  // Security: `byte % 62` alone would favour the first 8 characters (256 = 4 * 62 + 8). Bytes at
  // or above 248 (the largest multiple of 62 that fits) are rejected and redrawn, so every
  // character is exactly equally likely. About 3% of bytes are discarded.
  constexpr unsigned kLimit = 256 - (256 % kAlphanumeric.size());
  std::string out;
  out.reserve(length);
  while (out.size() < length) {
    // Draw a little more than needed so one RAND_bytes call usually suffices.
    const std::string pool = random_bytes(length - out.size() + 8);
    for (const char c : pool) {
      const unsigned byte = static_cast<unsigned char>(c);
      if (byte >= kLimit) continue;
      out.push_back(kAlphanumeric[byte % kAlphanumeric.size()]);
      if (out.size() == length) break;
    }
  }
  return out;
}

}  // namespace latchkey::crypto
