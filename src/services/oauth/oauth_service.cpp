#include "services/oauth/oauth_service.hpp"

#include "services/common/login_prevention.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_client;
using oauth::invalid_grant;
using oauth::invalid_request;
using oauth::oauth_error;

const domain::Application* find_client(const ConfigSnapshot& snapshot,
                                       const std::optional<std::string>& client_id) {
  if (!client_id) return nullptr;
  const auto id = Uuid::parse(*client_id);
  const auto* application = id ? snapshot.find_application(*id) : nullptr;
  return application != nullptr && application->active ? application : nullptr;
}

bool is_known_grant(std::string_view grant) {
  return grant == "authorization_code" || grant == "password" || grant == "refresh_token";
}

std::vector<std::string> scopes_of(const json::object& data, std::string_view path) {
  std::vector<std::string> scopes;
  if (const auto* array = json::get_array(data, path)) {
    for (const auto& scope : *array) {
      if (scope.is_string()) scopes.emplace_back(scope.as_string());
    }
  }
  return scopes;
}

}  // namespace

Result<json::object> OAuthService::token(const OAuthTokenRequest& request) {
  if (!request.grant_type || request.grant_type->empty()) {
    return fail(invalid_request("The grant_type parameter is required.", "missing_grant_type"));
  }
  if (!is_known_grant(*request.grant_type)) {
    return fail(oauth_error(HttpStatus::kBadRequest, "unsupported_grant_type",
                            "The grant_type is not supported.", "invalid_grant_type"));
  }
  LATCHKEY_TRY(
      const auto credentials,
      oauth::client_credentials(request.authorization, request.client_id, request.client_secret));
  if (!credentials.client_id) {
    return fail(invalid_request("The client_id parameter is required.", "missing_client_id"));
  }
  const auto snapshot = config_.current();
  const auto* application = find_client(*snapshot, credentials.client_id);
  if (application == nullptr) {
    return fail(invalid_client("The client_id does not name an application.", "invalid_client_id"));
  }

  // The code comes first: whether the client must authenticate can depend on its PKCE.
  std::optional<store::OAuthGrant> code;
  if (*request.grant_type == "authorization_code") {
    if (!request.code || request.code->empty()) {
      return fail(invalid_request("The code parameter is required.", "missing_code"));
    }
    code = store_.find_oauth_grant(vault_.lookup_hash(*request.code));
    if (!code || code->kind != "code" || code->expires_at <= clock_.now()) {
      return fail(
          invalid_grant("The authorization code is invalid or expired.", "auth_code_not_found"));
    }
    if (code->consumed_at) {
      LATCHKEY_CHECK(replayed_code(*code));
    }
  }
  const bool pkce_used = code && json::get_string(code->data, "codeChallenge").has_value();

  // Client authentication (RFC 6749 §2.3, §3.2.1).
  bool authenticated = false;
  if (credentials.client_secret) {
    if (!oauth::client_secret_matches(*application, *credentials.client_secret)) {
      return fail(invalid_client("Client authentication failed.", "invalid_client_authentication"));
    }
    authenticated = true;
  } else {
    const auto policy = oauth::client_authentication_policy(*application);
    const bool required =
        policy == oauth::ClientAuthentication::kRequired ||
        (policy == oauth::ClientAuthentication::kNotRequiredWhenUsingPkce && !pkce_used);
    if (required) {
      return fail(
          invalid_client("This client must authenticate.", "client_authentication_missing"));
    }
  }

  if (!oauth::grant_enabled(*application, *request.grant_type)) {
    return fail(oauth_error(HttpStatus::kBadRequest, "unauthorized_client",
                            "The grant_type is not enabled for this application.",
                            "grant_type_disabled"));
  }
  if (code) return code_grant(request, *snapshot, *application, authenticated, *code);
  if (*request.grant_type == "password") return password_grant(request, *snapshot, *application);
  return refresh_grant(request, *snapshot, *application);
}

