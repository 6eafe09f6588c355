#pragma once
// JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037 §2): the public members a JWKS publishes, the
// import of a JWK as a Key, and the RFC 7638 thumbprint FusionAuth uses as a certificate-less kid.
//
//   jwks["keys"].as_array().push_back(to_jwk(key, kid, certificate_der_b64));
//   auto imported = from_jwk(jwk_object, Algorithm::kRS256);   // expected<Key, KeyError>

#include <boost/json/object.hpp>

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "jose/key.hpp"

namespace latchkey::jose {

// Public members only, in the order kty, use, alg, kid, key members, x5c, x5t, x5t#S256:
// RSA n, e; EC crv, x, y (each padded to the field size, RFC 7518 §6.2.1.2); OKP crv, x.
// `alg` is the JWS name ("EdDSA" for Ed25519), matching the tokens' headers. With a
// certificate (standard base64 of its DER) x5c, x5t (SHA-1) and x5t#S256 are added.
// Security: HMAC keys are never published; asking is a bug and throws std::logic_error.
boost::json::object to_jwk(const Key& key, std::string_view kid,
                           const std::optional<std::string>& certificate_der_b64);

// Imports RSA (n, e), EC (crv, x, y) and OKP Ed25519 (crv, x) public keys, their private
// members when present (RSA d with p, q, dp, dq, qi; EC and OKP d; checked against the
// public part), and "oct" HMAC keys (k). `kty`, `crv`, and `alg` when present, must agree with
// `algorithm`; a `use` other than "sig" is refused.
std::expected<Key, KeyError> from_jwk(const boost::json::object& jwk, Algorithm algorithm);

// RFC 7638 §3: base64url(SHA-256) of the required members in lexicographic order, no
// whitespace. Throws std::logic_error for HMAC keys.
std::string jwk_thumbprint(const Key& key);

}  // namespace latchkey::jose
