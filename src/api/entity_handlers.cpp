#include "api/entity_handlers.hpp"

#include "api/request_input.hpp"
#include "services/entities/entity_fields.hpp"

namespace latchkey::api {
namespace {

constexpr std::string_view kTypeId = "entityTypeId";
constexpr std::string_view kPermissionId = "permissionId";
constexpr std::string_view kEntityId = "entityId";

http::Response ok(json::object body) {
  return http::Response::json(HttpStatus::kOk, std::move(body));
}

http::Response type_response(const domain::EntityType& type) {
  return ok(json::object{{"entityType", type.data}});
}

// A query parameter, where FusionAuth's TypeScript client's rendering of an argument left out
// ("null", "undefined": it sends `?userId=null`) counts as absent, as FusionAuth takes it.
std::optional<std::string> query_value(const http::Request& request, std::string_view name) {
  auto text = request.query_param(name);
  if (!text || text->empty() || *text == "null" || *text == "undefined") return std::nullopt;
  return text;
}

// A query id (?userId=...): nothing when absent, 400 [couldNotConvert] when not a UUID.
Result<std::optional<Uuid>> query_id(const http::Request& request, std::string_view name) {
  const auto text = query_value(request, name);
  if (!text) return std::optional<Uuid>();
  const auto id = Uuid::parse(*text);
  if (!id) {
    const std::string field(name);
    return fail(Error::field(HttpStatus::kBadRequest, field, "[couldNotConvert]" + field,
                             "Invalid value for [" + field + "]. It must be a valid UUID."));
  }
  return std::optional<Uuid>(*id);
}

// A search from the body's `search` (POST) or from the query string (GET).
Result<json::object> search_criteria(const http::Request& request, services::Schema schema,
                                     std::initializer_list<std::string_view> text_params,
                                     std::initializer_list<std::string_view> number_params) {
  if (request.method == "POST") {
    LATCHKEY_TRY(const auto body, typed_body(request, schema));
    if (const auto* search = json::get_object(body.json(), "search")) return *search;
    return json::object{};
  }
  json::object search;
  for (const auto name : text_params) {
    if (auto value = query_value(request, name)) search[name] = *value;
  }
  for (const auto name : number_params) {
    if (auto value = query_value(request, name)) {
      try {
        search[name] = std::stoll(*value);
      } catch (const std::exception&) {
        const std::string field(name);
        return fail(Error::field(HttpStatus::kBadRequest, field, "[couldNotConvert]" + field,
                                 "Invalid value for [" + field + "]. It must be a number."));
      }
    }
  }
  json::array ids;
  for (const auto& id : request.query_params("ids")) ids.emplace_back(id);
  if (!ids.empty()) search["ids"] = std::move(ids);
  return search;
}

json::array to_array(std::vector<json::object> docs) {
  json::array out;
  for (auto& doc : docs) out.emplace_back(std::move(doc));
  return out;
}

}  // namespace

Result<http::Response> create_entity_type(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, kTypeId));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityTypeRequest));
  LATCHKEY_TRY(auto type, envelope(body.json(), "entityType"));
  LATCHKEY_TRY(const auto created, services.entity_types.create(caller, id, std::move(type)));
  return type_response(created);
}

Result<http::Response> retrieve_entity_types(http::Request&, ApiServices& services,
                                             const services::Caller& caller) {
  LATCHKEY_TRY(const auto types, services.entity_types.list(caller));
  json::array list;
  for (const auto& type : types) list.push_back(type.data);
  return ok(json::object{{"entityTypes", std::move(list)}});
}

Result<http::Response> retrieve_entity_type(http::Request& request, ApiServices& services,
                                            const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kTypeId));
  LATCHKEY_TRY(const auto type, services.entity_types.retrieve(caller, id));
  return type_response(type);
}

Result<http::Response> update_entity_type(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kTypeId));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityTypeRequest));
  LATCHKEY_TRY(auto type, envelope(body.json(), "entityType"));
  LATCHKEY_TRY(const auto updated, services.entity_types.update(caller, id, std::move(type)));
  return type_response(updated);
}

Result<http::Response> patch_entity_type(http::Request& request, ApiServices& services,
                                         const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kTypeId));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityTypeRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "entityType"));
  LATCHKEY_TRY(const auto updated, services.entity_types.patch(caller, id, patch, style));
  return type_response(updated);
}

Result<http::Response> delete_entity_type(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kTypeId));
  LATCHKEY_CHECK(services.entity_types.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> search_entity_types(http::Request& request, ApiServices& services,
                                           const services::Caller& caller) {
  LATCHKEY_TRY(const auto search,
               search_criteria(request, services::kEntityTypeSearchRequest, {"name", "orderBy"},
                               {"numberOfResults", "startRow"}));
  LATCHKEY_TRY(auto found, services.entity_types.search(caller, search));
  return ok(json::object{{"entityTypes", to_array(std::move(found.entity_types))},
                         {"total", found.total}});
}

Result<http::Response> create_entity_type_permission(http::Request& request, ApiServices& services,
                                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto type_id, path_id(request, kTypeId));
  LATCHKEY_TRY(const auto permission_id, optional_path_id(request, kPermissionId));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityTypeRequest));
  LATCHKEY_TRY(auto permission, envelope(body.json(), "permission"));
  LATCHKEY_TRY(auto created, services.entity_types.create_permission(caller, type_id, permission_id,
                                                                     std::move(permission)));
  return ok(json::object{{"permission", std::move(created)}});
}

