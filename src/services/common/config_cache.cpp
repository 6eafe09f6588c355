#include "services/common/config_cache.hpp"

#include "crypto/constant_time.hpp"
#include "crypto/digest.hpp"
#include "jose/certificate.hpp"
#include "jose/jwk.hpp"
#include "services/common/key_material.hpp"

namespace latchkey::services {

const domain::Tenant* ConfigSnapshot::find_tenant(const Uuid& id) const {
  const auto found = tenants_.find(id.str());
  return found == tenants_.end() ? nullptr : &found->second;
}

const domain::Application* ConfigSnapshot::find_application(const Uuid& id) const {
  const auto found = applications_.find(id.str());
  return found == applications_.end() ? nullptr : &found->second;
}

std::shared_ptr<const domain::TenantSettings> ConfigSnapshot::settings(
    const domain::Tenant& tenant) const {
  const auto found = tenant_settings_.find(&tenant);
  if (found != tenant_settings_.end()) return found->second;
  return std::make_shared<const domain::TenantSettings>(domain::parse_tenant_settings(tenant.data));
}

std::shared_ptr<const domain::ApplicationSettings> ConfigSnapshot::settings(
    const domain::Application& application) const {
  const auto found = application_settings_.find(&application);
  if (found != application_settings_.end()) return found->second;
  return std::make_shared<const domain::ApplicationSettings>(
      domain::parse_application_settings(application.data));
}

domain::JwtSettings ConfigSnapshot::jwt_settings(const domain::Tenant& tenant,
                                                 const domain::Application* application) const {
  const auto tenant_settings = settings(tenant);
  if (application == nullptr) return domain::effective_jwt_settings(tenant_settings->jwt, nullptr);
  const auto application_settings = settings(*application);
  return domain::effective_jwt_settings(tenant_settings->jwt, &application_settings->jwt);
}

const domain::ApiKey* ConfigSnapshot::find_api_key_by_value(std::string_view presented) const {
  // Security: the map is keyed by a digest, so the lookup's timing says nothing about the
  // key; the final comparison of the values themselves is constant-time.
  const auto found = api_keys_by_digest_.find(crypto::sha256(presented));
  if (found == api_keys_by_digest_.end()) return nullptr;
  if (!crypto::constant_time_equals(found->second.key, presented)) return nullptr;
  return &found->second;
}

const KeyEntry* ConfigSnapshot::find_key(const Uuid& id) const {
  const auto found = key_index_by_id_.find(id.str());
  return found == key_index_by_id_.end() ? nullptr : &keys_[found->second];
}

const KeyEntry* ConfigSnapshot::find_key_by_kid(std::string_view kid) const {
  const auto found = key_index_by_kid_.find(std::string(kid));
  return found == key_index_by_kid_.end() ? nullptr : &keys_[found->second];
}

const KeyEntry* ConfigSnapshot::default_signing_key() const {
  for (const auto& entry : keys_) {
    if (entry.record.role == "default-signing") return &entry;
  }
  return nullptr;
}

ConfigCache::ConfigCache(ConfigStores store) : store_(store) { reload(); }

void ConfigCache::reload() {
  const std::lock_guard lock(reload_mutex_);
  auto next = std::make_shared<ConfigSnapshot>();
  for (auto& tenant : store_.tenants.list_tenants()) {
    next->tenants_.emplace(tenant.id.str(), std::move(tenant));
  }
  for (auto& application : store_.applications.list_applications()) {
    next->applications_.emplace(application.id.str(), std::move(application));
  }
  // Settings are parsed here, once per snapshot, and nowhere else.
  for (const auto& [id, tenant] : next->tenants_) {
    next->tenant_settings_.emplace(&tenant, std::make_shared<const domain::TenantSettings>(
                                                domain::parse_tenant_settings(tenant.data)));
  }
  for (const auto& [id, application] : next->applications_) {
    next->application_settings_.emplace(&application,
                                        std::make_shared<const domain::ApplicationSettings>(
                                            domain::parse_application_settings(application.data)));
  }
  for (auto& key : store_.api_keys.list_api_keys()) {
    auto digest = crypto::sha256(key.key);
    next->api_keys_by_digest_.emplace(std::move(digest), std::move(key));
  }
  for (auto& record : store_.keys.list_keys()) {
    auto material = materialize(record);
    next->key_index_by_id_.emplace(record.id.str(), next->keys_.size());
    next->key_index_by_kid_.emplace(record.kid, next->keys_.size());
    next->keys_.push_back({std::move(record), std::move(material)});
  }
  json::array jwks;
  for (const auto& entry : next->keys_) {
    if (!entry.key || entry.key->is_hmac()) continue;
    std::optional<std::string> x5c;
    if (const auto certificate = json::get_string(entry.record.data, "certificate")) {
      if (const auto info = jose::certificate_info(*certificate)) x5c = info->der_base64;
    }
    jwks.push_back(jose::to_jwk(*entry.key, entry.record.kid, x5c));
  }
  next->jwks_json_ = json::serialize(json::object{{"keys", std::move(jwks)}});
  snapshot_.store(std::move(next), std::memory_order_release);
}

}  // namespace latchkey::services
