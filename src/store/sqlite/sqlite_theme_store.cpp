// SqliteStore: themes (store/migrations/0012_themes.sql). Contract: store/theme_store.hpp.
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row helpers

namespace {

domain::Theme read_theme(const Statement& row) {
  return {column_uuid(row, 0), row.column_text(1), column_json(row, 2)};
}

}  // namespace

std::vector<domain::Theme> SqliteStore::list_themes() {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT id, name, data FROM themes ORDER BY name_lower");
  return read_all<domain::Theme>(select, read_theme);
}

std::optional<domain::Theme> SqliteStore::find_theme(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT id, name, data FROM themes WHERE id = ?1");
  select.bind(1, id.str());
  return read_one<domain::Theme>(select, read_theme);
}

WriteResult SqliteStore::insert_theme(const domain::Theme& theme) {
  auto connection = pool_.acquire();
  Statement insert(*connection,
                   "INSERT INTO themes (id, name, name_lower, data) VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, theme.id.str())
      .bind(2, theme.name)
      .bind(3, lower(theme.name))
      .bind(4, json::serialize(theme.data));
  return run_write(insert);
}

WriteResult SqliteStore::update_theme(const domain::Theme& theme) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE themes SET name = ?2, name_lower = ?3, data = ?4 WHERE id = ?1");
  update.bind(1, theme.id.str())
      .bind(2, theme.name)
      .bind(3, lower(theme.name))
      .bind(4, json::serialize(theme.data));
  if (auto written = run_write(update); !written) return written;
  if (connection->changes() == 0) return std::unexpected(Conflict::kMissingParent);
  return {};
}

bool SqliteStore::delete_theme(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM themes WHERE id = ?1");
  remove.bind(1, id.str());
  return touched(*connection, remove);
}

}  // namespace latchkey::store::sqlite
