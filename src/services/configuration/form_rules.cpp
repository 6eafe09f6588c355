// Forms (FusionAuth apis/custom-forms/forms): a unique name, a type (fixed at creation) and at
// least one step; every field a step names must be an existing form field, and the
// verification steps belong to registration forms only.
#include <set>
#include <string>

#include "services/common/document_rules.hpp"
#include "services/configuration/form_rules.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

constexpr FieldSpec kStep[] = {{"fields", kUuidArray}, {"type", kString}};
constexpr FieldSpec kFormFields[] = {
    {"id", kUuid},     {"name", kString}, {"type", kString}, {"steps", kObjectArray, kStep},
    {"data", kObject},
};

constexpr DocumentNames kNames{"form", "form", "forms", "formId", "Form"};

constexpr std::string_view kTypes[] = {"registration", "adminRegistration", "adminUser",
                                       "selfServiceUser"};
constexpr std::string_view kStepTypes[] = {"collectData", "verifyEmail", "verifyPhoneNumber"};
constexpr std::string_view kFixed[] = {"type"};

// The ids kickstart's #{FUSIONAUTH_FORM[adminUser]_ID} and #{FUSIONAUTH_FORM[adminRegistration]_ID}
// name (services/kickstart/kickstart_builtins.cpp; a unit test keeps them equal).
constexpr std::string_view kDefaultAdminUserFormId = "99a0f4c2-e8ac-4db6-b3ca-3f508738d9df";
constexpr std::string_view kDefaultAdminRegistrationFormId = "693f1729-3f74-4d54-b302-f35bfd78ef90";

class FormRules final : public DocumentRules {
 public:
  [[nodiscard]] const DocumentNames& names() const override { return kNames; }
  [[nodiscard]] Schema fields() const override { return kFormFields; }

  void apply_defaults(json::object& doc) const override {
    json::set_default(doc, "type", "registration");
    json::set_default(doc, "data", json::object{});
    if (auto* steps = doc.if_contains("steps"); steps != nullptr && steps->is_array()) {
      for (auto& step : steps->as_array()) {
        if (!step.is_object()) continue;
        json::set_default(step.as_object(), "type", "collectData");
        json::set_default(step.as_object(), "fields", json::array{});
      }
    }
  }

  void validate(const json::object& doc, const json::object* /*previous*/,
                const DocumentLookup& lookup, Validation& validation) const override {
    require_text(doc, kNames.envelope, "name", validation);
    require_enum(doc, kNames.envelope, "type", kTypes, validation);
    const auto* steps = json::get_array(doc, "steps");
    if (steps == nullptr || steps->empty()) {
      validation.add("form.steps", "[missing]form.steps",
                     "You must specify at least one step in the [form.steps] property.");
      return;
    }
    const bool registration = json::get_string(doc, "type") == "registration";
    std::set<std::string> seen;
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const auto& step = (*steps)[i].as_object();  // the schema made each element an object
      const std::string where = "step [" + std::to_string(i) + "]";
      require_enum(step, "form.steps", "type", kStepTypes, validation);
      const auto type = json::get_string(step, "type").value_or("collectData");
      if (type != "collectData" && !registration) {
        validation.add("form.steps.type", "[invalid]form.steps.type",
                       "The step type [" + type + "] of " + where +
                           " is only allowed on a [registration] form.");
      }
      const auto* fields = json::get_array(step, "fields");
      if (type == "collectData" && (fields == nullptr || fields->empty())) {
        validation.add("form.steps.fields", "[missing]form.steps.fields",
                       "You must specify at least one form field in " + where + ".");
        continue;
      }
      if (fields == nullptr) continue;
      for (const auto& field : *fields) {
        const std::string field_id(field.as_string());
        const auto parsed = Uuid::parse(field_id);
        if (!parsed || !lookup.find_of(ConfigKind::kFormField, *parsed)) {
          validation.add("form.steps.fields", "[invalid]form.steps.fields",
                         "The form field [" + field_id + "] in " + where + " does not exist.");
        } else if (!seen.insert(field_id).second) {
          validation.add("form.steps.fields", "[duplicate]form.steps.fields",
                         "The form field [" + field_id + "] is used more than once.");
        }
      }
    }
  }

  [[nodiscard]] std::span<const std::string_view> fixed_at_creation() const override {
    return kFixed;
  }
  [[nodiscard]] bool unique_names() const override { return true; }

  [[nodiscard]] std::vector<json::object> defaults(const DocumentLookup& lookup) const override {
    json::array user_fields;
    json::array registration_fields;
    for (const auto& field : lookup.all_of(ConfigKind::kFormField)) {
      if (!field.name.starts_with("[FusionAuth Default] ")) continue;
      const auto key = json::get_string(field.data, "key").value_or("");
      (key.starts_with("user.") ? user_fields : registration_fields).emplace_back(field.id.str());
    }
    auto form = [](std::string_view id, std::string_view name, std::string_view type,
                   json::array fields) {
      return json::object{{"id", id},
                          {"name", name},
                          {"type", type},
                          {"data", json::object{}},
                          {"steps", json::array{json::object{{"type", "collectData"},
                                                             {"fields", std::move(fields)}}}}};
    };
    std::vector<json::object> out;
    if (!user_fields.empty()) {
      out.push_back(
          form(kDefaultAdminUserFormId, "Default User Form", "adminUser", std::move(user_fields)));
    }
    if (!registration_fields.empty()) {
      out.push_back(form(kDefaultAdminRegistrationFormId, "Default Registration Form",
                         "adminRegistration", std::move(registration_fields)));
    }
    return out;
  }
};

}  // namespace

const DocumentRules& form_rules() {
  static const FormRules rules;
  return rules;
}

}  // namespace latchkey::services
