#pragma once
// FusionAuth's objects as Latchkey stores them. Each record keeps the whole FusionAuth JSON
// document (`data`, exactly what the API returns) beside the few typed fields that are
// indexed, looked up or enforced. Adding a FusionAuth field therefore needs no migration, and
// every field a client sends round-trips unchanged.
//
// Secrets never sit in `data`: a user's password hash lives in PasswordCredential.

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::domain {

struct Tenant {
  Uuid id;
  std::string name;
  json::object data;
};

struct Application {
  Uuid id;
  Uuid tenant_id;
  std::string name;
  bool active = true;
  json::object data;
};

// How a password is stored: FusionAuth's scheme name, factor, base64 salt and hash.
struct PasswordCredential {
  std::string scheme;
  std::string hash;
  std::string salt;
  int factor = 0;
};

// Failed-login bookkeeping for lockout (tenant failedAuthenticationConfiguration).
struct LoginFailures {
  int count = 0;
  std::optional<Instant> window_start;
  std::optional<Instant> locked_until;
};

struct User {
  Uuid id;
  Uuid tenant_id;
  std::optional<std::string> email;     // lower-case: unique per tenant
  std::optional<std::string> username;  // as given; unique per tenant ignoring case
  bool active = true;
  json::object data;  // without registrations, which live in their own records
  std::optional<PasswordCredential> password;
  LoginFailures failures;
};

struct Registration {
  Uuid id;
  Uuid user_id;
  Uuid application_id;
  json::object data;
};

struct ApiKey {
  Uuid id;
  std::string key;
  std::optional<Uuid> tenant_id;
  bool key_manager = false;
  json::object data;  // includes `key` only for the API's own rendering rules to decide
};

// A Key Master key. `data` is the public FusionAuth Key document; `secret` (a private key PEM
// or an HMAC secret) never leaves the server.
struct SigningKey {
  Uuid id;
  std::string name;
  std::string kid;
  std::string role;  // "default-signing", "shadow" or empty
  json::object data;
  std::optional<std::string> secret;
  // The owning tenant when a tenant-locked API key created the key; not part of `data`, which
  // mirrors FusionAuth's Key document (it has no tenantId).
  std::optional<Uuid> tenant_id = std::nullopt;
};

// A refresh token as stored: never its value, only a keyed hash and a sealed copy.
struct RefreshToken {
  Uuid id;
  std::string token_hash;
  std::string token_sealed;
  Uuid user_id;
  std::optional<Uuid> application_id;
  Uuid tenant_id;
  Instant insert_instant;
  Instant start_instant;
  json::object data;  // metaData (device, scopes) and policy bookkeeping
};

// A pending second factor: the login that asked for it, until a code completes it.
struct TwoFactorChallenge {
  std::string id_hash;
  Uuid user_id;
  Instant expires_at;
  json::object data;
};

// A FusionAuth Webhook: where events go. Everything is in the document; routing reads it whole.
struct Webhook {
  Uuid id;
  json::object data;
};

// A FusionAuth Theme: the look of the hosted pages. `name` is unique ignoring case; the
// stylesheet, templates and messages live in the document.
struct Theme {
  Uuid id;
  std::string name;
  json::object data;
};

}  // namespace latchkey::domain
