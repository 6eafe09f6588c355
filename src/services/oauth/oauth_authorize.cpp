// OAuthService: the authorization endpoint's rules, codes, SSO sessions and logout.
#include "core/base64.hpp"
#include "crypto/random.hpp"
#include "services/common/login_prevention.hpp"
#include "services/common/oauth_rules.hpp"
#include "services/oauth/oauth_service.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_request;
using oauth::oauth_error;

constexpr std::size_t kCodeBytes = 32;
constexpr std::string_view kSessionKind = "sso";
constexpr std::string_view kCodeKind = "code";

std::optional<json::object> base64_payload(std::string_view part) {
  const auto decoded = base64::decode_url(part);
  if (!decoded) return std::nullopt;
  return json::parse_object(*decoded);
}

}  // namespace

Result<AuthorizeParams> OAuthService::check_client(const AuthorizeRequest& request) const {
  if (!request.client_id || request.client_id->empty()) {
    return fail(invalid_request("The client_id parameter is required.", "missing_client_id"));
  }
  const auto snapshot = config_.current();
  const auto id = Uuid::parse(*request.client_id);
  const auto* application = id ? snapshot->find_application(*id) : nullptr;
  if (application == nullptr || !application->active) {
    return fail(
        invalid_request("The client_id does not name an application.", "invalid_client_id"));
  }
  if (!request.redirect_uri || request.redirect_uri->empty()) {
    return fail(invalid_request("The redirect_uri parameter is required.", "missing_redirect_uri"));
  }
  // Security: never redirect to a URI the application did not register, byte for byte.
  if (!oauth::redirect_uri_registered(snapshot->settings(*application)->oauth,
                                      *request.redirect_uri)) {
    return fail(invalid_request("The redirect_uri is not registered for this application.",
                                "invalid_redirect_uri"));
  }
  const auto* tenant = snapshot->find_tenant(application->tenant_id);
  return AuthorizeParams{
      request,
      application->id,
      application->tenant_id,
      *request.redirect_uri,
      {},
      tenant != nullptr ? issuer_of(*snapshot->settings(*tenant)) : std::string()};
}

Status OAuthService::check_request(const AuthorizeParams& params) const {
  const auto& request = params.request;
  if (!request.response_type || request.response_type->empty()) {
    return fail(
        invalid_request("The response_type parameter is required.", "missing_response_type"));
  }
  if (*request.response_type != "code") {
    return fail(oauth_error(HttpStatus::kBadRequest, "unsupported_response_type",
                            "Only response_type=code is supported.", "invalid_response_type"));
  }
  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(params.application_id);
  if (application == nullptr) {
    return fail(
        invalid_request("The client_id does not name an application.", "invalid_client_id"));
  }
  const auto settings = snapshot->settings(*application);
  if (!oauth::grant_enabled(settings->oauth, "authorization_code")) {
    return fail(oauth_error(HttpStatus::kBadRequest, "unauthorized_client",
                            "The authorization_code grant is not enabled for this application.",
                            "grant_type_disabled"));
  }
  if (auto scopes = oauth::parse_scopes(request.scope, settings->oauth); !scopes) {
    return fail(std::move(scopes).error());
  }
  LATCHKEY_CHECK(oauth::check_code_challenge(settings->oauth, request.code_challenge,
                                             request.code_challenge_method));
  if (request.prompt && !request.prompt->empty() && *request.prompt != "none" &&
      *request.prompt != "login" && *request.prompt != "consent" &&
      *request.prompt != "select_account") {
    return fail(invalid_request("The prompt parameter is not supported.", "invalid_prompt"));
  }
  if (request.max_age && !oauth::parse_max_age(*request.max_age)) {
    return fail(invalid_request("The max_age parameter must be a non-negative integer.",
                                "invalid_max_age"));
  }
  return {};
}

bool OAuthService::user_may_authorize(const domain::User& user,
                                      const AuthorizeParams& params) const {
  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(params.application_id);
  const bool required =
      application != nullptr && snapshot->settings(*application)->oauth.require_registration;
  const auto registration = required && user.tenant_id == params.tenant_id
                                ? store_.find_registration(user.id, params.application_id)
                                : std::nullopt;
  return login_prevention({&user, application, registration ? &*registration : nullptr, true,
                           required, LoginStage::kContinuation, clock_.now()}) ==
         LoginPrevention::kNone;
}

