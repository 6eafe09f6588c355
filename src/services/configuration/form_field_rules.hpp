#pragma once
// The form field kind's own rules (form_field_rules.cpp); the shared CRUD is
// config_document_service.hpp.

#include "services/configuration/config_kind.hpp"

namespace latchkey::services {

const DocumentRules& form_field_rules();

}  // namespace latchkey::services
