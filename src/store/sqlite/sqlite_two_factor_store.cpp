// SqliteStore: pending two-factor challenges (store/migrations/0003). Store contract:
// store/two_factor_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

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

}  // namespace latchkey::store::sqlite
