#include "domain/lockout_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace latchkey::domain {
namespace {

constexpr std::string_view kPrefix = "tenant.failedAuthenticationConfiguration.";

struct Unit {
  std::string_view name;
  std::int64_t seconds;
};

// MONTHS and YEARS as Gregorian averages: a lock has no calendar to follow.
constexpr Unit kUnits[] = {
    {"SECONDS", 1},     {"MINUTES", 60},       {"HOURS", 3600},       {"DAYS", 86'400},
    {"WEEKS", 604'800}, {"MONTHS", 2'629'746}, {"YEARS", 31'556'952},
};

std::optional<std::int64_t> unit_seconds(std::string_view name) {
  for (const Unit& unit : kUnits) {
    if (unit.name == name) return unit.seconds;
  }
  return std::nullopt;
}

// How a setting reads as an integer, with Jackson's coercions (a numeric string, an integral
// floating-point number) as FusionAuth reads it.
enum class Reading { kAbsent, kInteger, kTooLarge, kNotInteger };

struct Read {
  Reading kind = Reading::kAbsent;
  std::int64_t value = 0;
};

Read read_integer(const json::object& root, std::string_view path) {
  const json::value* v = json::find(root, path);
  if (v == nullptr || v->is_null()) return {};
  if (v->is_int64()) return {Reading::kInteger, v->as_int64()};
  if (v->is_uint64()) {
    if (v->as_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return {Reading::kTooLarge};
    }
    return {Reading::kInteger, static_cast<std::int64_t>(v->as_uint64())};
  }
  if (v->is_double()) {
    const double d = v->as_double();
    if (!std::isfinite(d) || std::trunc(d) != d) return {Reading::kNotInteger};
    // 2^63 exactly is out of range; every double below it converts.
    if (std::fabs(d) >= 9'223'372'036'854'775'808.0) {
      return {d > 0 ? Reading::kTooLarge : Reading::kInteger,
              d > 0 ? 0 : std::numeric_limits<std::int64_t>::min()};
    }
    return {Reading::kInteger, static_cast<std::int64_t>(d)};
  }
  if (v->is_string()) {
    const auto& text = v->as_string();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc::result_out_of_range) return {Reading::kTooLarge};
    if (error != std::errc() || end != text.data() + text.size()) return {Reading::kNotInteger};
    return {Reading::kInteger, value};
  }
  return {Reading::kNotInteger};
}

std::string path_of(std::string_view field) {
  return "failedAuthenticationConfiguration." + std::string(field);
}

// Validates one positive integer setting; answers it when valid.
std::optional<std::int64_t> check_positive(const json::object& tenant, std::string_view field,
                                           std::int64_t max, Validation& validation) {
  const Read read = read_integer(tenant, path_of(field));
  const std::string name = std::string(kPrefix) + std::string(field);
  switch (read.kind) {
    case Reading::kAbsent:
      return std::nullopt;
    case Reading::kNotInteger:
      validation.add(name, "[couldNotConvert]" + name,
                     "Invalid value for [" + name + "]. It must be an integer.");
      return std::nullopt;
    case Reading::kTooLarge:
      validation.add(name, "[tooLarge]" + name,
                     "The [" + name + "] must be at most " + std::to_string(max) + ".");
      return std::nullopt;
    case Reading::kInteger:
      break;
  }
  if (read.value <= 0) {
    validation.add(name, "[tooSmall]" + name, "The [" + name + "] must be greater than 0.");
    return std::nullopt;
  }
  if (read.value > max) {
    validation.add(name, "[tooLarge]" + name,
                   "The [" + name + "] must be at most " + std::to_string(max) + ".");
    return std::nullopt;
  }
  return read.value;
}

std::int64_t clamped(const json::object& tenant, std::string_view field, std::int64_t fallback,
                     std::int64_t max) {
  const Read read = read_integer(tenant, path_of(field));
  if (read.kind == Reading::kTooLarge) return max;
  if (read.kind != Reading::kInteger) return fallback;
  return std::clamp<std::int64_t>(read.value, 1, max);
}

}  // namespace

std::optional<std::chrono::seconds> lock_duration_of(std::int64_t amount, std::string_view unit) {
  const auto per_unit = unit_seconds(unit);
  if (!per_unit || amount <= 0) return std::nullopt;
  // Security: divide instead of multiplying, so the check itself cannot overflow.
  if (amount > kMaxLockDuration.count() / *per_unit) return std::nullopt;
  return std::chrono::seconds(amount * *per_unit);
}

LockoutPolicy lockout_policy(const json::object& tenant) {
  LockoutPolicy policy;
  policy.too_many_attempts =
      static_cast<int>(clamped(tenant, "tooManyAttempts", 5, kMaxIntSetting));
  policy.reset_count =
      std::chrono::seconds(clamped(tenant, "resetCountInSeconds", 60, kMaxIntSetting));
  const auto unit = json::get_string(tenant, path_of("actionDurationUnit")).value_or("MINUTES");
  const auto per_unit = unit_seconds(unit).value_or(60);
  const std::int64_t amount =
      clamped(tenant, "actionDuration", 3, kMaxLockDuration.count() / per_unit);
  policy.lock_duration = std::chrono::seconds(amount * per_unit);
  policy.cancel_on_password_reset =
      json::get_bool(tenant, path_of("actionCancelPolicy.onPasswordReset")).value_or(false);
  policy.user_action_id = json::get_string(tenant, path_of("userActionId"));
  return policy;
}

void validate_lockout_policy(const json::object& tenant, Validation& validation) {
  (void)check_positive(tenant, "tooManyAttempts", kMaxIntSetting, validation);
  (void)check_positive(tenant, "resetCountInSeconds", kMaxIntSetting, validation);
  const json::value* unit_value = json::find(tenant, path_of("actionDurationUnit"));
  std::int64_t per_unit = 60;
  if (unit_value != nullptr && !unit_value->is_null()) {
    const auto unit =
        unit_value->is_string() ? unit_seconds(unit_value->as_string()) : std::nullopt;
    if (!unit) {
      const std::string name = std::string(kPrefix) + "actionDurationUnit";
      validation.add(
          name, "[invalid]" + name,
          "The [" + name + "] must be one of MINUTES, HOURS, DAYS, WEEKS, MONTHS or YEARS.");
      return;
    }
    per_unit = *unit;
  }
  // The longest lock is the same whatever the unit: 100 years.
  (void)check_positive(tenant, "actionDuration", kMaxLockDuration.count() / per_unit, validation);
}

}  // namespace latchkey::domain
