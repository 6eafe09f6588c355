#include "services/users/change_password_service.hpp"

#include <algorithm>

#include "crypto/random.hpp"

namespace latchkey::services {
namespace {

constexpr std::string_view kChangeKind = "change";
constexpr std::string_view kOneTimePasswordKind = "otp";
constexpr std::size_t kIdBytes = 32;
// Longer than any id we mint; anything longer is not worth a hash.
constexpr std::size_t kMaxIdLength = 256;
constexpr std::string_view kDefaultScheme = domain::kDefaultEncryptionScheme;

// An externalIdentifierConfiguration lifetime, at least a second.
std::chrono::seconds lifetime(std::int64_t seconds) {
  return std::chrono::seconds(std::max<std::int64_t>(seconds, 1));
}

Error not_found(std::string detail) {
  return Error::status(HttpStatus::kNotFound, std::move(detail));
}

bool password_matches(const crypto::PasswordHasher& hasher, const domain::User& user,
                      const Secret& presented) {
  return user.password && hasher.verify(presented, {user.password->scheme, user.password->hash,
                                                    user.password->salt, user.password->factor});
}

// The tenant's passwordValidationRules (length) for the new password; FusionAuth names the
// field `password` on this API.
Status check_new_password(const domain::PasswordRules& rules, const Secret& password) {
  const auto& value = password.reveal();
  if (value.empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "password", "[blank]password",
                             "You must specify the [password] property."));
  }
  const auto min_length = rules.min_length;
  const auto max_length = rules.max_length;
  const auto length = static_cast<std::int64_t>(value.size());
  if (length < min_length) {
    return fail(Error::field(
        HttpStatus::kBadRequest, "password", "[tooShort]password",
        "The [password] must be at least " + std::to_string(min_length) + " characters long."));
  }
  if (length > max_length) {
    return fail(Error::field(
        HttpStatus::kBadRequest, "password", "[tooLong]password",
        "The [password] must be at most " + std::to_string(max_length) + " characters long."));
  }
  // bcrypt cannot hash a NUL, and no keyboard types one.
  if (value.find('\0') != std::string::npos) {
    return fail(Error::field(HttpStatus::kBadRequest, "password", "[invalid]password",
                             "The [password] contains a NUL character."));
  }
  return {};
}

}  // namespace

std::string issue_change_password_id(store::PasswordChangeStore& store, const TokenVault& vault,
                                     const domain::TenantSettings& tenant, const Uuid& user_id,
                                     Instant now, json::object data) {
  std::string id = crypto::random_token(kIdBytes);  // not const: returned by move
  store.insert_password_change({vault.lookup_hash(id), std::string(kChangeKind), user_id,
                                now + lifetime(tenant.lifetimes.change_password_id),
                                std::move(data)});
  return id;
}

std::optional<Uuid> redeem_one_time_password(store::PasswordChangeStore& store,
                                             const TokenVault& vault,
                                             std::string_view one_time_password, Instant now) {
  if (one_time_password.empty() || one_time_password.size() > kMaxIdLength) return std::nullopt;
  const std::string hash = vault.lookup_hash(one_time_password);
  const auto found = store.find_password_change(hash);
  if (!found || found->kind != kOneTimePasswordKind) return std::nullopt;
  // Security: single use — of two concurrent logins with one value only one takes the row.
  const auto taken = store.take_password_change(hash);
  if (!taken || taken->expires_at <= now) return std::nullopt;
  return taken->user_id;
}

std::optional<Uuid> ChangePasswordService::pending_user(std::string_view change_password_id) const {
  if (change_password_id.empty() || change_password_id.size() > kMaxIdLength) return std::nullopt;
  const auto found =
      store_.password_changes.find_password_change(vault_.lookup_hash(change_password_id));
  if (!found || found->kind != kChangeKind || found->expires_at <= clock_.now()) {
    return std::nullopt;
  }
  return found->user_id;
}

Result<ChangePasswordOutcome> ChangePasswordService::change_by_id(
    const ChangePasswordRequest& request) {
  const auto user_id = pending_user(request.change_password_id);
  if (!user_id) {
    // Validation still comes first for a request that could never succeed: FusionAuth answers
    // 400 for a blank password whatever the id.
    if (request.password.empty()) {
      return fail(Error::field(HttpStatus::kBadRequest, "password", "[blank]password",
                               "You must specify the [password] property."));
    }
    return fail(not_found("unknown or expired changePasswordId"));
  }
  auto user = store_.users.find_user(*user_id);
  if (!user || !user->active) return fail(not_found("changePasswordId user gone"));
  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(not_found("tenant vanished"));
  // Rules first: a refused password leaves the id usable, so the form can be corrected.
  LATCHKEY_CHECK(check_new_password(snapshot->settings(*tenant)->password_rules, request.password));
  // Security: without an API key a wrong current password answers 404 like an unknown id, so
  // the anonymous form cannot be used to test passwords against a known id.
  if (request.current_password && !password_matches(hasher_, *user, *request.current_password)) {
    return fail(not_found("wrong currentPassword"));
  }
  // Security: single use — of concurrent changes with one id exactly one takes it.
  const auto taken =
      store_.password_changes.take_password_change(vault_.lookup_hash(request.change_password_id));
  if (!taken || taken->expires_at <= clock_.now()) return fail(not_found("changePasswordId used"));
  const Uuid changed_user = user->id;
  auto outcome = apply(*tenant, std::move(*user), request.password, true);
  // failedAuthenticationConfiguration.actionCancelPolicy.onPasswordReset: completing the reset
  // workflow ends a failed-login lock early.
  if (outcome && snapshot->settings(*tenant)->lockout.cancel_on_password_reset) {
    store_.users.update_login_failures(changed_user, {});
  }
  return outcome;
}

