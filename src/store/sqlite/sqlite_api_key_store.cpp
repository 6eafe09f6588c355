// SqliteStore: API keys (store/migrations/0001). Store contract: store/api_key_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

namespace {

domain::ApiKey read_api_key(const Statement& row) {
  std::optional<Uuid> tenant;
  if (!row.column_is_null(2)) tenant = column_uuid(row, 2);
  return {column_uuid(row, 0), row.column_text(1), tenant, row.column_int(3) != 0,
          column_json(row, 4)};
}

}  // namespace

std::vector<domain::ApiKey> SqliteStore::list_api_keys() {
  auto connection = pool_.acquire();
  Statement select(
      *connection,
      "SELECT id, key_value, tenant_id, key_manager, data FROM api_keys ORDER BY rowid");
  return read_all<domain::ApiKey>(select, read_api_key);
}

std::optional<domain::ApiKey> SqliteStore::find_api_key(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(
      *connection,
      "SELECT id, key_value, tenant_id, key_manager, data FROM api_keys WHERE id = ?1");
  select.bind(1, id.str());
  return read_one<domain::ApiKey>(select, read_api_key);
}

WriteResult SqliteStore::insert_api_key(const domain::ApiKey& key) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO api_keys (id, key_value, tenant_id, key_manager, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, key.id.str())
      .bind(2, key.key)
      .bind_optional(3, key.tenant_id ? std::optional(key.tenant_id->str()) : std::nullopt)
      .bind(4, std::int64_t{key.key_manager ? 1 : 0})
      .bind(5, json::serialize(key.data));
  return run_write(insert);
}

WriteResult SqliteStore::update_api_key(const domain::ApiKey& key) {
  auto connection = pool_.acquire();
  Statement update(*connection, "UPDATE api_keys SET key_value = ?2, data = ?3 WHERE id = ?1");
  update.bind(1, key.id.str()).bind(2, key.key).bind(3, json::serialize(key.data));
  return run_write(update);
}

bool SqliteStore::delete_api_key(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM api_keys WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

}  // namespace latchkey::store::sqlite
