#pragma once
// JWS compact serialization (RFC 7515 §7.1): signing JWTs and verifying them strictly.
//
//   const std::string token = jose::sign({{"typ", "JWT"}, {"kid", kid}}, claims, key);
//   auto verified = jose::verify(token, [&](const DecodedHeader& h) { return keys.find(h.kid); },
//                                {.now = clock.now(), .leeway = 5s});
//
// The key decides the algorithm: `sign` writes the key's `alg`, and `verify` only accepts a
// token whose `alg` equals the algorithm the resolved key was bound to at construction.

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "jose/algorithm.hpp"
#include "jose/key.hpp"

namespace latchkey::jose {

// Security: a bound on the work one token can cause (base64, JSON, hashing).
inline constexpr std::size_t kMaxTokenSize = 16 * 1024;

enum class VerifyError {
  kMalformed,             // not three strict base64url segments of JSON objects, `crit`, bad
                          // `exp`/`nbf` types, too long, or `exp` missing while required
  kUnsupportedAlgorithm,  // "none" (any case) or an `alg` we do not implement
  kUnknownKey,            // the resolver found no key
  kAlgorithmMismatch,     // the token's `alg` is not the resolved key's algorithm
  kBadSignature,
  kExpired,
  kNotYetValid,
};

std::string_view to_string(VerifyError error);

// The protected header before any signature check: enough to pick a key, nothing to trust.
struct DecodedHeader {
  Algorithm algorithm;
  std::optional<std::string> kid;
  boost::json::object json;
};

// Finds the key for a token, usually by `kid`; nullptr when there is none. It may look at the
// algorithm to choose between keys, but cannot change it: the key's own algorithm must match.
using KeyResolver = std::function<const Key*(const DecodedHeader&)>;

struct VerifyOptions {
  Instant now;
  std::chrono::seconds leeway{0};  // tolerated clock skew for `exp` and `nbf`
  bool require_exp = false;
  // False only to look at a token known to be past its `exp` (still read and type-checked).
  bool check_expiry = true;
  // Security: refuse an ES* signature whose S is above half the curve order, so a token has
  // exactly one valid string. Tokens from other issuers (reconcile) may carry either form.
  bool require_low_s = true;
};

struct VerifiedJws {
  Algorithm algorithm;
  boost::json::object header;
  boost::json::object payload;
};

// `header_extra` adds members such as `typ`, `kid`, `gty`; an `alg` in it is ignored. The
// header is written as {"alg": ..., <header_extra in order>}, both parts compact JSON.
// Throws std::logic_error when the key cannot sign.
std::string sign(const boost::json::object& header_extra, const boost::json::object& payload,
                 const Key& key);

std::expected<VerifiedJws, VerifyError> verify(std::string_view token, const KeyResolver& resolver,
                                               const VerifyOptions& options);

// The header of a compact JWS, checked as strictly as `verify` checks it, signature unchecked.
std::expected<DecodedHeader, VerifyError> decode_unverified_header(std::string_view token);

}  // namespace latchkey::jose
