// Form fields (FusionAuth apis/custom-forms/form-fields): a unique name and a key that is
// either one of FusionAuth's managed keys (whose control and data type FusionAuth sets) or a
// custom user.data.* / registration.data.* path. Key, control and type are fixed at creation;
// a field that a form uses cannot be deleted.
// GCC 12 with -O2 and ASan reports a false -Wmaybe-uninitialized inside libstdc++'s
// std::regex (std::function in its NFA states); it is instantiated at the end of this file, so
// push/pop around the include would not cover it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <algorithm>
#include <array>
#include <regex>
#include <string>

#include "services/common/document_rules.hpp"
#include "services/configuration/form_field_rules.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

constexpr FieldSpec kValidator[] = {{"enabled", kBool}, {"expression", kString}};
constexpr FieldSpec kFormFieldFields[] = {
    {"id", kUuid},
    {"name", kString},
    {"key", kString},
    {"control", kString},
    {"type", kString},
    {"description", kString},
    {"confirm", kBool},
    {"required", kBool},
    {"consentId", kUuid},
    {"options", kStringArray},
    {"validator", kObject, kValidator},
    {"data", kObject},
};

constexpr DocumentNames kNames{"form-field", "field", "fields", "fieldId", "Form Field"};

constexpr std::string_view kControls[] = {"checkbox", "number",   "password", "radio",
                                          "select",   "textarea", "text"};
constexpr std::string_view kTypes[] = {"bool",   "consent",     "date",  "email",
                                       "number", "phoneNumber", "string"};
constexpr std::string_view kFixed[] = {"key", "control", "type"};

// FusionAuth's managed keys and the control and data type it gives each.
struct ManagedKey {
  std::string_view key;
  std::string_view control;
  std::string_view type;
};
constexpr ManagedKey kManaged[] = {
    {"registration.preferredLanguages", "select", "string"},
    {"registration.roles", "checkbox", "string"},
    {"registration.timezone", "select", "string"},
    {"registration.username", "text", "string"},
    {"user.birthDate", "text", "date"},
    {"user.email", "text", "email"},
    {"user.firstName", "text", "string"},
    {"user.fullName", "text", "string"},
    {"user.imageUrl", "text", "string"},
    {"user.lastName", "text", "string"},
    {"user.middleName", "text", "string"},
    {"user.mobilePhone", "text", "string"},
    {"user.password", "password", "string"},
    {"user.phoneNumber", "text", "phoneNumber"},
    {"user.preferredLanguages", "select", "string"},
    {"user.timezone", "select", "string"},
    {"user.username", "text", "string"},
};

const ManagedKey* managed(std::string_view key) {
  const auto* found = std::ranges::find(kManaged, key, &ManagedKey::key);
  return found == std::end(kManaged) ? nullptr : found;
}

// A custom key: user.data.<path> or registration.data.<path>, the path made of names (letters,
// digits, _ and -) joined by dots, each optionally followed by [0] or ['name'] selectors.
bool valid_custom_key(std::string_view key) {
  static const std::regex kCustom(
      R"(^(user|registration)\.data\.[A-Za-z0-9_\-]+(\[(\d+|'[A-Za-z0-9_\-]+')\])*)"
      R"((\.[A-Za-z0-9_\-]+(\[(\d+|'[A-Za-z0-9_\-]+')\])*)*$)");
  return std::regex_match(key.begin(), key.end(), kCustom);
}

bool valid_pattern(const std::string& pattern) {
  try {
    const std::regex compiled(pattern);
    return true;
  } catch (const std::regex_error&) {
    return false;
  }
}

class FormFieldRules final : public DocumentRules {
 public:
  [[nodiscard]] const DocumentNames& names() const override { return kNames; }
  [[nodiscard]] Schema fields() const override { return kFormFieldFields; }

  void apply_defaults(json::object& doc) const override {
    const auto key = json::get_string(doc, "key").value_or("");
    if (const auto* m = managed(key)) {
      // Managed keys: FusionAuth sets the control and type; what the request says is ignored.
      doc["control"] = m->control;
      doc["type"] = m->type;
    }
    json::set_default(doc, "control", "text");
    json::set_default(doc, "type", "string");
    json::set_default(doc, "confirm", false);
    json::set_default(doc, "required", false);
    json::set_default(doc, "options", json::array{});
    json::set_default(doc, "data", json::object{});
    auto& validator = json::ensure_object(doc, "validator");
    json::set_default(validator, "enabled", false);
  }

