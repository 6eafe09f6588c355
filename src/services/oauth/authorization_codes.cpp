// Authorization codes (RFC 6749 §4.1.2): minted for an SSO session, stored as a keyed hash,
// redeemed once.
#include "services/oauth/authorization_codes.hpp"

#include "crypto/random.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_request;

constexpr std::size_t kCodeBytes = 32;
constexpr std::string_view kCodeKind = "code";

}  // namespace

Result<std::string> AuthorizationCodes::issue(const AuthorizeParams& params,
                                              const SsoSession& session) {
  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(params.application_id);
  const auto* tenant = snapshot->find_tenant(params.tenant_id);
  if (application == nullptr || tenant == nullptr) {
    return fail(
        invalid_request("The client_id does not name an application.", "invalid_client_id"));
  }
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
  const auto ttl = snapshot->settings(*tenant)->lifetimes.authorization_grant_id;
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

std::optional<store::OAuthGrant> AuthorizationCodes::find(std::string_view code) const {
  auto grant = store_.find_oauth_grant(vault_.lookup_hash(code));
  if (!grant || grant->kind != kCodeKind || grant->expires_at <= clock_.now()) return std::nullopt;
  return grant;
}

std::optional<store::OAuthGrant> AuthorizationCodes::find_any(std::string_view code) const {
  return store_.find_oauth_grant(vault_.lookup_hash(code));
}

bool AuthorizationCodes::consume(std::string_view code) {
  return store_.consume_oauth_grant(vault_.lookup_hash(code), clock_.now());
}

void AuthorizationCodes::remember_refresh_token(std::string_view code, const json::object& data,
                                                const json::value& refresh_token_id) {
  json::object updated = data;
  updated["refreshTokenId"] = refresh_token_id;
  store_.update_oauth_grant_data(vault_.lookup_hash(code), updated);
}

}  // namespace latchkey::services
