// Row mapping shared by the SqliteStore files (store/sqlite/rows.hpp).
#include "store/sqlite/rows.hpp"

#include <algorithm>
#include <cctype>

namespace latchkey::store::sqlite::rows {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Uuid column_uuid(const Statement& row, int index) {
  auto id = Uuid::parse(row.column_text(index));
  if (!id) throw StoreUnavailable("corrupt id in database");
  return *id;
}

json::object column_json(const Statement& row, int index) {
  auto doc = json::parse_object(row.column_text(index));
  if (!doc) throw StoreUnavailable("corrupt JSON document in database");
  return std::move(*doc);
}

// SQLite names the violated constraint's columns in its message; that is the only portable
// way to tell which uniqueness rule refused the write.
Conflict classify(const ConstraintViolation& violation) {
  const std::string& m = violation.message;
  if (m.find("FOREIGN KEY") != std::string::npos) return Conflict::kMissingParent;
  if (m.find("users.email") != std::string::npos) return Conflict::kDuplicateEmail;
  if (m.find("users.username_lower") != std::string::npos) return Conflict::kDuplicateUsername;
  if (m.find("signing_keys.kid") != std::string::npos) return Conflict::kDuplicateKid;
  if (m.find("name_lower") != std::string::npos) return Conflict::kDuplicateName;
  if (m.find("key_value") != std::string::npos) return Conflict::kDuplicateKey;
  if (m.find("registrations.user_id") != std::string::npos) {
    return Conflict::kDuplicateRegistration;
  }
  if (m.find(".id") != std::string::npos) return Conflict::kDuplicateId;
  throw StoreUnavailable("unexpected constraint violation: " + m);
}

WriteResult run_write(Statement& statement) {
  if (auto violation = statement.execute()) return std::unexpected(classify(*violation));
  return {};
}

// Runs an UPDATE/DELETE and reports whether it touched a row.
bool touched(Connection& connection, Statement& statement) {
  if (auto violation = statement.execute()) {
    throw StoreUnavailable("unexpected constraint violation: " + violation->message);
  }
  return connection.changes() > 0;
}

std::optional<Instant> column_instant(const Statement& row, int index) {
  if (row.column_is_null(index)) return std::nullopt;
  return from_epoch_ms(row.column_int(index));
}

void bind_instant(Statement& statement, int index, const std::optional<Instant>& instant) {
  if (instant) {
    statement.bind(index, to_epoch_ms(*instant));
  } else {
    statement.bind_null(index);
  }
}

void bind_user(Statement& statement, const domain::User& user) {
  statement.bind(1, user.id.str())
      .bind(2, user.tenant_id.str())
      .bind_optional(3, user.email)
      .bind_optional(4, user.username)
      .bind_optional(5, user.username ? std::optional(lower(*user.username)) : std::nullopt)
      .bind(6, std::int64_t{user.active ? 1 : 0})
      .bind(7, json::serialize(user.data));
  if (user.password) {
    statement.bind(8, user.password->scheme)
        .bind(9, user.password->hash)
        .bind(10, user.password->salt)
        .bind(11, std::int64_t{user.password->factor});
  } else {
    statement.bind_null(8).bind_null(9).bind_null(10).bind_null(11);
  }
}

void bind_registration(Statement& statement, const domain::Registration& registration) {
  statement.bind(1, registration.id.str())
      .bind(2, registration.user_id.str())
      .bind(3, registration.application_id.str())
      .bind(4, json::serialize(registration.data));
}

}  // namespace latchkey::store::sqlite::rows
