#pragma once
// The embedded store: one SQLite file in WAL mode behind a small connection pool.
//
//   auto store = SqliteStore::open("var/latchkey.db");   // migrates on open
//   store->insert_tenant(tenant);
//
// One class implements every interface of store::Store; each interface's SQL lives in its own
// file, sqlite_<interface>_store.cpp (named beside each group below). One class rather than a
// composition because every interface shares one pool, and a unit of work binds one connection
// to the thread across all of them; the shared row mapping is in rows.hpp.

#include <chrono>
#include <memory>
#include <string>

#include "store/sqlite/connection_pool.hpp"
#include "store/store.hpp"

namespace latchkey::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens the file (":memory:" is refused: a pool needs one shared database), applies pending
  // migrations and returns the ready store. Throws StoreUnavailable with a clear message.
  // `wait` bounds every wait for the database: for a free connection and on another writer's
  // lock; past it a call throws StoreUnavailable.
  static std::unique_ptr<SqliteStore> open(const std::string& path, std::size_t pool_size = 8,
                                           std::chrono::milliseconds wait = kDefaultDatabaseWait);

  // sqlite_store.cpp
  bool healthy() override;

  // sqlite_tenant_store.cpp

  std::vector<domain::Tenant> list_tenants() override;
  std::optional<domain::Tenant> find_tenant(const Uuid& id) override;
  WriteResult insert_tenant(const domain::Tenant& tenant) override;
  WriteResult update_tenant(const domain::Tenant& tenant) override;
  bool delete_tenant(const Uuid& id) override;

  // sqlite_application_store.cpp
  std::vector<domain::Application> list_applications() override;
  std::optional<domain::Application> find_application(const Uuid& id) override;
  WriteResult insert_application(const domain::Application& application) override;
  WriteResult update_application(const domain::Application& application) override;
  bool delete_application(const Uuid& id) override;

  // sqlite_user_store.cpp
  std::optional<domain::User> find_user(const Uuid& id) override;
  std::optional<domain::User> find_user_by_email(const Uuid& tenant_id,
                                                 const std::string& email) override;
  std::optional<domain::User> find_user_by_username(const Uuid& tenant_id,
                                                    const std::string& username) override;
  WriteResult insert_user(const domain::User& user) override;
  WriteResult insert_user_with_registration(const domain::User& user,
                                            const domain::Registration& registration) override;
  WriteResult update_user(const domain::User& user) override;
  bool delete_user(const Uuid& id) override;
  std::size_t count_users() override;
  void update_login_failures(const Uuid& user_id, const domain::LoginFailures& failures) override;
  std::optional<domain::LoginFailures> record_login_failure(
      const Uuid& user_id, Instant now, std::chrono::milliseconds reset_after, int threshold,
      std::optional<std::chrono::milliseconds> lock_for) override;
  void reset_login_failures(const Uuid& user_id, Instant now) override;
  bool claim_totp_step(const Uuid& user_id, Instant step_start) override;
  void record_login(const Uuid& user_id, const std::optional<Uuid>& application_id,
                    Instant when) override;

  // sqlite_registration_store.cpp
  std::vector<domain::Registration> list_registrations(const Uuid& user_id) override;
  std::optional<domain::Registration> find_registration(const Uuid& user_id,
                                                        const Uuid& application_id) override;
  WriteResult insert_registration(const domain::Registration& registration) override;
  WriteResult update_registration(const domain::Registration& registration) override;
  bool delete_registration(const Uuid& user_id, const Uuid& application_id) override;

  // sqlite_api_key_store.cpp
  std::vector<domain::ApiKey> list_api_keys() override;
  std::optional<domain::ApiKey> find_api_key(const Uuid& id) override;
  WriteResult insert_api_key(const domain::ApiKey& key) override;
  WriteResult update_api_key(const domain::ApiKey& key) override;
  bool delete_api_key(const Uuid& id) override;

  // sqlite_key_store.cpp
  std::vector<domain::SigningKey> list_keys() override;
  WriteResult insert_key(const domain::SigningKey& key) override;
  WriteResult update_key(const domain::SigningKey& key) override;
  bool delete_key(const Uuid& id) override;

  // sqlite_refresh_token_store.cpp
  WriteResult insert_refresh_token(const domain::RefreshToken& token) override;
  std::optional<domain::RefreshToken> find_refresh_token(const Uuid& id) override;
  std::optional<domain::RefreshToken> find_refresh_token_by_hash(
      const std::string& token_hash) override;
  std::vector<domain::RefreshToken> list_refresh_tokens(const Uuid& user_id) override;
  bool delete_refresh_token(const Uuid& id) override;
  std::size_t delete_refresh_tokens(const std::optional<Uuid>& user_id,
                                    const std::optional<Uuid>& application_id) override;
  std::size_t count_refresh_tokens(const std::optional<Uuid>& user_id,
                                   const std::optional<Uuid>& application_id) override;
  bool rotate_refresh_token(const RefreshTokenRotation& rotation) override;
  std::optional<RefreshTokenPredecessor> find_refresh_token_predecessor(
      const std::string& token_hash) override;

  // sqlite_two_factor_store.cpp
  void insert_two_factor_challenge(const domain::TwoFactorChallenge& challenge) override;
  std::optional<domain::TwoFactorChallenge> take_two_factor_challenge(
      const std::string& id_hash) override;
  std::optional<domain::TwoFactorChallenge> find_two_factor_challenge(
      const std::string& id_hash) override;
  std::optional<TwoFactorFailure> record_two_factor_failure(const std::string& id_hash,
                                                            const std::string& code_hash,
                                                            int limit) override;

  // sqlite_oauth_grant_store.cpp
  void insert_oauth_grant(const OAuthGrant& grant) override;
  std::optional<OAuthGrant> find_oauth_grant(const std::string& id_hash) override;
  bool consume_oauth_grant(const std::string& id_hash, Instant now) override;
  void update_oauth_grant_data(const std::string& id_hash, const json::object& data) override;
  bool delete_oauth_grant(const std::string& id_hash) override;
  std::size_t delete_expired_oauth_grants(Instant now) override;

  // sqlite_password_change_store.cpp
  void insert_password_change(const PasswordChangeRecord& record) override;
  std::optional<PasswordChangeRecord> find_password_change(const std::string& id_hash) override;
  std::optional<PasswordChangeRecord> take_password_change(const std::string& id_hash) override;
  std::size_t delete_password_changes(const Uuid& user_id, const std::string& kind) override;

  // sqlite_revoked_token_store.cpp
  void insert_revoked_access_token(const RevokedAccessToken& token, Instant now) override;
  std::vector<RevokedAccessToken> prune_and_list_revoked_access_tokens(Instant now) override;

  // sqlite_identity_provider_store.cpp
  std::vector<domain::IdentityProvider> list_identity_providers() override;
  std::optional<domain::IdentityProvider> find_identity_provider(const Uuid& id) override;
  WriteResult insert_identity_provider(const domain::IdentityProvider& provider) override;
  WriteResult update_identity_provider(const domain::IdentityProvider& provider) override;
  bool delete_identity_provider(const Uuid& id) override;
  std::optional<domain::IdentityProviderLink> find_identity_provider_link(
      const Uuid& identity_provider_id, const Uuid& tenant_id,
      const std::string& identity_provider_user_id) override;
  WriteResult write_federated_login(const FederatedLoginWrite& write) override;

  // sqlite_webhook_store.cpp
  std::vector<domain::Webhook> list_webhooks() override;
  std::optional<domain::Webhook> find_webhook(const Uuid& id) override;
  WriteResult insert_webhook(const domain::Webhook& webhook) override;
  WriteResult update_webhook(const domain::Webhook& webhook) override;
  bool delete_webhook(const Uuid& id) override;

  // sqlite_config_document_store.cpp
  std::vector<ConfigDocument> list_documents(std::string_view kind) override;
  std::optional<ConfigDocument> find_document(std::string_view kind, const Uuid& id) override;
  WriteResult insert_document(const ConfigDocument& document) override;
  WriteResult update_document(const ConfigDocument& document) override;
  bool delete_document(std::string_view kind, const Uuid& id) override;
  bool install_defaults(std::string_view kind,
                        const std::vector<ConfigDocument>& documents) override;
  // sqlite_theme_store.cpp
  std::vector<domain::Theme> list_themes() override;
  std::optional<domain::Theme> find_theme(const Uuid& id) override;
  WriteResult insert_theme(const domain::Theme& theme) override;
  WriteResult update_theme(const domain::Theme& theme) override;
  bool delete_theme(const Uuid& id) override;
  // sqlite_group_store.cpp
  std::vector<domain::Group> list_groups(const std::optional<Uuid>& tenant_id) override;
  std::optional<domain::Group> find_group(const Uuid& id) override;
  WriteResult insert_group(const domain::Group& group) override;
  WriteResult update_group(const domain::Group& group) override;
  bool delete_group(const Uuid& id) override;
  std::vector<domain::Group> groups_of_user(const Uuid& user_id) override;
  std::optional<domain::GroupMember> find_member(const Uuid& member_id) override;
  std::vector<domain::GroupMember> list_members(const std::optional<Uuid>& group_id,
                                                const std::optional<Uuid>& user_id) override;
  std::expected<std::vector<domain::GroupMember>, Conflict> add_members(
      const std::vector<domain::GroupMember>& members) override;
  std::expected<std::vector<domain::GroupMember>, Conflict> replace_members(
      const std::vector<Uuid>& group_ids, const std::vector<domain::GroupMember>& members) override;
  std::size_t delete_members(const std::vector<Uuid>& member_ids) override;
  std::size_t delete_group_members(const Uuid& group_id,
                                   const std::vector<Uuid>& user_ids) override;
  // sqlite_system_configuration_store.cpp
  std::optional<json::object> find_system_configuration() override;
  bool insert_system_configuration(const json::object& configuration) override;
  void save_system_configuration(const json::object& configuration) override;

  // sqlite_outbox_store.cpp
  void enqueue_outbox(const std::vector<OutboxEntry>& entries, Instant now) override;
  std::vector<OutboxRow> due_outbox(Instant now, std::size_t limit,
                                    std::size_t per_webhook) override;
  std::optional<Instant> next_outbox_due() override;
  void delete_outbox(std::int64_t id) override;
  void reschedule_outbox(std::int64_t id, int attempts, Instant next_attempt_at,
                         const std::string& error) override;
  void bury_outbox(std::int64_t id, int attempts, const std::string& error) override;
  OutboxCounts count_outbox() override;

  // sqlite_entity_store.cpp
  std::vector<domain::EntityType> list_entity_types() override;
  std::optional<domain::EntityType> find_entity_type(const Uuid& id) override;
  WriteResult insert_entity_type(const domain::EntityType& type) override;
  WriteResult update_entity_type(const domain::EntityType& type) override;
  bool delete_entity_type(const Uuid& id) override;
  std::vector<domain::Entity> list_entities(const std::optional<Uuid>& tenant_id) override;
  std::optional<domain::Entity> find_entity(const Uuid& id) override;
  std::optional<domain::Entity> find_entity_by_client_id(const std::string& client_id) override;
  WriteResult insert_entity(const domain::Entity& entity) override;
  WriteResult update_entity(const domain::Entity& entity) override;
  bool delete_entity(const Uuid& id) override;
  std::vector<domain::EntityGrant> list_entity_grants(
      const std::optional<Uuid>& entity_id) override;
  std::optional<domain::EntityGrant> find_entity_grant(
      const Uuid& entity_id, const std::optional<Uuid>& recipient_entity_id,
      const std::optional<Uuid>& user_id) override;
  WriteResult insert_entity_grant(const domain::EntityGrant& grant) override;
  WriteResult update_entity_grant(const domain::EntityGrant& grant) override;
  bool delete_entity_grant(const Uuid& grant_id) override;

  // sqlite_unit_of_work.cpp
  void in_transaction(const std::function<bool()>& body) override;
  void after_commit(std::function<void()> hook) override;

 private:
  SqliteStore(const std::string& path, std::size_t pool_size, std::chrono::milliseconds wait)
      : pool_(path, pool_size, wait) {}

  ConnectionPool pool_;
};

}  // namespace latchkey::store::sqlite
