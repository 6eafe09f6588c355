#pragma once
// One kind of configuration document (email template, form, form field, lambda, ...): what it
// is called on the wire and the rules that are its own. Every kind shares one CRUD service
// (config_document_service.hpp), one store (store/config_document_store.hpp) and one set of
// handlers (api/config_document_handlers.hpp); a kind adds only a rules file here.
//
//   const DocumentRules& rules = rules_for(ConfigKind::kLambda);
//   rules.validate(doc, nullptr, lookup, validation);
//
// A new kind: one ConfigKind value, one *_rules.cpp, one line in config_kinds.cpp, its routes.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"
#include "services/common/field_reader.hpp"
#include "store/config_document_store.hpp"

namespace latchkey::services {

enum class ConfigKind { kEmailTemplate, kForm, kFormField, kLambda };

// The names a kind goes by.
struct DocumentNames {
  std::string_view store_kind;  // the store's `kind`: "email-template"
  std::string_view envelope;    // the request/response member: "emailTemplate"
  std::string_view plural;      // the list member: "emailTemplates"
  std::string_view id_field;    // the path parameter and duplicate-id field: "emailTemplateId"
  std::string_view title;       // for messages: "Email Template"
};

// What a kind's search accepts beyond FusionAuth's common name/orderBy/startRow/
// numberOfResults (e.g. a lambda's `body` text and exact `type`).
struct SearchSpec {
  std::span<const std::string_view> text_fields;   // case-insensitive wildcard, as `name`
  std::span<const std::string_view> exact_fields;  // equal, case-sensitive (enum values)
  std::span<const std::string_view> order_fields;  // beyond id, insertInstant and name
};

// The other documents a kind's rules may consult (a form's steps name form fields; a field in
// use by a form cannot be deleted).
class DocumentLookup {
 public:
  virtual ~DocumentLookup() = default;
  [[nodiscard]] virtual std::vector<store::ConfigDocument> all_of(ConfigKind kind) const = 0;
  [[nodiscard]] virtual std::optional<store::ConfigDocument> find_of(ConfigKind kind,
                                                                     const Uuid& id) const = 0;
};

class DocumentRules {
 public:
  virtual ~DocumentRules() = default;

  [[nodiscard]] virtual const DocumentNames& names() const = 0;
  // The document's typed fields, read as FusionAuth's Jackson binding would (field_reader.hpp).
  [[nodiscard]] virtual Schema fields() const = 0;
  // Fills FusionAuth's defaults in a document about to be validated (create and update).
  virtual void apply_defaults(json::object& doc) const = 0;
  // Adds each problem of `doc` to `validation`; `previous` is the stored version on update.
  virtual void validate(const json::object& doc, const json::object* previous,
                        const DocumentLookup& lookup, Validation& validation) const = 0;
  // Members fixed at creation: on update they are carried over from the stored version.
  [[nodiscard]] virtual std::span<const std::string_view> fixed_at_creation() const { return {}; }
  // Whether `name` must be unique within the kind (FusionAuth: "the unique name of the Form").
  [[nodiscard]] virtual bool unique_names() const { return false; }
  // Why the document may not be deleted now, if it may not.
  [[nodiscard]] virtual Status check_delete(const Uuid& /*id*/,
                                            const DocumentLookup& /*lookup*/) const {
    return {};
  }
  [[nodiscard]] virtual SearchSpec search() const { return {}; }
  // The documents FusionAuth creates on a fresh install, without ids where FusionAuth's are
  // random (the service gives each a fresh one) and with them where a kickstart built-in names
  // them. Installed once per database, before kickstart runs.
  [[nodiscard]] virtual std::vector<json::object> defaults(const DocumentLookup& /*lookup*/) const {
    return {};
  }
};

const DocumentRules& rules_for(ConfigKind kind);
// Every kind, in the order their defaults install (form fields before the forms naming them).
std::span<const ConfigKind> all_config_kinds();

// Helpers the rules files share.
// [blank]<envelope>.<member> when the member is absent, null or blank text.
void require_text(const json::object& doc, std::string_view envelope, std::string_view member,
                  Validation& validation);
// [invalidJSON]<envelope>.<member> when a present member is not one of `allowed`, as FusionAuth's
// binding answers an unknown enum constant.
void require_enum(const json::object& doc, std::string_view envelope, std::string_view member,
                  std::span<const std::string_view> allowed, Validation& validation);

}  // namespace latchkey::services
