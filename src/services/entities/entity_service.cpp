#include "services/entities/entity_service.hpp"

#include <algorithm>

#include "crypto/constant_time.hpp"
#include "crypto/random.hpp"
#include "services/common/oauth_rules.hpp"
#include "services/entities/search_page.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

Error field_error(const std::string& field, std::string code, std::string message) {
  return Error::field(HttpStatus::kBadRequest, field, std::move(code), std::move(message));
}

// sortFields[0].name (or orderBy) as a SearchPage order: name, clientId, insertInstant, ...
json::object order_from_sort_fields(json::object search) {
  if (const auto* fields = json::get_array(search, "sortFields"); fields && !fields->empty()) {
    const auto& first = fields->front().as_object();
    if (const auto name = json::get_string(first, "name")) {
      search["orderBy"] =
          *name + (json::get_string(first, "order").value_or("asc") == "desc" ? " DESC" : " ASC");
    }
  }
  return search;
}

}  // namespace

json::object EntityService::render(const domain::Entity& entity,
                                   const std::optional<std::string>& client_secret) const {
  json::object shown = entity.data;
  shown.erase("clientSecret");
  if (auto type = store_.find_entity_type(entity.type_id)) shown["type"] = std::move(type->data);
  if (client_secret) shown["clientSecret"] = *client_secret;
  return shown;
}

Result<EntityView> EntityService::save(const Caller& caller, json::object entity, const Uuid& id,
                                       const domain::Entity* previous) {
  const auto snapshot = config_.current();
  Validation validation;
  if (is_blank(entity, "name")) {
    validation.add("entity.name", "[blank]entity.name",
                   "You must specify the [entity.name] property.");
  }
  // The type: required at creation, fixed afterwards.
  std::optional<domain::EntityType> type;
  const auto type_id = json::get_string(entity, "type.id").and_then(Uuid::parse);
  if (previous != nullptr) {
    if (type_id && *type_id != previous->type_id) {
      validation.add("entity.type.id", "[invalid]entity.type.id",
                     "The type of an entity cannot change.");
    }
    type = store_.find_entity_type(previous->type_id);
  } else if (!type_id) {
    validation.add("entity.type.id", "[blank]entity.type.id",
                   "You must specify the [entity.type.id] property.");
  } else {
    type = store_.find_entity_type(*type_id);
    if (!type) {
      validation.add("entity.type.id", "[invalid]entity.type.id",
                     "The [entity.type.id] does not name an entity type.");
    }
  }
  // The tenant: fixed at creation; the body's, else FusionAuth's order (header, only tenant).
  std::optional<Uuid> tenant_id;
  if (previous != nullptr) {
    tenant_id = previous->tenant_id;
  } else if (const auto given = json::get_string(entity, "tenantId").and_then(Uuid::parse);
             given && snapshot->find_tenant(*given) != nullptr && caller.can_see(*given)) {
    tenant_id = given;
  } else if (json::get_string(entity, "tenantId")) {
    validation.add("entity.tenantId", "[invalid]entity.tenantId",
                   "The [entity.tenantId] does not name a tenant.");
  } else {
    auto resolved = resolve_tenant(caller, *snapshot);
    if (!resolved) return fail(std::move(resolved.error()));
    tenant_id = *resolved;
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  // The client id defaults to the entity's id; the secret to 256 random bits.
  std::string client_id = json::get_string(entity, "clientId").value_or("");
  if (client_id.empty()) client_id = previous != nullptr ? previous->client_id : id.str();
  std::optional<std::string> new_secret = json::get_string(entity, "clientSecret");
  if (new_secret && new_secret->empty()) new_secret.reset();
  if (!new_secret && previous == nullptr) new_secret = crypto::random_token(32);
  const std::string secret_hash =
      new_secret ? vault_.lookup_hash(*new_secret) : previous->secret_hash;

  entity.erase("clientSecret");  // Security: the document never holds the secret
  entity.erase("type");
  entity["id"] = id.str();
  entity["clientId"] = client_id;
  entity["tenantId"] = tenant_id->str();
  json::set_default(entity, "data", json::object());
  const Instant now = clock_.now();
  if (previous == nullptr) {
    stamp_created(entity, now);
  } else {
    stamp_updated(entity, previous->data, now, {});
  }
  domain::Entity record{id,        *tenant_id,  type->id,
                        client_id, secret_hash, json::get_string(entity, "name").value_or(""),
                        entity};
  record.data["type"] = json::object{{"id", type->id.str()}};
  auto written = previous == nullptr ? store_.insert_entity(record) : store_.update_entity(record);
  if (!written) {
    switch (written.error()) {
      case store::Conflict::kDuplicateKey:
        return fail(field_error("entity.clientId", "[duplicate]entity.clientId",
                                "An Entity with client Id [" + client_id + "] already exists."));
      case store::Conflict::kMissingParent:
        return fail(previous == nullptr ? field_error("entity.type.id", "[invalid]entity.type.id",
                                                      "The entity type or tenant no longer exists.")
                                        : not_found());
      default:
        return fail(field_error("entityId", "[duplicate]entityId",
                                "An Entity with Id [" + id.str() + "] already exists."));
    }
  }
  return EntityView{std::move(record), std::move(new_secret)};
}

Result<EntityView> EntityService::create(const Caller& caller, const std::optional<Uuid>& id,
                                         json::object entity) {
  const Uuid chosen = choose_id(id);
  if (store_.find_entity(chosen)) {
    return fail(field_error("entityId", "[duplicate]entityId",
                            "An Entity with Id [" + chosen.str() + "] already exists."));
  }
  return save(caller, std::move(entity), chosen, nullptr);
}

Result<domain::Entity> EntityService::retrieve(const Caller& caller, const Uuid& id) const {
  auto found = store_.find_entity(id);
  // Another tenant's entity answers as an absent one.
  if (!found || !caller.can_see(found->tenant_id)) return fail(not_found());
  return std::move(*found);
}

Result<EntityView> EntityService::update(const Caller& caller, const Uuid& id,
                                         json::object entity) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  return save(caller, std::move(entity), id, &existing);
}

