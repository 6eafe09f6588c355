// POST /api/jwt/refresh (seed "Refresh a JWT"): the exchange of a refresh token for a new access
// token, its one-time-use rotation, the grace window and reuse detection.
#include <memory>

#include "crypto/random.hpp"
#include "services/common/login_prevention.hpp"
#include "services/common/time_limits.hpp"
#include "services/refresh/refresh_token_service.hpp"

namespace latchkey::services {

// What an exchange needs to know about the token's world, loaded once. It holds the snapshot
// so the tenant and application pointers stay valid.
struct RefreshTokenService::Context {
  std::shared_ptr<const ConfigSnapshot> snapshot;
  const domain::Tenant* tenant = nullptr;
  const domain::Application* application = nullptr;
  domain::JwtSettings settings;
  domain::RefreshToken token;
  domain::User user;
  std::optional<domain::Registration> registration;
};

namespace {

// One answer for every dead token (unknown, expired, revoked, reused, user or application
// gone): the seed's 400 "expired, was not found, or has been revoked". Why goes to the log.
Error invalid(std::string why) {
  Error error = Error::field(HttpStatus::kBadRequest, "refreshToken", "[invalid]refreshToken",
                             "The refresh token is invalid, expired or revoked.");
  error.with_log_detail(std::move(why));
  return error;
}

// jwt-claims.md: a refreshed token's `scope` is the refresh token's metaData.scopes.
std::optional<std::string> scope_claim(const domain::RefreshToken& token) {
  const auto* scopes = json::get_array(token.data, "metaData.scopes");
  if (scopes == nullptr) return std::nullopt;
  std::string joined;
  for (const auto& scope : *scopes) {
    if (!scope.is_string() || scope.as_string().empty()) continue;
    if (!joined.empty()) joined += ' ';
    joined += scope.as_string();
  }
  if (joined.empty()) return std::nullopt;
  return joined;
}

// Seed: the previous access token "will be relayed in the related JWT Refresh webhook event
// within the original field". Security: only one Latchkey signed for this user is relayed
// (expired is fine, that is why it is being refreshed); an id token, a webhook signature or
// someone else's JWT is dropped rather than passed to receivers as if it were ours.
std::optional<std::string> relayed_original(const TokenService& tokens,
                                            const RefreshExchangeRequest& request,
                                            const domain::User& user) {
  const auto& token = request.previous_access_token;
  if (!token || !tokens.is_previous_access_token(*token, user.id)) return std::nullopt;
  return token;
}

}  // namespace

Result<RefreshTokenService::Context> RefreshTokenService::exchange_context(
    const Caller& caller, const domain::RefreshToken& token, Instant now, bool oauth_grant) {
  auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(token.tenant_id);
  if (tenant == nullptr) return fail(invalid("the token's tenant is gone"));
  if (!visible(caller, token)) return fail(invalid("the token belongs to another tenant"));
  const auto* application =
      token.application_id ? snapshot->find_application(*token.application_id) : nullptr;
  if (application == nullptr || !application->active) {
    return fail(invalid("the token's application is gone or inactive"));
  }
  const domain::JwtSettings settings = snapshot->jwt_settings(*tenant, application);
  // tenants-applications.md: loginConfiguration.allowTokenRefresh=false -> [disabled]refreshToken.
  if (!oauth_grant && !snapshot->settings(*application)->login.allow_token_refresh) {
    return fail(Error::field(HttpStatus::kBadRequest, "refreshToken", "[disabled]refreshToken",
                             "The application does not allow refresh tokens to be exchanged."));
  }
  if (refresh_token_expired(settings, token.insert_instant, token.start_instant, now)) {
    return fail(invalid("the refresh token expired"));
  }
  auto user = store_.users.find_user(token.user_id);
  if (!user || user->tenant_id != token.tenant_id) return fail(invalid("the user is gone"));
  // The Login API's rules (login_prevention.hpp) for a login that goes on: a user who could not
  // sign in now cannot refresh either.
  const auto prevention =
      login_prevention({&*user, application, nullptr, true, false, LoginStage::kContinuation, now});
  if (prevention != LoginPrevention::kNone) {
    // onLoginPrevented: a session the user could not start now must not live on through its
    // refresh tokens, whoever applied the lock. The event sink's answer cannot undo a lock.
    if (revokes_on(settings, RevocationReason::kLoginPrevented)) {
      (void)revoke_for_user(user->id, RevocationReason::kLoginPrevented);
    }
    return fail(invalid("login prevented: " + std::string(to_string(prevention))));
  }
  auto registration = store_.registrations.find_registration(user->id, application->id);
  return Context{std::move(snapshot),    tenant, application, settings, token, std::move(*user),
                 std::move(registration)};
}

Result<IssuedToken> RefreshTokenService::access_token_for(
    const Context& context, const domain::RefreshToken& token,
    const RefreshExchangeRequest& request) const {
  // auth_time survives refreshes (jwt-claims.md); tokens from before it was recorded fall
  // back to their issue time, which is when their login happened.
  const Instant auth_time = json::get_int(token.data, "latchkey.authTime")
                                .transform(from_epoch_ms)
                                .value_or(token.insert_instant);
  std::optional<Instant> limit;
  if (request.ttl_seconds && *request.ttl_seconds > 0) {
    limit = add_saturating(clock_.now(), std::chrono::seconds(*request.ttl_seconds));
  }
  // applicationId and roles only while the user is still registered; aud always (jwt-claims).
  return tokens_.issue_access_token({context.tenant, context.application, &context.user,
                                     context.registration ? &*context.registration : nullptr,
                                     "REFRESH_TOKEN", token.id.str(), auth_time, scope_claim(token),
                                     limit});
}

Result<RefreshExchange> RefreshTokenService::exchange(const Caller& caller,
                                                      const RefreshExchangeRequest& request) {
  if (request.refresh_token.empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "refreshToken", "[missing]refreshToken",
                             "You must specify the [refreshToken] in the body or a cookie."));
  }
  if (request.refresh_token.size() > 512) return fail(invalid("oversized refresh token"));
  const Instant now = clock_.now();
  const std::string presented_hash = vault_.lookup_hash(request.refresh_token);
  const auto current = store_.refresh_tokens.find_refresh_token_by_hash(presented_hash);
  if (!current) return replay(caller, request, presented_hash);
  LATCHKEY_TRY(const auto context, exchange_context(caller, *current, now, request.oauth_grant));

  domain::RefreshToken next = context.token;
  std::string value = request.refresh_token;
  if (rotates_on_exchange(context.settings)) {
    value = crypto::random_token(kTokenBytes);
    next.token_hash = vault_.lookup_hash(value);
    next.token_sealed = vault_.seal(value, next.id.str());
  }
  next.start_instant = start_after_exchange(context.settings, next.start_instant, now);
  auto& device = json::ensure_object(next.data, "metaData.device");
  device["lastAccessedInstant"] = to_epoch_ms(now);
  if (request.info.ip_address) device["lastAccessedAddress"] = *request.info.ip_address;

  LATCHKEY_TRY(auto access, access_token_for(context, next, request));
  // jwt.refresh is transactional (seed): a sink that refuses (504) leaves the token as it was,
  // so the transactional webhooks are asked before the write, outside the write transaction
  // (never hold SQLite's write lock across a webhook's timeout). An exchange that then loses
  // the race below has announced a rotation that did not happen; receivers see no successor.
  LATCHKEY_TRY(auto prepared,
               events_.prepare(next.tenant_id,
                               jwt_refresh_event({&next, access.token, value,
                                                  relayed_original(tokens_, request, context.user),
                                                  request.info, now})));
  // The one conditional write, applied only while the row still holds the presented value,
  // and the event's outbox rows commit together: both or neither.
  bool rotated = false;
  store_.unit_of_work.in_transaction([&] {
    rotated = store_.refresh_tokens.rotate_refresh_token({next.id, presented_hash, next.token_hash,
                                                          next.token_sealed, next.start_instant,
                                                          next.data, now});
    if (rotated) events_.enqueue(std::move(prepared));
    return rotated;
  });
  if (!rotated) {
    // Another exchange rotated it (or a revocation removed it) since it was read: answer as a
    // retry of that exchange would be answered.
    return replay(caller, request, presented_hash);
  }
  const Instant expires =
      refresh_token_expiry(context.settings, next.insert_instant, next.start_instant);
  return RefreshExchange{std::move(access), std::move(value), std::move(next), expires};
}

