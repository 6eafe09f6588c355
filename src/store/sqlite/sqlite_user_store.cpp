// SqliteStore: users and their login bookkeeping (store/migrations/0001, 0003). Store
// contract: store/user_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

namespace {

constexpr std::string_view kUserColumns =
    "SELECT id, tenant_id, email, username, active, data, password_scheme, password_hash,"
    " password_salt, password_factor, failed_login_count, failed_login_window_start,"
    " locked_until FROM users ";

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

}  // namespace

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

}  // namespace latchkey::store::sqlite
