#pragma once
// The one CRUD service every configuration document kind shares (config_kind.hpp): create
// with or without an id, retrieve one or all, update (PUT), patch, delete, search, and the
// once-per-database install of FusionAuth's defaults. What differs per kind (typed fields,
// defaults, validation, fixed members, unique names, delete guards, search criteria) comes from
// the kind's DocumentRules. Documents are FusionAuth JSON with id and instants.
//
//   LATCHKEY_TRY(const auto created, documents.create(caller, ConfigKind::kLambda, id, body));
//   LATCHKEY_TRY(const auto page, documents.search(caller, ConfigKind::kLambda, criteria));

#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/document_rules.hpp"
#include "services/configuration/config_kind.hpp"
#include "services/configuration/document_search.hpp"
#include "store/config_document_store.hpp"

namespace latchkey::services {

class ConfigDocumentService final : public DocumentLookup {
 public:
  ConfigDocumentService(store::ConfigDocumentStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // FusionAuth's fresh-install documents of every kind, once per database (a default an
  // operator deleted stays deleted). Run at start-up, before kickstart.
  void install_defaults();

  Result<json::object> create(const Caller& caller, ConfigKind kind, const std::optional<Uuid>& id,
                              json::object doc);
  Result<json::object> retrieve(const Caller& caller, ConfigKind kind, const Uuid& id) const;
  // Every document of the kind, by name; `exact` filters on members (GET /api/lambda?type=).
  Result<std::vector<json::object>> list(const Caller& caller, ConfigKind kind,
                                         const json::object& exact = {}) const;
  Result<json::object> update(const Caller& caller, ConfigKind kind, const Uuid& id,
                              json::object doc);
  Result<json::object> patch(const Caller& caller, ConfigKind kind, const Uuid& id,
                             const json::object& patch, PatchStyle style);
  Status remove(const Caller& caller, ConfigKind kind, const Uuid& id);
  Result<SearchPage> search(const Caller& caller, ConfigKind kind,
                            const json::object& criteria) const;

  // DocumentLookup, for the kinds' rules.
  [[nodiscard]] std::vector<store::ConfigDocument> all_of(ConfigKind kind) const override;
  [[nodiscard]] std::optional<store::ConfigDocument> find_of(ConfigKind kind,
                                                             const Uuid& id) const override;

 private:
  Result<json::object> write(ConfigKind kind, const Uuid& id, json::object doc,
                             const store::ConfigDocument* previous);

  store::ConfigDocumentStore& store_;
  const Clock& clock_;
};

}  // namespace latchkey::services
