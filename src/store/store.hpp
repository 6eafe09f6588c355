#pragma once
// The storage contract services are written against. Implementations (SQLite now, PostgreSQL
// later) live in subfolders; only app/ names one.
//
//   LATCHKEY_TRY(... ) is not used here: a store answers expected conflicts as values and
//   throws StoreUnavailable (or std::runtime_error) for outages, which the HTTP session turns
//   into a 500.

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/identity_provider.hpp"
#include "domain/records.hpp"
#include "store/password_change_store.hpp"

namespace latchkey::store {

// Why a write was refused by a uniqueness rule.
enum class Conflict {
  kDuplicateId,
  kDuplicateName,
  kDuplicateEmail,
  kDuplicateUsername,
  kDuplicateKey,
  kDuplicateRegistration,
  kDuplicateKid,
  kDuplicateLink,  // the external identity is already linked (a concurrent reconcile won)
  kMissingParent,  // e.g. the tenant or user the record belongs to is gone
};

using WriteResult = std::expected<void, Conflict>;

class StoreUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TenantStore {
 public:
  virtual ~TenantStore() = default;
  virtual std::vector<domain::Tenant> list_tenants() = 0;
  virtual std::optional<domain::Tenant> find_tenant(const Uuid& id) = 0;
  virtual WriteResult insert_tenant(const domain::Tenant& tenant) = 0;
  virtual WriteResult update_tenant(const domain::Tenant& tenant) = 0;
  // Removes the tenant with its applications, users and registrations. False if absent.
  virtual bool delete_tenant(const Uuid& id) = 0;
};

class ApplicationStore {
 public:
  virtual ~ApplicationStore() = default;
  virtual std::vector<domain::Application> list_applications() = 0;
  virtual std::optional<domain::Application> find_application(const Uuid& id) = 0;
  virtual WriteResult insert_application(const domain::Application& application) = 0;
  virtual WriteResult update_application(const domain::Application& application) = 0;
  virtual bool delete_application(const Uuid& id) = 0;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  virtual std::optional<domain::User> find_user(const Uuid& id) = 0;
  virtual std::optional<domain::User> find_user_by_email(const Uuid& tenant_id,
                                                         const std::string& email) = 0;
  virtual std::optional<domain::User> find_user_by_username(const Uuid& tenant_id,
                                                            const std::string& username) = 0;
  virtual WriteResult insert_user(const domain::User& user) = 0;
  // Inserts a user and its first registration atomically: both or neither.
  virtual WriteResult insert_user_with_registration(const domain::User& user,
                                                    const domain::Registration& registration) = 0;
  virtual WriteResult update_user(const domain::User& user) = 0;
  virtual bool delete_user(const Uuid& id) = 0;
  virtual std::size_t count_users() = 0;
  // Writes only the failed-login bookkeeping (no read-modify-write of the whole user).
  virtual void update_login_failures(const Uuid& user_id,
                                     const domain::LoginFailures& failures) = 0;
  // Counts one failed login in a single conditional write, so concurrent failures all count
  // (tenant failedAuthenticationConfiguration): the count restarts when its window began more
  // than `reset_after` ago; reaching `threshold` sets locked_until = now + `lock_for` (no lock
  // when `lock_for` is absent) and restarts the count. Answers the bookkeeping as written;
  // nothing when the user is gone.
  virtual std::optional<domain::LoginFailures> record_login_failure(
      const Uuid& user_id, Instant now, std::chrono::milliseconds reset_after, int threshold,
      std::optional<std::chrono::milliseconds> lock_for) = 0;
  // After a successful login: clears the count, and a lock only if it has run out by `now` (a
  // lock a concurrent failure just set stays).
  virtual void reset_login_failures(const Uuid& user_id, Instant now) = 0;
  // RFC 6238 §5.2: records `step_start` (the start of the accepted code's time step) as the
  // user's last accepted TOTP step unless a step at or after it was accepted already. One
  // conditional write: of two concurrent uses of one code exactly one answers true.
  virtual bool claim_totp_step(const Uuid& user_id, Instant step_start) = 0;
  // Stamps lastLoginInstant on the user (and its registration for the application) in place.
  virtual void record_login(const Uuid& user_id, const std::optional<Uuid>& application_id,
                            Instant when) = 0;
};

class RegistrationStore {
 public:
  virtual ~RegistrationStore() = default;
  virtual std::vector<domain::Registration> list_registrations(const Uuid& user_id) = 0;
  virtual std::optional<domain::Registration> find_registration(const Uuid& user_id,
                                                                const Uuid& application_id) = 0;
  virtual WriteResult insert_registration(const domain::Registration& registration) = 0;
  virtual WriteResult update_registration(const domain::Registration& registration) = 0;
  virtual bool delete_registration(const Uuid& user_id, const Uuid& application_id) = 0;
};

class ApiKeyStore {
 public:
  virtual ~ApiKeyStore() = default;
  virtual std::vector<domain::ApiKey> list_api_keys() = 0;
  virtual std::optional<domain::ApiKey> find_api_key(const Uuid& id) = 0;
  virtual WriteResult insert_api_key(const domain::ApiKey& key) = 0;
  virtual WriteResult update_api_key(const domain::ApiKey& key) = 0;
  virtual bool delete_api_key(const Uuid& id) = 0;
};

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  virtual std::vector<domain::SigningKey> list_keys() = 0;
  virtual WriteResult insert_key(const domain::SigningKey& key) = 0;
  virtual WriteResult update_key(const domain::SigningKey& key) = 0;
  virtual bool delete_key(const Uuid& id) = 0;
};

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

