#pragma once
// The signature layer under jws.hpp: signs and checks exact signing-input bytes
// (ASCII(BASE64URL(header) || '.' || BASE64URL(payload)), RFC 7515 §5.1). Kept separate so the
// RFC vectors, whose headers contain CR LF and spaces, can be checked byte for byte.
//
//   const std::string signature = sign_input(header_b64 + "." + payload_b64, key);
//   const bool ok = verify_input(signing_input, signature, key);

#include <string>
#include <string_view>

#include "jose/key.hpp"

namespace latchkey::jose {

// The raw JWS signature (HMAC tag, RSA signature, ECDSA R || S with S in its low half,
// Ed25519 signature). Throws std::logic_error for a key without its private part.
std::string sign_input(std::string_view signing_input, const Key& key);

// Security: the signature must have exactly key.signature_size() bytes before any
// cryptography runs; HMAC tags are compared in constant time; PSS requires salt = hash length.
// With `require_low_s`, an ECDSA signature whose S is above half the curve order is refused:
// sign_input never makes one, so only a rewritten copy of a genuine signature has it.
bool verify_input(std::string_view signing_input, std::string_view signature, const Key& key,
                  bool require_low_s = true);

}  // namespace latchkey::jose
