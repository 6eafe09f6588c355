#include "services/tenancy/api_key_permissions.hpp"

#include <algorithm>

namespace latchkey::services {
namespace {

const json::object* endpoint_map(const json::object& key_document) {
  const json::object* endpoints = json::get_object(key_document, "permissions.endpoints");
  return endpoints == nullptr || endpoints->empty() ? nullptr : endpoints;
}

bool lists_method(const json::value& methods, std::string_view method) {
  if (!methods.is_array()) return false;
  return std::ranges::any_of(methods.as_array(), [method](const json::value& allowed) {
    return allowed.is_string() && allowed.as_string() == method;
  });
}

}  // namespace

std::string permission_endpoint(std::string_view route_template) {
  std::string endpoint;
  std::size_t start = 0;
  while (start < route_template.size()) {
    if (route_template[start] == '/') {
      ++start;
      continue;
    }
    const std::size_t slash = route_template.find('/', start);
    const std::string_view segment = route_template.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!segment.starts_with('{')) {
      endpoint += '/';
      endpoint += segment;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return endpoint.empty() ? std::string("/") : endpoint;
}

bool endpoint_permitted(const json::object& key_document, std::string_view method,
                        std::string_view endpoint) {
  const json::object* endpoints = endpoint_map(key_document);
  if (endpoints == nullptr) return true;
  // Security: exact names only. "/api/user" does not cover "/api/user/registration": FusionAuth
  // lists them as separate endpoints, and a prefix rule would grant what the admin never ticked.
  const json::value* methods = endpoints->if_contains(endpoint);
  return methods != nullptr && lists_method(*methods, method);
}

bool permissions_within(const json::object& candidate_document,
                        const json::object& ceiling_document) {
  const json::object* ceiling = endpoint_map(ceiling_document);
  if (ceiling == nullptr) return true;  // the ceiling is a super key
  const json::object* candidate = endpoint_map(candidate_document);
  if (candidate == nullptr) return false;  // a super key exceeds any limited key
  for (const auto& [endpoint, methods] : *candidate) {
    if (!methods.is_array()) return false;
    for (const auto& method : methods.as_array()) {
      if (!method.is_string()) return false;
      if (!endpoint_permitted(ceiling_document, method.as_string(), endpoint)) return false;
    }
  }
  return true;
}

}  // namespace latchkey::services
