#include <openssl/core_names.h>

#include <array>
#include <vector>

#include "core/base64.hpp"
#include "jose/jwk.hpp"
#include "jose/openssl_handles.hpp"

namespace latchkey::jose {
namespace {

using Unexpected = std::unexpected<KeyError>;

std::optional<std::string_view> string_member(const boost::json::object& jwk,
                                              std::string_view name) {
  const auto* value = jwk.if_contains(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string_view(value->get_string());
}

// A base64url member's bytes; nothing when absent, not a string or not strict base64url.
std::optional<std::string> bytes_member(const boost::json::object& jwk, std::string_view name) {
  const auto text = string_member(jwk, name);
  if (!text || text->empty()) return std::nullopt;
  return base64::decode_url(*text);
}

// Builds a key from OpenSSL parameters and checks it: a private part must match its public
// part, a public key must be a valid one (an EC point on its curve, a sane RSA modulus).
std::expected<Key, KeyError> build(Algorithm algorithm, const char* type, OSSL_PARAM_BLD* bld,
                                   bool with_private) {
  const ossl::ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  if (!params) ossl::throw_error("OSSL_PARAM_BLD_to_param");
  const ossl::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) ossl::throw_error("EVP_PKEY_fromdata_init");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) != 1) {
    ossl::clear_errors();
    return Unexpected(KeyError::kInvalidJwk);
  }
  ossl::EvpPkeyPtr pkey(raw);
  const ossl::EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check) ossl::throw_error("EVP_PKEY_CTX_new_from_pkey");
  const int valid =
      with_private ? EVP_PKEY_pairwise_check(check.get()) : EVP_PKEY_public_check(check.get());
  if (valid != 1) {
    ossl::clear_errors();
    return Unexpected(KeyError::kInvalidJwk);
  }
  return Key::from_evp(algorithm, std::move(pkey), with_private);
}

ossl::ParamBldPtr new_builder() {
  ossl::ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld) ossl::throw_error("OSSL_PARAM_BLD_new");
  return bld;
}

std::expected<Key, KeyError> import_rsa(const boost::json::object& jwk, Algorithm algorithm) {
  const auto n = bytes_member(jwk, "n");
  const auto e = bytes_member(jwk, "e");
  if (!n || !e) return Unexpected(KeyError::kInvalidJwk);
  const bool with_private = jwk.contains("d");
  auto bld = new_builder();
  std::vector<ossl::BignumPtr> numbers;  // must outlive OSSL_PARAM_BLD_to_param
  const auto push = [&](const char* param, const std::string& bytes) {
    numbers.push_back(ossl::bignum_from(bytes));
    if (OSSL_PARAM_BLD_push_BN(bld.get(), param, numbers.back().get()) != 1) {
      ossl::throw_error("OSSL_PARAM_BLD_push_BN");
    }
  };
  push(OSSL_PKEY_PARAM_RSA_N, *n);
  push(OSSL_PKEY_PARAM_RSA_E, *e);
  if (with_private) {
    // RFC 7518 §6.3.2: the CRT members come all together; we require them, as every producer
    // we meet writes them and OpenSSL signs much faster with them.
    static constexpr std::pair<const char*, const char*> kPrivate[] = {
        {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
        {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
        {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
    for (const auto& [member, param] : kPrivate) {
      const auto value = bytes_member(jwk, member);
      if (!value) return Unexpected(KeyError::kInvalidJwk);
      push(param, *value);
    }
  }
  return build(algorithm, "RSA", bld.get(), with_private);
}

const char* openssl_group(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kES256:
      return "prime256v1";
    case Algorithm::kES384:
      return "secp384r1";
    default:
      return "secp521r1";
  }
}

std::expected<Key, KeyError> import_ec(const boost::json::object& jwk, Algorithm algorithm) {
  const auto crv = string_member(jwk, "crv");
  if (!crv) return Unexpected(KeyError::kInvalidJwk);
  if (*crv != *curve_of(algorithm)) {
    const bool known = *crv == "P-256" || *crv == "P-384" || *crv == "P-521";
    return Unexpected(known ? KeyError::kCurveMismatch : KeyError::kUnsupportedKeyType);
  }
  const std::size_t width = ec_field_size(algorithm);
  const auto x = bytes_member(jwk, "x");
  const auto y = bytes_member(jwk, "y");
  // RFC 7518 §6.2.1.2: coordinates are exactly the field size.
  if (!x || !y || x->size() != width || y->size() != width) {
    return Unexpected(KeyError::kInvalidJwk);
  }
  const std::string point = "\x04" + *x + *y;  // SEC 1 §2.3.3 uncompressed point
  const bool with_private = jwk.contains("d");
  auto bld = new_builder();
  ossl::BignumPtr d;
  if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      openssl_group(algorithm), 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    ossl::throw_error("OSSL_PARAM_BLD_push (EC)");
  }
  if (with_private) {
    const auto d_bytes = bytes_member(jwk, "d");
    if (!d_bytes || d_bytes->size() > width) return Unexpected(KeyError::kInvalidJwk);
    d = ossl::bignum_from(*d_bytes);
    if (OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) != 1) {
      ossl::throw_error("OSSL_PARAM_BLD_push_BN");
    }
  }
  return build(algorithm, "EC", bld.get(), with_private);
}

std::expected<Key, KeyError> import_okp(const boost::json::object& jwk, Algorithm algorithm) {
  if (string_member(jwk, "crv") != std::optional<std::string_view>("Ed25519")) {
    return Unexpected(KeyError::kUnsupportedKeyType);
  }
  const auto x = bytes_member(jwk, "x");
  if (!x || x->size() != 32) return Unexpected(KeyError::kInvalidJwk);
  if (!jwk.contains("d")) {
    ossl::EvpPkeyPtr pkey(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, ossl::bytes_of(*x), 32));
    if (!pkey) ossl::throw_error("EVP_PKEY_new_raw_public_key");
    return Key::from_evp(algorithm, std::move(pkey), false);
  }
  const auto d = bytes_member(jwk, "d");
  if (!d || d->size() != 32) return Unexpected(KeyError::kInvalidJwk);
  ossl::EvpPkeyPtr pkey(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, ossl::bytes_of(*d), 32));
  if (!pkey) ossl::throw_error("EVP_PKEY_new_raw_private_key");
  auto key = Key::from_evp(algorithm, std::move(pkey), true);
  if (!key) return key;
  // The public key follows from d (RFC 8032 §5.1.5); an `x` that differs is not this key.
  std::array<unsigned char, 32> derived{};
  std::size_t size = derived.size();
  if (EVP_PKEY_get_raw_public_key(key->evp(), derived.data(), &size) != 1) {
    ossl::throw_error("EVP_PKEY_get_raw_public_key");
  }
  if (std::string_view(reinterpret_cast<const char*>(derived.data()), size) != *x) {
    return Unexpected(KeyError::kInvalidJwk);
  }
  return key;
}

