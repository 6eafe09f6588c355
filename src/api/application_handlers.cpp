#include "api/application_handlers.hpp"

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

http::Response application_response(const domain::Application& application) {
  return http::Response::json(HttpStatus::kOk, json::object{{"application", application.data}});
}

http::Response role_response(const services::ApplicationWithRole& result) {
  return http::Response::json(
      HttpStatus::kOk,
      json::object{{"application", result.application.data}, {"role", result.role}});
}

Result<http::Response> write_role(http::Request& request, ApiServices& services,
                                  const services::Caller& caller, bool merge) {
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto role_id, path_id(request, "roleId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApplicationRequest));
  LATCHKEY_TRY(auto role, envelope(body.json(), "role"));
  LATCHKEY_TRY(const auto updated, services.applications.update_role(
                                       caller, application_id, role_id, std::move(role), merge));
  return role_response(updated);
}

http::Response scope_response(json::object scope) {
  return http::Response::json(HttpStatus::kOk, json::object{{"scope", std::move(scope)}});
}

Result<http::Response> write_scope(http::Request& request, ApiServices& services,
                                   const services::Caller& caller,
                                   std::optional<services::PatchStyle> patch) {
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto scope_id, path_id(request, "scopeId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApplicationOAuthScopeRequest));
  LATCHKEY_TRY(auto scope, envelope(body.json(), "scope"));
  LATCHKEY_TRY(auto updated, services.applications.update_scope(caller, application_id, scope_id,
                                                                std::move(scope), patch));
  return scope_response(std::move(updated));
}

}  // namespace

Result<http::Response> create_application(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApplicationRequest));
  LATCHKEY_TRY(auto application, envelope(body.json(), "application"));
  // ApplicationRequest.role: a role created with the application.
  if (const auto* role = body.object("role")) {
    auto& roles = application["roles"];
    if (!roles.is_array()) roles = json::array();
    roles.as_array().push_back(*role);
  }
  LATCHKEY_TRY(const auto created,
               services.applications.create(caller, id, std::move(application)));
  return application_response(created);
}

Result<http::Response> retrieve_applications(http::Request& request, ApiServices& services,
                                             const services::Caller& caller) {
  json::array applications;
  for (const auto& application :
       services.applications.list(caller, query_flag(request, "inactive"))) {
    applications.push_back(application.data);
  }
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"applications", std::move(applications)}});
}

Result<http::Response> retrieve_application(http::Request& request, ApiServices& services,
                                            const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto application, services.applications.retrieve(caller, id));
  return application_response(application);
}

Result<http::Response> update_application(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "applicationId"));
  if (query_flag(request, "reactivate")) {
    LATCHKEY_TRY(const auto reactivated, services.applications.reactivate(caller, id));
    return application_response(reactivated);
  }
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApplicationRequest));
  LATCHKEY_TRY(auto application, envelope(body.json(), "application"));
  LATCHKEY_TRY(const auto updated,
               services.applications.update(caller, id, std::move(application)));
  return application_response(updated);
}

Result<http::Response> patch_application(http::Request& request, ApiServices& services,
                                         const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApplicationRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "application"));
  LATCHKEY_TRY(const auto updated, services.applications.patch(caller, id, patch, style));
  return application_response(updated);
}

Result<http::Response> delete_application(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "applicationId"));
  LATCHKEY_CHECK(services.applications.remove(caller, id, query_flag(request, "hardDelete")));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> create_application_role(http::Request& request, ApiServices& services,
                                               const services::Caller& caller) {
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto role_id, optional_path_id(request, "roleId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApplicationRequest));
  LATCHKEY_TRY(auto role, envelope(body.json(), "role"));
  LATCHKEY_TRY(const auto created,
               services.applications.create_role(caller, application_id, role_id, std::move(role)));
  return role_response(created);
}

Result<http::Response> update_application_role(http::Request& request, ApiServices& services,
                                               const services::Caller& caller) {
  return write_role(request, services, caller, false);
}

Result<http::Response> patch_application_role(http::Request& request, ApiServices& services,
                                              const services::Caller& caller) {
  return write_role(request, services, caller, true);
}

Result<http::Response> delete_application_role(http::Request& request, ApiServices& services,
                                               const services::Caller& caller) {
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto role_id, path_id(request, "roleId"));
  LATCHKEY_CHECK(services.applications.remove_role(caller, application_id, role_id));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> create_application_scope(http::Request& request, ApiServices& services,
                                                const services::Caller& caller) {
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto scope_id, optional_path_id(request, "scopeId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApplicationOAuthScopeRequest));
  LATCHKEY_TRY(auto scope, envelope(body.json(), "scope"));
  LATCHKEY_TRY(auto created, services.applications.create_scope(caller, application_id, scope_id,
                                                                std::move(scope)));
  return scope_response(std::move(created));
}

Result<http::Response> retrieve_application_scope(http::Request& request, ApiServices& services,
                                                  const services::Caller& caller) {
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto scope_id, path_id(request, "scopeId"));
  LATCHKEY_TRY(auto scope, services.applications.retrieve_scope(caller, application_id, scope_id));
  return scope_response(std::move(scope));
}

Result<http::Response> update_application_scope(http::Request& request, ApiServices& services,
                                                const services::Caller& caller) {
  return write_scope(request, services, caller, std::nullopt);
}

Result<http::Response> patch_application_scope(http::Request& request, ApiServices& services,
                                               const services::Caller& caller) {
  LATCHKEY_TRY(const auto style, patch_style(request));
  return write_scope(request, services, caller, style);
}

Result<http::Response> delete_application_scope(http::Request& request, ApiServices& services,
                                                const services::Caller& caller) {
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto scope_id, path_id(request, "scopeId"));
  LATCHKEY_CHECK(services.applications.remove_scope(caller, application_id, scope_id));
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
