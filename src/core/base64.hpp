#pragma once
// Base64 (RFC 4648 §4, padded) and base64url (§5, unpadded as JOSE uses it). Decoding is
// strict: characters outside the alphabet, misplaced padding or non-zero trailing bits are
// rejected, so two different strings never decode to the same bytes.

#include <optional>
#include <string>
#include <string_view>

namespace latchkey::base64 {

std::string encode(std::string_view bytes);
std::optional<std::string> decode(std::string_view text);

std::string encode_url(std::string_view bytes);
// Accepts only the unpadded url-safe form (RFC 7515 §2).
std::optional<std::string> decode_url(std::string_view text);

}  // namespace latchkey::base64