bool OAuthService::session_user_may_authorize(const SsoSession& session,
                                              const AuthorizeParams& params) const {
  const auto user = store_.find_user(session.user_id);
  return user && user_may_authorize(*user, params);
}

bool OAuthService::session_within_max_age(const SsoSession& session,
                                          const AuthorizeParams& params) const {
  if (!params.request.max_age) return true;
  const auto max_age = oauth::parse_max_age(*params.request.max_age);
  if (!max_age) return false;
  // max_age=0 asks for a sign-in now, whatever the clock's resolution.
  if (*max_age == std::chrono::seconds::zero()) return false;
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.now() - session.auth_time);
  return elapsed <= *max_age;
}

Result<std::string> OAuthService::issue_code(const AuthorizeParams& params,
                                             const SsoSession& session) {
  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(params.application_id);
  const auto* tenant = snapshot->find_tenant(params.tenant_id);
  if (application == nullptr || tenant == nullptr) {
    return fail(
        invalid_request("The client_id does not name an application.", "invalid_client_id"));
  }
  const auto tenant_settings = snapshot->settings(*tenant);
  LATCHKEY_TRY(const auto scopes,
               oauth::parse_scopes(params.request.scope, snapshot->settings(*application)->oauth));
  const auto& request = params.request;
  json::array scope_array;
  for (const auto& scope : scopes) scope_array.emplace_back(scope);
  json::object data{
      {"clientId", application->id.str()},     {"redirectUri", params.redirect_uri},
      {"userId", session.user_id.str()},       {"scopes", std::move(scope_array)},
      {"sessionId", session.session_id.str()}, {"authTime", to_epoch_ms(session.auth_time)}};
  if (request.nonce && !request.nonce->empty()) data["nonce"] = *request.nonce;
  if (request.device && !request.device->empty()) data["device"] = *request.device;
  if (request.code_challenge && !request.code_challenge->empty()) {
    data["codeChallenge"] = *request.code_challenge;
    data["codeChallengeMethod"] =
        request.code_challenge_method && !request.code_challenge_method->empty()
            ? *request.code_challenge_method
            : "plain";
  }
  // Tenant externalIdentifierConfiguration: codes live 30 seconds unless configured.
  const auto ttl = tenant_settings->lifetimes.authorization_grant_id;
  const Instant now = clock_.now();
  const std::string code = crypto::random_token(kCodeBytes);
  store_.insert_oauth_grant({vault_.lookup_hash(code), std::string(kCodeKind),
                             now + std::chrono::seconds(std::max<std::int64_t>(ttl, 1)),
                             std::nullopt, std::move(data)});
  (void)store_.delete_expired_oauth_grants(now - std::chrono::hours(24));
  std::vector<std::pair<std::string, std::string>> query{{"code", code}};
  if (request.state) query.emplace_back("state", *request.state);
  query.emplace_back("userState", "Authenticated");
  // RFC 9207 §2: the issuer identifies who answered, against mix-up attacks.
  if (!params.issuer.empty()) query.emplace_back("iss", params.issuer);
  return oauth::append_query(params.redirect_uri, query);
}

HostedLoginResult OAuthService::hosted_login(const AuthorizeParams& params,
                                             const std::string& login_id,
                                             const std::string& password,
                                             const std::optional<std::string>& ip_address) {
  HostedLoginResult result;
  // Security: one message for every credential failure, so the form never tells whether a
  // login id exists.
  result.message = "Invalid login credentials.";
  if (login_id.empty() || password.empty()) {
    result.message = "Enter your login and password.";
    return result;
  }
  LoginRequest login{login_id, Secret(password), params.application_id.str(), ip_address, true, {}};
  login.client_address = ip_address.value_or("");
  auto outcome = login_.login(Caller{}, login);
  if (!outcome) {
    if (outcome.error().http_status() == HttpStatus::kGone) {
      result.message = "Your account has expired.";
    } else if (outcome.error().http_status() == HttpStatus::kTooManyRequests) {
      result.message = "Too many failed sign-in attempts. Try again later.";
      result.retry_after = outcome.error().retry_after().value_or(std::chrono::seconds(1));
    }
    return result;
  }
  switch (outcome->status) {
    case HttpStatus::kOk:
    case HttpStatus::kAccepted:
      break;
    case HttpStatus::kConflict:
      result.message = "Your account is locked. Try again later.";
      return result;
    case HttpStatus::kTwoFactorRequired:
      result.kind = HostedLoginResult::Kind::kTwoFactorRequired;
      result.message.clear();
      result.two_factor_id = json::get_string(outcome->body, "twoFactorId").value_or("");
      return result;
    case HttpStatus::kNonAuthoritative:
      result.kind = HostedLoginResult::Kind::kChangePasswordRequired;
      result.message = "Your password must be changed before you can sign in.";
      result.change_password_id = json::get_string(outcome->body, "changePasswordId").value_or("");
      return result;
    case HttpStatus::kEmailNotVerified:
      result.message = "Your email address has not been verified.";
      return result;
    case HttpStatus::kRegistrationNotVerified:
      result.message = "Your registration has not been verified.";
      return result;
    default:
      return result;
  }
  if (!outcome->user) return result;
  auto user = store_.find_user(outcome->user->user.id);
  if (!user || !user_may_authorize(*user, params)) {
    result.message = "You are not allowed to sign in to this application.";
    return result;
  }
  result.kind = HostedLoginResult::Kind::kSuccess;
  result.message.clear();
  result.user = std::move(user);
  return result;
}

