#include "store/sqlite/migrations.hpp"

#include <string>

#include "store/store.hpp"

namespace latchkey::store::sqlite {

int migrate(Connection& connection, std::span<const Migration> migrations) {
  Transaction transaction(connection);
  connection.exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  Statement current(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  current.step();
  int version = static_cast<int>(current.column_int(0));

  const int known = migrations.empty() ? 0 : migrations.back().version;
  if (version > known) {
    throw StoreUnavailable("the database schema is version " + std::to_string(version) +
                           " but this latchkey binary only knows up to version " +
                           std::to_string(known) + "; upgrade latchkey");
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= version) continue;
    connection.exec(migration.sql);
    Statement record(connection,
                     "INSERT INTO schema_version (version, name, applied_at)"
                     " VALUES (?1, ?2, strftime('%s','now'))");
    record.bind(1, std::int64_t{migration.version}).bind(2, migration.name);
    if (record.execute()) throw StoreUnavailable("cannot record migration");
    version = migration.version;
  }
  transaction.commit();
  return version;
}

}  // namespace latchkey::store::sqlite
