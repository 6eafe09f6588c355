#pragma once
// The Change Password API's rules (FusionAuth apis/users/change-password): a changePasswordId
// (from a login's 203) that is stored only as a keyed hash, redeemable once before the tenant's
// externalIdentifierConfiguration.changePasswordIdTimeToLiveInSeconds; the API-key form by
// loginId; the tenant's passwordValidationRules; and the oneTimePassword a change answers with,
// which the Login API redeems once in place of loginId + password.
//
//   const auto id = issue_change_password_id(store, vault, tenant, user.id, now);   // login 203
//   LATCHKEY_TRY(const auto changed, change_password.change_by_id(request));

#include <concepts>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/secret.hpp"
#include "crypto/password_hasher.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/token_vault.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "store/password_change_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

// POST /api/user/change-password[/{changePasswordId}], parsed.
struct ChangePasswordRequest {
  std::string change_password_id;  // the by-id form (anonymous)
  std::string login_id;            // the by-identity form (API key)
  std::optional<Secret> current_password;
  Secret password;
  std::optional<std::string> application_id;
};

struct ChangePasswordOutcome {
  domain::User user;                             // as stored after the change
  std::optional<std::string> one_time_password;  // the by-id form only
};

// Mints a changePasswordId for the user and stores its keyed hash; `data` rides along (what
// started the change). Also used by LoginService for the 203.
std::string issue_change_password_id(store::PasswordChangeStore& store, const TokenVault& vault,
                                     const domain::TenantSettings& tenant, const Uuid& user_id,
                                     Instant now, json::object data = {});

// The user a oneTimePassword was issued for, consuming it; nothing when it is unknown, used
// or expired.
std::optional<Uuid> redeem_one_time_password(store::PasswordChangeStore& store,
                                             const TokenVault& vault,
                                             std::string_view one_time_password, Instant now);

// The stores a password change reads and writes.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct ChangePasswordStores {
  store::PasswordChangeStore& password_changes;
  store::UserStore& users;

  template <std::derived_from<store::PasswordChangeStore> Backend>
  ChangePasswordStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : password_changes(backend), users(backend) {}
};

class ChangePasswordService {
 public:
  ChangePasswordService(ChangePasswordStores store, const ConfigCache& config, const Clock& clock,
                        const crypto::PasswordHasher& hasher, const TokenVault& vault,
                        RefreshTokenService& refresh_tokens)
      : store_(store),
        config_(config),
        clock_(clock),
        hasher_(hasher),
        vault_(vault),
        refresh_tokens_(refresh_tokens) {}

  // The user of a live changePasswordId (the hosted page checks before showing its form).
  std::optional<Uuid> pending_user(std::string_view change_password_id) const;
  // The anonymous form: 404 for an unknown, used or expired id or a wrong currentPassword,
  // 400 for a password the tenant's rules refuse (the id stays usable then).
  Result<ChangePasswordOutcome> change_by_id(const ChangePasswordRequest& request);
  // The API-key form: 404 for an unknown loginId, 400 [invalid]currentPassword.
  Result<ChangePasswordOutcome> change_by_login_id(const Caller& caller,
                                                   const ChangePasswordRequest& request);

 private:
  Result<ChangePasswordOutcome> apply(const domain::Tenant& tenant, domain::User user,
                                      const Secret& password, bool issue_one_time_password);

  ChangePasswordStores store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const crypto::PasswordHasher& hasher_;
  const TokenVault& vault_;
  RefreshTokenService& refresh_tokens_;
};

}  // namespace latchkey::services