Result<EntityView> EntityService::patch(const Caller& caller, const Uuid& id,
                                        const json::object& patch, PatchStyle style) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  return save(caller, patched(existing.data, patch, style), id, &existing);
}

Status EntityService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  if (!store_.delete_entity(existing.id)) return fail(not_found());
  return {};
}

Result<EntitySearchResult> EntityService::search(const Caller& caller,
                                                 const json::object& search) const {
  const json::object criteria = order_from_sort_fields(search);
  LATCHKEY_TRY(const auto page, read_search_page(criteria, "name",
                                                 {"name", "clientId", "insertInstant",
                                                  "lastUpdateInstant", "id", "tenantId"}));
  std::vector<std::string> ids;
  if (const auto* given = json::get_array(criteria, "ids")) {
    for (const auto& value : *given) ids.emplace_back(value.as_string());
  }
  const auto query = json::get_string(criteria, "queryString");
  if (ids.empty() && !query) {
    return fail(Error::field(HttpStatus::kBadRequest, "search", "[invalid]search",
                             "You must specify either the [ids] or the [queryString] property."));
  }
  std::vector<json::object> docs;
  for (const auto& entity : store_.list_entities(caller.tenant_scope())) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), entity.id.str()) == ids.end()) {
      continue;
    }
    if (query && !name_matches(*query, entity.name)) continue;
    docs.push_back(render(entity));
  }
  auto [shown, total] = paginate(std::move(docs), page);
  return EntitySearchResult{std::move(shown), total};
}

Result<domain::Entity> EntityService::authenticate(std::string_view client_id,
                                                   std::string_view client_secret) const {
  auto entity = store_.find_entity_by_client_id(std::string(client_id));
  const std::string presented = vault_.lookup_hash(client_secret);
  // Security: an unknown client id still pays for one comparison, against a hash no secret has.
  const std::string stored = entity ? entity->secret_hash : std::string(presented.size(), '!');
  const bool matches = crypto::constant_time_equals(presented, stored);
  if (!entity || !matches) {
    return fail(
        oauth::invalid_client("Client authentication failed.", "invalid_client_authentication"));
  }
  return std::move(*entity);
}

}  // namespace latchkey::services
