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

struct User {
  Uuid id;
  Uuid tenant_id;
  std::optional<std::string> email;     // lower-case: unique per tenant
  std::optional<std::string> username;  // as given; unique per tenant ignoring case
  bool active = true;
  json::object data;  // without registrations, which live in their own records
  std::optional<PasswordCredential> password;
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

}  // namespace latchkey::domain
