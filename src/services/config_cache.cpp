#include "services/config_cache.hpp"

#include "crypto/constant_time.hpp"
#include "crypto/digest.hpp"

namespace latchkey::services {

const domain::Tenant* ConfigSnapshot::find_tenant(const Uuid& id) const {
  const auto found = tenants_.find(id.str());
  return found == tenants_.end() ? nullptr : &found->second;
}

const domain::Application* ConfigSnapshot::find_application(const Uuid& id) const {
  const auto found = applications_.find(id.str());
  return found == applications_.end() ? nullptr : &found->second;
}

const domain::ApiKey* ConfigSnapshot::find_api_key_by_value(std::string_view presented) const {
  // Security: the map is keyed by a digest, so the lookup's timing says nothing about the
  // key; the final comparison of the values themselves is constant-time.
  const auto found = api_keys_by_digest_.find(crypto::sha256(presented));
  if (found == api_keys_by_digest_.end()) return nullptr;
  if (!crypto::constant_time_equals(found->second.key, presented)) return nullptr;
  return &found->second;
}

ConfigCache::ConfigCache(store::Store& store) : store_(store) { reload(); }

void ConfigCache::reload() {
  const std::lock_guard lock(reload_mutex_);
  auto next = std::make_shared<ConfigSnapshot>();
  for (auto& tenant : store_.list_tenants()) {
    next->tenants_.emplace(tenant.id.str(), std::move(tenant));
  }
  for (auto& application : store_.list_applications()) {
    next->applications_.emplace(application.id.str(), std::move(application));
  }
  for (auto& key : store_.list_api_keys()) {
    auto digest = crypto::sha256(key.key);
    next->api_keys_by_digest_.emplace(std::move(digest), std::move(key));
  }
  snapshot_.store(std::move(next), std::memory_order_release);
}

}  // namespace latchkey::services
