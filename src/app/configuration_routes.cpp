#include "api/config_document_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

using enum services::ConfigKind;

// Configuration documents (services/configuration/): FusionAuth's Email Template, Form, Form
// Field and Lambda APIs, every kind on the same generic handlers. FusionAuth searches email
// templates and lambdas only. POST /api/email/template/preview renders FreeMarker, which
// Latchkey does not run yet: 501 (app/unserved_routes.cpp).
RouteTable configuration_routes() {
  return {
      {"POST", "/api/email/template", Auth::kApiKey, api::create_document<kEmailTemplate>},
      {"POST", "/api/email/template/{emailTemplateId}", Auth::kApiKey,
       api::create_document<kEmailTemplate>},
      {"GET", "/api/email/template", Auth::kApiKey, api::retrieve_documents<kEmailTemplate>},
      {"GET", "/api/email/template/{emailTemplateId}", Auth::kApiKey,
       api::retrieve_document<kEmailTemplate>},
      {"PUT", "/api/email/template/{emailTemplateId}", Auth::kApiKey,
       api::update_document<kEmailTemplate>},
      {"PATCH", "/api/email/template/{emailTemplateId}", Auth::kApiKey,
       api::patch_document<kEmailTemplate>},
      {"DELETE", "/api/email/template/{emailTemplateId}", Auth::kApiKey,
       api::delete_document<kEmailTemplate>},
      {"POST", "/api/email/template/search", Auth::kApiKey, api::search_documents<kEmailTemplate>},
      {"GET", "/api/email/template/search", Auth::kApiKey, api::search_documents<kEmailTemplate>},
      {"POST", "/api/form/field", Auth::kApiKey, api::create_document<kFormField>},
      {"POST", "/api/form/field/{fieldId}", Auth::kApiKey, api::create_document<kFormField>},
      {"GET", "/api/form/field", Auth::kApiKey, api::retrieve_documents<kFormField>},
      {"GET", "/api/form/field/{fieldId}", Auth::kApiKey, api::retrieve_document<kFormField>},
      {"PUT", "/api/form/field/{fieldId}", Auth::kApiKey, api::update_document<kFormField>},
      {"PATCH", "/api/form/field/{fieldId}", Auth::kApiKey, api::patch_document<kFormField>},
      {"DELETE", "/api/form/field/{fieldId}", Auth::kApiKey, api::delete_document<kFormField>},
      {"POST", "/api/form", Auth::kApiKey, api::create_document<kForm>},
      {"POST", "/api/form/{formId}", Auth::kApiKey, api::create_document<kForm>},
      {"GET", "/api/form", Auth::kApiKey, api::retrieve_documents<kForm>},
      {"GET", "/api/form/{formId}", Auth::kApiKey, api::retrieve_document<kForm>},
      {"PUT", "/api/form/{formId}", Auth::kApiKey, api::update_document<kForm>},
      {"PATCH", "/api/form/{formId}", Auth::kApiKey, api::patch_document<kForm>},
      {"DELETE", "/api/form/{formId}", Auth::kApiKey, api::delete_document<kForm>},
      {"POST", "/api/lambda", Auth::kApiKey, api::create_document<kLambda>},
      {"POST", "/api/lambda/{lambdaId}", Auth::kApiKey, api::create_document<kLambda>},
      {"GET", "/api/lambda", Auth::kApiKey, api::retrieve_documents<kLambda>},
      {"GET", "/api/lambda/{lambdaId}", Auth::kApiKey, api::retrieve_document<kLambda>},
      {"PUT", "/api/lambda/{lambdaId}", Auth::kApiKey, api::update_document<kLambda>},
      {"PATCH", "/api/lambda/{lambdaId}", Auth::kApiKey, api::patch_document<kLambda>},
      {"DELETE", "/api/lambda/{lambdaId}", Auth::kApiKey, api::delete_document<kLambda>},
      {"POST", "/api/lambda/search", Auth::kApiKey, api::search_documents<kLambda>},
      {"GET", "/api/lambda/search", Auth::kApiKey, api::search_documents<kLambda>},
  };
}

}  // namespace latchkey::app
