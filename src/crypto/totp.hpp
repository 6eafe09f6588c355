#pragma once
// Time-based one-time passwords: TOTP (RFC 6238) over HOTP (RFC 4226). FusionAuth's
// authenticator defaults are HmacSHA1, 6 digits, a 30-second step; its API carries the secret
// base64-encoded (`secret`) and base32-encoded (`secretBase32Encoded`, see base32.hpp).
//
//   const Instant now = clock.now();
//   if (!crypto::verify_totp(secret, request.code, now)) return fail(invalid_code);
//
// Not here: remembering which time step was last accepted for a user, so a code cannot be
// replayed within its window (RFC 6238 §5.2). That needs storage and belongs to the service,
// which asks match_totp for the step a code belongs to.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace latchkey::crypto {

enum class TotpAlgorithm { kSha1, kSha256, kSha512 };

// FusionAuth's names for the algorithm: "HmacSHA1", "HmacSHA256", "HmacSHA512".
std::optional<TotpAlgorithm> parse_totp_algorithm(std::string_view name);

inline constexpr int kTotpMinDigits = 6;   // RFC 4226 §5.3
inline constexpr int kTotpMaxDigits = 10;  // the truncated value is 31 bits

// The code for `time`, zero-padded to `digits`. `secret_bytes` is the raw shared secret (decode
// base64/base32 first). Throws std::invalid_argument when digits is outside 6..10 or step is
// not positive (configuration bugs).
std::string totp(std::string_view secret_bytes, Instant time, int digits = 6,
                 std::chrono::seconds step = std::chrono::seconds(30),
                 TotpAlgorithm algorithm = TotpAlgorithm::kSha1);

// True when `code` matches the code of the step containing `now` or of up to `window` steps
// before or after it (clock drift and typing time; RFC 6238 §5.2 recommends at most one).
//
// digits and step follow totp's rules; window < 0 also throws std::invalid_argument.
//
// Security: every candidate step is computed and compared in constant time, with no early
// return, so timing reveals neither which step matched nor how much of the code was right.
bool verify_totp(std::string_view secret_bytes, std::string_view code, Instant now, int window = 1,
                 int digits = 6, std::chrono::seconds step = std::chrono::seconds(30),
                 TotpAlgorithm algorithm = TotpAlgorithm::kSha1);

// verify_totp, answering which step matched: the start instant of that time step, or nothing.
// Should two candidate steps share a code, the latest is answered, so a replay check against it
// is the strictest. Same parameter rules and the same constant-time comparison.
std::optional<Instant> match_totp(std::string_view secret_bytes, std::string_view code, Instant now,
                                  int window = 1, int digits = 6,
                                  std::chrono::seconds step = std::chrono::seconds(30),
                                  TotpAlgorithm algorithm = TotpAlgorithm::kSha1);

}  // namespace latchkey::crypto
