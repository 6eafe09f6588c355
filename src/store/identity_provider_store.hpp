#pragma once
// Identity providers and their user links (store/migrations/0005). A provider's type and
// tenant are fixed at creation; deleting it removes its links.
//
// Concurrency: write_federated_login writes the user, its registration and the link in one
// transaction, all or nothing. Of concurrent first reconciles of one external identity exactly
// one creates the link; the others get kDuplicateLink and write nothing.
//
//   if (auto written = providers.write_federated_login(write); !written) { ... }

#include <optional>
#include <string>
#include <vector>

#include "domain/identity_provider.hpp"
#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

// What one reconcile writes (POST /api/jwt/reconcile): the user, its registration for the
// application and the link, created or updated together so that no half-linked user remains.
struct FederatedLoginWrite {
  domain::User user;
  bool new_user = false;
  std::optional<domain::Registration> registration;
  bool new_registration = false;
  domain::IdentityProviderLink link;
  bool new_link = false;
};

class IdentityProviderStore {
 public:
  virtual ~IdentityProviderStore() = default;
  virtual std::vector<domain::IdentityProvider> list_identity_providers() = 0;
  virtual std::optional<domain::IdentityProvider> find_identity_provider(const Uuid& id) = 0;
  virtual WriteResult insert_identity_provider(const domain::IdentityProvider& provider) = 0;
  virtual WriteResult update_identity_provider(const domain::IdentityProvider& provider) = 0;
  // Removes the provider and its links. False if absent.
  virtual bool delete_identity_provider(const Uuid& id) = 0;

  virtual std::optional<domain::IdentityProviderLink> find_identity_provider_link(
      const Uuid& identity_provider_id, const Uuid& tenant_id,
      const std::string& identity_provider_user_id) = 0;
  // Writes everything in one transaction: all of it or, on a conflict, none of it.
  virtual WriteResult write_federated_login(const FederatedLoginWrite& write) = 0;
};

}  // namespace latchkey::store