Status OAuthService::replayed_code(const store::OAuthGrant& code) {
  // RFC 6749 §4.1.2: a code used twice is refused, and what its first use issued is revoked.
  if (const auto token_id = json::get_string(code.data, "refreshTokenId").and_then(Uuid::parse)) {
    // Through RefreshTokenService, so jwt.refresh-token.revoke is raised as on every other
    // revocation path. Security: a transactional webhook's refusal must not keep alive what a
    // replayed code issued, so the token goes regardless.
    RevokeSelector selector;
    selector.token_id = *token_id;
    if (!refresh_tokens_.revoke(Caller{}, std::nullopt, selector, {})) {
      (void)store_.delete_refresh_token(*token_id);
    }
  }
  return fail(invalid_grant("The authorization code is invalid or expired.", "auth_code_not_found")
                  .with_log_detail("authorization code replayed; its refresh token revoked"));
}

Result<json::object> OAuthService::code_grant(const OAuthTokenRequest& request,
                                              const ConfigSnapshot& snapshot,
                                              const domain::Application& application,
                                              bool authenticated, const store::OAuthGrant& code) {
  const auto& data = code.data;
  if (json::get_string(data, "clientId").value_or("") != application.id.str()) {
    return fail(
        invalid_grant("The authorization code is invalid or expired.", "auth_code_not_found")
            .with_log_detail("code presented by another client"));
  }
  if (!request.redirect_uri || request.redirect_uri->empty()) {
    return fail(invalid_request("The redirect_uri parameter is required.", "missing_redirect_uri"));
  }
  // RFC 6749 §4.1.3: identical to the authorization request's.
  if (json::get_string(data, "redirectUri").value_or("") != *request.redirect_uri) {
    return fail(invalid_grant("The redirect_uri does not match the authorization request.",
                              "invalid_redirect_uri"));
  }
  const auto challenge = json::get_string(data, "codeChallenge");
  if (challenge) {
    if (!request.code_verifier || request.code_verifier->empty()) {
      return fail(
          invalid_request("The code_verifier parameter is required.", "missing_code_verifier"));
    }
    if (!oauth::verify_pkce(*challenge, json::get_string(data, "codeChallengeMethod").value_or(""),
                            *request.code_verifier)) {
      return fail(invalid_grant("The code_verifier does not match the code_challenge.",
                                "invalid_pkce_code_verifier"));
    }
  } else if (request.code_verifier) {
    return fail(invalid_grant("No code_challenge was sent with the authorization request.",
                              "invalid_pkce_code_verifier"));
  } else if (oauth::pkce_policy(application) ==
                 oauth::PkcePolicy::kNotRequiredWhenUsingClientAuthentication &&
             !authenticated) {
    return fail(invalid_request("PKCE is required for a client that does not authenticate.",
                                "missing_code_verifier"));
  }
  const std::string code_hash = vault_.lookup_hash(*request.code);
  if (!store_.consume_oauth_grant(code_hash, clock_.now())) {
    // A concurrent exchange won: this one is the replay.
    auto latest = store_.find_oauth_grant(code_hash);
    LATCHKEY_CHECK(replayed_code(latest ? *latest : code));
  }
  const auto user_id = json::get_string(data, "userId").and_then(Uuid::parse);
  auto user = user_id ? store_.find_user(*user_id) : std::nullopt;
  // The user may have been locked, deactivated or expired since the code was issued.
  const auto registration =
      user ? store_.find_registration(user->id, application.id) : std::nullopt;
  if (const auto prevention = login_prevention(
          {user ? &*user : nullptr, &application, registration ? &*registration : nullptr, true,
           requires_registration(application), LoginStage::kContinuation, clock_.now()});
      prevention != LoginPrevention::kNone) {
    return fail(oauth_login_prevented(prevention));
  }
  const auto* tenant = snapshot.find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(invalid_grant("The tenant is gone.", "unknown"));
  Issue in{tenant,
           &application,
           &*user,
           scopes_of(data, "scopes"),
           "PASSWORD",
           from_epoch_ms(json::get_int(data, "authTime").value_or(to_epoch_ms(clock_.now()))),
           json::get_string(data, "nonce"),
           json::get_string(data, "sessionId"),
           *request.code,
           json::get_string(data, "device"),
           request.ip_address};
  LATCHKEY_TRY(auto body, issue(in));
  if (const auto* refresh_id = body.if_contains("refresh_token_id")) {
    json::object updated = data;
    updated["refreshTokenId"] = *refresh_id;
    store_.update_oauth_grant_data(code_hash, updated);
  }
  return body;
}

