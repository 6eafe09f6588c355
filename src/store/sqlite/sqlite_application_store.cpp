// SqliteStore: applications (store/migrations/0001). Store contract:
// store/application_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

namespace {

domain::Application read_application(const Statement& row) {
  return {column_uuid(row, 0), column_uuid(row, 1), row.column_text(2), row.column_int(3) != 0,
          column_json(row, 4)};
}

}  // namespace

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

}  // namespace latchkey::store::sqlite
