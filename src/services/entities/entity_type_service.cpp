#include "services/entities/entity_type_service.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/random.hpp"
#include "services/entities/search_page.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

// FusionAuth serves the Entity Type API to global API keys only.
Status require_global(const Caller& caller) {
  if (caller.api_key && caller.api_key->tenant_id) {
    return fail(Error::status(HttpStatus::kUnauthorized,
                              "a tenant-locked API key cannot manage entity types"));
  }
  return {};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

json::array& permissions_of(json::object& type_doc) {
  auto& list = type_doc["permissions"];
  if (!list.is_array()) list = json::array();
  return list.as_array();
}

// A permission as stored: name required, isDefault false unless set, its id and instants.
Status prepare_permission(json::object& permission, std::string_view prefix,
                          const json::array& siblings, const json::object* previous, Instant now,
                          Validation& validation) {
  const std::string name_field = std::string(prefix) + ".name";
  if (previous != nullptr) {
    // FusionAuth: a permission's name cannot change once created (grants name it).
    permission["name"] = previous->at("name");
    permission["id"] = previous->at("id");
  } else if (is_blank(permission, "name")) {
    validation.add(name_field, "[blank]" + name_field,
                   "You must specify the [" + name_field + "] property.");
    return {};
  }
  const std::string name = lower(json::get_string(permission, "name").value_or(""));
  for (const auto& sibling : siblings) {
    const auto& other = sibling.as_object();
    if (previous != nullptr && json::get_string(other, "id") == json::get_string(*previous, "id")) {
      continue;
    }
    if (lower(json::get_string(other, "name").value_or("")) == name) {
      validation.add(name_field, "[duplicate]" + name_field,
                     "A permission with name [" +
                         json::get_string(permission, "name").value_or("") +
                         "] already exists on this entity type.");
      return {};
    }
  }
  if (is_blank(permission, "id")) permission["id"] = crypto::random_uuid().str();
  json::set_default(permission, "isDefault", false);
  json::set_default(permission, "data", json::object());
  if (previous == nullptr) {
    stamp_created(permission, now);
  } else {
    stamp_updated(permission, *previous, now, {});
  }
  return {};
}

const json::object* find_permission(const json::object& type_doc, const Uuid& permission_id) {
  if (const auto* list = json::get_array(type_doc, "permissions")) {
    for (const auto& entry : *list) {
      if (json::get_string(entry.as_object(), "id") == permission_id.str()) {
        return &entry.as_object();
      }
    }
  }
  return nullptr;
}

json::object* find_permission(json::object& type_doc, const Uuid& permission_id) {
  for (auto& entry : permissions_of(type_doc)) {
    if (json::get_string(entry.as_object(), "id") == permission_id.str()) {
      return &entry.as_object();
    }
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> permission_names(const json::object& type_doc) {
  std::vector<std::string> names;
  if (const auto* list = json::get_array(type_doc, "permissions")) {
    for (const auto& entry : *list) {
      if (auto name = json::get_string(entry.as_object(), "name")) names.push_back(*name);
    }
  }
  return names;
}

std::vector<std::string> default_permission_names(const json::object& type_doc) {
  std::vector<std::string> names;
  if (const auto* list = json::get_array(type_doc, "permissions")) {
    for (const auto& entry : *list) {
      const auto& permission = entry.as_object();
      if (json::get_bool(permission, "isDefault").value_or(false)) {
        if (auto name = json::get_string(permission, "name")) names.push_back(*name);
      }
    }
  }
  return names;
}

Result<domain::EntityType> EntityTypeService::find(const Uuid& id) const {
  auto found = store_.find_entity_type(id);
  if (!found) return fail(not_found());
  return std::move(*found);
}

Result<domain::EntityType> EntityTypeService::prepare(json::object type, const Uuid& id,
                                                      const domain::EntityType* previous) const {
  Validation validation;
  if (is_blank(type, "name")) {
    validation.add("entityType.name", "[blank]entityType.name",
                   "You must specify the [entityType.name] property.");
  }
  // jwtConfiguration: when enabled, its own signing key and time to live sign the entities'
  // client_credentials tokens; otherwise the tenant's do.
  auto& jwt = json::ensure_object(type, "jwtConfiguration");
  json::set_default(jwt, "enabled", false);
  if (json::get_bool(jwt, "enabled").value_or(false)) {
    const auto key_text = json::get_string(jwt, "accessTokenKeyId");
    if (!key_text) {
      validation.add("entityType.jwtConfiguration.accessTokenKeyId",
                     "[missing]entityType.jwtConfiguration.accessTokenKeyId",
                     "You must specify the [entityType.jwtConfiguration.accessTokenKeyId] "
                     "property when the JWT configuration is enabled.");
    } else {
      const auto key_id = Uuid::parse(*key_text);
      const auto* entry = key_id ? config_.current()->find_key(*key_id) : nullptr;
      if (entry == nullptr || !entry->key || !entry->key->can_sign()) {
        validation.add("entityType.jwtConfiguration.accessTokenKeyId",
                       "[invalid]entityType.jwtConfiguration.accessTokenKeyId",
                       "The [entityType.jwtConfiguration.accessTokenKeyId] does not name a key "
                       "that can sign.");
      }
    }
    const auto ttl = json::get_int(jwt, "timeToLiveInSeconds");
    if (!ttl) {
      validation.add("entityType.jwtConfiguration.timeToLiveInSeconds",
                     "[missing]entityType.jwtConfiguration.timeToLiveInSeconds",
                     "You must specify the [entityType.jwtConfiguration.timeToLiveInSeconds] "
                     "property when the JWT configuration is enabled.");
    } else if (*ttl <= 0) {
      validation.add("entityType.jwtConfiguration.timeToLiveInSeconds",
                     "[invalid]entityType.jwtConfiguration.timeToLiveInSeconds",
                     "The [entityType.jwtConfiguration.timeToLiveInSeconds] must be greater "
                     "than 0.");
    }
  }
  const Instant now = clock_.now();
  // Permissions: kept from the stored type unless the body sends a list.
  if (!type.contains("permissions") && previous != nullptr) {
    if (const auto* kept = previous->data.if_contains("permissions")) type["permissions"] = *kept;
  }
  json::array prepared;
  if (const auto* given = json::get_array(type, "permissions")) {
    for (const auto& entry : *given) {
      json::object permission = entry.as_object();
      const json::object* stored = nullptr;
      if (previous != nullptr) {
        if (const auto pid = json::get_string(permission, "id").and_then(Uuid::parse)) {
          stored = find_permission(previous->data, *pid);
        }
      }
      LATCHKEY_CHECK(prepare_permission(permission, "entityType.permissions", prepared, stored, now,
                                        validation));
      prepared.push_back(std::move(permission));
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  type["permissions"] = std::move(prepared);
  json::set_default(type, "data", json::object());
  type["id"] = id.str();
  if (previous == nullptr) {
    stamp_created(type, now);
  } else {
    stamp_updated(type, previous->data, now, {});
  }
  std::string name = json::get_string(type, "name").value_or("");
  return domain::EntityType{id, std::move(name), std::move(type)};
}

Result<domain::EntityType> EntityTypeService::save(domain::EntityType type, bool created) {
  auto written = created ? store_.insert_entity_type(type) : store_.update_entity_type(type);
  if (written) return type;
  switch (written.error()) {
    case store::Conflict::kDuplicateName:
      return fail(Error::field(HttpStatus::kBadRequest, "entityType.name",
                               "[duplicate]entityType.name",
                               "An Entity Type with name [" + type.name + "] already exists."));
    case store::Conflict::kMissingParent:
      return fail(not_found());
    default:
      return fail(Error::field(HttpStatus::kBadRequest, "entityTypeId", "[duplicate]entityTypeId",
                               "An Entity Type with Id [" + type.id.str() + "] already exists."));
  }
}

Result<domain::EntityType> EntityTypeService::create(const Caller& caller,
                                                     const std::optional<Uuid>& id,
                                                     json::object type) {
  LATCHKEY_CHECK(require_global(caller));
  const Uuid chosen = choose_id(id);
  if (store_.find_entity_type(chosen)) {
    return fail(Error::field(HttpStatus::kBadRequest, "entityTypeId", "[duplicate]entityTypeId",
                             "An Entity Type with Id [" + chosen.str() + "] already exists."));
  }
  LATCHKEY_TRY(auto prepared, prepare(std::move(type), chosen, nullptr));
  return save(std::move(prepared), true);
}

Result<domain::EntityType> EntityTypeService::retrieve(const Caller& caller, const Uuid& id) const {
  LATCHKEY_CHECK(require_global(caller));
  return find(id);
}

Result<std::vector<domain::EntityType>> EntityTypeService::list(const Caller& caller) const {
  LATCHKEY_CHECK(require_global(caller));
  return store_.list_entity_types();
}

Result<domain::EntityType> EntityTypeService::update(const Caller& caller, const Uuid& id,
                                                     json::object type) {
  LATCHKEY_CHECK(require_global(caller));
  LATCHKEY_TRY(const auto existing, find(id));
  LATCHKEY_TRY(auto prepared, prepare(std::move(type), id, &existing));
  return save(std::move(prepared), false);
}

Result<domain::EntityType> EntityTypeService::patch(const Caller& caller, const Uuid& id,
                                                    const json::object& patch, PatchStyle style) {
  LATCHKEY_CHECK(require_global(caller));
  LATCHKEY_TRY(const auto existing, find(id));
  return update(caller, id, patched(existing.data, patch, style));
}

Status EntityTypeService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_CHECK(require_global(caller));
  if (!store_.delete_entity_type(id)) return fail(not_found());
  return {};
}

Result<EntityTypeSearchResult> EntityTypeService::search(const Caller& caller,
                                                         const json::object& search) const {
  LATCHKEY_CHECK(require_global(caller));
  LATCHKEY_TRY(const auto page,
               read_search_page(search, "name", {"name", "insertInstant", "lastUpdateInstant"}));
  const std::string pattern = json::get_string(search, "name").value_or("*");
  std::vector<json::object> docs;
  for (auto& type : store_.list_entity_types()) {
    if (name_matches(pattern, type.name)) docs.push_back(std::move(type.data));
  }
  auto [shown, total] = paginate(std::move(docs), page);
  return EntityTypeSearchResult{std::move(shown), total};
}

Result<json::object> EntityTypeService::create_permission(const Caller& caller, const Uuid& type_id,
                                                          const std::optional<Uuid>& permission_id,
                                                          json::object permission) {
  LATCHKEY_CHECK(require_global(caller));
  LATCHKEY_TRY(auto type, find(type_id));
  auto& list = permissions_of(type.data);
  if (permission_id) {
    if (find_permission(type.data, *permission_id) != nullptr) {
      return fail(
          Error::field(HttpStatus::kBadRequest, "permissionId", "[duplicate]permissionId",
                       "A permission with Id [" + permission_id->str() + "] already exists."));
    }
    permission["id"] = permission_id->str();
  } else {
    permission.erase("id");
  }
  Validation validation;
  LATCHKEY_CHECK(
      prepare_permission(permission, "permission", list, nullptr, clock_.now(), validation));
  if (auto error = validation.take()) return fail(std::move(*error));
  list.push_back(permission);
  stamp_updated(type.data, type.data, clock_.now(), {});
  LATCHKEY_CHECK(save(std::move(type), false));
  return permission;
}

Result<json::object> EntityTypeService::update_permission(const Caller& caller, const Uuid& type_id,
                                                          const Uuid& permission_id,
                                                          json::object permission) {
  LATCHKEY_CHECK(require_global(caller));
  LATCHKEY_TRY(auto type, find(type_id));
  auto* stored = find_permission(type.data, permission_id);
  if (stored == nullptr) return fail(not_found());
  Validation validation;
  LATCHKEY_CHECK(prepare_permission(permission, "permission", permissions_of(type.data), stored,
                                    clock_.now(), validation));
  if (auto error = validation.take()) return fail(std::move(*error));
  *stored = permission;
  stamp_updated(type.data, type.data, clock_.now(), {});
  LATCHKEY_CHECK(save(std::move(type), false));
  return permission;
}

Result<json::object> EntityTypeService::patch_permission(const Caller& caller, const Uuid& type_id,
                                                         const Uuid& permission_id,
                                                         const json::object& patch,
                                                         PatchStyle style) {
  LATCHKEY_CHECK(require_global(caller));
  LATCHKEY_TRY(auto type, find(type_id));
  const auto* stored = find_permission(type.data, permission_id);
  if (stored == nullptr) return fail(not_found());
  return update_permission(caller, type_id, permission_id, patched(*stored, patch, style));
}

Status EntityTypeService::remove_permission(const Caller& caller, const Uuid& type_id,
                                            const std::optional<Uuid>& permission_id,
                                            const std::optional<std::string>& name) {
  LATCHKEY_CHECK(require_global(caller));
  if (!permission_id && (!name || name->empty())) {
    return fail(Error::field(HttpStatus::kBadRequest, "permissionId", "[missing]permissionId",
                             "You must specify a permission Id or the [name] parameter."));
  }
  LATCHKEY_TRY(auto type, find(type_id));
  auto& list = permissions_of(type.data);
  const auto before = list.size();
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const json::value& entry) {
                              const auto& p = entry.as_object();
                              return permission_id
                                         ? json::get_string(p, "id") == permission_id->str()
                                         : lower(json::get_string(p, "name").value_or("")) ==
                                               lower(*name);
                            }),
             list.end());
  if (list.size() == before) return fail(not_found());
  stamp_updated(type.data, type.data, clock_.now(), {});
  LATCHKEY_CHECK(save(std::move(type), false));
  return {};
}

}  // namespace latchkey::services
