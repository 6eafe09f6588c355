#pragma once
// Which Key Master keys a tenant-locked API key may see and use (issue 10 item 3). FusionAuth's
// keys carry no tenant, so Latchkey decides: a key is visible to tenant T when
//   * T owns it (a key generated or imported through a key locked to T), or
//   * T's jwtConfiguration or one of T's applications' jwtConfiguration names it
//     (accessTokenKeyId / idTokenKeyId), or
//   * it is the Default signing key and T signs with it by default (no accessTokenKeyId), or
//   * it is one of the built-in client-secret (shadow) keys, which hold no material.
// Global API keys see every key. The Key API and /api/jwt/vend both ask this one function.
//
//   if (const auto tenant = key_scope(caller); tenant && !key_visible_to_tenant(*snap, key,
//   *tenant))
//     return fail(not_found());

#include <optional>

#include "domain/records.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"

namespace latchkey::services {

bool key_visible_to_tenant(const ConfigSnapshot& snapshot, const domain::SigningKey& key,
                           const Uuid& tenant);

// The tenant a caller's view of keys is limited to: a tenant-locked API key's tenant. The
// X-FusionAuth-TenantId header on a global key selects a tenant but does not narrow what the
// key may see (a global key sees every key, as before).
std::optional<Uuid> key_scope(const Caller& caller);

}  // namespace latchkey::services
