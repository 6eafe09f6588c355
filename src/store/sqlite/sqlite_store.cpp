#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <cctype>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/rows.hpp"

namespace latchkey::store::sqlite {
// Row helpers shared with the other SqliteStore files (store/sqlite/rows.hpp).
namespace rows {

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

domain::Tenant read_tenant(const Statement& row) {
  return {column_uuid(row, 0), row.column_text(1), column_json(row, 2)};
}

domain::Application read_application(const Statement& row) {
  return {column_uuid(row, 0), column_uuid(row, 1), row.column_text(2), row.column_int(3) != 0,
          column_json(row, 4)};
}

constexpr std::string_view kUserColumns =
    "SELECT id, tenant_id, email, username, active, data, password_scheme, password_hash,"
    " password_salt, password_factor, failed_login_count, failed_login_window_start,"
    " locked_until FROM users ";

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

domain::User read_user(const Statement& row) {
  domain::User user{column_uuid(row, 0),
                    column_uuid(row, 1),
                    row.column_optional_text(2),
                    row.column_optional_text(3),
                    row.column_int(4) != 0,
                    column_json(row, 5),
                    std::nullopt,
                    {}};
  if (!row.column_is_null(6)) {
    user.password =
        domain::PasswordCredential{row.column_text(6), row.column_text(7), row.column_text(8),
                                   static_cast<int>(row.column_int(9))};
  }
  user.failures = domain::LoginFailures{static_cast<int>(row.column_int(10)),
                                        column_instant(row, 11), column_instant(row, 12)};
  return user;
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

domain::Registration read_registration(const Statement& row) {
  return {column_uuid(row, 0), column_uuid(row, 1), column_uuid(row, 2), column_json(row, 3)};
}

domain::ApiKey read_api_key(const Statement& row) {
  std::optional<Uuid> tenant;
  if (!row.column_is_null(2)) tenant = column_uuid(row, 2);
  return {column_uuid(row, 0), row.column_text(1), tenant, row.column_int(3) != 0,
          column_json(row, 4)};
}

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

}  // namespace rows
using namespace rows;  // NOLINT(google-build-using-namespace): this file's own helpers

std::unique_ptr<SqliteStore> SqliteStore::open(const std::string& path, std::size_t pool_size) {
  if (path.empty() || path == ":memory:") {
    throw StoreUnavailable("an SQLite store needs a file path");
  }
  {
    Connection connection = Connection::open(path);
    migrate(connection, embedded_migrations());
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::max<std::size_t>(pool_size, 1)));
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

// --- tenants ---------------------------------------------------------------------------

std::vector<domain::Tenant> SqliteStore::list_tenants() {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT id, name, data FROM tenants ORDER BY name_lower");
  return read_all<domain::Tenant>(select, read_tenant);
}

std::optional<domain::Tenant> SqliteStore::find_tenant(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT id, name, data FROM tenants WHERE id = ?1");
  select.bind(1, id.str());
  return read_one<domain::Tenant>(select, read_tenant);
}

WriteResult SqliteStore::insert_tenant(const domain::Tenant& tenant) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO tenants (id, name, name_lower, data) VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, tenant.id.str())
      .bind(2, tenant.name)
      .bind(3, lower(tenant.name))
      .bind(4, json::serialize(tenant.data));
  return run_write(insert);
}

WriteResult SqliteStore::update_tenant(const domain::Tenant& tenant) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE tenants SET name = ?2, name_lower = ?3, data = ?4 WHERE id = ?1");
  update.bind(1, tenant.id.str())
      .bind(2, tenant.name)
      .bind(3, lower(tenant.name))
      .bind(4, json::serialize(tenant.data));
  return run_write(update);
}

