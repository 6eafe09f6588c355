#pragma once
// Everything a running server needs from its database: the aggregate of every narrow store
// interface. Only app/ (which owns the one backend), the backends themselves and tests name it;
// services take the narrow interfaces they use (store/*_store.hpp, store/unit_of_work.hpp).
//
//   std::unique_ptr<store::Store> store = store::sqlite::SqliteStore::open(path, pool);
//   services::TenantService tenants{*store, config, clock};   // binds the interfaces it needs

#include "store/api_key_store.hpp"
#include "store/application_store.hpp"
#include "store/config_document_store.hpp"
#include "store/entity_store.hpp"
#include "store/group_store.hpp"
#include "store/health_check.hpp"
#include "store/identity_provider_store.hpp"
#include "store/key_store.hpp"
#include "store/oauth_grant_store.hpp"
#include "store/outbox_store.hpp"
#include "store/password_change_store.hpp"
#include "store/refresh_token_store.hpp"
#include "store/registration_store.hpp"
#include "store/revoked_token_store.hpp"
#include "store/system_configuration_store.hpp"
#include "store/tenant_store.hpp"
#include "store/theme_store.hpp"
#include "store/two_factor_store.hpp"
#include "store/unit_of_work.hpp"
#include "store/user_store.hpp"
#include "store/webhook_store.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class Store : public TenantStore,
              public ApplicationStore,
              public UserStore,
              public RegistrationStore,
              public ApiKeyStore,
              public KeyStore,
              public RefreshTokenStore,
              public TwoFactorStore,
              public PasswordChangeStore,
              public RevokedTokenStore,
              public IdentityProviderStore,
              public OAuthGrantStore,
              public WebhookStore,
              public ConfigDocumentStore,
              public ThemeStore,
              public GroupStore,
              public OutboxStore,
              public EntityStore,
              public SystemConfigurationStore,
              public UnitOfWork,
              public HealthCheck {};

}  // namespace latchkey::store