Result<ChangePasswordOutcome> ChangePasswordService::change_by_login_id(
    const Caller& caller, const ChangePasswordRequest& request) {
  Validation validation;
  if (request.login_id.empty()) {
    validation.add("loginId", "[blank]loginId", "You must specify the [loginId] property.");
  }
  if (request.password.empty()) {
    validation.add("password", "[blank]password", "You must specify the [password] property.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const auto snapshot = config_.current();
  std::optional<Uuid> application_id;
  if (request.application_id) {
    application_id = Uuid::parse(*request.application_id);
    if (!application_id) {
      return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[invalid]applicationId",
                               "The [applicationId] does not name an application."));
    }
  }
  // A named application places the change in its tenant (caller.hpp).
  LATCHKEY_TRY(const Uuid resolved, resolve_tenant(caller, *snapshot, {application_id}));
  const std::optional<Uuid> tenant_id = resolved;
  const auto* tenant = snapshot->find_tenant(*tenant_id);
  if (tenant == nullptr) return fail(not_found("tenant vanished"));
  auto user = store_.users.find_user_by_email(tenant->id, request.login_id);
  if (!user) user = store_.users.find_user_by_username(tenant->id, request.login_id);
  if (!user) return fail(not_found("unknown loginId"));
  LATCHKEY_CHECK(check_new_password(snapshot->settings(*tenant)->password_rules, request.password));
  if (request.current_password && !password_matches(hasher_, *user, *request.current_password)) {
    return fail(Error::field(HttpStatus::kBadRequest, "currentPassword", "[invalid]currentPassword",
                             "The [currentPassword] does not match the current password."));
  }
  return apply(*tenant, std::move(*user), request.password, false);
}

Result<ChangePasswordOutcome> ChangePasswordService::apply(const domain::Tenant& tenant,
                                                           domain::User user,
                                                           const Secret& password,
                                                           bool issue_one_time_password) {
  // The tenant's current scheme and factor, as a new user would get.
  const auto settings = config_.current()->settings(tenant);
  auto scheme = settings->password_encryption.scheme;
  if (!crypto::PasswordHasher::is_supported(scheme)) scheme = kDefaultScheme;
  const auto factor = static_cast<int>(std::clamp<std::int64_t>(
      settings->password_encryption.factor.value_or(0), 0, crypto::kMaxIterations));
  const auto hashed = hasher_.hash(scheme, password,
                                   scheme == "bcrypt" && (factor < 4 || factor > 31) ? 0 : factor);
  const Instant now = clock_.now();
  user.password =
      domain::PasswordCredential{hashed.scheme, hashed.hash, hashed.salt, hashed.factor};
  user.data["passwordChangeRequired"] = false;
  user.data["passwordLastUpdateInstant"] = to_epoch_ms(now);
  user.data["lastUpdateInstant"] = to_epoch_ms(now);
  user.data.erase("passwordChangeReason");
  if (auto written = store_.users.update_user(user); !written) {
    return fail(Error::status(HttpStatus::kNotFound, "user changed under the password change"));
  }
  // FusionAuth: a completed change voids the user's other changePasswordIds and its refresh
  // tokens (here per refreshTokenRevocationPolicy.onPasswordChanged, as a PUT does).
  (void)store_.password_changes.delete_password_changes(user.id, std::string(kChangeKind));
  (void)refresh_tokens_.revoke_for_user(user.id, RevocationReason::kPasswordChanged);

  ChangePasswordOutcome outcome{std::move(user), std::nullopt};
  if (issue_one_time_password) {
    const std::string value = crypto::random_token(kIdBytes);
    store_.password_changes.insert_password_change(
        {vault_.lookup_hash(value), std::string(kOneTimePasswordKind), outcome.user.id,
         now + lifetime(settings->lifetimes.one_time_password), json::object{}});
    outcome.one_time_password = value;
  }
  return outcome;
}

}  // namespace latchkey::services
