#include "services/configuration/config_document_service.hpp"

#include <algorithm>
#include <string>

#include "crypto/random.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

// The kinds here are instance-wide objects behind FusionAuth's "global-api-key": a
// tenant-locked key is refused as FusionAuth refuses it, 401.
Status require_global_caller(const Caller& caller, const DocumentRules& rules) {
  if (caller.api_key && caller.api_key->tenant_id) {
    return fail(Error::status(HttpStatus::kUnauthorized, std::string(rules.names().title) +
                                                             " APIs need a key for all tenants"));
  }
  return {};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::vector<store::ConfigDocument> ConfigDocumentService::all_of(ConfigKind kind) const {
  return store_.list_documents(rules_for(kind).names().store_kind);
}

std::optional<store::ConfigDocument> ConfigDocumentService::find_of(ConfigKind kind,
                                                                    const Uuid& id) const {
  return store_.find_document(rules_for(kind).names().store_kind, id);
}

void ConfigDocumentService::install_defaults() {
  for (const ConfigKind kind : all_config_kinds()) {
    const auto& rules = rules_for(kind);
    const Instant now = clock_.now();
    std::vector<store::ConfigDocument> docs;
    for (auto doc : rules.defaults(*this)) {
      const auto given = json::get_string(doc, "id").and_then(Uuid::parse);
      const Uuid id = given ? *given : crypto::random_uuid();
      doc["id"] = id.str();
      stamp_created(doc, now);
      std::string name = json::get_string(doc, "name").value_or("");
      docs.push_back({std::string(rules.names().store_kind), id, std::nullopt, std::move(name),
                      std::move(doc), now, now});
    }
    (void)store_.install_defaults(rules.names().store_kind, docs);
  }
}

// Validates `doc` as the next version of document `id` (previous: the stored one, on update)
// and writes it. Nothing is written unless every rule passed.
Result<json::object> ConfigDocumentService::write(ConfigKind kind, const Uuid& id, json::object doc,
                                                  const store::ConfigDocument* previous) {
  const auto& rules = rules_for(kind);
  const auto& names = rules.names();
  LATCHKEY_CHECK(require_field_types(doc, names.envelope, rules.fields()));
  if (previous != nullptr) {
    // Members fixed at creation keep their stored values, whatever the update says.
    for (const auto member : rules.fixed_at_creation()) {
      if (const auto* kept = previous->data.if_contains(member)) {
        doc[member] = *kept;
      } else {
        doc.erase(member);
      }
    }
  }
  rules.apply_defaults(doc);
  Validation validation;
  rules.validate(doc, previous != nullptr ? &previous->data : nullptr, *this, validation);
  const std::string name = json::get_string(doc, "name").value_or("");
  if (rules.unique_names() && !name.empty()) {
    for (const auto& other : all_of(kind)) {
      if (other.id != id && lower(other.name) == lower(name)) {
        const std::string field = std::string(names.envelope) + ".name";
        validation.add(
            field, "[duplicate]" + field,
            "A " + std::string(names.title) + " with name [" + name + "] already exists.");
        break;
      }
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const Instant now = clock_.now();
  doc["id"] = id.str();
  store::ConfigDocument row{std::string(names.store_kind), id, std::nullopt, name, {}, now, now};
  if (previous == nullptr) {
    stamp_created(doc, now);
    row.data = doc;
    if (!store_.insert_document(row)) {
      const std::string field(names.id_field);
      return fail(Error::field(
          HttpStatus::kBadRequest, field, "[duplicate]" + field,
          "A " + std::string(names.title) + " with Id [" + id.str() + "] already exists."));
    }
  } else {
    stamp_updated(doc, previous->data, now, {});
    row.insert_instant = previous->insert_instant;
    row.data = doc;
    if (!store_.update_document(row)) return fail(not_found());
  }
  return doc;
}

Result<json::object> ConfigDocumentService::create(const Caller& caller, ConfigKind kind,
                                                   const std::optional<Uuid>& id,
                                                   json::object doc) {
  LATCHKEY_CHECK(require_global_caller(caller, rules_for(kind)));
  return write(kind, choose_id(id), std::move(doc), nullptr);
}

Result<json::object> ConfigDocumentService::retrieve(const Caller& caller, ConfigKind kind,
                                                     const Uuid& id) const {
  LATCHKEY_CHECK(require_global_caller(caller, rules_for(kind)));
  auto found = find_of(kind, id);
  if (!found) return fail(not_found());
  return std::move(found->data);
}

Result<std::vector<json::object>> ConfigDocumentService::list(const Caller& caller, ConfigKind kind,
                                                              const json::object& exact) const {
  LATCHKEY_CHECK(require_global_caller(caller, rules_for(kind)));
  std::vector<json::object> out;
  for (auto& doc : all_of(kind)) {
    const bool matches = std::ranges::all_of(exact, [&](const auto& member) {
      const auto* value = doc.data.if_contains(member.key());
      return value != nullptr && *value == member.value();
    });
    if (matches) out.push_back(std::move(doc.data));
  }
  return out;
}

Result<json::object> ConfigDocumentService::update(const Caller& caller, ConfigKind kind,
                                                   const Uuid& id, json::object doc) {
  LATCHKEY_CHECK(require_global_caller(caller, rules_for(kind)));
  const auto previous = find_of(kind, id);
  if (!previous) return fail(not_found());
  return write(kind, id, std::move(doc), &*previous);
}

Result<json::object> ConfigDocumentService::patch(const Caller& caller, ConfigKind kind,
                                                  const Uuid& id, const json::object& patch,
                                                  PatchStyle style) {
  LATCHKEY_CHECK(require_global_caller(caller, rules_for(kind)));
  const auto previous = find_of(kind, id);
  if (!previous) return fail(not_found());
  return write(kind, id, patched(previous->data, patch, style), &*previous);
}

Status ConfigDocumentService::remove(const Caller& caller, ConfigKind kind, const Uuid& id) {
  const auto& rules = rules_for(kind);
  LATCHKEY_CHECK(require_global_caller(caller, rules));
  if (!find_of(kind, id)) return fail(not_found());
  LATCHKEY_CHECK(rules.check_delete(id, *this));
  if (!store_.delete_document(rules.names().store_kind, id)) return fail(not_found());
  return {};
}

Result<SearchPage> ConfigDocumentService::search(const Caller& caller, ConfigKind kind,
                                                 const json::object& criteria) const {
  const auto& rules = rules_for(kind);
  LATCHKEY_CHECK(require_global_caller(caller, rules));
  return search_documents(all_of(kind), criteria, rules.search());
}

}  // namespace latchkey::services
