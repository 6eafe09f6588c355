#include "crypto/openssl_util.hpp"

#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace latchkey::crypto::detail {
namespace {

struct MdFree {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct MacFree {
  void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
};
struct CipherFree {
  void operator()(EVP_CIPHER* cipher) const { EVP_CIPHER_free(cipher); }
};

// The algorithms this module uses, fetched once. Read-only after construction (a function-local
// static, so initialisation is thread-safe); EVP_MD / EVP_MAC / EVP_CIPHER objects are safe to
// share between threads once fetched.
struct Algorithms {
  // A refused fetch (MD5 under FIPS) leaves a null pointer and an error on this thread's queue;
  // the queue is cleared so that error does not end up in an unrelated exception later.
  Algorithms() { ERR_clear_error(); }

  std::unique_ptr<EVP_MD, MdFree> sha1{EVP_MD_fetch(nullptr, "SHA1", nullptr)};
  std::unique_ptr<EVP_MD, MdFree> sha256{EVP_MD_fetch(nullptr, "SHA2-256", nullptr)};
  std::unique_ptr<EVP_MD, MdFree> sha384{EVP_MD_fetch(nullptr, "SHA2-384", nullptr)};
  std::unique_ptr<EVP_MD, MdFree> sha512{EVP_MD_fetch(nullptr, "SHA2-512", nullptr)};
  std::unique_ptr<EVP_MD, MdFree> md5{EVP_MD_fetch(nullptr, "MD5", nullptr)};
  std::unique_ptr<EVP_MAC, MacFree> hmac{EVP_MAC_fetch(nullptr, "HMAC", nullptr)};
  std::unique_ptr<EVP_CIPHER, CipherFree> aes_256_gcm{
      EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr)};
};

const Algorithms& algorithms() {
  static const Algorithms instance;
  return instance;
}

// "sha-256" -> "SHA256", so the few spellings callers use map onto one table row.
std::string normalize(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (const char c : name) {
    if (c == '-') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

void throw_openssl_error(std::string_view operation) {
  std::string message = "OpenSSL: ";
  message.append(operation);
  message.append(" failed");
  const char* file = nullptr;
  int line = 0;
  unsigned long code = 0;
  std::array<char, 256> buffer{};
  while ((code = ERR_get_error_all(&file, &line, nullptr, nullptr, nullptr)) != 0) {
    ERR_error_string_n(code, buffer.data(), buffer.size());
    message.append("; ");
    message.append(buffer.data());
  }
  throw std::runtime_error(message);
}

MdCtx new_md_ctx() { return MdCtx(check_ptr(EVP_MD_CTX_new(), "EVP_MD_CTX_new")); }

const EVP_MD* find_digest(std::string_view name) {
  const Algorithms& all = algorithms();
  const std::string key = normalize(name);
  if (key == "SHA1") return all.sha1.get();
  if (key == "SHA256") return all.sha256.get();
  if (key == "SHA384") return all.sha384.get();
  if (key == "SHA512") return all.sha512.get();
  if (key == "MD5") return all.md5.get();
  return nullptr;
}

const EVP_MD* get_digest(std::string_view name) {
  const EVP_MD* md = find_digest(name);
  if (md == nullptr) {
    throw std::invalid_argument("unsupported digest algorithm: " + std::string(name));
  }
  return md;
}

const EVP_MAC* hmac_algorithm() {
  return check_ptr(algorithms().hmac.get(), "EVP_MAC_fetch(HMAC)");
}

const EVP_CIPHER* aes_256_gcm() {
  return check_ptr(algorithms().aes_256_gcm.get(), "EVP_CIPHER_fetch(AES-256-GCM)");
}

}  // namespace latchkey::crypto::detail
