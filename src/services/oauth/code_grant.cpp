// grant_type=authorization_code (RFC 6749 §4.1.3; seed §2.5).
#include "services/oauth/code_grant.hpp"

#include "services/common/login_prevention.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_grant;
using oauth::invalid_request;

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

Result<store::OAuthGrant> CodeGrant::redeemable(const std::optional<std::string>& code) {
  if (!code || code->empty()) {
    return fail(invalid_request("The code parameter is required.", "missing_code"));
  }
  auto found = codes_.find(*code);
  if (!found) {
    return fail(
        invalid_grant("The authorization code is invalid or expired.", "auth_code_not_found"));
  }
  if (found->consumed_at) {
    LATCHKEY_CHECK(refuse_replay(*found));
  }
  return std::move(*found);
}

Status CodeGrant::refuse_replay(const store::OAuthGrant& code) {
  // RFC 6749 §4.1.2: a code used twice is refused, and what its first use issued is revoked.
  if (const auto token_id = json::get_string(code.data, "refreshTokenId").and_then(Uuid::parse)) {
    // Through RefreshTokenService, so jwt.refresh-token.revoke is raised as on every other
    // revocation path. Security: a transactional webhook's refusal must not keep alive what a
    // replayed code issued, so the token goes regardless.
    RevokeSelector selector;
    selector.token_id = *token_id;
    if (!refresh_tokens_.revoke(Caller{}, std::nullopt, selector, {})) {
      (void)refresh_token_store_.delete_refresh_token(*token_id);
    }
  }
  return fail(invalid_grant("The authorization code is invalid or expired.", "auth_code_not_found")
                  .with_log_detail("authorization code replayed; its refresh token revoked"));
}

Result<json::object> CodeGrant::exchange(const OAuthTokenRequest& request,
                                         const ConfigSnapshot& snapshot,
                                         const domain::Application& application, bool authenticated,
                                         const store::OAuthGrant& code) {
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
  } else if (snapshot.settings(application)->oauth.pkce ==
                 oauth::PkcePolicy::kNotRequiredWhenUsingClientAuthentication &&
             !authenticated) {
    return fail(invalid_request("PKCE is required for a client that does not authenticate.",
                                "missing_code_verifier"));
  }
  if (!codes_.consume(*request.code)) {
    // A concurrent exchange won: this one is the replay.
    auto latest = codes_.find_any(*request.code);
    LATCHKEY_CHECK(refuse_replay(latest ? *latest : code));
  }
  const auto user_id = json::get_string(data, "userId").and_then(Uuid::parse);
  auto user = user_id ? users_.find_user(*user_id) : std::nullopt;
  // The user may have been locked, deactivated or expired since the code was issued.
  const auto registration =
      user ? registrations_.find_registration(user->id, application.id) : std::nullopt;
  if (const auto prevention = login_prevention(
          {user ? &*user : nullptr, &application, registration ? &*registration : nullptr, true,
           snapshot.settings(application)->oauth.require_registration, LoginStage::kContinuation,
           clock_.now()});
      prevention != LoginPrevention::kNone) {
    return fail(oauth_login_prevented(prevention));
  }
  const auto* tenant = snapshot.find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(invalid_grant("The tenant is gone.", "unknown"));
  TokenGrant in{tenant,
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
  LATCHKEY_TRY(auto body, issuer_.issue(in));
  if (const auto* refresh_id = body.if_contains("refresh_token_id")) {
    codes_.remember_refresh_token(*request.code, data, *refresh_id);
  }
  return body;
}

}  // namespace latchkey::services
