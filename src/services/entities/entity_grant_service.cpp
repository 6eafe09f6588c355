#include "services/entities/entity_grant_service.hpp"

#include <algorithm>

#include "crypto/random.hpp"
#include "services/common/document_rules.hpp"
#include "services/entities/entity_type_service.hpp"
#include "services/entities/search_page.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

std::vector<std::string> strings(const json::array* list) {
  std::vector<std::string> out;
  if (list == nullptr) return out;
  for (const auto& value : *list) {
    if (value.is_string()) out.emplace_back(value.as_string());
  }
  return out;
}

Status require_one_holder(const std::optional<Uuid>& recipient_entity_id,
                          const std::optional<Uuid>& user_id, std::string_view prefix) {
  if (recipient_entity_id.has_value() == user_id.has_value()) {
    const std::string field = std::string(prefix) + "recipientEntityId";
    return fail(Error::field(HttpStatus::kBadRequest, field,
                             (recipient_entity_id ? "[invalid]" : "[missing]") + field,
                             "You must specify exactly one of [" + field + "] and [" +
                                 std::string(prefix) + "userId]."));
  }
  return {};
}

}  // namespace

json::object EntityGrantService::render(const domain::EntityGrant& grant,
                                        const domain::Entity& target) const {
  json::object shown = grant.data;
  shown["id"] = grant.id.str();
  shown["entity"] = entities_.render(target);
  if (grant.recipient_entity_id) shown["recipientEntityId"] = grant.recipient_entity_id->str();
  if (grant.user_id) shown["userId"] = grant.user_id->str();
  return shown;
}

Status EntityGrantService::upsert(const Caller& caller, const Uuid& entity_id,
                                  const json::object& grant) {
  LATCHKEY_TRY(const auto target, entities_.retrieve(caller, entity_id));
  const auto recipient_id = json::get_string(grant, "recipientEntityId").and_then(Uuid::parse);
  const auto user_id = json::get_string(grant, "userId").and_then(Uuid::parse);
  LATCHKEY_CHECK(require_one_holder(recipient_id, user_id, "grant."));
  Validation validation;
  // The holder must be of the target's tenant.
  if (recipient_id) {
    const auto recipient = stores_.entities.find_entity(*recipient_id);
    if (!recipient || recipient->tenant_id != target.tenant_id) {
      validation.add("grant.recipientEntityId", "[invalid]grant.recipientEntityId",
                     "The [grant.recipientEntityId] does not name an entity of this tenant.");
    }
  } else {
    const auto user = stores_.users.find_user(*user_id);
    if (!user || user->tenant_id != target.tenant_id) {
      validation.add("grant.userId", "[invalid]grant.userId",
                     "The [grant.userId] does not name a user of this tenant.");
    }
  }
  const auto type = stores_.entities.find_entity_type(target.type_id);
  const json::object type_doc = type ? type->data : json::object{};
  const auto defined = permission_names(type_doc);
  json::array permissions;
  auto requested = strings(json::get_array(grant, "permissions"));
  if (requested.empty()) requested = default_permission_names(type_doc);
  for (const auto& permission : requested) {
    if (std::find(defined.begin(), defined.end(), permission) == defined.end()) {
      validation.add("grant.permissions", "[invalid]grant.permissions",
                     "The permission [" + permission +
                         "] is not a permission of the entity's "
                         "type.");
    } else if (std::find(permissions.begin(), permissions.end(), json::value(permission)) ==
               permissions.end()) {
      permissions.emplace_back(permission);
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const Instant now = clock_.now();
  json::object data{{"permissions", std::move(permissions)}};
  data["data"] =
      json::get_object(grant, "data") ? *json::get_object(grant, "data") : json::object{};
  // Two attempts: a concurrent upsert may create the grant between our look-up and insert.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (auto existing = stores_.entities.find_entity_grant(entity_id, recipient_id, user_id)) {
      stamp_updated(data, existing->data, now, {});
      existing->data = data;
      if (stores_.entities.update_entity_grant(*existing)) return {};
      continue;
    }
    stamp_created(data, now);
    const domain::EntityGrant made{crypto::random_uuid(), entity_id, recipient_id, user_id, data};
    auto written = stores_.entities.insert_entity_grant(made);
    if (written) return {};
    if (written.error() == store::Conflict::kMissingParent) return fail(not_found());
  }
  return fail(Error::status(HttpStatus::kConflict, "entity grant upsert lost twice"));
}

