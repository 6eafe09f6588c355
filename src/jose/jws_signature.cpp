#include "jose/jws_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <array>
#include <limits>
#include <stdexcept>

#include "jose/ecdsa_signature.hpp"
#include "jose/openssl_handles.hpp"

namespace latchkey::jose {
namespace {

std::string hmac(std::string_view data, const Key& key) {
  const std::string& secret = key.secret().reveal();
  if (secret.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::length_error("jose: HMAC secret too large");
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> tag{};
  unsigned int size = 0;
  if (HMAC(ossl::digest_of(key.algorithm()), secret.data(), static_cast<int>(secret.size()),
           ossl::bytes_of(data), data.size(), tag.data(), &size) == nullptr) {
    ossl::throw_error("HMAC");
  }
  return {reinterpret_cast<const char*>(tag.data()), size};
}

// A digest context set up for the key's algorithm, for signing or verifying.
ossl::EvpMdCtxPtr start(const Key& key, bool signing) {
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) ossl::throw_error("EVP_MD_CTX_new");
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md = ossl::digest_of(key.algorithm());  // nullptr for Ed25519 (RFC 8032)
  const int started = signing ? EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key.evp())
                              : EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key.evp());
  if (started != 1) ossl::throw_error("EVP_DigestSignInit/VerifyInit");
  if (key.family() == Family::kRsaPss) {
    // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash. Security: verification
    // demands exactly that salt length instead of OpenSSL's auto-detection.
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1) {
      ossl::throw_error("RSA-PSS parameters");
    }
  }
  return ctx;
}

}  // namespace

std::string sign_input(std::string_view signing_input, const Key& key) {
  if (key.is_hmac()) return hmac(signing_input, key);
  if (!key.has_private()) throw std::logic_error("jose::sign_input: key has no private part");
  const auto ctx = start(key, true);
  std::size_t size = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &size, ossl::bytes_of(signing_input),
                     signing_input.size()) != 1) {
    ossl::throw_error("EVP_DigestSign (size)");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     ossl::bytes_of(signing_input), signing_input.size()) != 1) {
    ossl::throw_error("EVP_DigestSign");
  }
  signature.resize(size);
  if (key.family() != Family::kEcdsa) return signature;
  auto raw = ecdsa_der_to_raw(signature, ec_field_size(key.algorithm()));
  if (!raw) throw std::runtime_error("jose: OpenSSL produced an unreadable ECDSA signature");
  // OpenSSL leaves S wherever the nonce put it: half of its signatures have a high S, which
  // our own verification refuses.
  return ecdsa_low_s(std::move(*raw), key.algorithm());
}

bool verify_input(std::string_view signing_input, std::string_view signature, const Key& key,
                  bool require_low_s) {
  if (signature.size() != key.signature_size()) return false;
  if (key.is_hmac()) {
    const std::string expected = hmac(signing_input, key);
    // Security: constant-time comparison, so timing does not reveal how much of a forged tag
    // was right.
    return CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
  }
  std::string der;
  if (key.family() == Family::kEcdsa) {
    if (require_low_s && !ecdsa_is_low_s(signature, key.algorithm())) return false;
    auto converted = ecdsa_raw_to_der(signature);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  const auto ctx = start(key, false);
  const int verified = EVP_DigestVerify(ctx.get(), ossl::bytes_of(signature), signature.size(),
                                        ossl::bytes_of(signing_input), signing_input.size());
  if (verified != 1) ossl::clear_errors();  // a wrong signature is an answer, not a failure
  return verified == 1;
}

}  // namespace latchkey::jose
