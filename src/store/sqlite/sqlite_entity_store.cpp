// SqliteStore: entity types, entities and entity grants (store/migrations/0015).

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

using rows::column_json;
using rows::column_uuid;

constexpr std::string_view kTypeColumns = "SELECT id, name, data FROM entity_types ";
constexpr std::string_view kEntityColumns =
    "SELECT id, tenant_id, type_id, client_id, secret_hash, name, data FROM entities ";
constexpr std::string_view kGrantColumns =
    "SELECT id, entity_id, recipient_entity_id, user_id, data FROM entity_grants ";

domain::EntityType read_type(const Statement& row) {
  return {column_uuid(row, 0), row.column_text(1), column_json(row, 2)};
}

domain::Entity read_entity(const Statement& row) {
  return {column_uuid(row, 0), column_uuid(row, 1), column_uuid(row, 2), row.column_text(3),
          row.column_text(4),  row.column_text(5),  column_json(row, 6)};
}

domain::EntityGrant read_grant(const Statement& row) {
  std::optional<Uuid> recipient;
  std::optional<Uuid> user;
  if (!row.column_is_null(2)) recipient = column_uuid(row, 2);
  if (!row.column_is_null(3)) user = column_uuid(row, 3);
  return {column_uuid(row, 0), column_uuid(row, 1), recipient, user, column_json(row, 4)};
}

std::optional<std::string> optional_id(const std::optional<Uuid>& id) {
  return id ? std::optional(id->str()) : std::nullopt;
}

// The uniqueness rules of these tables, which rows::classify does not know by name.
WriteResult run_entity_write(Statement& statement) {
  auto violation = statement.execute();
  if (!violation) return {};
  const std::string& m = violation->message;
  if (m.find("entities.client_id") != std::string::npos) {
    return std::unexpected(Conflict::kDuplicateKey);
  }
  if (m.find("entity_grants.entity_id") != std::string::npos) {
    return std::unexpected(Conflict::kDuplicateId);
  }
  return std::unexpected(rows::classify(*violation));
}

}  // namespace

std::vector<domain::EntityType> SqliteStore::list_entity_types() {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kTypeColumns) + "ORDER BY name_lower");
  std::vector<domain::EntityType> types;
  while (select.step()) types.push_back(read_type(select));
  return types;
}

std::optional<domain::EntityType> SqliteStore::find_entity_type(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kTypeColumns) + "WHERE id = ?1");
  select.bind(1, id.str());
  if (!select.step()) return std::nullopt;
  return read_type(select);
}

WriteResult SqliteStore::insert_entity_type(const domain::EntityType& type) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO entity_types (id, name, name_lower, data) VALUES (?1, ?4, ?2, ?3)");
  insert.bind(1, type.id.str())
      .bind(2, rows::lower(type.name))
      .bind(3, json::serialize(type.data))
      .bind(4, type.name);
  return rows::run_write(insert);
}

WriteResult SqliteStore::update_entity_type(const domain::EntityType& type) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE entity_types SET name = ?4, name_lower = ?2, data = ?3 WHERE id = ?1");
  update.bind(1, type.id.str())
      .bind(2, rows::lower(type.name))
      .bind(3, json::serialize(type.data))
      .bind(4, type.name);
  if (auto written = rows::run_write(update); !written) return written;
  if (connection->changes() == 0) return std::unexpected(Conflict::kMissingParent);
  return {};
}

bool SqliteStore::delete_entity_type(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM entity_types WHERE id = ?1");
  remove.bind(1, id.str());
  return rows::touched(*connection, remove);
}

std::vector<domain::Entity> SqliteStore::list_entities(const std::optional<Uuid>& tenant_id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kEntityColumns) +
                                    "WHERE ?1 IS NULL OR tenant_id = ?1 ORDER BY name, id");
  select.bind_optional(1, optional_id(tenant_id));
  std::vector<domain::Entity> entities;
  while (select.step()) entities.push_back(read_entity(select));
  return entities;
}

