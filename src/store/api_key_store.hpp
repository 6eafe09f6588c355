#pragma once
// API keys (store/migrations/0001). Key values are unique (kDuplicateKey). Each call is atomic
// on its own; the authenticator reads keys from the config snapshot, never from here per request.
//
//   if (auto written = api_keys.insert_api_key(key); !written) { ... }

#include <optional>
#include <vector>

#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class ApiKeyStore {
 public:
  virtual ~ApiKeyStore() = default;
  virtual std::vector<domain::ApiKey> list_api_keys() = 0;
  virtual std::optional<domain::ApiKey> find_api_key(const Uuid& id) = 0;
  virtual WriteResult insert_api_key(const domain::ApiKey& key) = 0;
  virtual WriteResult update_api_key(const domain::ApiKey& key) = 0;
  virtual bool delete_api_key(const Uuid& id) = 0;
};

}  // namespace latchkey::store
