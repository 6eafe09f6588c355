#include <cmath>
#include <optional>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "jose/jws.hpp"
#include "jose/jws_compact.hpp"
#include "jose/jws_signature.hpp"

namespace latchkey::jose {
namespace {

// A NumericDate claim (RFC 7519 §2): seconds since the epoch, possibly fractional. Nothing when
// absent; kMalformed when present but not a finite number.
std::expected<std::optional<double>, VerifyError> numeric_date(const boost::json::object& payload,
                                                               std::string_view name) {
  const auto* value = payload.if_contains(name);
  if (value == nullptr) return std::nullopt;
  double seconds = 0;
  if (value->is_int64()) {
    seconds = static_cast<double>(value->get_int64());
  } else if (value->is_uint64()) {
    seconds = static_cast<double>(value->get_uint64());
  } else if (value->is_double()) {
    seconds = value->get_double();
  } else {
    return std::unexpected(VerifyError::kMalformed);
  }
  if (!std::isfinite(seconds)) return std::unexpected(VerifyError::kMalformed);
  return seconds;
}

std::expected<void, VerifyError> check_times(const boost::json::object& payload,
                                             const VerifyOptions& options) {
  const auto exp = numeric_date(payload, "exp");
  if (!exp) return std::unexpected(exp.error());
  const auto nbf = numeric_date(payload, "nbf");
  if (!nbf) return std::unexpected(nbf.error());
  const double now = static_cast<double>(to_epoch_ms(options.now)) / 1000.0;
  const auto leeway = static_cast<double>(options.leeway.count());
  if (!exp->has_value() && options.require_exp) return std::unexpected(VerifyError::kMalformed);
  // RFC 7519 §4.1.4: the token must not be accepted "on or after" exp.
  if (options.check_expiry && exp->has_value() && now >= **exp + leeway)
    return std::unexpected(VerifyError::kExpired);
  // RFC 7519 §4.1.5: nor before nbf.
  if (nbf->has_value() && now < **nbf - leeway) return std::unexpected(VerifyError::kNotYetValid);
  return {};
}

}  // namespace

std::string_view to_string(VerifyError error) {
  switch (error) {
    case VerifyError::kMalformed:
      return "malformed token";
    case VerifyError::kUnsupportedAlgorithm:
      return "unsupported algorithm";
    case VerifyError::kUnknownKey:
      return "unknown key";
    case VerifyError::kAlgorithmMismatch:
      return "algorithm does not match the key";
    case VerifyError::kBadSignature:
      return "bad signature";
    case VerifyError::kExpired:
      return "expired";
    case VerifyError::kNotYetValid:
      return "not yet valid";
  }
  return "unknown verify error";
}

std::expected<DecodedHeader, VerifyError> decode_unverified_header(std::string_view token) {
  const auto segments = compact::split(token);
  if (!segments) return std::unexpected(VerifyError::kMalformed);
  return compact::read_header(segments->header);
}

std::expected<VerifiedJws, VerifyError> verify(std::string_view token, const KeyResolver& resolver,
                                               const VerifyOptions& options) {
  const auto segments = compact::split(token);
  if (!segments) return std::unexpected(VerifyError::kMalformed);
  auto header = compact::read_header(segments->header);
  if (!header) return std::unexpected(header.error());

  const Key* key = resolver ? resolver(*header) : nullptr;
  if (key == nullptr) return std::unexpected(VerifyError::kUnknownKey);
  // Security: the algorithm is the key's. An HS256 token can never be checked against an RSA
  // or EC key (whose public PEM an attacker knows), nor RS256 against an RS384 key.
  if (key->algorithm() != header->algorithm) {
    return std::unexpected(VerifyError::kAlgorithmMismatch);
  }

  // Security: every segment must be strict base64url before any cryptography runs.
  const auto payload_bytes = base64::decode_url(segments->payload);
  const auto signature = base64::decode_url(segments->signature);
  if (!payload_bytes || !signature) return std::unexpected(VerifyError::kMalformed);
  if (!verify_input(segments->signing_input, *signature, *key, options.require_low_s)) {
    return std::unexpected(VerifyError::kBadSignature);
  }

  // The payload is parsed only once its signature holds.
  auto payload = json::parse_object(*payload_bytes);
  if (!payload) return std::unexpected(VerifyError::kMalformed);
  if (const auto times = check_times(*payload, options); !times) {
    return std::unexpected(times.error());
  }
  return VerifiedJws{.algorithm = header->algorithm,
                     .header = std::move(header->json),
                     .payload = std::move(*payload)};
}

}  // namespace latchkey::jose
