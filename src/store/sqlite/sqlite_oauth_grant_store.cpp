// SqliteStore: OAuth authorization codes and SSO sessions (store/migrations/0004_oauth.sql).
// Store contract: store/oauth_grant_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

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
