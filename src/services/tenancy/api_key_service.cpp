#include "services/tenancy/api_key_service.hpp"

#include "crypto/random.hpp"
#include "services/common/field_types.hpp"
#include "services/tenancy/api_key_permissions.hpp"

namespace latchkey::services {
namespace {

constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

Error unauthorized() { return Error::status(HttpStatus::kUnauthorized); }
Error not_found() { return Error::status(HttpStatus::kNotFound); }

void validate_permissions(const json::object& api_key, Validation& validation) {
  const auto* endpoints = json::find(api_key, "permissions.endpoints");
  if (endpoints == nullptr || endpoints->is_null()) return;
  if (!endpoints->is_object()) {
    validation.add("apiKey.permissions.endpoints", "[invalid]apiKey.permissions.endpoints",
                   "The permissions must map endpoints to lists of HTTP methods.");
    return;
  }
  for (const auto& [endpoint, methods] : endpoints->as_object()) {
    bool valid = methods.is_array() && !endpoint.empty() && endpoint.starts_with("/api/");
    if (valid) {
      for (const auto& method : methods.as_array()) {
        valid = valid && method.is_string() &&
                std::find(std::begin(kMethods), std::end(kMethods), method.as_string()) !=
                    std::end(kMethods);
      }
    }
    if (!valid) {
      validation.add("apiKey.permissions.endpoints", "[invalid]apiKey.permissions.endpoints",
                     "The endpoint [" + std::string(endpoint) + "] has an invalid permission.");
    }
  }
}

// Security: a key manager hands out at most what it holds (apis/api-keys.mdx: "an API key with
// equal or greater permissions must be used"): no endpoint or method it lacks, a tenant-locked
// manager only keys locked to its own tenant, and an expiring one only keys that end no later.
// Refusals name the field to fix.
Status check_within_caller(const domain::ApiKey& manager, const json::object& api_key) {
  Validation validation;
  if (manager.tenant_id) {
    const auto requested = json::get_string(api_key, "tenantId");
    if (!requested) {
      validation.add("apiKey.tenantId", "[missing]apiKey.tenantId",
                     "A tenant-scoped API key can only create keys for its own tenant; specify "
                     "the [apiKey.tenantId].");
    } else if (Uuid::parse(*requested) != manager.tenant_id) {
      validation.add("apiKey.tenantId", "[invalid]apiKey.tenantId",
                     "A tenant-scoped API key can only create keys for its own tenant.");
    }
  }
  if (!permissions_within(api_key, manager.data)) {
    validation.add("apiKey.permissions.endpoints", "[invalid]apiKey.permissions.endpoints",
                   "The permissions exceed those of the API key making this request. An API key "
                   "with equal or greater permissions must be used.");
  }
  // A key that outlives its manager would be a way to keep the manager's powers after it ends.
  if (const auto manager_expires = json::get_int(manager.data, "expirationInstant")) {
    const auto expires = json::get_int(api_key, "expirationInstant");
    if (!expires || *expires > *manager_expires) {
      validation.add("apiKey.expirationInstant", "[invalid]apiKey.expirationInstant",
                     "An API key that expires can only create keys that expire no later than "
                     "itself.");
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

}  // namespace

Result<domain::ApiKey> ApiKeyService::prepare(json::object api_key, const Uuid& id,
                                              const domain::ApiKey* previous,
                                              bool allow_key_manager) {
  LATCHKEY_CHECK(require_field_types(api_key, "apiKey", kApiKeyFields));
  Validation validation;
  const auto* key_value = api_key.if_contains("key");
  if (key_value != nullptr && !key_value->is_null() && !key_value->is_string()) {
    validation.add("apiKey.key", "[invalid]apiKey.key", "The [apiKey.key] must be a string.");
  }
  const bool key_manager = json::get_bool(api_key, "keyManager").value_or(false);
  if (key_manager && !allow_key_manager && !(previous && previous->key_manager)) {
    validation.add("apiKey.keyManager", "[invalid]apiKey.keyManager",
                   "A key manager key can only be created by kickstart.");
  }
  std::optional<Uuid> tenant_id;
  if (previous != nullptr) {
    tenant_id = previous->tenant_id;  // immutable once created
  } else if (const auto tenant_text = json::get_string(api_key, "tenantId")) {
    tenant_id = Uuid::parse(*tenant_text);
    if (!tenant_id || config_.current()->find_tenant(*tenant_id) == nullptr) {
      validation.add("apiKey.tenantId", "[invalid]apiKey.tenantId",
                     "The [apiKey.tenantId] does not name a tenant.");
    }
  }
  validate_permissions(api_key, validation);
  if (auto error = validation.take()) return fail(std::move(*error));

  std::string key = json::get_string(api_key, "key").value_or("");
  if (key.empty()) key = previous ? previous->key : crypto::random_token(48);
  api_key["key"] = key;
  api_key["id"] = id.str();
  if (tenant_id) {
    api_key["tenantId"] = tenant_id->str();
  } else {
    api_key.erase("tenantId");
  }
  api_key["keyManager"] = previous ? previous->key_manager : key_manager;
  const Instant now = clock_.now();
  if (previous == nullptr) {
    json::set_default(api_key, "retrievable", true);
    stamp_created(api_key, now);
  } else {
    stamp_updated(api_key, previous->data, now, {"retrievable"});
  }
  return domain::ApiKey{id, std::move(key), tenant_id,
                        json::get_bool(api_key, "keyManager").value_or(false), std::move(api_key)};
}

Result<domain::ApiKey> ApiKeyService::save(domain::ApiKey key, bool created) {
  auto written = created ? store_.insert_api_key(key) : store_.update_api_key(key);
  if (!written) {
    if (written.error() == store::Conflict::kDuplicateKey) {
      return fail(Error::field(HttpStatus::kBadRequest, "apiKey.key", "[duplicate]apiKey.key",
                               "An API key with this value already exists."));
    }
    return fail(Error::field(HttpStatus::kBadRequest, "apiKeyId", "[duplicate]apiKeyId",
                             "An API key with Id [" + key.id.str() + "] already exists."));
  }
  config_.reload();
  return key;
}

Result<domain::ApiKey> ApiKeyService::find_manageable(const Caller& caller, const Uuid& id) const {
  if (!caller.key_manager()) return fail(unauthorized());
  auto key = store_.find_api_key(id);
  if (!key) return fail(not_found());
  // Security: a tenant-scoped manager only sees its own tenant's keys.
  if (caller.api_key->tenant_id && key->tenant_id != caller.api_key->tenant_id) {
    return fail(not_found());
  }
  // Retrieve, update and delete need equal or greater permissions than the target's.
  if (!permissions_within(key->data, caller.api_key->data)) return fail(unauthorized());
  return std::move(*key);
}

Result<ApiKeyView> ApiKeyService::create(const Caller& caller, const std::optional<Uuid>& id,
                                         json::object api_key) {
  if (!caller.key_manager()) return fail(unauthorized());
  LATCHKEY_TRY(auto key, prepare(std::move(api_key), choose_id(id), nullptr, false));
  LATCHKEY_CHECK(check_within_caller(*caller.api_key, key.data));
  LATCHKEY_TRY(auto saved, save(std::move(key), true));
  return ApiKeyView{std::move(saved), true};  // the creator always sees the new key once
}

Result<ApiKeyView> ApiKeyService::retrieve(const Caller& caller, const Uuid& id) const {
  LATCHKEY_TRY(auto key, find_manageable(caller, id));
  const bool retrievable = json::get_bool(key.data, "retrievable").value_or(true);
  return ApiKeyView{std::move(key), retrievable};
}

Result<ApiKeyView> ApiKeyService::update(const Caller& caller, const Uuid& id,
                                         json::object api_key) {
  LATCHKEY_TRY(const auto existing, find_manageable(caller, id));
  LATCHKEY_TRY(auto key, prepare(std::move(api_key), id, &existing, false));
  LATCHKEY_CHECK(check_within_caller(*caller.api_key, key.data));  // tenantId kept from existing
  LATCHKEY_TRY(auto saved, save(std::move(key), false));
  const bool retrievable = json::get_bool(saved.data, "retrievable").value_or(true);
  return ApiKeyView{std::move(saved), retrievable};
}

Result<ApiKeyView> ApiKeyService::patch(const Caller& caller, const Uuid& id,
                                        const json::object& patch, PatchStyle style) {
  LATCHKEY_TRY(const auto existing, find_manageable(caller, id));
  return update(caller, id, patched(existing.data, patch, style));
}

Status ApiKeyService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(const auto existing, find_manageable(caller, id));
  if (!store_.delete_api_key(existing.id)) return fail(not_found());
  config_.reload();
  return {};
}

Result<domain::ApiKey> ApiKeyService::create_bootstrap_key(const std::optional<Uuid>& id,
                                                           json::object api_key) {
  LATCHKEY_TRY(auto key, prepare(std::move(api_key), choose_id(id), nullptr, true));
  return save(std::move(key), true);
}

}  // namespace latchkey::services
