// SqliteStore: Key Master signing keys (store/migrations/0002). Store contract:
// store/key_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

std::vector<domain::SigningKey> SqliteStore::list_keys() {
  auto connection = pool_.acquire();
  Statement select(
      *connection,
      "SELECT id, kid, role, data, secret, tenant_id FROM signing_keys ORDER BY rowid");
  std::vector<domain::SigningKey> keys;
  while (select.step()) {
    auto data = column_json(select, 3);
    auto name = json::get_string(data, "name").value_or("");
    std::optional<Uuid> tenant;
    if (!select.column_is_null(5)) tenant = column_uuid(select, 5);
    keys.push_back({column_uuid(select, 0), std::move(name), select.column_text(1),
                    select.column_optional_text(2).value_or(""), std::move(data),
                    select.column_optional_text(4), tenant});
  }
  return keys;
}

WriteResult SqliteStore::insert_key(const domain::SigningKey& key) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO signing_keys (id, name_lower, kid, role, data, secret, tenant_id)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.bind(1, key.id.str())
      .bind(2, lower(key.name))
      .bind(3, key.kid)
      .bind_optional(4, key.role.empty() ? std::nullopt : std::optional(key.role))
      .bind(5, json::serialize(key.data))
      .bind_optional(6, key.secret)
      .bind_optional(7, key.tenant_id ? std::optional(key.tenant_id->str()) : std::nullopt);
  return run_write(insert);
}

WriteResult SqliteStore::update_key(const domain::SigningKey& key) {
  auto connection = pool_.acquire();
  Statement update(*connection, "UPDATE signing_keys SET name_lower = ?2, data = ?3 WHERE id = ?1");
  update.bind(1, key.id.str()).bind(2, lower(key.name)).bind(3, json::serialize(key.data));
  return run_write(update);
}

bool SqliteStore::delete_key(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM signing_keys WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

}  // namespace latchkey::store::sqlite
