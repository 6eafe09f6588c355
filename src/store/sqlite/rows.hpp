#pragma once
// Row mapping shared by the files that implement SqliteStore (one per store interface): one
// definition of how a user or a registration is bound, how ids, documents and instants are
// read, and how a constraint violation becomes a Conflict.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/uuid.hpp"
#include "domain/records.hpp"
#include "store/sqlite/database.hpp"
#include "store/write_result.hpp"

namespace latchkey::store::sqlite::rows {

inline constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, tenant_id, email, username, username_lower, active, data,"
    " password_scheme, password_hash, password_salt, password_factor)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

inline constexpr std::string_view kUpdateUser =
    "UPDATE users SET tenant_id = ?2, email = ?3, username = ?4, username_lower = ?5,"
    " active = ?6, data = ?7, password_scheme = ?8, password_hash = ?9,"
    " password_salt = ?10, password_factor = ?11 WHERE id = ?1";

inline constexpr std::string_view kInsertRegistration =
    "INSERT INTO registrations (id, user_id, application_id, data) VALUES (?1, ?2, ?3, ?4)";

inline constexpr std::string_view kUpdateRegistration =
    "UPDATE registrations SET data = ?4 WHERE id = ?1 AND user_id = ?2 AND application_id = ?3";

Uuid column_uuid(const Statement& row, int index);
json::object column_json(const Statement& row, int index);
std::string lower(std::string_view text);
// Which uniqueness rule refused a write; throws StoreUnavailable for anything unexpected.
Conflict classify(const ConstraintViolation& violation);
WriteResult run_write(Statement& statement);
// Runs an UPDATE/DELETE and reports whether it touched a row.
bool touched(Connection& connection, Statement& statement);
void bind_user(Statement& statement, const domain::User& user);
void bind_registration(Statement& statement, const domain::Registration& registration);
std::optional<Instant> column_instant(const Statement& row, int index);
void bind_instant(Statement& statement, int index, const std::optional<Instant>& instant);

template <class Record, class Reader>
std::vector<Record> read_all(Statement& statement, Reader reader) {
  std::vector<Record> rows;
  while (statement.step()) rows.push_back(reader(statement));
  return rows;
}

template <class Record, class Reader>
std::optional<Record> read_one(Statement& statement, Reader reader) {
  if (!statement.step()) return std::nullopt;
  return reader(statement);
}

}  // namespace latchkey::store::sqlite::rows
