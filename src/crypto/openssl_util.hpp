#pragma once
// Internal to crypto/: the glue every OpenSSL call here shares — owning handles, the error
// queue turned into an exception, byte-pointer views of strings, and the digests fetched once.
// Not part of the module's API; nothing outside src/crypto/ should include it.
//
//   const EVP_MD* md = detail::find_digest("SHA256");   // nullptr when unknown
//   detail::check(EVP_DigestInit_ex2(ctx.get(), md, nullptr), "EVP_DigestInit_ex2");

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace latchkey::crypto::detail {

// An OpenSSL failure that is not the caller's fault (allocation, provider error): thrown with
// the whole error queue drained into the message, so the log shows why and the next OpenSSL
// call starts from a clean queue.
[[noreturn]] void throw_openssl_error(std::string_view operation);

inline void check(int rc, std::string_view operation) {
  if (rc <= 0) throw_openssl_error(operation);
}

template <class T>
inline T* check_ptr(T* pointer, std::string_view operation) {
  if (pointer == nullptr) throw_openssl_error(operation);
  return pointer;
}

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

MdCtx new_md_ctx();

// OpenSSL speaks unsigned char; our byte strings are std::string.
inline const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}
inline unsigned char* bytes(std::string& text) {
  return reinterpret_cast<unsigned char*>(text.data());
}

// Digests are fetched from the default provider once per process: an implicit fetch on every
// EVP_DigestInit costs a lock and a lookup, which shows on hot paths (refresh-token hashing).
// Accepts SHA1, SHA256, SHA384, SHA512 and MD5, case-insensitive, with or without a dash
// ("SHA-256"). Answers nullptr for anything else, or when the provider refuses (MD5 under FIPS).
const EVP_MD* find_digest(std::string_view name);
// As find_digest, but an unknown name is the caller's bug: throws std::invalid_argument.
const EVP_MD* get_digest(std::string_view name);

const EVP_MAC* hmac_algorithm();
const EVP_CIPHER* aes_256_gcm();

}  // namespace latchkey::crypto::detail
