#pragma once
// The User API's rules: tenant resolution, unique email/username per tenant, password rules
// and hashing with the tenant's (or the request's) scheme, soft and hard delete. Passwords,
// salts and schemes never leave this service in a document.
//
//   LATCHKEY_TRY(const auto user, users.create(caller, path_id, request));

#include <concepts>
#include <functional>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/password_hasher.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "store/group_store.hpp"
#include "store/registration_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

// A user as the API shows it: the record plus its registrations.
struct UserView {
  domain::User user;
  std::vector<domain::Registration> registrations;
  std::vector<domain::GroupMember> memberships;  // user.memberships in FusionAuth's User
};

enum class LoginIdType { kEmail, kUsername };

// The stores the user rules read and write.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct UserStores {
  store::UserStore& users;
  store::RegistrationStore& registrations;
  store::GroupStore& groups;

  template <std::derived_from<store::UserStore> Backend>
  UserStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : users(backend), registrations(backend), groups(backend) {}
};

class UserService {
 public:
  UserService(UserStores store, ConfigCache& config, const Clock& clock,
              const crypto::PasswordHasher& hasher)
      : store_(store), config_(config), clock_(clock), hasher_(hasher) {}

  Result<UserView> create(const Caller& caller, const std::optional<Uuid>& id, json::object user);
  Result<UserView> retrieve(const Caller& caller, const Uuid& id) const;
  Result<UserView> retrieve_by_email(const Caller& caller, const std::string& email) const;
  Result<UserView> retrieve_by_username(const Caller& caller, const std::string& username) const;
  Result<UserView> retrieve_by_login_id(const Caller& caller, const std::string& login_id,
                                        const std::vector<LoginIdType>& types) const;
  Result<UserView> update(const Caller& caller, const Uuid& id, json::object user);
  Result<UserView> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                         PatchStyle style);
  Result<UserView> reactivate(const Caller& caller, const Uuid& id);
  Status remove(const Caller& caller, const Uuid& id, bool hard_delete);

  // Builds a validated, hashed user record for `tenant_id` without writing it (the
  // Registration API's combined create writes it together with the registration).
  Result<domain::User> prepare_new(const Uuid& tenant_id, const std::optional<Uuid>& id,
                                   json::object user, std::string_view field_prefix);
  // Maps a store conflict on a user write to FusionAuth's field error.
  static Error conflict_error(store::Conflict conflict, const domain::User& user,
                              std::string_view field_prefix);
  UserView view(domain::User user) const;
  // Called after a stored password changed (refreshTokenRevocationPolicy.onPasswordChanged).
  void on_password_changed(std::function<void(const Uuid&)> listener) {
    password_changed_ = std::move(listener);
  }
  // Called after a user was deactivated (refreshTokenRevocationPolicy.onLoginPrevented).
  void on_deactivated(std::function<void(const Uuid&)> listener) {
    deactivated_ = std::move(listener);
  }

 private:
  Result<domain::User> find_visible(const Caller& caller, const Uuid& id) const;
  Result<domain::User> prepare(const Uuid& tenant_id, const Uuid& id, json::object user,
                               const domain::User* previous, std::string_view field_prefix);

  UserStores store_;
  ConfigCache& config_;
  const Clock& clock_;
  const crypto::PasswordHasher& hasher_;
  std::function<void(const Uuid&)> password_changed_;
  std::function<void(const Uuid&)> deactivated_;
};

}  // namespace latchkey::services
