#pragma once
// The email template kind's own rules (email_template_rules.cpp); the shared CRUD is
// config_document_service.hpp.

#include "services/configuration/config_kind.hpp"

namespace latchkey::services {

const DocumentRules& email_template_rules();

}  // namespace latchkey::services