Result<json::object> OAuthService::password_grant(const OAuthTokenRequest& request,
                                                  const ConfigSnapshot& snapshot,
                                                  const domain::Application& application) {
  if (!request.login_id || request.login_id->empty() || !request.password ||
      request.password->empty()) {
    return fail(invalid_request("The loginId (or username) and password parameters are required.",
                                "invalid_user_credentials"));
  }
  LATCHKEY_TRY(auto scopes, oauth::parse_scopes(request.scope, application));
  LoginRequest login{*request.login_id,
                     Secret(*request.password),
                     application.id.str(),
                     request.ip_address,
                     true,
                     {}};
  login.second_factor_keeps_no_jwt = false;
  login.client_address = request.ip_address.value_or("");
  auto outcome = login_.login(Caller{}, login);
  if (!outcome) {
    switch (outcome.error().http_status()) {
      case HttpStatus::kTooManyRequests: {
        // The login throttle: 429 with Retry-After, in the OAuth error shape.
        Error error =
            oauth_error(HttpStatus::kTooManyRequests, "invalid_grant",
                        "Too many failed sign-in attempts. Try again later.", "login_prevented");
        if (const auto& wait = outcome.error().retry_after()) error.with_retry_after(*wait);
        return fail(std::move(error));
      }
      case HttpStatus::kGone:
        return fail(oauth_login_prevented(LoginPrevention::kExpired));
      case HttpStatus::kNotFound:
        return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials"));
      default:
        return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials")
                        .with_log_detail(outcome.error().log_detail()));
    }
  }
  switch (outcome->status) {
    case HttpStatus::kOk:
    case HttpStatus::kAccepted:
      break;
    case HttpStatus::kConflict:
      return fail(oauth_login_prevented(LoginPrevention::kLocked));
    case HttpStatus::kTwoFactorRequired: {
      // FusionAuth's OAuthError carries what the Two Factor Login API needs to finish.
      const auto* methods = outcome->body.if_contains("methods");
      const auto two_factor_id = json::get_string(outcome->body, "twoFactorId").value_or("");
      return fail(oauth_error(HttpStatus::kBadRequest, "two_factor_required",
                              "A second factor is required.", "multi_factor_challenge_required")
                      .with_oauth_member("two_factor_id", json::value(two_factor_id))
                      .with_oauth_member("two_factor_methods",
                                         methods != nullptr ? *methods : json::array()));
    }
    case HttpStatus::kNonAuthoritative: {
      const auto reason = json::get_string(outcome->body, "changePasswordReason").value_or("");
      const auto change_id = json::get_string(outcome->body, "changePasswordId").value_or("");
      return fail(oauth_error(HttpStatus::kBadRequest, "change_password_required",
                              "The user must change their password.",
                              oauth::change_password_reason(reason))
                      .with_oauth_member("change_password_id", json::value(change_id)));
    }
    case HttpStatus::kEmailNotVerified:
      return fail(
          invalid_grant("The user's email is not verified.", "email_verification_required"));
    case HttpStatus::kRegistrationNotVerified:
      return fail(invalid_grant("The user's registration is not verified.",
                                "registration_verification_required"));
    default:
      return fail(invalid_grant("The user cannot sign in.", "login_prevented"));
  }
  if (!outcome->user) return fail(invalid_grant("Invalid user credentials.", "unknown"));
  auto user = store_.find_user(outcome->user->user.id);
  if (!user) return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials"));
  const auto* tenant = snapshot.find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(invalid_grant("The tenant is gone.", "unknown"));
  Issue in{
      tenant,       &application, &*user,       std::move(scopes), "PASSWORD",        clock_.now(),
      std::nullopt, std::nullopt, std::nullopt, request.device,    request.ip_address};
  return issue(in);
}

