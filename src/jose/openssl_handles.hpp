#pragma once
// Internal to jose: owning handles for OpenSSL objects and the one way OpenSSL failures leave
// this module. An internal OpenSSL failure (allocation, a provider missing) is a bug or an
// outage and throws; a bad signature or bad input is expected and is returned by the callers,
// which clear the error queue so it never leaks into the next, unrelated diagnostic.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

#include "jose/algorithm.hpp"
#include "jose/key.hpp"

namespace latchkey::jose::ossl {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* handle) const noexcept {
    Free(handle);
  }
};

using EvpPkeyPtr = jose::EvpPkeyPtr;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;

// Throws std::runtime_error naming `what` and every entry drained from the error queue.
[[noreturn]] void throw_error(std::string_view what);

// Forgets queued errors after an expected failure (a bad signature, a PEM that is not a key).
void clear_errors() noexcept;

// A read-only memory BIO over `bytes`; `bytes` must outlive it.
BioPtr memory_reader(std::string_view bytes);
// Everything written so far to a memory BIO.
std::string drain(BIO* bio);

// The message digest of an algorithm's hash; nullptr for EdDSA, which hashes internally.
const EVP_MD* digest_of(Algorithm algorithm);

// One-shot digest of `bytes` ("SHA1", "SHA256", "MD5"...), as raw bytes.
std::string digest(const EVP_MD* md, std::string_view bytes);

// Big-endian bytes of a BIGNUM, left-padded with zeros to `width` when width > 0.
std::string bignum_bytes(const BIGNUM* bn, int width = 0);
BignumPtr bignum_from(std::string_view big_endian);

inline const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace latchkey::jose::ossl
