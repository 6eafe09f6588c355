#pragma once
// The System Configuration: one JSON document for the whole instance
// (store/migrations/0013_system_configuration.sql). Each call is atomic on its own.
//
//   if (!store.find_system_configuration()) store.insert_system_configuration(defaults);
//   store.save_system_configuration(next);
//
// Concurrency rule: of concurrent inserts exactly one writes (the others answer false and
// change nothing), so nodes starting together agree on one first-start document; concurrent
// saves leave the last write.

#include <optional>

#include "core/json.hpp"

namespace latchkey::store {

class SystemConfigurationStore {
 public:
  virtual ~SystemConfigurationStore() = default;
  virtual std::optional<json::object> find_system_configuration() = 0;
  // Writes the document only when none exists yet; answers whether it wrote.
  virtual bool insert_system_configuration(const json::object& configuration) = 0;
  // Writes the document, replacing any stored one.
  virtual void save_system_configuration(const json::object& configuration) = 0;
};

}  // namespace latchkey::store