bool SqliteStore::delete_tenant(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM tenants WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

// --- applications ----------------------------------------------------------------------

std::vector<domain::Application> SqliteStore::list_applications() {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT id, tenant_id, name, active, data FROM applications ORDER BY name");
  return read_all<domain::Application>(select, read_application);
}

std::optional<domain::Application> SqliteStore::find_application(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT id, tenant_id, name, active, data FROM applications WHERE id = ?1");
  select.bind(1, id.str());
  return read_one<domain::Application>(select, read_application);
}

WriteResult SqliteStore::insert_application(const domain::Application& application) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO applications (id, tenant_id, name, active, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, application.id.str())
      .bind(2, application.tenant_id.str())
      .bind(3, application.name)
      .bind(4, std::int64_t{application.active ? 1 : 0})
      .bind(5, json::serialize(application.data));
  return run_write(insert);
}

WriteResult SqliteStore::update_application(const domain::Application& application) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE applications SET name = ?2, active = ?3, data = ?4 WHERE id = ?1");
  update.bind(1, application.id.str())
      .bind(2, application.name)
      .bind(3, std::int64_t{application.active ? 1 : 0})
      .bind(4, json::serialize(application.data));
  return run_write(update);
}

bool SqliteStore::delete_application(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM applications WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

// --- users -----------------------------------------------------------------------------

std::optional<domain::User> SqliteStore::find_user(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kUserColumns) + "WHERE id = ?1");
  select.bind(1, id.str());
  return read_one<domain::User>(select, read_user);
}

std::optional<domain::User> SqliteStore::find_user_by_email(const Uuid& tenant_id,
                                                            const std::string& email) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kUserColumns) + "WHERE tenant_id = ?1 AND email = ?2");
  select.bind(1, tenant_id.str()).bind(2, lower(email));
  return read_one<domain::User>(select, read_user);
}

std::optional<domain::User> SqliteStore::find_user_by_username(const Uuid& tenant_id,
                                                               const std::string& username) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   std::string(kUserColumns) + "WHERE tenant_id = ?1 AND username_lower = ?2");
  select.bind(1, tenant_id.str()).bind(2, lower(username));
  return read_one<domain::User>(select, read_user);
}

WriteResult SqliteStore::insert_user(const domain::User& user) {
  auto connection = pool_.acquire();
  Statement insert(*connection, kInsertUser);
  bind_user(insert, user);
  return run_write(insert);
}

WriteResult SqliteStore::insert_user_with_registration(const domain::User& user,
                                                       const domain::Registration& registration) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  Statement insert_user_row(*connection, kInsertUser);
  bind_user(insert_user_row, user);
  if (auto written = run_write(insert_user_row); !written) return written;
  Statement insert_registration_row(*connection, kInsertRegistration);
  bind_registration(insert_registration_row, registration);
  if (auto written = run_write(insert_registration_row); !written) return written;
  transaction.commit();
  return {};
}

WriteResult SqliteStore::update_user(const domain::User& user) {
  auto connection = pool_.acquire();
  Statement update(*connection, kUpdateUser);
  bind_user(update, user);
  return run_write(update);
}

bool SqliteStore::delete_user(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM users WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

std::size_t SqliteStore::count_users() {
  auto connection = pool_.acquire();
  Statement count(*connection, "SELECT COUNT(*) FROM users");
  count.step();
  return static_cast<std::size_t>(count.column_int(0));
}

// --- registrations ---------------------------------------------------------------------

std::vector<domain::Registration> SqliteStore::list_registrations(const Uuid& user_id) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT id, user_id, application_id, data FROM registrations"
                   " WHERE user_id = ?1 ORDER BY rowid");
  select.bind(1, user_id.str());
  return read_all<domain::Registration>(select, read_registration);
}

std::optional<domain::Registration> SqliteStore::find_registration(const Uuid& user_id,
                                                                   const Uuid& application_id) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT id, user_id, application_id, data FROM registrations"
                   " WHERE user_id = ?1 AND application_id = ?2");
  select.bind(1, user_id.str()).bind(2, application_id.str());
  return read_one<domain::Registration>(select, read_registration);
}

WriteResult SqliteStore::insert_registration(const domain::Registration& registration) {
  auto connection = pool_.acquire();
  Statement insert(*connection, kInsertRegistration);
  bind_registration(insert, registration);
  return run_write(insert);
}

