#include "domain/group_roles.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace latchkey::domain {
namespace {

bool contains(const json::array& values, std::string_view text) {
  return std::ranges::any_of(
      values, [&](const json::value& v) { return v.is_string() && v.as_string() == text; });
}

}  // namespace

json::array group_roles_of(const Group& group, const json::object& application) {
  json::array out;
  const auto* ids = json::get_array(group.data, "roleIds");
  const auto* roles = json::get_array(application, "roles");
  if (ids == nullptr || roles == nullptr) return out;
  for (const auto& role : *roles) {
    if (!role.is_object()) continue;
    const auto id = json::get_string(role.as_object(), "id");
    if (id && contains(*ids, *id)) out.push_back(role);
  }
  return out;
}

json::array effective_roles(const json::object& registration, const json::object& application,
                            const std::vector<Group>& groups) {
  json::array out;
  std::set<std::string> seen;
  const auto add = [&](std::string_view name) {
    if (seen.emplace(name).second) out.emplace_back(name);
  };
  if (const auto* own = json::get_array(registration, "roles")) {
    for (const auto& name : *own) {
      if (name.is_string()) add(name.as_string());
    }
  }
  for (const auto& group : groups) {
    for (const auto& role : group_roles_of(group, application)) {
      if (const auto name = json::get_string(role.as_object(), "name")) add(*name);
    }
  }
  return out;
}

}  // namespace latchkey::domain
