#include "api/entity_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// FusionAuth's Entity Management APIs: entity types and their permissions, entities, entity
// grants and the searches. All touch the database, so they run on the worker pool (the
// default). A literal segment wins over a parameter, so /api/entity/type and
// /api/entity/search never reach {entityId}.
RouteTable entity_routes() {
  return {
      {"POST", "/api/entity/type", Auth::kApiKey, api::create_entity_type},
      {"POST", "/api/entity/type/{entityTypeId}", Auth::kApiKey, api::create_entity_type},
      {"GET", "/api/entity/type", Auth::kApiKey, api::retrieve_entity_types},
      {"GET", "/api/entity/type/{entityTypeId}", Auth::kApiKey, api::retrieve_entity_type},
      {"PUT", "/api/entity/type/{entityTypeId}", Auth::kApiKey, api::update_entity_type},
      {"PATCH", "/api/entity/type/{entityTypeId}", Auth::kApiKey, api::patch_entity_type},
      {"DELETE", "/api/entity/type/{entityTypeId}", Auth::kApiKey, api::delete_entity_type},
      {"GET", "/api/entity/type/search", Auth::kApiKey, api::search_entity_types},
      {"POST", "/api/entity/type/search", Auth::kApiKey, api::search_entity_types},
      {"POST", "/api/entity/type/{entityTypeId}/permission", Auth::kApiKey,
       api::create_entity_type_permission},
      {"POST", "/api/entity/type/{entityTypeId}/permission/{permissionId}", Auth::kApiKey,
       api::create_entity_type_permission},
      {"PUT", "/api/entity/type/{entityTypeId}/permission/{permissionId}", Auth::kApiKey,
       api::update_entity_type_permission},
      {"PATCH", "/api/entity/type/{entityTypeId}/permission/{permissionId}", Auth::kApiKey,
       api::patch_entity_type_permission},
      {"DELETE", "/api/entity/type/{entityTypeId}/permission/{permissionId}", Auth::kApiKey,
       api::delete_entity_type_permission},
      {"DELETE", "/api/entity/type/{entityTypeId}/permission", Auth::kApiKey,
       api::delete_entity_type_permission},

      {"POST", "/api/entity", Auth::kApiKey, api::create_entity},
      {"POST", "/api/entity/{entityId}", Auth::kApiKey, api::create_entity},
      {"GET", "/api/entity/{entityId}", Auth::kApiKey, api::retrieve_entity},
      {"PUT", "/api/entity/{entityId}", Auth::kApiKey, api::update_entity},
      {"PATCH", "/api/entity/{entityId}", Auth::kApiKey, api::patch_entity},
      {"DELETE", "/api/entity/{entityId}", Auth::kApiKey, api::delete_entity},
      {"GET", "/api/entity/search", Auth::kApiKey, api::search_entities},
      {"POST", "/api/entity/search", Auth::kApiKey, api::search_entities},

      {"POST", "/api/entity/{entityId}/grant", Auth::kApiKey, api::upsert_entity_grant},
      {"PUT", "/api/entity/{entityId}/grant", Auth::kApiKey, api::upsert_entity_grant},
      {"GET", "/api/entity/{entityId}/grant", Auth::kApiKey, api::retrieve_entity_grants},
      {"DELETE", "/api/entity/{entityId}/grant", Auth::kApiKey, api::delete_entity_grant},
      {"GET", "/api/entity/grant/search", Auth::kApiKey, api::search_entity_grants},
      {"POST", "/api/entity/grant/search", Auth::kApiKey, api::search_entity_grants},
  };
}

}  // namespace latchkey::app
