#pragma once
// API key endpoint permissions (FusionAuth apis/authentication.mdx "API Key Permissions"): a key's
// `permissions.endpoints` maps endpoint names to HTTP methods, and an empty map allows every
// endpoint. An endpoint is a route template with its parameter segments removed, so each entry
// names exactly one endpoint and never the endpoints below it:
//
//   permission_endpoint("/api/user/registration/{userId}/{applicationId}") ==
//   "/api/user/registration" permission_endpoint("/api/application/{applicationId}/role/{roleId}")
//   == "/api/application/role" endpoint_permitted(key.data, "GET", "/api/user")   //
//   {"/api/user":["GET"]} allows it

#include <string>
#include <string_view>

#include "core/json.hpp"

namespace latchkey::services {

// The endpoint name a route template is permissioned under: every `{param}` segment dropped.
std::string permission_endpoint(std::string_view route_template);

// Whether a key's `permissions.endpoints` allow `method` on the endpoint `endpoint` (an exact
// name, as permission_endpoint gives; an empty or absent map allows all).
bool endpoint_permitted(const json::object& key_document, std::string_view method,
                        std::string_view endpoint);

// "An API key with equal or greater permissions must be used" (apis/api-keys.mdx): whether every
// endpoint and method `candidate` grants is also granted by `ceiling`. A key with no endpoint
// permissions is a super key: it is within only another super key.
bool permissions_within(const json::object& candidate_document,
                        const json::object& ceiling_document);

}  // namespace latchkey::services
