#include "jose/jws_compact.hpp"

#include <algorithm>
#include <cctype>

#include "core/base64.hpp"
#include "core/json.hpp"

namespace latchkey::jose::compact {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::optional<Segments> split(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenSize) return std::nullopt;
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  // Security: a fourth segment (or JWE's five) is not a JWS; refuse instead of ignoring it.
  if (token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  return Segments{
      .header = token.substr(0, first),
      .payload = token.substr(first + 1, second - first - 1),
      .signature = token.substr(second + 1),
      .signing_input = token.substr(0, second),
  };
}

std::optional<boost::json::object> decode_object(std::string_view segment) {
  // Security: base64::decode_url rejects padding, characters outside the url-safe alphabet and
  // non-zero trailing bits, so each token has exactly one encoding. json::parse_object bounds
  // nesting depth. Boost.JSON keeps the last of duplicate members, as RFC 7515 §4 allows.
  const auto bytes = base64::decode_url(segment);
  if (!bytes) return std::nullopt;
  return json::parse_object(*bytes);
}

std::expected<DecodedHeader, VerifyError> read_header(std::string_view segment) {
  auto header = decode_object(segment);
  if (!header) return std::unexpected(VerifyError::kMalformed);
  const auto* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string()) return std::unexpected(VerifyError::kMalformed);
  const std::string_view alg_name = alg->get_string();
  // Security: unsecured JWS (RFC 7515 §A.5) is never acceptable, whatever its spelling.
  if (equals_ignoring_case(alg_name, "none")) {
    return std::unexpected(VerifyError::kUnsupportedAlgorithm);
  }
  const auto algorithm = parse_jws_name(alg_name);
  if (!algorithm) return std::unexpected(VerifyError::kUnsupportedAlgorithm);
  // Security: RFC 7515 §4.1.11 — extensions listed in `crit` must be understood; we understand
  // none, so any `crit` (even an empty or ill-typed one) rejects the token.
  if (header->contains("crit")) return std::unexpected(VerifyError::kMalformed);
  std::optional<std::string> kid;
  if (const auto* value = header->if_contains("kid")) {
    if (!value->is_string()) return std::unexpected(VerifyError::kMalformed);
    kid = std::string(value->get_string());
  }
  return DecodedHeader{.algorithm = *algorithm, .kid = std::move(kid), .json = std::move(*header)};
}

}  // namespace latchkey::jose::compact
