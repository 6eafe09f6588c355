#pragma once
// Authenticated encryption for small secrets kept at rest (TOTP secrets, private keys in the
// store): AES-256-GCM (NIST SP 800-38D) with a random 96-bit nonce.
//
//   const std::string sealed = crypto::seal(key, totp_secret, user_id.str());
//   const std::optional<std::string> secret = crypto::open(key, sealed, user_id.str());

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey::crypto {

inline constexpr std::size_t kAeadKeySize = 32;
inline constexpr std::size_t kAeadNonceSize = 12;
inline constexpr std::size_t kAeadTagSize = 16;

// Encrypts `plaintext` under the 32-byte `key`, binding `associated_data` (e.g. the owning row's
// id, so a sealed value cannot be moved to another row). Returns nonce ‖ ciphertext ‖ tag, raw
// bytes, 28 bytes longer than the plaintext. A key of the wrong size is a bug:
// std::invalid_argument.
//
// Security: the nonce is drawn at random for every call. With 96-bit random nonces one key must
// seal fewer than 2^32 messages (SP 800-38D §8.3); rotate the key long before that.
std::string seal(std::string_view key, std::string_view plaintext,
                 std::string_view associated_data = {});

// Reverses seal. Answers nullopt when anything was altered — nonce, ciphertext, tag, length, or
// the associated data — or when `key` is not the sealing key.
//
// Security: no plaintext is released before the tag has been verified.
std::optional<std::string> open(std::string_view key, std::string_view sealed,
                                std::string_view associated_data = {});

}  // namespace latchkey::crypto
