#pragma once
// Internal to jose: splitting a compact JWS into its segments and reading its header.

#include <expected>
#include <optional>
#include <string_view>

#include "jose/jws.hpp"

namespace latchkey::jose::compact {

struct Segments {
  std::string_view header;         // base64url
  std::string_view payload;        // base64url
  std::string_view signature;      // base64url
  std::string_view signing_input;  // header '.' payload, as signed (RFC 7515 §5.1)
};

// Exactly three segments, the whole token at most kMaxTokenSize bytes.
std::optional<Segments> split(std::string_view token);

// Strict base64url, then a JSON object of bounded depth.
std::optional<boost::json::object> decode_object(std::string_view segment);

// Security checks on the protected header (RFC 7515 §4.1): a string `alg` we implement and
// that is not "none", no `crit`, a string `kid` if any.
std::expected<DecodedHeader, VerifyError> read_header(std::string_view segment);

}  // namespace latchkey::jose::compact
