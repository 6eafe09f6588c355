#pragma once
// A signing or verification key bound to exactly one Algorithm at construction: an HMAC secret,
// or an OpenSSL EVP_PKEY (RSA, EC P-256/384/521, Ed25519) with or without its private part.
// Binding the algorithm to the key, never to the token, is what defeats algorithm confusion.
//
//   auto key = Key::from_pem(Algorithm::kRS256, pem);      // expected<Key, KeyError>
//   auto fresh = Key::generate(Algorithm::kES256);
//   std::string pem_out = fresh.public_pem();

#include <openssl/types.h>

#include <cstddef>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/secret.hpp"
#include "jose/algorithm.hpp"

namespace latchkey::jose {

// Why key material was refused. Services turn these into FusionAuth field errors.
enum class KeyError {
  kInvalidPem,          // not a parseable public key, private key or certificate
  kInvalidJwk,          // missing or malformed members, inconsistent private part
  kUnsupportedKeyType,  // DSA, X25519, Ed448, an unnamed or unknown EC curve...
  kAlgorithmMismatch,   // e.g. an EC key for RS256, an RSA key for HS256
  kCurveMismatch,       // ES256 needs P-256, ES384 P-384, ES512 P-521
  kBadKeySize,          // RSA below 2048 bits (1024 for verify-only) or above 8192
  kEmptySecret,         // an HMAC key needs at least one byte
};

std::string_view to_string(KeyError error);

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* pkey) const noexcept;
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

class Key {
 public:
  // An HMAC key. The secret's bytes are the MAC key as given (FusionAuth uses the UTF-8 bytes of
  // its secret string, not a base64 decoding of it).
  static std::expected<Key, KeyError> hmac(Algorithm algorithm, std::string secret);

  // Accepts "PUBLIC KEY" (SPKI), "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY", "EC PRIVATE KEY" and
  // "CERTIFICATE" PEM; a certificate yields its public key. Encrypted keys are refused.
  static std::expected<Key, KeyError> from_pem(Algorithm algorithm, std::string_view text);

  // Fresh key material: RSA of `rsa_bits` (2048, 3072 or 4096), an EC key on the algorithm's
  // curve, an Ed25519 key, or for HS* a secret of base64(hash_size random bytes), as FusionAuth
  // generates them. Throws std::invalid_argument for another RSA size.
  static Key generate(Algorithm algorithm, int rsa_bits = 2048);

  // Adopts an EVP_PKEY after checking that it fits `algorithm` (used by PEM and JWK import).
  static std::expected<Key, KeyError> from_evp(Algorithm algorithm, EvpPkeyPtr pkey,
                                               bool has_private);

  Key(const Key& other);
  Key& operator=(const Key& other);
  Key(Key&&) noexcept = default;
  Key& operator=(Key&&) noexcept = default;
  ~Key() = default;

  [[nodiscard]] Algorithm algorithm() const { return algorithm_; }
  [[nodiscard]] Family family() const { return family_of(algorithm_); }
  [[nodiscard]] bool is_hmac() const { return !pkey_; }
  // True for HMAC keys and for asymmetric keys holding their private part: the key can sign.
  [[nodiscard]] bool can_sign() const { return is_hmac() || has_private_; }
  // Whether an asymmetric key holds its private part (FusionAuth's `hasPrivateKey`).
  [[nodiscard]] bool has_private() const { return has_private_; }

  // SPKI "PUBLIC KEY" PEM. Throws std::logic_error for HMAC keys.
  [[nodiscard]] std::string public_pem() const;
  // Unencrypted PKCS#8 "PRIVATE KEY" PEM. Throws std::logic_error without a private part.
  [[nodiscard]] std::string private_pem() const;

  // RSA modulus bits; EC 256/384/521; Ed25519 256; HMAC the secret's length in bits.
  [[nodiscard]] int bits() const;
  // "P-256", "P-384", "P-521", "Ed25519"; nothing for RSA and HMAC.
  [[nodiscard]] std::optional<std::string_view> curve_name() const { return curve_of(algorithm_); }
  // The exact length a valid JWS signature has with this key (RFC 7518 §3.2–3.5, RFC 8037).
  [[nodiscard]] std::size_t signature_size() const { return signature_size_; }

  // The HMAC secret. Throws std::logic_error for asymmetric keys.
  [[nodiscard]] const Secret& secret() const;
  // The OpenSSL key for jose's own signing code; nullptr for HMAC. Non-const because OpenSSL's
  // API is not const-correct; an EVP_PKEY is safe to use from several threads at once.
  [[nodiscard]] EVP_PKEY* evp() const { return pkey_.get(); }

 private:
  Key(Algorithm algorithm, Secret secret);
  Key(Algorithm algorithm, EvpPkeyPtr pkey, bool has_private);

  Algorithm algorithm_;
  Secret secret_;
  EvpPkeyPtr pkey_;
  bool has_private_ = false;
  std::size_t signature_size_ = 0;
};

// FusionAuth's key import infers the algorithm from the key: RSA -> RS256, EC P-256/384/521 ->
// ES256/384/512, Ed25519 -> EdDSA. Nothing for unparseable PEM and other key types.
std::optional<Algorithm> infer_algorithm_from_pem(std::string_view text);

}  // namespace latchkey::jose