WriteResult SqliteStore::update_registration(const domain::Registration& registration) {
  auto connection = pool_.acquire();
  Statement update(*connection, kUpdateRegistration);
  bind_registration(update, registration);
  return run_write(update);
}

bool SqliteStore::delete_registration(const Uuid& user_id, const Uuid& application_id) {
  auto connection = pool_.acquire();
  Statement remove(*connection,
                   "DELETE FROM registrations WHERE user_id = ?1 AND application_id = ?2");
  remove.bind(1, user_id.str()).bind(2, application_id.str());
  return touched(*connection, remove);
}

// --- API keys --------------------------------------------------------------------------

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

void SqliteStore::update_login_failures(const Uuid& user_id,
                                        const domain::LoginFailures& failures) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE users SET failed_login_count = ?2, failed_login_window_start = ?3,"
                   " locked_until = ?4 WHERE id = ?1");
  update.bind(1, user_id.str()).bind(2, std::int64_t{failures.count});
  bind_instant(update, 3, failures.window_start);
  bind_instant(update, 4, failures.locked_until);
  touched(*connection, update);
}

std::optional<domain::LoginFailures> SqliteStore::record_login_failure(
    const Uuid& user_id, Instant now, std::chrono::milliseconds reset_after, int threshold,
    std::optional<std::chrono::milliseconds> lock_for) {
  auto connection = pool_.acquire();
  // One statement, so SQLite's write lock orders concurrent failures and none is lost. Every
  // SET expression reads the row as it was: `fresh` is "the window has run out", `next` the
  // count after this failure.
  constexpr std::string_view kFresh =
      "(failed_login_window_start IS NULL OR ?2 - failed_login_window_start > ?3)";
  const std::string next =
      "(CASE WHEN " + std::string(kFresh) + " THEN 1 ELSE failed_login_count + 1 END)";
  const std::string reached = "(" + next + " >= ?4)";
  Statement update(*connection,
                   "UPDATE users SET"
                   " locked_until = CASE WHEN ?5 IS NOT NULL AND " +
                       reached + " THEN ?2 + ?5 ELSE locked_until END," +
                       " failed_login_count = CASE WHEN " + reached + " THEN 0 ELSE " + next +
                       " END," + " failed_login_window_start = CASE WHEN " + reached +
                       " THEN NULL WHEN " + std::string(kFresh) +
                       " THEN ?2 ELSE failed_login_window_start END"
                       " WHERE id = ?1"
                       " RETURNING failed_login_count, failed_login_window_start, locked_until");
  update.bind(1, user_id.str())
      .bind(2, to_epoch_ms(now))
      .bind(3, std::int64_t{reset_after.count()})
      .bind(4, std::int64_t{threshold});
  if (lock_for) {
    update.bind(5, std::int64_t{lock_for->count()});
  } else {
    update.bind_null(5);
  }
  if (!update.step()) return std::nullopt;
  return domain::LoginFailures{static_cast<int>(update.column_int(0)), column_instant(update, 1),
                               column_instant(update, 2)};
}

void SqliteStore::reset_login_failures(const Uuid& user_id, Instant now) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE users SET failed_login_count = 0, failed_login_window_start = NULL,"
                   " locked_until = CASE WHEN locked_until <= ?2 THEN NULL ELSE locked_until END"
                   " WHERE id = ?1");
  update.bind(1, user_id.str()).bind(2, to_epoch_ms(now));
  touched(*connection, update);
}

bool SqliteStore::claim_totp_step(const Uuid& user_id, Instant step_start) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE users SET last_totp_step_start = ?2 WHERE id = ?1 AND"
                   " (last_totp_step_start IS NULL OR last_totp_step_start < ?2)");
  update.bind(1, user_id.str()).bind(2, to_epoch_ms(step_start));
  return touched(*connection, update);
}

