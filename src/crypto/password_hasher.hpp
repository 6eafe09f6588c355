#pragma once
// Password hashing with FusionAuth's built-in schemes, byte-compatible with FusionAuth so that
// users imported with `encryptionScheme`, `factor`, `salt` and `password` log in unchanged.
// Definitions: FusionAuth/fusionauth-site astro/src/content/docs/reference/password-hashes.mdx
// (details per scheme in password_hasher.cpp).
//
//   const PasswordHasher hasher;
//   const PasswordHash stored = hasher.hash("salted-pbkdf2-hmac-sha256", password, 0);
//   if (!hasher.verify(presented, stored)) return fail(invalid_credentials);
//   // unknown login id: hasher.burn_equivalent_work(tenant_scheme, tenant_factor);

#include <string>
#include <string_view>

#include "core/secret.hpp"

namespace latchkey::crypto {

// What is stored for a user: the scheme name as FusionAuth spells it, the derived hash and the
// salt as FusionAuth encodes them (base64, or bcrypt's 31 + 22 characters), and the factor
// (iterations, or bcrypt's log2 cost).
struct PasswordHash {
  std::string scheme;
  std::string hash;
  std::string salt;
  int factor = 0;
};

// Factor bounds. Anything above these is treated as corrupt or hostile data rather than a
// setting: a stored factor of 2^31 would pin a worker thread for hours on every login.
inline constexpr int kMaxIterations = 10'000'000;  // pbkdf2, salted-sha256, salted-md5

class PasswordHasher {
 public:
  // One of: salted-pbkdf2-hmac-sha256, salted-pbkdf2-hmac-sha256-512,
  // salted-pbkdf2-hmac-sha512-512, bcrypt, salted-sha256, salted-hmac-sha256, salted-md5.
  static bool is_supported(std::string_view scheme);

  // The factor used when none is given: pbkdf2 24000, bcrypt 10, the salted digests 1.
  // Throws std::invalid_argument for an unsupported scheme.
  static int default_factor(std::string_view scheme);

  // Hashes `password` under a fresh random salt. factor <= 0 means default_factor(scheme).
  // Throws std::invalid_argument for an unsupported scheme, a factor above the bounds
  // (iterations > 10,000,000; bcrypt cost outside 4..31), or a bcrypt password containing NUL —
  // all of which callers must validate first (is_supported, request validation).
  [[nodiscard]] PasswordHash hash(std::string_view scheme, const Secret& password,
                                  int factor) const;

  // True when `password` derives `stored.hash`. False — never a throw — for an unknown scheme,
  // a factor out of bounds, a salt that does not decode, or any other malformed stored value.
  //
  // Security: the derived value is compared in constant time (constant_time_equals).
  [[nodiscard]] bool verify(const Secret& password, const PasswordHash& stored) const;

  // Does the work of one verify under `scheme` and `factor` on a dummy password, so a login for
  // an unknown login id takes as long as a wrong password for a known one.
  //
  // Security: without this, response time tells an attacker which login ids exist. Pass the
  // scheme and factor a real user of that tenant would have (the tenant's configured ones).
  // An unsupported scheme or out-of-bounds factor falls back to the default scheme and factor.
  // Returns what was done, so a test can check the work matched a real verify.
  struct Work {
    std::string_view scheme;  // the scheme the dummy password was hashed under
    int factor = 0;           // at this factor
    bool derived = false;     // the derivation ran to the end (did not bail out early)
  };
  Work burn_equivalent_work(std::string_view scheme, int factor) const;
};

}  // namespace latchkey::crypto
