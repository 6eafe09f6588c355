#include "jose/algorithm.hpp"

namespace latchkey::jose {

std::string_view jws_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kHS256:
      return "HS256";
    case Algorithm::kHS384:
      return "HS384";
    case Algorithm::kHS512:
      return "HS512";
    case Algorithm::kRS256:
      return "RS256";
    case Algorithm::kRS384:
      return "RS384";
    case Algorithm::kRS512:
      return "RS512";
    case Algorithm::kPS256:
      return "PS256";
    case Algorithm::kPS384:
      return "PS384";
    case Algorithm::kPS512:
      return "PS512";
    case Algorithm::kES256:
      return "ES256";
    case Algorithm::kES384:
      return "ES384";
    case Algorithm::kES512:
      return "ES512";
    case Algorithm::kEdDSA:
      return "EdDSA";
  }
  return {};
}

std::optional<Algorithm> parse_jws_name(std::string_view name) {
  // Security: exact comparison only. Case-folding would let "none"-like or look-alike names
  // through, and RFC 7515 §4.1.1 makes `alg` case-sensitive.
  for (const Algorithm algorithm : kAllAlgorithms) {
    if (jws_name(algorithm) == name) return algorithm;
  }
  if (name == "Ed25519") return Algorithm::kEdDSA;
  return std::nullopt;
}

std::string_view fusionauth_name(Algorithm algorithm) {
  return algorithm == Algorithm::kEdDSA ? "Ed25519" : jws_name(algorithm);
}

std::optional<Algorithm> parse_fusionauth_name(std::string_view name) {
  for (const Algorithm algorithm : kAllAlgorithms) {
    if (fusionauth_name(algorithm) == name) return algorithm;
  }
  return std::nullopt;
}

Family family_of(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kHS256:
    case Algorithm::kHS384:
    case Algorithm::kHS512:
      return Family::kHmac;
    case Algorithm::kRS256:
    case Algorithm::kRS384:
    case Algorithm::kRS512:
      return Family::kRsa;
    case Algorithm::kPS256:
    case Algorithm::kPS384:
    case Algorithm::kPS512:
      return Family::kRsaPss;
    case Algorithm::kES256:
    case Algorithm::kES384:
    case Algorithm::kES512:
      return Family::kEcdsa;
    case Algorithm::kEdDSA:
      return Family::kEdDSA;
  }
  return Family::kHmac;
}

std::size_t hash_size(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kHS256:
    case Algorithm::kRS256:
    case Algorithm::kPS256:
    case Algorithm::kES256:
      return 32;
    case Algorithm::kHS384:
    case Algorithm::kRS384:
    case Algorithm::kPS384:
    case Algorithm::kES384:
      return 48;
    case Algorithm::kHS512:
    case Algorithm::kRS512:
    case Algorithm::kPS512:
    case Algorithm::kES512:
      return 64;
    case Algorithm::kEdDSA:
      return 0;
  }
  return 0;
}

std::optional<std::string_view> curve_of(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kES256:
      return "P-256";
    case Algorithm::kES384:
      return "P-384";
    case Algorithm::kES512:
      return "P-521";
    case Algorithm::kEdDSA:
      return "Ed25519";
    default:
      return std::nullopt;
  }
}

std::size_t ec_field_size(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kES256:
      return 32;
    case Algorithm::kES384:
      return 48;
    case Algorithm::kES512:
      return 66;  // 521 bits round up to 66 bytes
    default:
      return 0;
  }
}

}  // namespace latchkey::jose
