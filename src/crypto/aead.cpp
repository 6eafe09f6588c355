#include "crypto/aead.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <climits>
#include <stdexcept>

#include "crypto/openssl_util.hpp"
#include "crypto/random.hpp"

namespace latchkey::crypto {
namespace {

void require_key(std::string_view key) {
  if (key.size() != kAeadKeySize) throw std::invalid_argument("AES-256-GCM needs a 32-byte key");
}

int int_size(std::size_t size) {
  if (size > static_cast<std::size_t>(INT_MAX)) {
    throw std::invalid_argument("AES-GCM input too large");
  }
  return static_cast<int>(size);
}

detail::CipherCtx new_cipher_ctx() {
  return detail::CipherCtx(detail::check_ptr(EVP_CIPHER_CTX_new(), "EVP_CIPHER_CTX_new"));
}

}  // namespace

std::string seal(std::string_view key, std::string_view plaintext,
                 std::string_view associated_data) {
  require_key(key);
  const int plaintext_size = int_size(plaintext.size());
  const int ad_size = int_size(associated_data.size());

  std::string out = random_bytes(kAeadNonceSize);
  out.resize(kAeadNonceSize + plaintext.size() + kAeadTagSize);
  auto* nonce = detail::bytes(out);
  auto* ciphertext = nonce + kAeadNonceSize;

  const detail::CipherCtx ctx = new_cipher_ctx();
  // The default GCM IV length is 12 bytes, so no EVP_CTRL_GCM_SET_IVLEN is needed.
  detail::check(
      EVP_EncryptInit_ex2(ctx.get(), detail::aes_256_gcm(), detail::bytes(key), nonce, nullptr),
      "EVP_EncryptInit_ex2");
  int length = 0;
  if (ad_size > 0) {
    detail::check(
        EVP_EncryptUpdate(ctx.get(), nullptr, &length, detail::bytes(associated_data), ad_size),
        "EVP_EncryptUpdate(aad)");
  }
  int written = 0;
  if (plaintext_size > 0) {
    detail::check(
        EVP_EncryptUpdate(ctx.get(), ciphertext, &length, detail::bytes(plaintext), plaintext_size),
        "EVP_EncryptUpdate");
    written = length;
  }
  detail::check(EVP_EncryptFinal_ex(ctx.get(), ciphertext + written, &length),
                "EVP_EncryptFinal_ex");
  detail::check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG,
                                    static_cast<int>(kAeadTagSize), ciphertext + plaintext.size()),
                "EVP_CTRL_AEAD_GET_TAG");
  return out;
}

std::optional<std::string> open(std::string_view key, std::string_view sealed,
                                std::string_view associated_data) {
  require_key(key);
  if (sealed.size() < kAeadNonceSize + kAeadTagSize) return std::nullopt;
  const std::string_view nonce = sealed.substr(0, kAeadNonceSize);
  const std::string_view ciphertext =
      sealed.substr(kAeadNonceSize, sealed.size() - kAeadNonceSize - kAeadTagSize);
  // EVP_CTRL_AEAD_SET_TAG takes a mutable pointer; hand it a copy.
  std::array<unsigned char, kAeadTagSize> tag{};
  const std::string_view tag_bytes = sealed.substr(sealed.size() - kAeadTagSize);
  std::copy(tag_bytes.begin(), tag_bytes.end(), tag.begin());
  const int ciphertext_size = int_size(ciphertext.size());
  const int ad_size = int_size(associated_data.size());

  const detail::CipherCtx ctx = new_cipher_ctx();
  detail::check(EVP_DecryptInit_ex2(ctx.get(), detail::aes_256_gcm(), detail::bytes(key),
                                    detail::bytes(nonce), nullptr),
                "EVP_DecryptInit_ex2");
  int length = 0;
  if (ad_size > 0) {
    detail::check(
        EVP_DecryptUpdate(ctx.get(), nullptr, &length, detail::bytes(associated_data), ad_size),
        "EVP_DecryptUpdate(aad)");
  }
  std::string plaintext(ciphertext.size(), '\0');
  int written = 0;
  if (ciphertext_size > 0) {
    detail::check(EVP_DecryptUpdate(ctx.get(), detail::bytes(plaintext), &length,
                                    detail::bytes(ciphertext), ciphertext_size),
                  "EVP_DecryptUpdate");
    written = length;
  }
  detail::check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG,
                                    static_cast<int>(kAeadTagSize), tag.data()),
                "EVP_CTRL_AEAD_SET_TAG");
  if (EVP_DecryptFinal_ex(ctx.get(), detail::bytes(plaintext) + written, &length) <= 0) {
    // Security: tag mismatch. Wipe the unauthenticated plaintext instead of letting it linger in
    // freed memory, and drop whatever the failure left on the error queue.
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    ERR_clear_error();
    return std::nullopt;
  }
  return plaintext;
}

}  // namespace latchkey::crypto
