// The hosted login's SSO sessions, max_age, and GET /oauth2/logout.
#include "services/oauth/sso_sessions.hpp"

#include "core/base64.hpp"
#include "crypto/random.hpp"
#include "services/common/oauth_rules.hpp"
#include "services/oauth/authorization_requests.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_request;

constexpr std::string_view kSessionKind = "sso";

std::optional<json::object> base64_payload(std::string_view part) {
  const auto decoded = base64::decode_url(part);
  if (!decoded) return std::nullopt;
  return json::parse_object(*decoded);
}

}  // namespace

bool SsoSessions::within_max_age(const SsoSession& session, const AuthorizeParams& params) const {
  if (!params.request.max_age) return true;
  const auto max_age = oauth::parse_max_age(*params.request.max_age);
  if (!max_age) return false;
  // max_age=0 asks for a sign-in now, whatever the clock's resolution.
  if (*max_age == std::chrono::seconds::zero()) return false;
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.now() - session.auth_time);
  return elapsed <= *max_age;
}

std::optional<SsoSession> SsoSessions::find(std::string_view cookie_value) const {
  if (cookie_value.empty() || cookie_value.size() > 256) return std::nullopt;
  const std::string hash = vault_.lookup_hash(cookie_value);
  const auto grant = store_.grants.find_oauth_grant(hash);
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

std::chrono::seconds SsoSessions::lifetime(const Uuid& tenant_id) const {
  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(tenant_id);
  const auto seconds =
      tenant ? snapshot->settings(*tenant)->http_session_max_inactive_interval : 3600;
  return std::chrono::seconds(std::max<std::int64_t>(seconds, 60));
}

std::pair<std::string, SsoSession> SsoSessions::start(const domain::User& user) {
  const std::string value = crypto::random_token(32);
  const Instant now = clock_.now();
  SsoSession session{vault_.lookup_hash(value), crypto::random_uuid(), user.id, user.tenant_id,
                     now};
  store_.grants.insert_oauth_grant({session.id_hash, std::string(kSessionKind),
                                    now + lifetime(user.tenant_id), std::nullopt,
                                    json::object{{"sessionId", session.session_id.str()},
                                                 {"userId", user.id.str()},
                                                 {"tenantId", user.tenant_id.str()},
                                                 {"authTime", to_epoch_ms(now)}}});
  return {value, session};
}

void SsoSessions::end(std::string_view cookie_value) {
  if (cookie_value.empty() || cookie_value.size() > 256) return;
  const std::string hash = vault_.lookup_hash(cookie_value);
  if (const auto grant = store_.grants.find_oauth_grant(hash);
      grant && grant->kind == kSessionKind) {
    (void)store_.grants.delete_oauth_grant(hash);
  }
}

void SsoSessions::logout(std::string_view cookie_value,
                         const std::optional<std::string>& ip_address) {
  const auto session = find(cookie_value);
  end(cookie_value);
  if (!session) return;
  const std::string sid = session->session_id.str();
  for (const auto& token : store_.refresh_tokens.list_refresh_tokens(session->user_id)) {
    if (json::get_string(token.data, "latchkey.sessionId").value_or("") != sid) continue;
    RevokeSelector selector;
    selector.token_id = token.id;
    // A transactional webhook that refuses keeps that token alive, as DELETE /api/jwt/refresh
    // would; the browser's session ends regardless.
    (void)refresh_tokens_.revoke(Caller{}, std::nullopt, selector, {ip_address, {}});
  }
}

Result<std::string> SsoSessions::logout_location(
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
