#include "services/keys/key_visibility.hpp"

#include <string>

namespace latchkey::services {
namespace {

bool names_key(const json::object& doc, const std::string& id) {
  return json::get_string(doc, "jwtConfiguration.accessTokenKeyId") == id ||
         json::get_string(doc, "jwtConfiguration.idTokenKeyId") == id;
}

}  // namespace

bool key_visible_to_tenant(const ConfigSnapshot& snapshot, const domain::SigningKey& key,
                           const Uuid& tenant) {
  if (key.tenant_id == tenant) return true;
  // The built-in client-secret keys hold no material: each tenant signs with its own
  // applications' secrets through them, so every tenant may see and name them.
  if (key.role == "shadow") return true;
  const std::string id = key.id.str();
  const domain::Tenant* owner = snapshot.find_tenant(tenant);
  if (owner == nullptr) return false;
  if (names_key(owner->data, id)) return true;
  // A tenant without its own access-token key signs with the Default signing key.
  if (key.role == "default-signing" &&
      !json::get_string(owner->data, "jwtConfiguration.accessTokenKeyId")) {
    return true;
  }
  for (const auto& [application_id, application] : snapshot.applications()) {
    if (application.tenant_id == tenant && names_key(application.data, id)) return true;
  }
  return false;
}

std::optional<Uuid> key_scope(const Caller& caller) {
  return caller.api_key ? caller.api_key->tenant_id : std::nullopt;
}

}  // namespace latchkey::services