HostedLoginResult OAuthService::hosted_two_factor(const AuthorizeParams& params,
                                                  const std::string& two_factor_id,
                                                  const std::string& code,
                                                  const std::optional<std::string>& ip_address) {
  HostedLoginResult result;
  if (two_factor_id.empty()) {
    result.message = "Your sign-in expired. Please start again.";
    return result;
  }
  if (code.empty()) {
    result.message = "Enter the code from your authenticator app.";
    return result;
  }
  TwoFactorLoginRequest request{two_factor_id, code, params.application_id.str(),
                                ip_address,    true, {}};
  request.client_address = ip_address.value_or("");
  auto outcome = login_.two_factor_login(request);
  if (!outcome) {
    switch (outcome.error().http_status()) {
      case HttpStatus::kInvalidTwoFactorCode:
        result.message = "Invalid code. Try again.";
        break;
      case HttpStatus::kGone:
        result.message = "Your account has expired.";
        break;
      case HttpStatus::kTooManyRequests:
        result.message = "Too many failed sign-in attempts. Try again later.";
        result.retry_after = outcome.error().retry_after().value_or(std::chrono::seconds(1));
        break;
      default:
        result.message = "Your sign-in expired. Please start again.";
    }
    return result;
  }
  if (outcome->status == HttpStatus::kConflict) {
    result.message = "Your account is locked. Try again later.";
    return result;
  }
  if (outcome->status == HttpStatus::kNonAuthoritative) {
    result.kind = HostedLoginResult::Kind::kChangePasswordRequired;
    result.message = "Your password must be changed before you can sign in.";
    result.change_password_id = json::get_string(outcome->body, "changePasswordId").value_or("");
    return result;
  }
  if ((outcome->status != HttpStatus::kOk && outcome->status != HttpStatus::kAccepted) ||
      !outcome->user) {
    result.message = "You cannot sign in right now.";
    return result;
  }
  auto user = store_.find_user(outcome->user->user.id);
  if (!user || !user_may_authorize(*user, params)) {
    result.message = "You are not allowed to sign in to this application.";
    return result;
  }
  result.kind = HostedLoginResult::Kind::kSuccess;
  result.user = std::move(user);
  return result;
}

std::optional<SsoSession> OAuthService::find_session(std::string_view cookie_value) const {
  if (cookie_value.empty() || cookie_value.size() > 256) return std::nullopt;
  const std::string hash = vault_.lookup_hash(cookie_value);
  const auto grant = store_.find_oauth_grant(hash);
  if (!grant || grant->kind != kSessionKind || grant->expires_at <= clock_.now()) {
    return std::nullopt;
  }
  const auto session_id = json::get_string(grant->data, "sessionId").and_then(Uuid::parse);
  const auto user_id = json::get_string(grant->data, "userId").and_then(Uuid::parse);
  const auto tenant_id = json::get_string(grant->data, "tenantId").and_then(Uuid::parse);
  if (!session_id || !user_id || !tenant_id) return std::nullopt;
  return SsoSession{hash, *session_id, *user_id, *tenant_id,
                    from_epoch_ms(json::get_int(grant->data, "authTime").value_or(0))};
}

