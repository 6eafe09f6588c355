#include "crypto/bcrypt.hpp"

#include <crypt.h>
#include <openssl/crypto.h>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "crypto/random.hpp"

namespace latchkey::crypto {
namespace {

// The 2a/2b/2y prefixes differ only in how historic implementations mishandled 8-bit or very
// long passwords; libxcrypt (crypt_blowfish) computes all three identically, so which one we
// rebuild does not matter. FusionAuth stores no prefix at all: its password-hashes.mdx
// pseudocode decodes the salt from bcrypt's base64 and keeps 23 bytes of the result
// (`length(bcryptIV) * 4 - 1`), i.e. the 31 characters after the salt.
constexpr std::string_view kPrefix = "$2a$";

bool is_bcrypt_base64(std::string_view text) {
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '/';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string bcrypt_generate_salt() {
  const std::string entropy = random_bytes(16);
  std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> setting{};
  if (crypt_gensalt_rn(kPrefix.data(), static_cast<unsigned long>(kBcryptMinCost), entropy.data(),
                       static_cast<int>(entropy.size()), setting.data(),
                       static_cast<int>(setting.size())) == nullptr) {
    throw std::runtime_error("crypt_gensalt_rn refused to make a bcrypt salt");
  }
  // "$2a$04$" then the 22 salt characters.
  return std::string(setting.data() + 7, kBcryptSaltLength);
}

std::optional<std::string> bcrypt_hash(std::string_view password, std::string_view salt, int cost) {
  if (cost < kBcryptMinCost || cost > kBcryptMaxCost) return std::nullopt;
  if (salt.size() != kBcryptSaltLength || !is_bcrypt_base64(salt)) return std::nullopt;
  if (password.find('\0') != std::string_view::npos) return std::nullopt;

  std::array<char, 8> cost_text{};
  std::snprintf(cost_text.data(), cost_text.size(), "%02d", cost);
  std::string setting(kPrefix);
  setting.append(cost_text.data());
  setting.push_back('$');
  setting.append(salt);
  std::string key(password);  // NUL-terminated copy for crypt_r

  // crypt_data is ~32 KiB: too big for a worker thread's stack, so it lives on the heap, zeroed
  // as crypt_r requires on first use.
  const auto data = std::make_unique<crypt_data>();
  const char* result = crypt_r(key.c_str(), setting.c_str(), data.get());
  std::optional<std::string> hash;
  // On failure crypt_r answers null or a "*0"/"*1" failure token instead of a hash.
  if (result != nullptr && result[0] == '$') {
    const std::string_view full(result);
    // The output repeats the setting (salt re-encoded canonically) and ends with the hash; only
    // the hash is compared, so a salt with non-canonical trailing bits still verifies.
    if (full.size() == 7 + kBcryptSaltLength + kBcryptHashLength) {
      hash.emplace(full.substr(full.size() - kBcryptHashLength));
    }
  }
  // Security: do not leave the password or the Blowfish key schedule behind in freed memory.
  OPENSSL_cleanse(key.data(), key.size());
  OPENSSL_cleanse(data.get(), sizeof(crypt_data));
  return hash;
}

}  // namespace latchkey::crypto