Result<http::Response> update_entity_type_permission(http::Request& request, ApiServices& services,
                                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto type_id, path_id(request, kTypeId));
  LATCHKEY_TRY(const auto permission_id, path_id(request, kPermissionId));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityTypeRequest));
  LATCHKEY_TRY(auto permission, envelope(body.json(), "permission"));
  LATCHKEY_TRY(auto updated, services.entity_types.update_permission(caller, type_id, permission_id,
                                                                     std::move(permission)));
  return ok(json::object{{"permission", std::move(updated)}});
}

Result<http::Response> patch_entity_type_permission(http::Request& request, ApiServices& services,
                                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto type_id, path_id(request, kTypeId));
  LATCHKEY_TRY(const auto permission_id, path_id(request, kPermissionId));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityTypeRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "permission"));
  LATCHKEY_TRY(auto updated, services.entity_types.patch_permission(caller, type_id, permission_id,
                                                                    patch, style));
  return ok(json::object{{"permission", std::move(updated)}});
}

Result<http::Response> delete_entity_type_permission(http::Request& request, ApiServices& services,
                                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto type_id, path_id(request, kTypeId));
  LATCHKEY_TRY(const auto permission_id, optional_path_id(request, kPermissionId));
  LATCHKEY_CHECK(services.entity_types.remove_permission(caller, type_id, permission_id,
                                                         query_value(request, "name")));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> create_entity(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, kEntityId));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityRequest));
  LATCHKEY_TRY(auto entity, envelope(body.json(), "entity"));
  LATCHKEY_TRY(const auto created, services.entities.create(caller, id, std::move(entity)));
  return ok(
      json::object{{"entity", services.entities.render(created.entity, created.client_secret)}});
}

Result<http::Response> retrieve_entity(http::Request& request, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kEntityId));
  LATCHKEY_TRY(const auto entity, services.entities.retrieve(caller, id));
  return ok(json::object{{"entity", services.entities.render(entity)}});
}

Result<http::Response> update_entity(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kEntityId));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityRequest));
  LATCHKEY_TRY(auto entity, envelope(body.json(), "entity"));
  LATCHKEY_TRY(const auto updated, services.entities.update(caller, id, std::move(entity)));
  return ok(
      json::object{{"entity", services.entities.render(updated.entity, updated.client_secret)}});
}

Result<http::Response> patch_entity(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kEntityId));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "entity"));
  LATCHKEY_TRY(const auto updated, services.entities.patch(caller, id, patch, style));
  return ok(
      json::object{{"entity", services.entities.render(updated.entity, updated.client_secret)}});
}

Result<http::Response> delete_entity(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kEntityId));
  LATCHKEY_CHECK(services.entities.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> search_entities(http::Request& request, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto search,
               search_criteria(request, services::kEntitySearchRequest, {"queryString", "orderBy"},
                               {"numberOfResults", "startRow"}));
  LATCHKEY_TRY(auto found, services.entities.search(caller, search));
  return ok(
      json::object{{"entities", to_array(std::move(found.entities))}, {"total", found.total}});
}

Result<http::Response> upsert_entity_grant(http::Request& request, ApiServices& services,
                                           const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kEntityId));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kEntityGrantRequest));
  LATCHKEY_TRY(const auto grant, envelope(body.json(), "grant"));
  LATCHKEY_CHECK(services.entity_grants.upsert(caller, id, grant));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> retrieve_entity_grants(http::Request& request, ApiServices& services,
                                              const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kEntityId));
  LATCHKEY_TRY(const auto recipient, query_id(request, "recipientEntityId"));
  LATCHKEY_TRY(const auto user, query_id(request, "userId"));
  LATCHKEY_TRY(auto found, services.entity_grants.retrieve(caller, id, recipient, user));
  return ok(std::move(found));
}

Result<http::Response> delete_entity_grant(http::Request& request, ApiServices& services,
                                           const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kEntityId));
  LATCHKEY_TRY(const auto recipient, query_id(request, "recipientEntityId"));
  LATCHKEY_TRY(const auto user, query_id(request, "userId"));
  LATCHKEY_CHECK(services.entity_grants.remove(caller, id, recipient, user));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> search_entity_grants(http::Request& request, ApiServices& services,
                                            const services::Caller& caller) {
  LATCHKEY_TRY(const auto search, search_criteria(request, services::kEntityGrantSearchRequest,
                                                  {"entityId", "name", "userId", "orderBy"},
                                                  {"numberOfResults", "startRow"}));
  LATCHKEY_TRY(auto found, services.entity_grants.search(caller, search));
  return ok(json::object{{"grants", to_array(std::move(found.grants))}, {"total", found.total}});
}

}  // namespace latchkey::api
