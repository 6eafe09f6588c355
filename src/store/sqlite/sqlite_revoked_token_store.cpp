// SqliteStore: access tokens revoked by jti (migrations/0007_revoked_access_tokens.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

void delete_expired(Connection& connection, Instant now) {
  Statement remove(connection, "DELETE FROM revoked_access_tokens WHERE expires_at < ?1");
  remove.bind(1, to_epoch_ms(now));
  if (auto violation = remove.execute()) {
    throw StoreUnavailable("cannot prune revoked access tokens: " + violation->message);
  }
}

}  // namespace

void SqliteStore::insert_revoked_access_token(const RevokedAccessToken& token, Instant now) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  delete_expired(*connection, now);
  // A repeated revocation of one token keeps the first row: same jti, same exp.
  Statement insert(*connection,
                   "INSERT INTO revoked_access_tokens (jti, application_id, expires_at, revoked_at)"
                   " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (jti) DO NOTHING");
  insert.bind(1, token.jti)
      .bind(2, token.application_id.str())
      .bind(3, to_epoch_ms(token.expires_at))
      .bind(4, to_epoch_ms(token.revoked_at));
  if (auto violation = insert.execute()) {
    throw StoreUnavailable("cannot record a revoked access token: " + violation->message);
  }
  transaction.commit();
}

std::vector<RevokedAccessToken> SqliteStore::prune_and_list_revoked_access_tokens(Instant now) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  delete_expired(*connection, now);
  std::vector<RevokedAccessToken> tokens;
  {
    Statement select(
        *connection,
        "SELECT jti, application_id, expires_at, revoked_at FROM revoked_access_tokens");
    while (select.step()) {
      auto application_id = Uuid::parse(select.column_text(1));
      if (!application_id) throw StoreUnavailable("corrupt id in database");
      tokens.push_back({select.column_text(0), *application_id, from_epoch_ms(select.column_int(2)),
                        from_epoch_ms(select.column_int(3))});
    }
  }
  transaction.commit();
  return tokens;
}

}  // namespace latchkey::store::sqlite
