#include "services/keys/key_visibility.hpp"

#include <string>

namespace latchkey::services {
namespace {

bool names_key(const domain::JwtConfiguration& jwt, const std::string& id) {
  return jwt.access_token_key_id_text == id || jwt.id_token_key_id_text == id;
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
  const auto owner_settings = snapshot.settings(*owner);
  if (names_key(owner_settings->jwt, id)) return true;
  // A tenant without its own access-token key signs with the Default signing key.
  if (key.role == "default-signing" && !owner_settings->jwt.access_token_key_id_text) {
    return true;
  }
  for (const auto& [application_id, application] : snapshot.applications()) {
    if (application.tenant_id == tenant && names_key(snapshot.settings(application)->jwt, id)) {
      return true;
    }
  }
  return false;
}

std::optional<Uuid> key_scope(const Caller& caller) {
  return caller.api_key ? caller.api_key->tenant_id : std::nullopt;
}

}  // namespace latchkey::services
