// SqliteStore: refresh tokens and the values they had before a rotation (store/migrations/0001,
// 0009). Store contract: store/refresh_token_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

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

}  // namespace latchkey::store::sqlite
