// DELETE /api/jwt/refresh (seed "Revoke Refresh Tokens") and the revocation policies
// (refreshTokenRevocationPolicy): every revocation raises jwt.refresh-token.revoke.
#include <set>

#include "services/refresh/refresh_token_service.hpp"

namespace latchkey::services {
namespace {

Error not_found(std::string why) { return Error::status(HttpStatus::kNotFound, std::move(why)); }

// applicationTimeToLiveInSeconds: how long access tokens of each application may still live,
// so a receiver knows until when revoked sessions can hold valid JWTs.
std::map<std::string, std::int64_t> application_ttls(const ConfigSnapshot& snapshot,
                                                     const std::set<std::string>& application_ids,
                                                     const Uuid& tenant_id) {
  std::map<std::string, std::int64_t> ttls;
  const auto* tenant = snapshot.find_tenant(tenant_id);
  if (tenant == nullptr) return ttls;
  for (const auto& id : application_ids) {
    const auto uuid = Uuid::parse(id);
    const auto* application = uuid ? snapshot.find_application(*uuid) : nullptr;
    ttls[id] = snapshot.jwt_settings(*tenant, application).access_token_ttl.count();
  }
  return ttls;
}

std::set<std::string> application_ids(const std::vector<domain::RefreshToken>& tokens) {
  std::set<std::string> ids;
  for (const auto& token : tokens) {
    if (token.application_id) ids.insert(token.application_id->str());
  }
  return ids;
}

}  // namespace

Status RefreshTokenService::revoke_one(const domain::RefreshToken& token, const EventInfo& info,
                                       const std::optional<RevocationReason>& reason) {
  const auto snapshot = config_.current();
  const RevokeEvent event{token.tenant_id,
                          token.application_id,
                          std::nullopt,
                          nullptr,
                          &token,
                          application_ttls(*snapshot, application_ids({token}), token.tenant_id),
                          reason ? std::optional(std::string(to_string(*reason))) : std::nullopt,
                          info,
                          clock_.now()};
  auto prepared = events_.prepare(token.tenant_id, jwt_refresh_token_revoke_event(event));
  if (reason == RevocationReason::kOneTimeTokenReuse) {
    // Security: reuse revokes whatever the event sink answers; refusing the event must not
    // keep a stolen chain alive.
    store_.unit_of_work.in_transaction([&] {
      store_.refresh_tokens.delete_refresh_token(token.id);
      if (prepared) events_.enqueue(std::move(*prepared));
      return true;
    });
    return {};
  }
  // The event is transactional: a refusal leaves the token alive.
  if (!prepared) return fail(std::move(prepared.error()));
  bool deleted = false;
  store_.unit_of_work.in_transaction([&] {
    deleted = store_.refresh_tokens.delete_refresh_token(token.id);
    if (deleted) events_.enqueue(std::move(*prepared));
    return deleted;
  });
  if (!deleted) return fail(not_found("revoked concurrently"));
  return {};
}

Status RefreshTokenService::revoke(const Caller& caller, const std::optional<Uuid>& jwt_owner,
                                   const RevokeSelector& selector, const EventInfo& info) {
  if (selector.token_id || selector.token) {
    const auto token = selector.token_id
                           ? store_.refresh_tokens.find_refresh_token(*selector.token_id)
                           : find_by_value(*selector.token);
    if (!token || !visible(caller, *token)) return fail(not_found("no such refresh token"));
    // Seed: "If using JWT authentication, the JWT owner and token owner must match." Someone
    // else's token is answered like a missing one, so ids cannot be probed.
    if (jwt_owner && *jwt_owner != token->user_id) {
      return fail(not_found("the JWT's subject does not own this refresh token"));
    }
    return revoke_one(*token, info, std::nullopt);
  }
  if (!selector.user_id && !selector.application_id) {
    return fail(Error::general(
        HttpStatus::kBadRequest, "[invalid]",
        "You must specify a tokenId, a token, a userId or an applicationId to revoke."));
  }
  // Security: a JWT may revoke one of its own tokens, never a user's or application's set.
  if (jwt_owner) {
    return fail(Error::status(HttpStatus::kUnauthorized, "bulk revocation needs an API key"));
  }
  std::optional<domain::User> user;
  if (selector.user_id) {
    user = store_.users.find_user(*selector.user_id);
    if (!user || !caller.can_see(user->tenant_id)) return fail(not_found("no such user"));
  }
  const auto snapshot = config_.current();
  const domain::Application* application = nullptr;
  if (selector.application_id) {
    application = snapshot->find_application(*selector.application_id);
    if (application == nullptr || !caller.can_see(application->tenant_id)) {
      return fail(not_found("no such application"));
    }
  }
  const Uuid tenant_id = user ? user->tenant_id : application->tenant_id;
  std::set<std::string> applications;
  if (application != nullptr) {
    applications.insert(application->id.str());
  } else {
    applications = application_ids(store_.refresh_tokens.list_refresh_tokens(user->id));
  }
  // spec/webhooks-events.md: raised when at least one token goes.
  PreparedEvent prepared;
  if (store_.refresh_tokens.count_refresh_tokens(selector.user_id, selector.application_id) > 0) {
    LATCHKEY_TRY(prepared, events_.prepare(
                               tenant_id, jwt_refresh_token_revoke_event(
                                              {tenant_id, selector.application_id, selector.user_id,
                                               user ? &user->data : nullptr, nullptr,
                                               application_ttls(*snapshot, applications, tenant_id),
                                               std::nullopt, info, clock_.now()})));
  }
  store_.unit_of_work.in_transaction([&] {
    store_.refresh_tokens.delete_refresh_tokens(selector.user_id, selector.application_id);
    events_.enqueue(std::move(prepared));
    return true;
  });
  return {};
}

Result<std::size_t> RefreshTokenService::revoke_for_user(const Uuid& user_id,
                                                         RevocationReason reason) {
  const auto user = store_.users.find_user(user_id);
  if (!user) return std::size_t{0};
  // Each token follows its own application's policy (or the tenant's).
  std::vector<domain::RefreshToken> doomed;
  for (auto& token : store_.refresh_tokens.list_refresh_tokens(user_id)) {
    const auto settings = settings_for(token);
    if (!settings || revokes_on(*settings, reason)) doomed.push_back(std::move(token));
  }
  if (doomed.empty()) return std::size_t{0};
  const auto snapshot = config_.current();
  LATCHKEY_TRY(
      auto prepared,
      events_.prepare(user->tenant_id,
                      jwt_refresh_token_revoke_event(
                          {user->tenant_id, std::nullopt, user->id, &user->data, nullptr,
                           application_ttls(*snapshot, application_ids(doomed), user->tenant_id),
                           std::string(to_string(reason)), EventInfo{}, clock_.now()})));
  std::size_t revoked = 0;
  store_.unit_of_work.in_transaction([&] {
    for (const auto& token : doomed) {
      if (store_.refresh_tokens.delete_refresh_token(token.id)) ++revoked;
    }
    events_.enqueue(std::move(prepared));
    return true;
  });
  return revoked;
}

}  // namespace latchkey::services
