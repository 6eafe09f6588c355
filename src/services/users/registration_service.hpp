#pragma once
// The Registration API's rules: the application must exist in the user's tenant, roles must
// be the application's, default roles when none are given, and the combined user +
// registration create that writes both or neither.
//
//   LATCHKEY_TRY(const auto made, registrations.register_user(caller, user_id, request));

#include <concepts>
#include <optional>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "services/users/user_service.hpp"
#include "store/registration_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

struct RegistrationOutcome {
  domain::Registration registration;
  UserView user;
};

struct RegistrationRequest {
  std::optional<Uuid> user_id;       // from the path
  json::object registration;         // request.registration
  std::optional<json::object> user;  // request.user: the combined create
  bool skip_registration_verification = false;
};

// The stores the registration rules read and write.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct RegistrationStores {
  store::RegistrationStore& registrations;
  store::UserStore& users;

  template <std::derived_from<store::RegistrationStore> Backend>
  RegistrationStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : registrations(backend), users(backend) {}
};

class RegistrationService {
 public:
  RegistrationService(RegistrationStores store, ConfigCache& config, const Clock& clock,
                      UserService& users)
      : store_(store), config_(config), clock_(clock), users_(users) {}

  Result<RegistrationOutcome> create(const Caller& caller, RegistrationRequest request);
  Result<domain::Registration> retrieve(const Caller& caller, const Uuid& user_id,
                                        const Uuid& application_id) const;
  Result<RegistrationOutcome> update(const Caller& caller, const Uuid& user_id,
                                     const std::optional<Uuid>& application_id,
                                     json::object registration, bool merge);
  Status remove(const Caller& caller, const Uuid& user_id, const Uuid& application_id);

  // Builds a validated first registration of `user` (default roles when none are given)
  // without writing it, for callers that write it together with other records (reconcile).
  Result<domain::Registration> prepare_new(const domain::User& user, json::object registration);

 private:
  Result<domain::Registration> prepare(const domain::User& user, json::object registration,
                                       const domain::Registration* previous,
                                       bool skip_verification);

  RegistrationStores store_;
  ConfigCache& config_;
  const Clock& clock_;
  UserService& users_;
};

}  // namespace latchkey::services