void SqliteStore::record_login(const Uuid& user_id, const std::optional<Uuid>& application_id,
                               Instant when) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  Statement user(*connection,
                 "UPDATE users SET data = json_set(data, '$.lastLoginInstant', ?2) WHERE id = ?1");
  user.bind(1, user_id.str()).bind(2, to_epoch_ms(when));
  touched(*connection, user);
  if (application_id) {
    Statement registration(
        *connection,
        "UPDATE registrations SET data = json_set(data, '$.lastLoginInstant', ?3)"
        " WHERE user_id = ?1 AND application_id = ?2");
    registration.bind(1, user_id.str()).bind(2, application_id->str()).bind(3, to_epoch_ms(when));
    touched(*connection, registration);
  }
  transaction.commit();
}

// --- Key Master keys -------------------------------------------------------------------

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

// --- refresh tokens --------------------------------------------------------------------

namespace {

constexpr std::string_view kRefreshTokenColumns =
    "SELECT id, token_hash, token_sealed, user_id, application_id, tenant_id, insert_instant,"
    " start_instant, data FROM refresh_tokens ";

domain::RefreshToken read_refresh_token(const Statement& row) {
  std::optional<Uuid> application;
  if (!row.column_is_null(4)) application = column_uuid(row, 4);
  return {column_uuid(row, 0),
          row.column_text(1),
          row.column_text(2),
          column_uuid(row, 3),
          application,
          column_uuid(row, 5),
          from_epoch_ms(row.column_int(6)),
          from_epoch_ms(row.column_int(7)),
          column_json(row, 8)};
}

}  // namespace

WriteResult SqliteStore::insert_refresh_token(const domain::RefreshToken& token) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO refresh_tokens (id, token_hash, token_sealed, user_id,"
                   " application_id, tenant_id, insert_instant, start_instant, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert.bind(1, token.id.str())
      .bind(2, token.token_hash)
      .bind(3, token.token_sealed)
      .bind(4, token.user_id.str())
      .bind_optional(
          5, token.application_id ? std::optional(token.application_id->str()) : std::nullopt)
      .bind(6, token.tenant_id.str())
      .bind(7, to_epoch_ms(token.insert_instant))
      .bind(8, to_epoch_ms(token.start_instant))
      .bind(9, json::serialize(token.data));
  return run_write(insert);
}

std::optional<domain::RefreshToken> SqliteStore::find_refresh_token(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kRefreshTokenColumns) + "WHERE id = ?1");
  select.bind(1, id.str());
  return read_one<domain::RefreshToken>(select, read_refresh_token);
}

std::optional<domain::RefreshToken> SqliteStore::find_refresh_token_by_hash(
    const std::string& token_hash) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kRefreshTokenColumns) + "WHERE token_hash = ?1");
  select.bind(1, token_hash);
  return read_one<domain::RefreshToken>(select, read_refresh_token);
}

std::vector<domain::RefreshToken> SqliteStore::list_refresh_tokens(const Uuid& user_id) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string(kRefreshTokenColumns) +
                                    "WHERE user_id = ?1 ORDER BY insert_instant");
  select.bind(1, user_id.str());
  return read_all<domain::RefreshToken>(select, read_refresh_token);
}

