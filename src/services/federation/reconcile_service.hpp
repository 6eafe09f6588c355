#pragma once
// POST /api/jwt/reconcile (seed "Reconcile a JWT Using the External JWT Provider";
// spec/identity-providers-external-jwt.md): verify a foreign JWT with an ExternalJWT
// provider's keys, find or create and link the user it names, apply the claim map and the
// registration, then answer exactly as the Login API does (LoginService::
// complete_verified_login) with an access token of authenticationType FEDERATED_JWT.
//
//   LATCHKEY_TRY(const auto outcome, reconcile.reconcile(caller, request));

#include <concepts>
#include <optional>
#include <string>
#include <variant>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/events.hpp"
#include "services/common/token_vault.hpp"
#include "services/federation/federated_claims.hpp"
#include "services/users/login_service.hpp"
#include "services/users/registration_service.hpp"
#include "store/identity_provider_store.hpp"
#include "store/oauth_grant_store.hpp"
#include "store/registration_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

struct ReconcileRequest {
  std::string token;  // data.token, else the deprecated encodedJWT
  std::optional<std::string> application_id;
  std::optional<std::string> identity_provider_id;
  std::optional<std::string> ip_address;  // body ipAddress, else the client's address
  json::object device;                    // metaData.device
  bool no_jwt = false;
  bool no_link = false;
  std::optional<std::string> identity_provider_token;  // data.refresh_token, kept on the link
};

// The stores a reconcile reads and writes.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct ReconcileStores {
  store::IdentityProviderStore& identity_providers;
  store::UserStore& users;
  store::RegistrationStore& registrations;
  store::OAuthGrantStore& oauth_grants;

  template <std::derived_from<store::IdentityProviderStore> Backend>
  ReconcileStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : identity_providers(backend),
        users(backend),
        registrations(backend),
        oauth_grants(backend) {}
};

// CreatePendingLink: FusionAuth answers 232 with a pendingIdPLinkId that the Link API completes.
struct PendingIdentityProviderLink {
  std::string pending_id;
};

// The reconcile ends in a login (as the Login API's), or in a pending link.
using ReconcileOutcome = std::variant<LoginOutcome, PendingIdentityProviderLink>;

class ReconcileService {
 public:
  ReconcileService(ReconcileStores store, const ConfigCache& config, const Clock& clock,
                   const TokenVault& vault, RegistrationService& registrations, LoginService& login,
                   EventSink& events)
      : store_(store),
        config_(config),
        clock_(clock),
        vault_(vault),
        registrations_(registrations),
        login_(login),
        events_(events) {}

  Result<ReconcileOutcome> reconcile(const Caller& caller, const ReconcileRequest& request);

 private:
  struct Linked;
  Result<Linked> link_user(const domain::Tenant& tenant, const domain::Application& application,
                           const domain::IdentityProvider& provider,
                           const ExternalIdentity& identity, const json::object& claims,
                           const ReconcileRequest& request);

  ReconcileStores store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenVault& vault_;
  RegistrationService& registrations_;
  LoginService& login_;
  EventSink& events_;
};

}  // namespace latchkey::services
