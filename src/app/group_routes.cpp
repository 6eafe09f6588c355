#include "api/group_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// The Group API and its members. Every route touches the database, so they run on the worker
// pool (the default). API key endpoint permissions name these templates.
RouteTable group_routes() {
  return {
      {"POST", "/api/group", Auth::kApiKey, api::create_group},
      {"POST", "/api/group/{groupId}", Auth::kApiKey, api::create_group},
      {"GET", "/api/group", Auth::kApiKey, api::retrieve_groups},
      {"GET", "/api/group/{groupId}", Auth::kApiKey, api::retrieve_group},
      {"PUT", "/api/group/{groupId}", Auth::kApiKey, api::update_group},
      {"PATCH", "/api/group/{groupId}", Auth::kApiKey, api::patch_group},
      {"DELETE", "/api/group/{groupId}", Auth::kApiKey, api::delete_group},
      {"GET", "/api/group/search", Auth::kApiKey, api::search_groups},
      {"POST", "/api/group/search", Auth::kApiKey, api::search_groups},
      {"POST", "/api/group/member", Auth::kApiKey, api::add_group_members},
      {"PUT", "/api/group/member", Auth::kApiKey, api::replace_group_members},
      {"DELETE", "/api/group/member", Auth::kApiKey, api::delete_group_members},
      {"DELETE", "/api/group/member/{memberId}", Auth::kApiKey, api::delete_group_member},
      {"GET", "/api/group/member/search", Auth::kApiKey, api::search_group_members},
      {"POST", "/api/group/member/search", Auth::kApiKey, api::search_group_members},
  };
}

}  // namespace latchkey::app
