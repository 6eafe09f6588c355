#pragma once
// The JSON types of the FusionAuth fields Latchkey interprets. FusionAuth binds request bodies
// to typed classes, so a string where a boolean belongs is a 400, never a silent coercion or a
// crash further down; Latchkey keeps documents as JSON and checks the same thing here.

#include <span>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace latchkey::services {

enum class JsonKind { kString, kBool, kInteger, kObject, kArray, kStringArray };

struct FieldType {
  std::string_view path;  // dotted, relative to the checked object
  JsonKind kind;
};

// Adds a `[invalidJSON]<prefix>.<path>` field error for every present, non-null field whose
// JSON type is not the declared one.
void check_field_types(const json::object& doc, std::string_view prefix,
                       std::span<const FieldType> fields, Validation& validation);

// The same, as a Status: 400 listing every mistyped field, checked before any other rule reads
// the document.
Status require_field_types(const json::object& doc, std::string_view prefix,
                           std::span<const FieldType> fields);

extern const std::span<const FieldType> kUserFields;
extern const std::span<const FieldType> kApplicationFields;
extern const std::span<const FieldType> kTenantFields;
extern const std::span<const FieldType> kRegistrationFields;
extern const std::span<const FieldType> kApiKeyFields;
extern const std::span<const FieldType> kWebhookFields;

}  // namespace latchkey::services
