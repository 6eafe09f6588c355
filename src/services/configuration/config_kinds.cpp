#include <algorithm>
#include <array>
#include <string>

#include "services/common/document_rules.hpp"
#include "services/configuration/config_kind.hpp"
#include "services/configuration/email_template_rules.hpp"
#include "services/configuration/form_field_rules.hpp"
#include "services/configuration/form_rules.hpp"
#include "services/configuration/lambda_rules.hpp"

namespace latchkey::services {

const DocumentRules& rules_for(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kEmailTemplate:
      return email_template_rules();
    case ConfigKind::kForm:
      return form_rules();
    case ConfigKind::kFormField:
      return form_field_rules();
    case ConfigKind::kLambda:
      return lambda_rules();
  }
  return lambda_rules();  // unreachable: every enumerator is handled above
}

std::span<const ConfigKind> all_config_kinds() {
  static constexpr std::array kKinds{ConfigKind::kEmailTemplate, ConfigKind::kFormField,
                                     ConfigKind::kForm, ConfigKind::kLambda};
  return kKinds;
}

void require_text(const json::object& doc, std::string_view envelope, std::string_view member,
                  Validation& validation) {
  if (!is_blank(doc, member)) return;
  const std::string field = std::string(envelope) + "." + std::string(member);
  validation.add(field, "[blank]" + field, "You must specify the [" + field + "] property.");
}

void require_enum(const json::object& doc, std::string_view envelope, std::string_view member,
                  std::span<const std::string_view> allowed, Validation& validation) {
  const auto* value = doc.if_contains(member);
  if (value == nullptr || value->is_null()) return;
  if (value->is_string() &&
      std::ranges::find(allowed, std::string_view(value->as_string())) != allowed.end()) {
    return;
  }
  const std::string field = std::string(envelope) + "." + std::string(member);
  std::string list;
  for (const auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
  validation.add(field, "[invalidJSON]",
                 "Invalid JSON in the request body. The property [" + field + "] must be one of [" +
                     list + "].");
}

}  // namespace latchkey::services