// One exchange of a refresh token, written as a single conditional update: it applies only while
// the row still holds `expected_hash`, so of concurrent exchanges of one value exactly one wins.
struct RefreshTokenRotation {
  Uuid id;
  std::string expected_hash;
  std::string token_hash;    // equal to expected_hash when the value is kept (Reusable)
  std::string token_sealed;  // the new value's sealed copy (unchanged when kept)
  Instant start_instant;
  json::object data;
  Instant rotated_at;
};

// A value a token had before a one-time-use rotation.
struct RefreshTokenPredecessor {
  Uuid token_id;
  Instant rotated_at;
  bool latest = false;  // the value rotated most recently: the current value's immediate parent
};

class RefreshTokenStore {
 public:
  virtual ~RefreshTokenStore() = default;
  virtual WriteResult insert_refresh_token(const domain::RefreshToken& token) = 0;
  virtual std::optional<domain::RefreshToken> find_refresh_token(const Uuid& id) = 0;
  virtual std::optional<domain::RefreshToken> find_refresh_token_by_hash(
      const std::string& token_hash) = 0;
  virtual std::vector<domain::RefreshToken> list_refresh_tokens(const Uuid& user_id) = 0;
  virtual bool delete_refresh_token(const Uuid& id) = 0;
  // Removes every token of the user (optionally of one application); answers how many.
  virtual std::size_t delete_refresh_tokens(const std::optional<Uuid>& user_id,
                                            const std::optional<Uuid>& application_id) = 0;
  // How many tokens of the user (optionally of one application), or of the application alone.
  virtual std::size_t count_refresh_tokens(const std::optional<Uuid>& user_id,
                                           const std::optional<Uuid>& application_id) = 0;
  // Applies the rotation in one transaction: the conditional UPDATE and, when the value
  // changed, the old hash into the history. False when the row no longer holds expected_hash
  // (another exchange or a revocation got there first); nothing is written then.
  virtual bool rotate_refresh_token(const RefreshTokenRotation& rotation) = 0;
  virtual std::optional<RefreshTokenPredecessor> find_refresh_token_predecessor(
      const std::string& token_hash) = 0;
};

struct TwoFactorFailure {
  int count = 0;          // wrong codes so far, this one included
  bool repeated = false;  // the same wrong code as the last one: not counted again
};

class TwoFactorStore {
 public:
  virtual ~TwoFactorStore() = default;
  virtual void insert_two_factor_challenge(const domain::TwoFactorChallenge& challenge) = 0;
  // Removes and returns the challenge: a twoFactorId completes at most one login.
  virtual std::optional<domain::TwoFactorChallenge> take_two_factor_challenge(
      const std::string& id_hash) = 0;
  virtual std::optional<domain::TwoFactorChallenge> find_two_factor_challenge(
      const std::string& id_hash) = 0;
  // Counts one wrong code (`code_hash`, a keyed hash) against the challenge in one transaction;
  // the same wrong code as the previous one is not counted again (a client's automatic retry of
  // a 421, which the Fetch standard makes). When the count reaches `limit` the challenge is
  // deleted, so the id then answers as an unknown one. Nothing when the challenge is gone.
  virtual std::optional<TwoFactorFailure> record_two_factor_failure(const std::string& id_hash,
                                                                    const std::string& code_hash,
                                                                    int limit) = 0;
};