  void validate(const json::object& doc, const json::object* /*previous*/,
                const DocumentLookup& /*lookup*/, Validation& validation) const override {
    require_text(doc, kNames.envelope, "name", validation);
    if (is_blank_key(doc)) {
      require_text(doc, kNames.envelope, "key", validation);
    } else if (const auto key = json::get_string(doc, "key").value_or("");
               managed(key) == nullptr && !valid_custom_key(key)) {
      validation.add("field.key", "[invalid]field.key",
                     "The [field.key] must be a FusionAuth managed key or start with [user.data.] "
                     "or [registration.data.] followed by a name without spaces or special "
                     "characters.");
    }
    require_enum(doc, kNames.envelope, "control", kControls, validation);
    require_enum(doc, kNames.envelope, "type", kTypes, validation);
    const auto control = json::get_string(doc, "control").value_or("");
    const auto* options = json::get_array(doc, "options");
    if ((control == "radio" || control == "select") && (options == nullptr || options->empty()) &&
        managed(json::get_string(doc, "key").value_or("")) == nullptr) {
      validation.add(
          "field.options", "[missing]field.options",
          "You must specify the [field.options] property for a [" + control + "] control.");
    }
    if (json::get_string(doc, "type") == "consent" && is_blank(doc, "consentId")) {
      validation.add("field.consentId", "[missing]field.consentId",
                     "You must specify the [field.consentId] property for a [consent] field.");
    }
    if (json::get_bool(doc, "validator.enabled").value_or(false)) {
      const auto expression = json::get_string(doc, "validator.expression");
      if (!expression || expression->empty()) {
        validation.add("field.validator.expression", "[missing]field.validator.expression",
                       "You must specify the [field.validator.expression] when the validator is "
                       "enabled.");
      } else if (!valid_pattern(*expression)) {
        validation.add("field.validator.expression", "[invalid]field.validator.expression",
                       "The [field.validator.expression] is not a valid regular expression.");
      }
    }
  }

  [[nodiscard]] std::span<const std::string_view> fixed_at_creation() const override {
    return kFixed;
  }
  [[nodiscard]] bool unique_names() const override { return true; }

  [[nodiscard]] Status check_delete(const Uuid& id, const DocumentLookup& lookup) const override {
    const std::string& wanted = id.str();
    for (const auto& form : lookup.all_of(ConfigKind::kForm)) {
      const auto* steps = json::get_array(form.data, "steps");
      if (steps == nullptr) continue;
      for (const auto& step : *steps) {
        const auto* fields =
            step.is_object() ? json::get_array(step.as_object(), "fields") : nullptr;
        if (fields == nullptr) continue;
        for (const auto& field : *fields) {
          if (field.is_string() && field.as_string() == wanted) {
            return fail(Error::field(HttpStatus::kBadRequest, "fieldId", "[inUse]fieldId",
                                     "The Form Field [" + wanted + "] is in use by the Form [" +
                                         form.name + "] and cannot be deleted."));
          }
        }
      }
    }
    return {};
  }

  [[nodiscard]] std::vector<json::object> defaults(
      const DocumentLookup& /*lookup*/) const override {
    // The fields of FusionAuth's default admin user and registration forms (form_rules.cpp).
    static constexpr std::pair<std::string_view, std::string_view> kDefaultFields[] = {
        {"user.email", "Email"},
        {"user.username", "Username"},
        {"user.password", "Password"},
        {"user.firstName", "First name"},
        {"user.lastName", "Last name"},
        {"user.birthDate", "Birthdate"},
        {"user.mobilePhone", "Mobile phone"},
        {"registration.username", "Registration username"},
        {"registration.roles", "Registration roles"},
        {"registration.preferredLanguages", "Registration preferred languages"},
        {"registration.timezone", "Registration timezone"},
    };
    std::vector<json::object> out;
    for (const auto& [key, label] : kDefaultFields) {
      json::object doc{{"key", key}, {"name", "[FusionAuth Default] " + std::string(label)}};
      apply_defaults(doc);
      out.push_back(std::move(doc));
    }
    return out;
  }

 private:
  static bool is_blank_key(const json::object& doc) { return is_blank(doc, "key"); }
};

}  // namespace

const DocumentRules& form_field_rules() {
  static const FormFieldRules rules;
  return rules;
}

}  // namespace latchkey::services
