// SqliteStore: opening the database and the health probe; each interface's SQL lives in its own
// file (sqlite_<interface>_store.cpp).
#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>

#include "store/sqlite/migrations.hpp"

namespace latchkey::store::sqlite {

std::unique_ptr<SqliteStore> SqliteStore::open(const std::string& path, std::size_t pool_size,
                                               std::chrono::milliseconds wait) {
  if (path.empty() || path == ":memory:") {
    throw StoreUnavailable("an SQLite store needs a file path");
  }
  {
    Connection connection = Connection::open(path, wait);
    migrate(connection, embedded_migrations());
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(path, std::max<std::size_t>(pool_size, 1), wait));
}

bool SqliteStore::healthy() {
  try {
    auto connection = pool_.acquire();
    Statement probe(*connection, "SELECT 1");
    return probe.step();
  } catch (const StoreUnavailable&) {
    return false;
  }
}

}  // namespace latchkey::store::sqlite
