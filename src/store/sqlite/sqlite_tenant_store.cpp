// SqliteStore: tenants (store/migrations/0001). Store contract: store/tenant_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

namespace {

domain::Tenant read_tenant(const Statement& row) {
  return {column_uuid(row, 0), row.column_text(1), column_json(row, 2)};
}

}  // namespace

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

}  // namespace latchkey::store::sqlite
