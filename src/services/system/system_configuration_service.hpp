#pragma once
// The System Configuration API's rules (apis/system.mdx): FusionAuth's defaults on a fresh
// install, validation and error codes, PUT and PATCH; and the in-memory snapshot the CORS
// filter reads on every request without touching the database.
//
//   LATCHKEY_TRY(const auto configuration, system.update(caller, body_system_configuration));
//   const auto snapshot = system.current();
//   if (snapshot->cors.enabled) ...
//
// Security: the configuration is instance-wide (CORS for every tenant), so a tenant-locked
// API key can neither read nor change it (401, as for webhooks).

#include <atomic>
#include <memory>
#include <mutex>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/document_rules.hpp"
#include "services/common/field_reader.hpp"
#include "services/system/cors_policy.hpp"
#include "store/system_configuration_store.hpp"

namespace latchkey::services {

struct SystemConfigurationSnapshot {
  json::object document;  // systemConfiguration, as the API answers it
  CorsPolicy cors;
};

class SystemConfigurationService {
 public:
  SystemConfigurationService(store::SystemConfigurationStore& store, const Clock& clock);

  // First-start state: stores FusionAuth's defaults when there is no configuration yet.
  void ensure_defaults();

  Result<json::object> retrieve(const Caller& caller) const;
  // PUT: the whole configuration; members left out take FusionAuth's defaults.
  Result<json::object> update(const Caller& caller, json::object configuration);
  Result<json::object> patch(const Caller& caller, const json::object& patch, PatchStyle style);

  // The configuration as of the last write; readers never lock.
  [[nodiscard]] std::shared_ptr<const SystemConfigurationSnapshot> current() const {
    return snapshot_.load(std::memory_order_acquire);
  }

 private:
  void publish(json::object document);
  // Validates, stores and publishes the next configuration; the caller holds write_mutex_.
  Result<json::object> write(json::object configuration);

  store::SystemConfigurationStore& store_;
  const Clock& clock_;
  std::mutex write_mutex_;  // orders writers (read-modify-write of the one row); readers never
  std::atomic<std::shared_ptr<const SystemConfigurationSnapshot>> snapshot_;
};

// FusionAuth's System Configuration on a fresh install, without its timestamps.
json::object default_system_configuration();

// The SystemConfigurationRequest body's field types (services/common/field_reader.hpp).
extern const Schema kSystemConfigurationRequest;

}  // namespace latchkey::services
