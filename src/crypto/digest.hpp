#pragma once
// Message digests and HMAC (RFC 2104) over OpenSSL EVP, all returning raw bytes.
//
//   const std::string mac = crypto::hmac("SHA256", key, message);      // 32 raw bytes
//   const KeyedHasher hasher(config.token_hash_key);
//   store.find_refresh_token(hasher.hash(presented_token));            // never stored in clear

#include <cstddef>
#include <string>
#include <string_view>

#include "core/secret.hpp"

namespace latchkey::crypto {

std::string sha1(std::string_view data);
std::string sha256(std::string_view data);
std::string sha384(std::string_view data);
std::string sha512(std::string_view data);
// MD5 is broken; it exists only for FusionAuth's `salted-md5` import scheme.
std::string md5(std::string_view data);

// HMAC of `data` under `key` with the named digest: "SHA1", "SHA256", "SHA384" or "SHA512"
// (case-insensitive, "SHA-256" also accepted). Raw bytes out. An unknown algorithm is the
// caller's bug: std::invalid_argument.
std::string hmac(std::string_view algorithm, std::string_view key, std::string_view data);

// Lower-case hexadecimal, two characters per byte.
std::string to_hex(std::string_view bytes);

// Turns a high-entropy value (refresh token, API key) into the key it is stored and looked up
// under, so a leaked database does not hand out working credentials.
//
// Security: HMAC-SHA256 under a server-side key rather than a plain hash: without the key, a
// stolen table cannot even be used to confirm a guessed token offline. The inputs are random
// 256-bit tokens, so no salt or slow hash is needed (there is nothing to brute-force), and the
// output is deterministic, which an indexed lookup requires.
class KeyedHasher {
 public:
  enum class Encoding { kHex, kBase64Url };

  static constexpr std::size_t kKeySize = 32;

  // `key` must hold exactly 32 bytes (e.g. from random_bytes(32)); anything else is a
  // configuration bug and throws std::invalid_argument.
  explicit KeyedHasher(Secret key, Encoding encoding = Encoding::kBase64Url);

  // HMAC-SHA256(key, value) in the chosen encoding: 64 hex or 43 base64url characters.
  [[nodiscard]] std::string hash(std::string_view value) const;

 private:
  Secret key_;
  Encoding encoding_;
};

}  // namespace latchkey::crypto
