#pragma once
// Configuration documents: FusionAuth objects that are stored and validated whole (email
// templates, forms, form fields, lambdas; store/migrations/0011_config_documents.sql). A document
// is addressed by its kind and id; ids are unique per kind. Each call is atomic on its own;
// concurrent writers of one document leave the last write. The kinds' rules live in
// services/configuration/, never here.
//
//   store::ConfigDocument doc{"lambda", id, std::nullopt, "Populate", data, now, now};
//   if (!documents.insert_document(doc)) ...;   // kDuplicateId
//   for (const auto& d : documents.list_documents("lambda")) ...

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/uuid.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

struct ConfigDocument {
  std::string kind;
  Uuid id;
  std::optional<Uuid> tenant_id;  // absent: an instance-wide object
  std::string name;
  json::object data;
  Instant insert_instant{};
  Instant last_update_instant{};
};

class ConfigDocumentStore {
 public:
  virtual ~ConfigDocumentStore() = default;
  // Every document of `kind`, ordered by name (case-insensitive), then id.
  virtual std::vector<ConfigDocument> list_documents(std::string_view kind) = 0;
  virtual std::optional<ConfigDocument> find_document(std::string_view kind, const Uuid& id) = 0;
  // kDuplicateId when a document of that kind already has the id.
  virtual WriteResult insert_document(const ConfigDocument& document) = 0;
  // Replaces name, tenant, data and last_update_instant; kMissingParent when it is gone. The
  // insert instant is kept as stored.
  virtual WriteResult update_document(const ConfigDocument& document) = 0;
  virtual bool delete_document(std::string_view kind, const Uuid& id) = 0;
  // Installs a kind's built-in documents once per database, in one transaction: true when this
  // call installed them, false when some earlier call (on any node) already had. A default
  // whose id is taken is skipped, never overwritten.
  virtual bool install_defaults(std::string_view kind,
                                const std::vector<ConfigDocument>& documents) = 0;
};

}  // namespace latchkey::store
