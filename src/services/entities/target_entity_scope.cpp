#include "services/entities/target_entity_scope.hpp"

#include <algorithm>
#include <string_view>

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {
namespace {

constexpr std::string_view kPrefix = "target-entity:";

Error invalid_target(std::string description) {
  return oauth::oauth_error(HttpStatus::kBadRequest, "invalid_scope", std::move(description),
                            "invalid_target_entity_scope");
}

void add_once(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

}  // namespace

Result<std::vector<TargetEntityScope>> parse_target_entity_scopes(
    const std::optional<std::string>& scope) {
  std::vector<TargetEntityScope> targets;
  const std::string text = scope.value_or("");  // the views below point into it
  for (const auto value : split(text, ' ')) {
    if (!value.starts_with(kPrefix)) continue;  // empty (doubled spaces) or another scope
    std::string_view rest = value.substr(kPrefix.size());
    const auto colon = rest.find(':');
    const auto id = Uuid::parse(rest.substr(0, colon));
    if (!id) {
      return fail(invalid_target("The scope [" + std::string(value) +
                                 "] does not name a target entity by its Id."));
    }
    std::vector<std::string> permissions;
    if (colon != std::string_view::npos) {
      for (const auto permission : split(rest.substr(colon + 1), ',')) {
        if (permission.empty()) {
          return fail(
              invalid_target("The scope [" + std::string(value) + "] has an empty permission."));
        }
        add_once(permissions, std::string(permission));
      }
    }
    auto same = std::find_if(targets.begin(), targets.end(),
                             [&](const TargetEntityScope& t) { return t.entity_id == *id; });
    if (same == targets.end()) {
      targets.push_back({*id, std::move(permissions)});
    } else if (same->permissions.empty() || permissions.empty()) {
      same->permissions.clear();  // one mention asks for every granted permission
    } else {
      for (auto& permission : permissions) add_once(same->permissions, std::move(permission));
    }
  }
  if (targets.empty()) {
    return fail(invalid_target(
        "The scope must name at least one target entity: target-entity:<entityId>."));
  }
  return targets;
}

Result<std::vector<std::string>> token_permissions(const TargetEntityScope& target,
                                                   const std::vector<std::string>& granted) {
  if (target.permissions.empty()) {
    std::vector<std::string> all;
    for (const auto& permission : granted) add_once(all, permission);
    return all;
  }
  for (const auto& permission : target.permissions) {
    if (std::find(granted.begin(), granted.end(), permission) == granted.end()) {
      return fail(oauth::oauth_error(HttpStatus::kBadRequest, "invalid_scope",
                                     "The permission [" + permission + "] on the target entity [" +
                                         target.entity_id.str() + "] has not been granted.",
                                     "invalid_entity_permission_scope"));
    }
  }
  return target.permissions;
}

}  // namespace latchkey::services
