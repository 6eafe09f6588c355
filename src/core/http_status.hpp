#pragma once

namespace latchkey {

// The statuses FusionAuth's API answers with, including its non-standard 2xx codes
// (203 password change, 212/213 verification, 242 two-factor) that the official clients
// treat as success.
enum class HttpStatus : int {
  kOk = 200,
  kAccepted = 202,
  kNonAuthoritative = 203,  // Login API: password change required
  kNoContent = 204,
  kEmailNotVerified = 212,
  kRegistrationNotVerified = 213,
  kPendingLink = 232,  // identity-provider login: a pending link must be completed first
  kTwoFactorRequired = 242,
  kFound = 302,
  kSeeOther = 303,
  kBadRequest = 400,
  kUnauthorized = 401,
  kForbidden = 403,
  kNotFound = 404,
  kMethodNotAllowed = 405,
  kRequestTimeout = 408,
  kConflict = 409,
  kGone = 410,
  kLengthRequired = 411,
  kPayloadTooLarge = 413,
  kUriTooLong = 414,
  kUnsupportedMediaType = 415,
  kInvalidTwoFactorCode = 421,
  kLocked = 423,
  kTooManyRequests = 429,  // RFC 6585: the login throttle, with Retry-After
  kRequestHeaderFieldsTooLarge = 431,
  kInternalServerError = 500,
  kNotImplemented = 501,
  kServiceUnavailable = 503,
  kGatewayTimeout = 504,
};

constexpr int to_int(HttpStatus status) { return static_cast<int>(status); }

}  // namespace latchkey
