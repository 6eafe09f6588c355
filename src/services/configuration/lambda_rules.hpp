#pragma once
// The lambda kind's own rules (lambda_rules.cpp); the shared CRUD is config_document_service.hpp.

#include "services/configuration/config_kind.hpp"

namespace latchkey::services {

const DocumentRules& lambda_rules();

}  // namespace latchkey::services