Result<RefreshExchange> RefreshTokenService::replay(const Caller& caller,
                                                    const RefreshExchangeRequest& request,
                                                    const std::string& presented_hash) {
  const auto predecessor = store_.refresh_tokens.find_refresh_token_predecessor(presented_hash);
  if (!predecessor) return fail(invalid("unknown or revoked refresh token"));
  const auto current = store_.refresh_tokens.find_refresh_token(predecessor->token_id);
  if (!current) return fail(invalid("revoked refresh token"));
  const auto settings = settings_for(*current);
  if (!settings) return fail(invalid("the token's tenant is gone"));
  const Instant now = clock_.now();
  switch (judge_replay(*settings, predecessor->rotated_at, predecessor->latest, now)) {
    case domain::ReplayVerdict::kGraceSuccessor: {
      LATCHKEY_TRY(const auto context,
                   exchange_context(caller, *current, now, request.oauth_grant));
      return answer_with_current(context, request);
    }
    case domain::ReplayVerdict::kConcurrentDuplicate:
      return fail(invalid("a concurrent exchange rotated this one-time value first"));
    case domain::ReplayVerdict::kReuse:
      break;
  }
  const std::string token_id = current->id.str();
  if (!revokes_on(*settings, RevocationReason::kOneTimeTokenReuse)) {
    return fail(invalid("rotated one-time refresh token " + token_id +
                        " presented again (onOneTimeTokenReuse is off: not revoked)"));
  }
  // Security: a rotated value coming back after its window means two parties hold the chain,
  // and nothing tells which is the thief. Deleting the token (with the history of every value
  // descended from its login) cuts both off; the user signs in again.
  (void)revoke_one(*current, request.info, RevocationReason::kOneTimeTokenReuse);
  return fail(invalid("rotated one-time refresh token " + token_id +
                      " presented after its grace window: reuse detected, token revoked"));
}

Result<RefreshExchange> RefreshTokenService::answer_with_current(
    const Context& context, const RefreshExchangeRequest& request) {
  // The grace window answers with the successor already minted, revealed from its sealed
  // copy: a retry never creates a second live value.
  auto value = reveal(context.token);
  if (!value) throw std::runtime_error("a refresh token's sealed copy does not open");
  LATCHKEY_TRY(auto access, access_token_for(context, context.token, request));
  const Instant now = clock_.now();
  LATCHKEY_CHECK(events_.raise(
      context.token.tenant_id,
      jwt_refresh_event({&context.token, access.token, *value,
                         relayed_original(tokens_, request, context.user), request.info, now})));
  const Instant expires = refresh_token_expiry(context.settings, context.token.insert_instant,
                                               context.token.start_instant);
  return RefreshExchange{std::move(access), std::move(*value), context.token, expires};
}

}  // namespace latchkey::services