// An access token revoked by its jti (store/migrations/0007_revoked_access_tokens.sql).
struct RevokedAccessToken {
  std::string jti;
  Uuid application_id;
  Instant expires_at;  // the token's exp: the entry is worthless after it
  Instant revoked_at;
};

class RevokedTokenStore {
 public:
  virtual ~RevokedTokenStore() = default;
  // Records the revocation (a second one of the same jti keeps the first) and, in the same
  // transaction, removes every entry whose token expired before `now`.
  virtual void insert_revoked_access_token(const RevokedAccessToken& token, Instant now) = 0;
  // Removes the entries whose token expired before `now` and answers the rest.
  virtual std::vector<RevokedAccessToken> prune_and_list_revoked_access_tokens(Instant now) = 0;
};

// A short-lived OAuth grant: an authorization code ("code") or a hosted-login SSO session
// ("sso"), found by a keyed hash of its value.
struct OAuthGrant {
  std::string id_hash;
  std::string kind;
  Instant expires_at;
  std::optional<Instant> consumed_at;
  json::object data;
};

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;
  virtual std::vector<domain::Webhook> list_webhooks() = 0;
  virtual std::optional<domain::Webhook> find_webhook(const Uuid& id) = 0;
  virtual WriteResult insert_webhook(const domain::Webhook& webhook) = 0;
  virtual WriteResult update_webhook(const domain::Webhook& webhook) = 0;
  virtual bool delete_webhook(const Uuid& id) = 0;
};

// One delivery of one event to one webhook, waiting in the outbox (store/migrations/0006).
struct OutboxEntry {
  Uuid webhook_id;
  std::string event_id;
  std::string event_type;
  std::string body;  // the exact bytes every attempt sends
  int attempts = 0;  // attempts already made (a failed transactional call counts as one)
  Instant next_attempt_at;
  std::optional<std::string> last_error;
};

struct OutboxRow {
  std::int64_t id;
  OutboxEntry entry;
};

struct OutboxCounts {
  std::size_t pending = 0;
  std::size_t dead = 0;
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  virtual void enqueue_outbox(const std::vector<OutboxEntry>& entries, Instant now) = 0;
  // Pending rows due at `now`, oldest first, at most `limit`, and at most `per_webhook` of any
  // one webhook (so one receiver's backlog cannot fill a whole pass).
  virtual std::vector<OutboxRow> due_outbox(Instant now, std::size_t limit,
                                            std::size_t per_webhook) = 0;
  // When the earliest pending row falls due; nothing when the outbox is empty.
  virtual std::optional<Instant> next_outbox_due() = 0;
  virtual void delete_outbox(std::int64_t id) = 0;
  virtual void reschedule_outbox(std::int64_t id, int attempts, Instant next_attempt_at,
                                 const std::string& error) = 0;
  virtual void bury_outbox(std::int64_t id, int attempts, const std::string& error) = 0;
  virtual OutboxCounts count_outbox() = 0;
};

// A unit of work: several store calls that commit or roll back together.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  // Runs `body` in one write transaction bound to the calling thread: every store call it
  // makes on this thread joins the transaction. Commits when `body` answers true, rolls back
  // when it answers false or throws (the exception propagates). Nested calls join the outer
  // transaction (a savepoint), so they commit only with it.
  virtual void in_transaction(const std::function<bool()>& body) = 0;
  // Runs `hook` after the current thread's transaction commits (never if it rolls back), or
  // at once when no transaction is open: how a writer wakes whoever reads what it wrote.
  virtual void after_commit(std::function<void()> hook) = 0;
};

// Everything a running server needs from its database.
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

              public WebhookStore,
              public OutboxStore,
              public UnitOfWork {
 public:
  // Answers whether the database can serve a query right now (GET /api/status).
  virtual bool healthy() = 0;

  // --- OAuth authorization codes and SSO sessions (store/migrations/0004_oauth.sql) ---
  virtual void insert_oauth_grant(const OAuthGrant& grant) = 0;
  virtual std::optional<OAuthGrant> find_oauth_grant(const std::string& id_hash) = 0;
  // Marks the grant consumed, once: answers true only for the first caller (RFC 6749 §4.1.2).
  virtual bool consume_oauth_grant(const std::string& id_hash, Instant now) = 0;
  virtual void update_oauth_grant_data(const std::string& id_hash, const json::object& data) = 0;
  virtual bool delete_oauth_grant(const std::string& id_hash) = 0;
  // Removes grants that expired before `now`; answers how many.
  virtual std::size_t delete_expired_oauth_grants(Instant now) = 0;
};

}  // namespace latchkey::store
