// KeyService::scope_vend — what a tenant-locked API key may vend (issue 10 item 3). Kept beside
// key visibility rather than in TokenService::vend, which signs whatever it is given.
#include "services/keys/key_service.hpp"
#include "services/keys/key_visibility.hpp"

namespace latchkey::services {

Status KeyService::scope_vend(const std::optional<Uuid>& scope, json::object& claims,
                              const std::optional<std::string>& key_id) const {
  if (!scope) return {};
  const auto snapshot = config_.current();
  Validation validation;
  if (key_id) {
    // Security: a key the tenant cannot see answers as an unknown one, so a locked key learns
    // nothing about other tenants' keys (TokenService::vend words the unknown case the same).
    const auto id = Uuid::parse(*key_id);
    const KeyEntry* entry = id ? snapshot->find_key(*id) : nullptr;
    if (entry != nullptr && !key_visible_to_tenant(*snapshot, entry->record, *scope)) {
      validation.add("keyId", "[invalid]keyId", "The [keyId] does not name a key that can sign.");
    }
  }
  // Security: /api/jwt/issue and JWT-authenticated APIs read `sub` as a user id, so a locked key
  // must not vend a token that speaks for another tenant's user.
  if (const auto subject = json::get_string(claims, "sub").and_then(Uuid::parse)) {
    const auto user = store_.users.find_user(*subject);
    if (user && user->tenant_id != *scope) {
      validation.add("claims.sub", "[invalid]claims.sub",
                     "The [claims.sub] names a user outside the tenant of this API key.");
    }
  }
  const std::string tenant = scope->str();
  if (const auto* tid = claims.if_contains("tid"); tid != nullptr) {
    if (!tid->is_string() || Uuid::parse(tid->as_string()) != scope) {
      validation.add("claims.tid", "[invalid]claims.tid",
                     "The [claims.tid] must be the tenant of this API key.");
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  // The vended token carries the locked tenant, as every token Latchkey issues carries its own.
  claims["tid"] = tenant;
  return {};
}

}  // namespace latchkey::services
