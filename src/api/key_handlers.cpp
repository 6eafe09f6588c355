#include "api/key_handlers.hpp"

#include "api/request_input.hpp"
#include "services/keys/key_visibility.hpp"

namespace latchkey::api {
namespace {

http::Response key_response(const domain::SigningKey& key) {
  return http::Response::json(HttpStatus::kOk, json::object{{"key", key.data}});
}

}  // namespace

Result<http::Response> generate_key(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "keyId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kKeyRequest));
  LATCHKEY_TRY(const auto key, envelope(body.json(), "key"));
  LATCHKEY_TRY(const auto generated, services.keys.generate(id, key, services::key_scope(caller)));
  return key_response(generated);
}

Result<http::Response> import_key(http::Request& request, ApiServices& services,
                                  const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "keyId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kKeyRequest));
  LATCHKEY_TRY(const auto key, envelope(body.json(), "key"));
  LATCHKEY_TRY(const auto imported, services.keys.import(id, key, services::key_scope(caller)));
  return key_response(imported);
}

Result<http::Response> retrieve_keys(http::Request&, ApiServices& services,
                                     const services::Caller& caller) {
  json::array keys;
  for (const auto& key : services.keys.list(services::key_scope(caller))) keys.push_back(key.data);
  return http::Response::json(HttpStatus::kOk, json::object{{"keys", std::move(keys)}});
}

Result<http::Response> retrieve_key(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "keyId"));
  LATCHKEY_TRY(const auto key, services.keys.retrieve(id, services::key_scope(caller)));
  return key_response(key);
}

Result<http::Response> update_key(http::Request& request, ApiServices& services,
                                  const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "keyId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kKeyRequest));
  LATCHKEY_TRY(const auto key, envelope(body.json(), "key"));
  LATCHKEY_TRY(const auto renamed, services.keys.rename(id, key, services::key_scope(caller)));
  return key_response(renamed);
}

Result<http::Response> delete_key(http::Request& request, ApiServices& services,
                                  const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "keyId"));
  LATCHKEY_CHECK(services.keys.remove(id, services::key_scope(caller)));
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
