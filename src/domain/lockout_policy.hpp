#pragma once
// tenant.failedAuthenticationConfiguration as a typed policy: how many failed logins within
// how long lock a user out, and for how long (spec/tenants-applications.md; FusionAuth
// apis/tenants "failedAuthenticationConfiguration").
//
// Parsed once per tenant into TenantSettings::lockout (tenant_settings.hpp) when the config
// snapshot is built; validate_lockout_policy checks a tenant document on create and update.
//
//   const LockoutPolicy& policy = snapshot->settings(tenant)->lockout;
//   store.record_login_failure(user.id, now, policy.reset_count, policy.too_many_attempts,
//                              policy.lock_duration);
//
// Latchkey locks on the counting fields alone: FusionAuth applies the User Action named by
// userActionId, and Latchkey (which has no User Action API) applies its own lock whether or not
// one is named; a named userActionId is echoed in the 409's actions.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"

namespace latchkey::domain {

struct LockoutPolicy {
  int too_many_attempts = 5;
  std::chrono::seconds reset_count{60};
  std::chrono::seconds lock_duration{180};
  bool cancel_on_password_reset = false;  // actionCancelPolicy.onPasswordReset
  std::optional<std::string> user_action_id;
};

// Security: the longest lock a tenant may configure. Anything longer is refused at tenant
// create/update, so now + duration can never leave the range of an instant (no wrapped expiry
// that would unlock at once or lock "forever" by accident).
inline constexpr std::chrono::seconds kMaxLockDuration{std::chrono::years(100)};
// resetCountInSeconds and tooManyAttempts are Java ints in FusionAuth.
inline constexpr std::int64_t kMaxIntSetting = 2'147'483'647;

// The duration of `amount` `unit`s (MINUTES, HOURS, DAYS, WEEKS, MONTHS, YEARS; SECONDS too,
// which FusionAuth does not list); nothing for an unknown unit, a non-positive amount or a
// result beyond kMaxLockDuration. Computed without overflow.
std::optional<std::chrono::seconds> lock_duration_of(std::int64_t amount, std::string_view unit);

// The tenant's policy with FusionAuth's defaults for absent fields. Stored values outside the
// validated ranges (a database written before validation existed) are clamped into them.
LockoutPolicy lockout_policy(const json::object& tenant);

// Adds a field error (tenant.failedAuthenticationConfiguration.*) for every present setting that
// is not a positive integer in range or not a known unit: [tooSmall] at or below 0, [tooLarge]
// beyond the range, [couldNotConvert] for a value that is no integer, [invalid] for the unit.
void validate_lockout_policy(const json::object& tenant, Validation& validation);

}  // namespace latchkey::domain