std::string_view expected_kty(Algorithm algorithm) {
  switch (family_of(algorithm)) {
    case Family::kHmac:
      return "oct";
    case Family::kRsa:
    case Family::kRsaPss:
      return "RSA";
    case Family::kEcdsa:
      return "EC";
    case Family::kEdDSA:
      return "OKP";
  }
  return {};
}

}  // namespace

std::expected<Key, KeyError> from_jwk(const boost::json::object& jwk, Algorithm algorithm) {
  const auto kty = string_member(jwk, "kty");
  if (!kty) return Unexpected(KeyError::kInvalidJwk);
  if (*kty != expected_kty(algorithm)) {
    const bool known = *kty == "RSA" || *kty == "EC" || *kty == "OKP" || *kty == "oct";
    return Unexpected(known ? KeyError::kAlgorithmMismatch : KeyError::kUnsupportedKeyType);
  }
  if (jwk.contains("alg")) {
    const auto alg = string_member(jwk, "alg");
    if (!alg) return Unexpected(KeyError::kInvalidJwk);
    // Security: a JWK that names its algorithm is only used with that algorithm (RFC 7517 §4.4).
    if (parse_jws_name(*alg) != algorithm) return Unexpected(KeyError::kAlgorithmMismatch);
  }
  if (jwk.contains("use") && string_member(jwk, "use") != std::optional<std::string_view>("sig")) {
    return Unexpected(KeyError::kInvalidJwk);  // an encryption key does not verify signatures
  }
  switch (family_of(algorithm)) {
    case Family::kHmac: {
      auto k = bytes_member(jwk, "k");
      if (!k) return Unexpected(KeyError::kInvalidJwk);
      return Key::hmac(algorithm, std::move(*k));
    }
    case Family::kRsa:
    case Family::kRsaPss:
      return import_rsa(jwk, algorithm);
    case Family::kEcdsa:
      return import_ec(jwk, algorithm);
    case Family::kEdDSA:
      return import_okp(jwk, algorithm);
  }
  return Unexpected(KeyError::kUnsupportedKeyType);
}

}  // namespace latchkey::jose
