#pragma once
// The JWS algorithms Latchkey signs and verifies (RFC 7518 §3, RFC 8037 §3.1), their names in
// JWS headers and in FusionAuth's Key API, and the facts other jose files derive from them.
//
//   const auto alg = parse_jws_name(header_alg);          // nothing for "none" or unknown
//   if (family_of(*alg) == Family::kEcdsa) ...

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace latchkey::jose {

enum class Algorithm {
  kHS256,
  kHS384,
  kHS512,
  kRS256,
  kRS384,
  kRS512,
  kPS256,
  kPS384,
  kPS512,
  kES256,
  kES384,
  kES512,
  kEdDSA,  // Ed25519 only; Ed448 is not supported
};

inline constexpr std::array<Algorithm, 13> kAllAlgorithms = {
    Algorithm::kHS256, Algorithm::kHS384, Algorithm::kHS512, Algorithm::kRS256, Algorithm::kRS384,
    Algorithm::kRS512, Algorithm::kPS256, Algorithm::kPS384, Algorithm::kPS512, Algorithm::kES256,
    Algorithm::kES384, Algorithm::kES512, Algorithm::kEdDSA};

enum class Family {
  kHmac,    // HS*: shared secret
  kRsa,     // RS*: RSASSA-PKCS1-v1_5
  kRsaPss,  // PS*: RSASSA-PSS, same RSA keys as RS*
  kEcdsa,   // ES*: one curve per algorithm
  kEdDSA,   // Ed25519
};

// The `alg` header value: "HS256" ... "EdDSA" (RFC 8037 §3.1).
std::string_view jws_name(Algorithm algorithm);
// Exact, case-sensitive match of a JWS `alg` (RFC 7515 §4.1.1). Also accepts "Ed25519", the
// fully-specified name (RFC 9864) that FusionAuth itself writes for its Ed25519 keys; "none" and
// anything unknown answer nothing.
std::optional<Algorithm> parse_jws_name(std::string_view name);

// FusionAuth's Key API `algorithm`: as jws_name, except EdDSA is "Ed25519".
std::string_view fusionauth_name(Algorithm algorithm);
std::optional<Algorithm> parse_fusionauth_name(std::string_view name);

Family family_of(Algorithm algorithm);
inline bool is_hmac(Algorithm algorithm) { return family_of(algorithm) == Family::kHmac; }
inline bool is_rsa(Algorithm algorithm) {
  return family_of(algorithm) == Family::kRsa || family_of(algorithm) == Family::kRsaPss;
}

// Output size of the algorithm's hash in bytes (32/48/64); 0 for EdDSA, which has none to
// choose. Also the HMAC signature length and the PSS salt length.
std::size_t hash_size(Algorithm algorithm);

// The JWK / FusionAuth curve name for ES* and EdDSA ("P-256", "P-384", "P-521", "Ed25519").
std::optional<std::string_view> curve_of(Algorithm algorithm);
// ECDSA field size in bytes: 32, 48, 66 (RFC 7518 §3.4); 0 for other families.
std::size_t ec_field_size(Algorithm algorithm);

}  // namespace latchkey::jose
