#pragma once
// bcrypt (Provos & Mazières, 1999) through libxcrypt's crypt_r, in the split form FusionAuth
// stores: the 22-character salt and the 31-character hash as separate fields, the cost as the
// factor. A full modular-crypt string is `$2a$` ‖ two-digit cost ‖ `$` ‖ salt ‖ hash.
//
//   const std::string salt = crypto::bcrypt_generate_salt();
//   const std::optional<std::string> hash = crypto::bcrypt_hash(password, salt, 10);

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey::crypto {

inline constexpr int kBcryptMinCost = 4;
inline constexpr int kBcryptMaxCost = 31;
inline constexpr std::size_t kBcryptSaltLength = 22;
inline constexpr std::size_t kBcryptHashLength = 31;

// 16 random bytes in bcrypt's own base64 alphabet ([./A-Za-z0-9]): 22 characters.
std::string bcrypt_generate_salt();

// The 31-character hash of `password` under the 22-character `salt` and `cost`
// (2^cost rounds). Answers nullopt when the salt is malformed, the cost is outside 4..31, or the
// password contains a NUL byte.
//
// Security: crypt_r reads the password as a C string, so "abc\0xyz" would hash like "abc";
// such passwords are refused rather than silently truncated. Like every bcrypt, only the first
// 72 bytes of the password count (FusionAuth's jBCrypt behaves the same).
std::optional<std::string> bcrypt_hash(std::string_view password, std::string_view salt, int cost);

}  // namespace latchkey::crypto
