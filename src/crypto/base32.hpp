#pragma once
// Base32 (RFC 4648 §6), the form authenticator apps take TOTP secrets in. FusionAuth returns a
// TOTP secret both as `secret` (base64) and `secretBase32Encoded`.
//
//   const std::string for_the_app = crypto::base32_encode(secret, /*pad=*/false);

#include <optional>
#include <string>
#include <string_view>

namespace latchkey::crypto {

// Upper-case RFC 4648 alphabet; `pad` appends '=' to a multiple of 8 characters.
std::string base32_encode(std::string_view bytes, bool pad = true);

// Accepts upper or lower case, with or without the trailing '=' padding (authenticator apps and
// users commonly drop it). Rejects characters outside the alphabet, padding anywhere but the
// end, lengths no encoder produces, and non-zero unused trailing bits, so each byte string has
// exactly one accepted unpadded spelling per case.
std::optional<std::string> base32_decode(std::string_view text);

}  // namespace latchkey::crypto