bool SqliteStore::delete_refresh_token(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM refresh_tokens WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

std::size_t SqliteStore::delete_refresh_tokens(const std::optional<Uuid>& user_id,
                                               const std::optional<Uuid>& application_id) {
  auto connection = pool_.acquire();
  Statement remove(*connection,
                   "DELETE FROM refresh_tokens WHERE (?1 IS NULL OR user_id = ?1)"
                   " AND (?2 IS NULL OR application_id = ?2)");
  remove.bind_optional(1, user_id ? std::optional(user_id->str()) : std::nullopt)
      .bind_optional(2, application_id ? std::optional(application_id->str()) : std::nullopt);
  touched(*connection, remove);
  return static_cast<std::size_t>(connection->changes());
}

std::size_t SqliteStore::count_refresh_tokens(const std::optional<Uuid>& user_id,
                                              const std::optional<Uuid>& application_id) {
  auto connection = pool_.acquire();
  Statement count(*connection,
                  "SELECT COUNT(*) FROM refresh_tokens WHERE (?1 IS NULL OR user_id = ?1)"
                  " AND (?2 IS NULL OR application_id = ?2)");
  count.bind_optional(1, user_id ? std::optional(user_id->str()) : std::nullopt)
      .bind_optional(2, application_id ? std::optional(application_id->str()) : std::nullopt);
  if (!count.step()) return 0;
  return static_cast<std::size_t>(count.column_int(0));
}

bool SqliteStore::rotate_refresh_token(const RefreshTokenRotation& rotation) {
  auto connection = pool_.acquire();
  // BEGIN IMMEDIATE: the write lock is taken before the conditional UPDATE reads the row, so
  // concurrent exchanges of one value are serialised and only the first sees its hash.
  Transaction transaction(*connection);
  Statement update(*connection,
                   "UPDATE refresh_tokens SET token_hash = ?3, token_sealed = ?4,"
                   " start_instant = ?5, data = ?6 WHERE id = ?1 AND token_hash = ?2");
  update.bind(1, rotation.id.str())
      .bind(2, rotation.expected_hash)
      .bind(3, rotation.token_hash)
      .bind(4, rotation.token_sealed)
      .bind(5, to_epoch_ms(rotation.start_instant))
      .bind(6, json::serialize(rotation.data));
  if (!touched(*connection, update)) return false;  // rolled back by the destructor
  if (rotation.token_hash != rotation.expected_hash) {
    Statement history(*connection,
                      "INSERT INTO refresh_token_history (token_hash, token_id, rotated_at)"
                      " VALUES (?1, ?2, ?3)");
    history.bind(1, rotation.expected_hash)
        .bind(2, rotation.id.str())
        .bind(3, to_epoch_ms(rotation.rotated_at));
    if (auto violation = history.execute()) {
      throw StoreUnavailable("cannot record a rotated refresh token: " + violation->message);
    }
  }
  transaction.commit();
  return true;
}

std::optional<RefreshTokenPredecessor> SqliteStore::find_refresh_token_predecessor(
    const std::string& token_hash) {
  auto connection = pool_.acquire();
  // `latest`: no later rotation of the same token, i.e. this value's successor is still live.
  // rowid, not rotated_at, orders them: two rotations may share a millisecond.
  Statement select(*connection,
                   "SELECT h.token_id, h.rotated_at, NOT EXISTS (SELECT 1 FROM"
                   " refresh_token_history later WHERE later.token_id = h.token_id AND"
                   " later.rowid > h.rowid) FROM refresh_token_history h"
                   " WHERE h.token_hash = ?1");
  select.bind(1, token_hash);
  if (!select.step()) return std::nullopt;
  return RefreshTokenPredecessor{column_uuid(select, 0), from_epoch_ms(select.column_int(1)),
                                 select.column_int(2) != 0};
}

// --- two-factor challenges -------------------------------------------------------------

void SqliteStore::insert_two_factor_challenge(const domain::TwoFactorChallenge& challenge) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO two_factor_challenges (id, user_id, expires_at, data)"
                   " VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, challenge.id_hash)
      .bind(2, challenge.user_id.str())
      .bind(3, to_epoch_ms(challenge.expires_at))
      .bind(4, json::serialize(challenge.data));
  if (auto violation = insert.execute()) {
    throw StoreUnavailable("cannot store a two-factor challenge: " + violation->message);
  }
}

std::optional<domain::TwoFactorChallenge> SqliteStore::find_two_factor_challenge(
    const std::string& id_hash) {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT id, user_id, expires_at, data FROM two_factor_challenges WHERE id = ?1");
  select.bind(1, id_hash);
  if (!select.step()) return std::nullopt;
  return domain::TwoFactorChallenge{select.column_text(0), column_uuid(select, 1),
                                    from_epoch_ms(select.column_int(2)), column_json(select, 3)};
}

std::optional<domain::TwoFactorChallenge> SqliteStore::take_two_factor_challenge(
    const std::string& id_hash) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  Statement select(*connection,
                   "SELECT id, user_id, expires_at, data FROM two_factor_challenges WHERE id = ?1");
  select.bind(1, id_hash);
  if (!select.step()) return std::nullopt;
  domain::TwoFactorChallenge challenge{select.column_text(0), column_uuid(select, 1),
                                       from_epoch_ms(select.column_int(2)), column_json(select, 3)};
  Statement remove(*connection, "DELETE FROM two_factor_challenges WHERE id = ?1");
  remove.bind(1, id_hash);
  touched(*connection, remove);
  transaction.commit();
  return challenge;
}

