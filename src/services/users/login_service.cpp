#include "services/users/login_service.hpp"

#include "core/base64.hpp"
#include "crypto/random.hpp"
#include "crypto/totp.hpp"
#include "services/users/change_password_service.hpp"

namespace latchkey::services {
namespace {

// user.login.success / user.login.failed (spec/webhooks-events.md): applicationId only when
// the user logged into an application, the full user (no authenticator secret), the address.
json::object login_event(std::string_view type, const domain::Application* application,
                         const domain::User& user, const std::optional<std::string>& ip_address) {
  json::object event{{"type", type}};
  if (application != nullptr) event["applicationId"] = application->id.str();
  event["authenticationType"] = "PASSWORD";
  json::object user_doc = user.data;
  user_doc.erase("twoFactor");  // Security: an authenticator's secret never leaves in an event
  user_doc["id"] = user.id.str();
  event["user"] = std::move(user_doc);
  if (ip_address) {
    event["ipAddress"] = *ip_address;
    event["info"] = json::object{{"ipAddress", *ip_address}};
  }
  return event;
}

LoginOutcome rejected(std::string detail) { return CredentialsRejected{std::move(detail)}; }

// The authenticator methods of a user, without their secrets (what a 242 shows).
json::array public_methods(const json::object& user) {
  json::array methods;
  if (const auto* all = json::get_array(user, "twoFactor.methods")) {
    for (const auto& method : *all) {
      if (!method.is_object()) continue;
      json::object shown = method.as_object();
      shown.erase("secret");
      methods.push_back(std::move(shown));
    }
  }
  return methods;
}

// The base64 TOTP secret of the user's authenticator method, if it has one.
std::optional<std::string> authenticator_secret(const json::object& user) {
  if (const auto* all = json::get_array(user, "twoFactor.methods")) {
    for (const auto& method : *all) {
      if (!method.is_object()) continue;
      const auto& m = method.as_object();
      if (json::get_string(m, "method").value_or("authenticator") != "authenticator") continue;
      if (const auto secret = json::get_string(m, "secret")) return base64::decode(*secret);
    }
  }
  return std::nullopt;
}

// A locked account: the lock's end, and the User Action FusionAuth would have applied when the
// tenant names one.
LoginOutcome locked_answer(const domain::TenantSettings& tenant, const domain::User& user) {
  return LoginPrevented{LoginPrevention::kLocked, *user.failures.locked_until,
                        tenant.lockout.user_action_id,
                        std::string(to_string(LoginPrevention::kLocked))};
}

// A prevented login (login_prevention.hpp's table). kNone and kPasswordChangeRequired are not
// preventions here: the caller goes on to the login.
LoginOutcome prevented_answer(LoginPrevention prevention, const domain::TenantSettings& tenant,
                              const domain::User* user) {
  if (prevention == LoginPrevention::kLocked) return locked_answer(tenant, *user);
  return LoginPrevented{prevention, {}, std::nullopt, std::string(to_string(prevention))};
}

bool proceeds(LoginPrevention prevention) {
  return prevention == LoginPrevention::kNone ||
         prevention == LoginPrevention::kPasswordChangeRequired;
}

LoginOutcome throttled(std::chrono::seconds wait) { return LoginThrottled{wait}; }

json::object challenge_data(const LoginRequest& request, const LoginContext& context) {
  json::object data{{"noJWT", request.no_jwt && request.second_factor_keeps_no_jwt},
                    {"device", request.device},
                    {"authenticationType", context.authentication_type},
                    {"eventExtras", context.event_extras}};
  if (request.application_id) data["applicationId"] = *request.application_id;
  if (request.ip_address) data["ipAddress"] = *request.ip_address;
  return data;
}

}  // namespace

bool LoginService::requires_api_key(const Caller& caller,
                                    const std::optional<std::string>& application_id) const {
  const auto snapshot = config_.current();
  if (application_id) {
    const auto id = Uuid::parse(*application_id);
    const auto* application = id ? snapshot->find_application(*id) : nullptr;
    if (application != nullptr) {
      return snapshot->settings(*application)->login.require_authentication;
    }
    return true;
  }
  const auto tenant_id = resolve_tenant(caller, *snapshot);
  const auto* tenant = tenant_id ? snapshot->find_tenant(*tenant_id) : nullptr;
  return tenant == nullptr || snapshot->settings(*tenant)->login_requires_authentication;
}

Result<LoginOutcome> LoginService::login(const Caller& caller, const LoginRequest& request) {
  const bool by_one_time_password = !request.one_time_password.empty();
  Validation validation;
  if (request.login_id.empty() && !by_one_time_password) {
    validation.add("loginId", "[blank]loginId", "You must specify the [loginId] property.");
  }
  if (request.password.empty() && !by_one_time_password) {
    validation.add("password", "[blank]password", "You must specify the [password] property.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const auto snapshot = config_.current();
  const domain::Application* application = nullptr;
  if (request.application_id) {
    const auto id = Uuid::parse(*request.application_id);
    application = id ? snapshot->find_application(*id) : nullptr;
    // A deactivated application is as good as none (login_prevention.hpp kApplicationInactive).
    if (application == nullptr || !application->active || !caller.can_see(application->tenant_id)) {
      return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[invalid]applicationId",
                               "The [applicationId] does not name an application."));
    }
  }
  // The named application places the login in its tenant (caller.hpp).
  const TenantHint hint{application != nullptr ? std::optional<Uuid>(application->id)
                                               : std::nullopt};
  LATCHKEY_TRY(const Uuid resolved, resolve_tenant(caller, *snapshot, hint));
  const std::optional<Uuid> tenant_id = resolved;
  const domain::Tenant* tenant = snapshot->find_tenant(*tenant_id);
  if (tenant == nullptr) return rejected("tenant vanished");
  const auto tenant_settings = snapshot->settings(*tenant);

  const Instant now = clock_.now();
  // The throttle counts the socket's address, or the one an API-key caller vouches for.
  const std::string address = LoginThrottle::address_key(
      caller.api_key && request.ip_address ? *request.ip_address : request.client_address);
  const auto prevention_of = [&](const domain::User& user) {
    return login_prevention({&user, application, nullptr, request.application_id.has_value(), false,
                             LoginStage::kCredentials, now});
  };
  if (by_one_time_password) {
    if (const auto wait = throttle_.retry_after({}, address, now)) return throttled(*wait);
    // The Change Password API's oneTimePassword stands in for the credentials, once.
    const auto user_id = redeem_one_time_password(store_.password_changes, vault_,
                                                  request.one_time_password.reveal(), now);
    auto user = user_id ? store_.users.find_user(*user_id) : std::nullopt;
    if (!user || user->tenant_id != tenant->id) {
      throttle_.record_failure({}, address, now);
      return rejected("unknown oneTimePassword");
    }
    if (const auto prevention = prevention_of(*user); !proceeds(prevention)) {
      return prevented_answer(prevention, *tenant_settings, &*user);
    }
    // FusionAuth names this way of signing in in the token's authenticationType.
    return complete(*tenant, application, std::move(*user), request,
                    LoginContext{"ONE_TIME_PASSWORD", {}});
  }
  auto user = store_.users.find_user_by_email(tenant->id, request.login_id);
  if (!user) user = store_.users.find_user_by_username(tenant->id, request.login_id);
  // A known user is counted as one whichever login id names them; an unknown login id by itself.
  const std::string throttle_key =
      user ? LoginThrottle::user_key(user->id.str())
           : LoginThrottle::login_id_key(tenant->id.str(), request.login_id);
  // Security: past the throttle's allowance no password is even checked, so guessing slows to
  // the allowance whatever the attacker's bandwidth.
  if (const auto wait = throttle_.retry_after(throttle_key, address, now)) {
    return throttled(*wait);
  }
  if (!user) {
    // Security: an unknown login id costs the same hash as a wrong password, so response time
    // does not reveal which login ids exist.
    hasher_.burn_equivalent_work(
        tenant_settings->password_encryption.scheme,
        static_cast<int>(tenant_settings->password_encryption.factor.value_or(24000)));
    throttle_.record_failure(throttle_key, address, now);
    // No user.login.failed here: the event describes a user, and there is none.
    return rejected("unknown login id");
  }

  const LoginPrevention prevention = prevention_of(*user);
  // Security: a locked account answers the same whatever the password, so guessing cannot go
  // on while the lock holds.
  if (prevention == LoginPrevention::kLocked) return locked_answer(*tenant_settings, *user);
  const bool password_ok =
      user->password &&
      hasher_.verify(request.password, {user->password->scheme, user->password->hash,
                                        user->password->salt, user->password->factor});
  if (!password_ok) {
    count_failure(*tenant, *user, throttle_key, address, now);
    // Not transactional: the failure is answered whatever the webhooks say.
    (void)events_.raise(tenant->id,
                        login_event("user.login.failed", application, *user, request.ip_address));
    return rejected("wrong password");
  }
  throttle_.record_success(throttle_key);
  if (!proceeds(prevention)) return prevented_answer(prevention, *tenant_settings, &*user);
  if (user->failures.count != 0 || user->failures.locked_until) {
    store_.users.reset_login_failures(user->id, now);
    user->failures = {};
  }
  // modifyEncryptionSchemeOnLogin: move the stored hash to the tenant's current scheme.
  const auto& tenant_scheme = tenant_settings->password_encryption.scheme;
  const auto tenant_factor =
      static_cast<int>(tenant_settings->password_encryption.factor.value_or(0));
  if (tenant_settings->password_encryption.modify_on_login &&
      (user->password->scheme != tenant_scheme ||
       (tenant_factor > 0 && user->password->factor != tenant_factor))) {
    const auto rehashed = hasher_.hash(tenant_scheme, request.password, tenant_factor);
    user->password =
        domain::PasswordCredential{rehashed.scheme, rehashed.hash, rehashed.salt, rehashed.factor};
    store_.users.update_user(*user);
  }

  return second_factor_or_complete(*tenant, application, std::move(*user), request, LoginContext{});
}

Result<LoginOutcome> LoginService::complete_verified_login(const domain::Tenant& tenant,
                                                           const domain::Application* application,
                                                           domain::User user,
                                                           const LoginRequest& request,
                                                           const LoginContext& context) {
  const auto prevention = login_prevention({&user, application, nullptr, application != nullptr,
                                            false, LoginStage::kCredentials, clock_.now()});
  if (!proceeds(prevention)) {
    return prevented_answer(prevention, *config_.current()->settings(tenant), &user);
  }
  return second_factor_or_complete(tenant, application, std::move(user), request, context);
}

Result<LoginOutcome> LoginService::second_factor_or_complete(const domain::Tenant& tenant,
                                                             const domain::Application* application,
                                                             domain::User user,
                                                             const LoginRequest& request,
                                                             const LoginContext& context) {
  if (const auto methods = public_methods(user.data); !methods.empty()) {
    // A second factor is due: park this login behind a one-time twoFactorId.
    const std::string two_factor_id = crypto::random_token(32);
    const auto ttl = config_.current()->settings(tenant)->lifetimes.two_factor_id;
    store_.two_factor.insert_two_factor_challenge({vault_.lookup_hash(two_factor_id), user.id,
                                                   clock_.now() + std::chrono::seconds(ttl),
                                                   challenge_data(request, context)});
    return TwoFactorRequired{two_factor_id, methods};
  }
  return complete(tenant, application, std::move(user), request, context);
}

Result<LoginOutcome> LoginService::complete(const domain::Tenant& tenant,
                                            const domain::Application* application,
                                            domain::User user, const LoginRequest& request,
                                            const LoginContext& context) {
  const Instant now = clock_.now();
  const auto prevention = login_prevention(
      {&user, application, nullptr, application != nullptr, false, LoginStage::kCredentials, now});
  if (!proceeds(prevention)) {
    return prevented_answer(prevention, *config_.current()->settings(tenant), &user);
  }
  if (prevention == LoginPrevention::kPasswordChangeRequired) {
    // A real, single-use changePasswordId (keyed hash at rest) that the Change Password API
    // and the hosted /password/change page redeem.
    const std::string change_password_id = issue_change_password_id(
        store_.password_changes, vault_, *config_.current()->settings(tenant), user.id, now);
    return PasswordChangeRequired{
        change_password_id,
        json::get_string(user.data, "passwordChangeReason").value_or("Administrative")};
  }
  const auto registration =
      application ? store_.registrations.find_registration(user.id, application->id) : std::nullopt;

  LoginTokens outcome;
  auto standing = application && !registration ? LoggedIn::Standing::kNotRegistered
                                               : LoggedIn::Standing::kRegistered;
  const bool email_gated = config_.current()->settings(tenant)->email_verification_gates_login;
  if (email_gated && !json::get_bool(user.data, "verified").value_or(true)) {
    standing = LoggedIn::Standing::kEmailNotVerified;
  } else if (registration && !json::get_bool(registration->data, "verified").value_or(true)) {
    standing = LoggedIn::Standing::kRegistrationNotVerified;
  }

  // user.login.success is transactional (spec/webhooks-events.md): its webhooks are asked
  // before anything is written, and a refusal (504) leaves no refresh token and no login stamp.
  json::object event = login_event("user.login.success", registration ? application : nullptr, user,
                                   request.ip_address);
  event["authenticationType"] = context.authentication_type;
  for (const auto& [name, value] : context.event_extras) event[name] = value;
  LATCHKEY_TRY(auto prepared, events_.prepare(tenant.id, event));
  // One transaction for the refresh token, the login stamp and the event's outbox rows; the
  // access token is signed after the commit, so no signature is computed under the write lock.
  store_.unit_of_work.in_transaction([&] {
    issue_refresh_token(tenant, application, user, registration, request, now, outcome);
    store_.users.record_login(user.id, registration ? std::optional(application->id) : std::nullopt,
                              now);
    events_.enqueue(std::move(prepared));
    return true;
  });
  LATCHKEY_CHECK(issue_access_token(tenant, application, user, registration, request,
                                    context.authentication_type, now, outcome));
  user.data["lastLoginInstant"] = to_epoch_ms(now);
  auto view = users_.view(std::move(user));
  for (auto& reg : view.registrations) {
    if (application && reg.application_id == application->id) {
      reg.data["lastLoginInstant"] = to_epoch_ms(now);
    }
  }
  return LoggedIn{standing, std::move(view), std::move(outcome)};
}

void LoginService::issue_refresh_token(const domain::Tenant& tenant,
                                       const domain::Application* application,
                                       const domain::User& user,
                                       const std::optional<domain::Registration>& registration,
                                       const LoginRequest& request, Instant now,
                                       LoginTokens& outcome) {
  const bool wants_refresh =
      !request.no_jwt && application && registration &&
      config_.current()->settings(*application)->login.generate_refresh_tokens;
  if (!wants_refresh) return;
  outcome.refresh_token =
      refresh_tokens_.issue({&tenant, application, &user, request.device, json::array(),
                             request.ip_address, std::nullopt, now});
  outcome.refresh_token_expires = refresh_tokens_.expires_at(outcome.refresh_token->record);
}

Status LoginService::issue_access_token(
    const domain::Tenant& tenant, const domain::Application* application, const domain::User& user,
    const std::optional<domain::Registration>& registration, const LoginRequest& request,
    const std::string& authentication_type, Instant now, LoginTokens& outcome) {
  if (request.no_jwt) return {};
  LATCHKEY_TRY(auto token,
               tokens_.issue_access_token(
                   {&tenant, application, &user, registration ? &*registration : nullptr,
                    authentication_type,
                    outcome.refresh_token ? std::optional(outcome.refresh_token->record.id.str())
                                          : std::nullopt,
                    now, std::nullopt, std::nullopt}));
  outcome.access_token = std::move(token);
  return {};
}

Result<LoginOutcome> LoginService::two_factor_login(const TwoFactorLoginRequest& request) {
  if (request.two_factor_id.empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "twoFactorId", "[blank]twoFactorId",
                             "You must specify the [twoFactorId] property."));
  }
  if (request.code.empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "code", "[blank]code",
                             "You must specify the [code] property."));
  }
  const std::string id_hash = vault_.lookup_hash(request.two_factor_id);
  const auto challenge = store_.two_factor.find_two_factor_challenge(id_hash);
  const Instant now = clock_.now();
  if (!challenge || challenge->expires_at <= now) return rejected("unknown twoFactorId");
  auto user = store_.users.find_user(challenge->user_id);
  if (!user) return rejected("two-factor user gone");
  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(user->tenant_id);
  if (tenant == nullptr) return rejected("tenant vanished");

  LoginRequest original;
  original.no_jwt = json::get_bool(challenge->data, "noJWT").value_or(false) || request.no_jwt;
  original.application_id = json::get_string(challenge->data, "applicationId");
  if (!original.application_id) original.application_id = request.application_id;
  original.ip_address =
      request.ip_address ? request.ip_address : json::get_string(challenge->data, "ipAddress");
  if (const auto* device = json::get_object(challenge->data, "device")) original.device = *device;
  const domain::Application* application = nullptr;
  if (original.application_id) {
    const auto id = Uuid::parse(*original.application_id);
    application = id ? snapshot->find_application(*id) : nullptr;
  }
  // The Login API's gates, before any code is looked at: a user locked, deactivated or expired
  // since the password step gets that answer, and a locked one cannot guess codes meanwhile.
  const auto prevention =
      login_prevention({&*user, application, nullptr, original.application_id.has_value(), false,
                        LoginStage::kCredentials, now});
  if (!proceeds(prevention)) {
    return prevented_answer(prevention, *snapshot->settings(*tenant), &*user);
  }

  const std::string throttle_key = LoginThrottle::user_key(user->id.str());
  const std::string address = LoginThrottle::address_key(request.client_address);
  if (const auto wait = throttle_.retry_after(throttle_key, address, now)) {
    return throttled(*wait);
  }
  const auto secret = authenticator_secret(user->data);
  const auto step = secret ? crypto::match_totp(*secret, request.code, now) : std::nullopt;
  // RFC 6238 §5.2: a code is accepted once. A replayed one (its step at or before the last
  // accepted) is a wrong code, counted like one.
  if (!step || !store_.users.claim_totp_step(user->id, *step)) {
    // Security: the kMaxTwoFactorFailures-th distinct wrong code deletes the challenge
    // (atomically, so concurrent guesses cannot overshoot), and the id answers 404 from then on.
    const auto failures = store_.two_factor.record_two_factor_failure(
        id_hash, vault_.lookup_hash(request.code), kMaxTwoFactorFailures);
    if (!failures) return rejected("twoFactorId gone");
    // A repeat of the last wrong code guesses nothing new (fetch() retries every 421 once).
    if (!failures->repeated) count_failure(*tenant, *user, throttle_key, address, now);
    return TwoFactorCodeRejected{step ? "replayed two-factor code" : "wrong two-factor code"};
  }
  // Security: a twoFactorId completes one login; a concurrent second use finds it gone.
  if (!store_.two_factor.take_two_factor_challenge(id_hash)) return rejected("twoFactorId used");
  throttle_.record_success(throttle_key);
  if (user->failures.count != 0) store_.users.reset_login_failures(user->id, now);

  LoginContext context;
  if (const auto type = json::get_string(challenge->data, "authenticationType")) {
    context.authentication_type = *type;
  }
  if (const auto* extras = json::get_object(challenge->data, "eventExtras")) {
    context.event_extras = *extras;
  }
  return complete(*tenant, application, std::move(*user), original, context);
}

void LoginService::count_failure(const domain::Tenant& tenant, const domain::User& user,
                                 std::string_view throttle_key, std::string_view address,
                                 Instant now) {
  throttle_.record_failure(throttle_key, address, now);
  const auto settings = config_.current()->settings(tenant);
  const domain::LockoutPolicy& policy = settings->lockout;
  const auto lock_for = std::chrono::milliseconds(policy.lock_duration);
  // One conditional write: concurrent failures are all counted, and exactly one of them locks.
  const auto written =
      store_.users.record_login_failure(user.id, now, std::chrono::milliseconds(policy.reset_count),
                                        policy.too_many_attempts, lock_for);
  if (written && written->locked_until == now + lock_for) {
    // refreshTokenRevocationPolicy.onLoginPrevented, per each token's application.
    (void)refresh_tokens_.revoke_for_user(user.id, RevocationReason::kLoginPrevented);
  }
}

}  // namespace latchkey::services