std::chrono::seconds OAuthService::session_lifetime(const Uuid& tenant_id) const {
  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(tenant_id);
  const auto seconds =
      tenant ? snapshot->settings(*tenant)->http_session_max_inactive_interval : 3600;
  return std::chrono::seconds(std::max<std::int64_t>(seconds, 60));
}

std::pair<std::string, SsoSession> OAuthService::start_session(const domain::User& user) {
  const std::string value = crypto::random_token(32);
  const Instant now = clock_.now();
  SsoSession session{vault_.lookup_hash(value), crypto::random_uuid(), user.id, user.tenant_id,
                     now};
  store_.insert_oauth_grant({session.id_hash, std::string(kSessionKind),
                             now + session_lifetime(user.tenant_id), std::nullopt,
                             json::object{{"sessionId", session.session_id.str()},
                                          {"userId", user.id.str()},
                                          {"tenantId", user.tenant_id.str()},
                                          {"authTime", to_epoch_ms(now)}}});
  return {value, session};
}

void OAuthService::end_session(std::string_view cookie_value) {
  if (cookie_value.empty() || cookie_value.size() > 256) return;
  const std::string hash = vault_.lookup_hash(cookie_value);
  if (const auto grant = store_.find_oauth_grant(hash); grant && grant->kind == kSessionKind) {
    (void)store_.delete_oauth_grant(hash);
  }
}

void OAuthService::logout_session(std::string_view cookie_value,
                                  const std::optional<std::string>& ip_address) {
  const auto session = find_session(cookie_value);
  end_session(cookie_value);
  if (!session) return;
  const std::string sid = session->session_id.str();
  for (const auto& token : store_.list_refresh_tokens(session->user_id)) {
    if (json::get_string(token.data, "latchkey.sessionId").value_or("") != sid) continue;
    RevokeSelector selector;
    selector.token_id = token.id;
    // A transactional webhook that refuses keeps that token alive, as DELETE /api/jwt/refresh
    // would; the browser's session ends regardless.
    (void)refresh_tokens_.revoke(Caller{}, std::nullopt, selector, {ip_address, {}});
  }
}

Result<std::string> OAuthService::logout_location(
    const std::optional<std::string>& client_id,
    const std::optional<std::string>& post_logout_redirect_uri,
    const std::optional<std::string>& id_token_hint,
    const std::optional<std::string>& state) const {
  const auto snapshot = config_.current();
  std::optional<std::string> client = client_id;
  if ((!client || client->empty()) && id_token_hint && !id_token_hint->empty()) {
    // The hint names the client through its audience; its signature is not what matters here,
    // since the redirect URI is still checked against that client's registration.
    const auto first = id_token_hint->find('.');
    const auto second = id_token_hint->find('.', first == std::string::npos ? 0 : first + 1);
    if (first != std::string::npos && second != std::string::npos) {
      const auto payload = base64_payload(id_token_hint->substr(first + 1, second - first - 1));
      if (payload) client = json::get_string(*payload, "aud");
    }
  }
  const domain::Application* application = nullptr;
  if (client && !client->empty()) {
    const auto id = Uuid::parse(*client);
    application = id ? snapshot->find_application(*id) : nullptr;
    if (application == nullptr) {
      return fail(
          invalid_request("The client_id does not name an application.", "invalid_client_id"));
    }
  }
  if (post_logout_redirect_uri && !post_logout_redirect_uri->empty()) {
    const bool allowed =
        application != nullptr &&
        (oauth::redirect_uri_registered(snapshot->settings(*application)->oauth,
                                        *post_logout_redirect_uri) ||
         snapshot->settings(*application)->oauth.logout_url == *post_logout_redirect_uri);
    if (!allowed) {
      return fail(invalid_request("The post_logout_redirect_uri is not registered.",
                                  "invalid_post_logout_redirect_uri"));
    }
    std::vector<std::pair<std::string, std::string>> query;
    if (state) query.emplace_back("state", *state);
    return query.empty() ? *post_logout_redirect_uri
                         : oauth::append_query(*post_logout_redirect_uri, query);
  }
  if (application != nullptr) {
    if (const auto settings = snapshot->settings(*application);
        !settings->oauth.logout_url.empty()) {
      return settings->oauth.logout_url;
    }
    if (const auto* tenant = snapshot->find_tenant(application->tenant_id)) {
      if (const auto settings = snapshot->settings(*tenant); !settings->logout_url.empty()) {
        return settings->logout_url;
      }
    }
  }
  return std::string("/");
}

}  // namespace latchkey::services
