// SqliteStore: pending password changes (migrations/0008_change_password.sql). Kept apart from
// sqlite_store.cpp so this table's SQL reads in one place.
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

constexpr const char* kColumns = "id, kind, user_id, expires_at, data";

PasswordChangeRecord read_record(const Statement& row) {
  auto user_id = Uuid::parse(row.column_text(2));
  auto data = json::parse_object(row.column_text(4));
  if (!user_id || !data) throw StoreUnavailable("corrupt password change record in database");
  return {row.column_text(0), row.column_text(1), *user_id, from_epoch_ms(row.column_int(3)),
          std::move(*data)};
}

}  // namespace

void SqliteStore::insert_password_change(const PasswordChangeRecord& record) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO password_change_requests (id, kind, user_id, expires_at, data)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, record.id_hash)
      .bind(2, record.kind)
      .bind(3, record.user_id.str())
      .bind(4, to_epoch_ms(record.expires_at))
      .bind(5, json::serialize(record.data));
  if (auto violation = insert.execute()) {
    throw StoreUnavailable("cannot store a password change: " + violation->message);
  }
}

std::optional<PasswordChangeRecord> SqliteStore::find_password_change(const std::string& id_hash) {
  auto connection = pool_.acquire();
  Statement select(*connection, std::string("SELECT ") + kColumns +
                                    " FROM password_change_requests WHERE id = ?1");
  select.bind(1, id_hash);
  if (!select.step()) return std::nullopt;
  return read_record(select);
}

std::optional<PasswordChangeRecord> SqliteStore::take_password_change(const std::string& id_hash) {
  auto connection = pool_.acquire();
  // RETURNING makes the read and the delete one statement: of two concurrent takes, only the
  // one whose DELETE removed the row sees it.
  Statement remove(*connection, std::string("DELETE FROM password_change_requests WHERE id = ?1"
                                            " RETURNING ") +
                                    kColumns);
  remove.bind(1, id_hash);
  if (!remove.step()) return std::nullopt;
  auto record = read_record(remove);
  while (remove.step()) {
  }
  return record;
}

std::size_t SqliteStore::delete_password_changes(const Uuid& user_id, const std::string& kind) {
  auto connection = pool_.acquire();
  Statement remove(*connection,
                   "DELETE FROM password_change_requests WHERE user_id = ?1 AND kind = ?2");
  remove.bind(1, user_id.str()).bind(2, kind);
  if (auto violation = remove.execute()) {
    throw StoreUnavailable("cannot delete password changes: " + violation->message);
  }
  return static_cast<std::size_t>(connection->changes());
}

}  // namespace latchkey::store::sqlite