Result<json::object> OAuthService::refresh_grant(const OAuthTokenRequest& request,
                                                 const ConfigSnapshot& snapshot,
                                                 const domain::Application& application) {
  if (!request.refresh_token || request.refresh_token->empty()) {
    return fail(
        invalid_request("The refresh_token parameter is required.", "missing_refresh_token"));
  }
  const auto not_found = [](std::string detail) {
    return fail(invalid_grant("The refresh token is invalid or expired.", "refresh_token_not_found")
                    .with_log_detail(std::move(detail)));
  };
  // Security: a token of another client is refused before the exchange can rotate it.
  if (const auto record = refresh_tokens_.find_by_value(*request.refresh_token);
      record && record->application_id != application.id) {
    return not_found("refresh token presented by another client");
  }
  auto exchanged = refresh_tokens_.exchange(
      Caller{},
      {*request.refresh_token, std::nullopt, std::nullopt, {request.ip_address, {}}, true});
  if (!exchanged) return not_found(exchanged.error().log_detail());
  if (exchanged->record.application_id != application.id) {
    return not_found("refresh token presented by another client");
  }
  const auto scopes = scopes_of(exchanged->record.data, "metaData.scopes");
  LATCHKEY_TRY(const auto requested, oauth::parse_scopes(request.scope, application));
  for (const auto& scope : requested) {
    // RFC 6749 §6: no scope beyond what the refresh token was granted.
    if (!oauth::has_scope(scopes, scope)) {
      return fail(oauth_error(HttpStatus::kBadRequest, "invalid_scope",
                              "The scope exceeds the refresh token's.", "unknown_scope"));
    }
  }
  const auto& access = exchanged->access_token;
  json::object body;
  body["access_token"] = access.token;
  body["expires_in"] =
      std::max<std::int64_t>(0, to_epoch_seconds(access.expires) - to_epoch_seconds(clock_.now()));
  if (oauth::has_scope(scopes, "openid")) {
    auto user = store_.find_user(exchanged->record.user_id);
    const auto* tenant = snapshot.find_tenant(exchanged->record.tenant_id);
    if (user && tenant != nullptr) {
      const Instant auth_time = json::get_int(exchanged->record.data, "latchkey.authTime")
                                    .transform(from_epoch_ms)
                                    .value_or(exchanged->record.insert_instant);
      Issue in{tenant,       &application, &*user,       scopes,       "REFRESH_TOKEN", auth_time,
               std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
      LATCHKEY_TRY(auto id, id_token(in, access.token, access.expires));
      body["id_token"] = id;
    }
  }
  body["refresh_token"] = exchanged->refresh_token;
  body["refresh_token_id"] = exchanged->record.id.str();
  if (!scopes.empty()) body["scope"] = oauth::join_scopes(scopes);
  body["token_type"] = "Bearer";
  body["userId"] = exchanged->record.user_id.str();
  return body;
}

Result<json::object> OAuthService::issue(const Issue& in) {
  const auto& application = *in.application;
  const auto registration = store_.find_registration(in.user->id, application.id);
  if (!registration &&
      json::get_bool(application.data, "oauthConfiguration.requireRegistration").value_or(false)) {
    return fail(
        invalid_grant("The user is not registered for this application.", "registration_required"));
  }
  std::optional<IssuedRefreshToken> refresh;
  if (oauth::has_scope(in.scopes, "offline_access") &&
      json::get_bool(application.data, "oauthConfiguration.generateRefreshTokens")
          .value_or(false) &&
      oauth::grant_enabled(application, "refresh_token")) {
    json::array scopes;
    for (const auto& scope : in.scopes) scopes.emplace_back(scope);
    json::object device;
    if (in.device && !in.device->empty()) device["description"] = *in.device;
    refresh = refresh_tokens_.issue({in.tenant, &application, in.user, std::move(device),
                                     std::move(scopes), in.ip_address, std::nullopt, in.auth_time,
                                     in.session_id});
  }
  const std::string scope = oauth::join_scopes(in.scopes);
  LATCHKEY_TRY(
      auto access,
      tokens_.issue_access_token(
          {in.tenant, &application, in.user, registration ? &*registration : nullptr,
           in.authentication_type, refresh ? std::optional(refresh->record.id.str()) : std::nullopt,
           in.auth_time, scope.empty() ? std::nullopt : std::optional(scope), std::nullopt}));
  json::object body;
  body["access_token"] = access.token;
  body["expires_in"] =
      std::max<std::int64_t>(0, to_epoch_seconds(access.expires) - to_epoch_seconds(clock_.now()));
  if (oauth::has_scope(in.scopes, "openid")) {
    LATCHKEY_TRY(auto id, id_token(in, access.token, access.expires));
    body["id_token"] = id;
  }
  if (refresh) {
    body["refresh_token"] = refresh->value;
    body["refresh_token_id"] = refresh->record.id.str();
  }
  if (!scope.empty()) body["scope"] = scope;
  body["token_type"] = "Bearer";
  body["userId"] = in.user->id.str();
  return body;
}

}  // namespace latchkey::services