std::optional<domain::Entity> SqliteStore::find_entity(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kEntityColumns) + "WHERE id = ?1");
  select.bind(1, id.str());
  if (!select.step()) return std::nullopt;
  return read_entity(select);
}

std::optional<domain::Entity> SqliteStore::find_entity_by_client_id(const std::string& client_id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kEntityColumns) + "WHERE client_id = ?1");
  select.bind(1, client_id);
  if (!select.step()) return std::nullopt;
  return read_entity(select);
}

WriteResult SqliteStore::insert_entity(const domain::Entity& entity) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO entities (id, tenant_id, type_id, client_id, secret_hash, name,"
                   " data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.bind(1, entity.id.str())
      .bind(2, entity.tenant_id.str())
      .bind(3, entity.type_id.str())
      .bind(4, entity.client_id)
      .bind(5, entity.secret_hash)
      .bind(6, entity.name)
      .bind(7, json::serialize(entity.data));
  return run_entity_write(insert);
}

WriteResult SqliteStore::update_entity(const domain::Entity& entity) {
  auto connection = pool_.acquire();
  // tenant_id and type_id are fixed at creation.
  Statement update(*connection,
                   "UPDATE entities SET client_id = ?2, secret_hash = ?3, name = ?4, data = ?5"
                   " WHERE id = ?1");
  update.bind(1, entity.id.str())
      .bind(2, entity.client_id)
      .bind(3, entity.secret_hash)
      .bind(4, entity.name)
      .bind(5, json::serialize(entity.data));
  if (auto written = run_entity_write(update); !written) return written;
  if (connection->changes() == 0) return std::unexpected(Conflict::kMissingParent);
  return {};
}

bool SqliteStore::delete_entity(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM entities WHERE id = ?1");
  remove.bind(1, id.str());
  return rows::touched(*connection, remove);
}

std::vector<domain::EntityGrant> SqliteStore::list_entity_grants(
    const std::optional<Uuid>& entity_id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kGrantColumns) +
                                    "WHERE ?1 IS NULL OR entity_id = ?1 ORDER BY rowid");
  select.bind_optional(1, optional_id(entity_id));
  std::vector<domain::EntityGrant> grants;
  while (select.step()) grants.push_back(read_grant(select));
  return grants;
}

std::optional<domain::EntityGrant> SqliteStore::find_entity_grant(
    const Uuid& entity_id, const std::optional<Uuid>& recipient_entity_id,
    const std::optional<Uuid>& user_id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kGrantColumns) +
                                    "WHERE entity_id = ?1 AND recipient_entity_id IS ?2"
                                    " AND user_id IS ?3");
  select.bind(1, entity_id.str())
      .bind_optional(2, optional_id(recipient_entity_id))
      .bind_optional(3, optional_id(user_id));
  if (!select.step()) return std::nullopt;
  return read_grant(select);
}

WriteResult SqliteStore::insert_entity_grant(const domain::EntityGrant& grant) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO entity_grants (id, entity_id, recipient_entity_id, user_id, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, grant.id.str())
      .bind(2, grant.entity_id.str())
      .bind_optional(3, optional_id(grant.recipient_entity_id))
      .bind_optional(4, optional_id(grant.user_id))
      .bind(5, json::serialize(grant.data));
  return run_entity_write(insert);
}

WriteResult SqliteStore::update_entity_grant(const domain::EntityGrant& grant) {
  auto connection = pool_.acquire();
  Statement update(*connection, "UPDATE entity_grants SET data = ?2 WHERE id = ?1");
  update.bind(1, grant.id.str()).bind(2, json::serialize(grant.data));
  if (auto written = run_entity_write(update); !written) return written;
  if (connection->changes() == 0) return std::unexpected(Conflict::kMissingParent);
  return {};
}

bool SqliteStore::delete_entity_grant(const Uuid& grant_id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM entity_grants WHERE id = ?1");
  remove.bind(1, grant_id.str());
  return rows::touched(*connection, remove);
}

}  // namespace latchkey::store::sqlite
