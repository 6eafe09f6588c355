// The System Configuration: one JSON document in one row
// (store/migrations/0013_system_configuration.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {

std::optional<json::object> SqliteStore::find_system_configuration() {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT data FROM system_configuration WHERE id = 1");
  if (!select.step()) return std::nullopt;
  auto doc = json::parse_object(select.column_text(0));
  if (!doc) throw StoreUnavailable("corrupt system configuration row in database");
  return std::move(*doc);
}

bool SqliteStore::insert_system_configuration(const json::object& configuration) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO system_configuration (id, data) VALUES (1, ?1) "
                   "ON CONFLICT (id) DO NOTHING");
  insert.bind(1, json::serialize(configuration));
  if (auto violation = insert.execute()) {
    throw StoreUnavailable("unexpected constraint violation: " + violation->message);
  }
  return connection->changes() > 0;
}

void SqliteStore::save_system_configuration(const json::object& configuration) {
  auto connection = pool_.acquire();
  Statement upsert(*connection,
                   "INSERT INTO system_configuration (id, data) VALUES (1, ?1) "
                   "ON CONFLICT (id) DO UPDATE SET data = excluded.data");
  upsert.bind(1, json::serialize(configuration));
  if (auto violation = upsert.execute()) {
    throw StoreUnavailable("unexpected constraint violation: " + violation->message);
  }
}

}  // namespace latchkey::store::sqlite