Result<json::object> EntityGrantService::retrieve(const Caller& caller, const Uuid& entity_id,
                                                  const std::optional<Uuid>& recipient_entity_id,
                                                  const std::optional<Uuid>& user_id) const {
  LATCHKEY_TRY(const auto target, entities_.retrieve(caller, entity_id));
  if (recipient_entity_id || user_id) {
    LATCHKEY_CHECK(require_one_holder(recipient_entity_id, user_id, ""));
    const auto grant = stores_.entities.find_entity_grant(entity_id, recipient_entity_id, user_id);
    if (!grant) return fail(not_found());
    return json::object{{"grant", render(*grant, target)}};
  }
  json::array grants;
  for (const auto& grant : stores_.entities.list_entity_grants(entity_id)) {
    grants.push_back(render(grant, target));
  }
  return json::object{{"grants", std::move(grants)}};
}

Status EntityGrantService::remove(const Caller& caller, const Uuid& entity_id,
                                  const std::optional<Uuid>& recipient_entity_id,
                                  const std::optional<Uuid>& user_id) {
  LATCHKEY_TRY(const auto target, entities_.retrieve(caller, entity_id));
  LATCHKEY_CHECK(require_one_holder(recipient_entity_id, user_id, ""));
  const auto grant = stores_.entities.find_entity_grant(target.id, recipient_entity_id, user_id);
  if (!grant || !stores_.entities.delete_entity_grant(grant->id)) return fail(not_found());
  return {};
}

Result<EntityGrantSearchResult> EntityGrantService::search(const Caller& caller,
                                                           const json::object& search) const {
  LATCHKEY_TRY(const auto page, read_search_page(search, "insertInstant",
                                                 {"insertInstant", "lastUpdateInstant", "id"}));
  const auto entity_id = json::get_string(search, "entityId").and_then(Uuid::parse);
  const auto user_id = json::get_string(search, "userId").and_then(Uuid::parse);
  const auto name = json::get_string(search, "name");
  std::vector<json::object> docs;
  for (const auto& grant : stores_.entities.list_entity_grants(entity_id)) {
    if (user_id && grant.user_id != user_id) continue;
    const auto target = stores_.entities.find_entity(grant.entity_id);
    if (!target || !caller.can_see(target->tenant_id)) continue;
    if (name && !name_matches(*name, target->name)) continue;
    docs.push_back(render(grant, *target));
  }
  auto [shown, total] = paginate(std::move(docs), page);
  return EntityGrantSearchResult{std::move(shown), total};
}

std::optional<std::vector<std::string>> EntityGrantService::granted_permissions(
    const Uuid& entity_id, const Uuid& recipient_entity_id) const {
  const auto grant =
      stores_.entities.find_entity_grant(entity_id, recipient_entity_id, std::nullopt);
  if (!grant) return std::nullopt;
  const auto target = stores_.entities.find_entity(entity_id);
  const auto type = target ? stores_.entities.find_entity_type(target->type_id) : std::nullopt;
  const auto defined = type ? permission_names(type->data) : std::vector<std::string>{};
  std::vector<std::string> held;
  // A permission deleted from the type since the grant no longer counts.
  for (auto& permission : strings(json::get_array(grant->data, "permissions"))) {
    if (std::find(defined.begin(), defined.end(), permission) != defined.end()) {
      held.push_back(std::move(permission));
    }
  }
  return held;
}

}  // namespace latchkey::services