std::optional<TwoFactorFailure> SqliteStore::record_two_factor_failure(const std::string& id_hash,
                                                                       const std::string& code_hash,
                                                                       int limit) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  Statement previous(*connection,
                     "SELECT last_wrong_code IS ?2 FROM two_factor_challenges WHERE id = ?1");
  previous.bind(1, id_hash).bind(2, code_hash);
  if (!previous.step()) return std::nullopt;
  const bool repeated = previous.column_int(0) != 0;
  previous.reset();
  Statement update(*connection,
                   "UPDATE two_factor_challenges SET failed_attempts = failed_attempts + ?2,"
                   " last_wrong_code = ?3 WHERE id = ?1 RETURNING failed_attempts");
  update.bind(1, id_hash).bind(2, std::int64_t{repeated ? 0 : 1}).bind(3, code_hash);
  if (!update.step()) return std::nullopt;
  const auto count = static_cast<int>(update.column_int(0));
  update.reset();
  if (count >= limit) {
    Statement remove(*connection, "DELETE FROM two_factor_challenges WHERE id = ?1");
    remove.bind(1, id_hash);
    touched(*connection, remove);
  }
  transaction.commit();
  return TwoFactorFailure{count, repeated};
}

// --- OAuth grants: authorization codes and SSO sessions ------------------------------------

void SqliteStore::insert_oauth_grant(const OAuthGrant& grant) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO oauth_grants (id, kind, expires_at, consumed_at, data)"
                   " VALUES (?1, ?2, ?3, NULL, ?4)");
  insert.bind(1, grant.id_hash)
      .bind(2, grant.kind)
      .bind(3, to_epoch_ms(grant.expires_at))
      .bind(4, json::serialize(grant.data));
  if (auto violation = insert.execute()) {
    throw StoreUnavailable("cannot store an OAuth grant: " + violation->message);
  }
}

std::optional<OAuthGrant> SqliteStore::find_oauth_grant(const std::string& id_hash) {
  auto connection = pool_.acquire();
  Statement select(
      *connection,
      "SELECT id, kind, expires_at, consumed_at, data FROM oauth_grants WHERE id = ?1");
  select.bind(1, id_hash);
  if (!select.step()) return std::nullopt;
  OAuthGrant grant{select.column_text(0), select.column_text(1),
                   from_epoch_ms(select.column_int(2)), std::nullopt, column_json(select, 4)};
  if (!select.column_is_null(3)) grant.consumed_at = from_epoch_ms(select.column_int(3));
  return grant;
}

bool SqliteStore::consume_oauth_grant(const std::string& id_hash, Instant now) {
  auto connection = pool_.acquire();
  // One conditional write: of concurrent consumers exactly one sees a changed row.
  Statement update(
      *connection,
      "UPDATE oauth_grants SET consumed_at = ?2 WHERE id = ?1 AND consumed_at IS NULL");
  update.bind(1, id_hash).bind(2, to_epoch_ms(now));
  return touched(*connection, update);
}

void SqliteStore::update_oauth_grant_data(const std::string& id_hash, const json::object& data) {
  auto connection = pool_.acquire();
  Statement update(*connection, "UPDATE oauth_grants SET data = ?2 WHERE id = ?1");
  update.bind(1, id_hash).bind(2, json::serialize(data));
  (void)touched(*connection, update);
}

bool SqliteStore::delete_oauth_grant(const std::string& id_hash) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM oauth_grants WHERE id = ?1");
  remove.bind(1, id_hash);
  return touched(*connection, remove);
}

std::size_t SqliteStore::delete_expired_oauth_grants(Instant now) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM oauth_grants WHERE expires_at < ?1");
  remove.bind(1, to_epoch_ms(now));
  (void)touched(*connection, remove);
  return static_cast<std::size_t>(connection->changes());
}

}  // namespace latchkey::store::sqlite
