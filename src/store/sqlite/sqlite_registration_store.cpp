// SqliteStore: registrations (store/migrations/0001). Store contract:
// store/registration_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

namespace {

domain::Registration read_registration(const Statement& row) {
  return {column_uuid(row, 0), column_uuid(row, 1), column_uuid(row, 2), column_json(row, 3)};
}

}  // namespace

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

}  // namespace latchkey::store::sqlite
