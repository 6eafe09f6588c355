#pragma once
// Schema migrations: numbered SQL files applied in order at start-up, each inside the same
// transaction as its record in schema_version. A database newer than this binary is refused,
// because an older binary would silently misread it.

#include <span>
#include <string_view>

#include "store/sqlite/database.hpp"

namespace latchkey::store::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The migrations compiled into this binary (generated from src/store/migrations/*.sql).
std::span<const Migration> embedded_migrations();

// Applies every migration above the database's version; returns the resulting version.
// Throws StoreUnavailable when the database's schema is newer than `migrations` knows.
int migrate(Connection& connection, std::span<const Migration> migrations);

}  // namespace latchkey::store::sqlite
