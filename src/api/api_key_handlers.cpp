#include "api/api_key_handlers.hpp"

#include "api/request_input.hpp"
#include "api/views.hpp"

namespace latchkey::api {
namespace {

http::Response key_response(const services::ApiKeyView& key) {
  return http::Response::json(HttpStatus::kOk, json::object{{"apiKey", api_key_view(key)}});
}

}  // namespace

Result<http::Response> create_api_key(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "apiKeyId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApiKeyRequest));
  LATCHKEY_TRY(auto api_key, envelope(body.json(), "apiKey"));
  LATCHKEY_TRY(const auto created, services.api_keys.create(caller, id, std::move(api_key)));
  return key_response(created);
}

Result<http::Response> retrieve_api_key(http::Request& request, ApiServices& services,
                                        const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "apiKeyId"));
  LATCHKEY_TRY(const auto key, services.api_keys.retrieve(caller, id));
  return key_response(key);
}

Result<http::Response> update_api_key(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "apiKeyId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApiKeyRequest));
  LATCHKEY_TRY(auto api_key, envelope(body.json(), "apiKey"));
  LATCHKEY_TRY(const auto updated, services.api_keys.update(caller, id, std::move(api_key)));
  return key_response(updated);
}

Result<http::Response> patch_api_key(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "apiKeyId"));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kApiKeyRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "apiKey"));
  LATCHKEY_TRY(const auto updated, services.api_keys.patch(caller, id, patch, style));
  return key_response(updated);
}

Result<http::Response> delete_api_key(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "apiKeyId"));
  LATCHKEY_CHECK(services.api_keys.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> status(http::Request&, ApiServices& services) {
  if (!services.health.healthy()) {
    return http::Response::json(HttpStatus::kInternalServerError,
                                json::object{{"database", "unavailable"}});
  }
  return http::Response::json(HttpStatus::kOk, json::object{{"status", "ok"}});
}

}  // namespace latchkey::api
