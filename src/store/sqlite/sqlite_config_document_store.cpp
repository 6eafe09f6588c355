// Configuration documents: one JSON document per row, keyed by kind and id
// (store/migrations/0011_config_documents.sql).
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

constexpr std::string_view kColumns =
    "kind, id, tenant_id, name, data, insert_instant, last_update_instant";

ConfigDocument read_document(const Statement& row) {
  ConfigDocument doc{row.column_text(0), rows::column_uuid(row, 1), std::nullopt, {}, {}, {}, {}};
  if (auto tenant = row.column_optional_text(2)) {
    auto parsed = Uuid::parse(*tenant);
    if (!parsed) throw StoreUnavailable("corrupt configuration document row in database");
    doc.tenant_id = *parsed;
  }
  doc.name = row.column_text(3);
  doc.data = rows::column_json(row, 4);
  doc.insert_instant = from_epoch_ms(row.column_int(5));
  doc.last_update_instant = from_epoch_ms(row.column_int(6));
  return doc;
}

std::optional<std::string> tenant_text(const ConfigDocument& doc) {
  if (!doc.tenant_id) return std::nullopt;
  return doc.tenant_id->str();
}

WriteResult insert_row(Connection& connection, const ConfigDocument& doc) {
  Statement insert(connection,
                   "INSERT INTO config_documents (kind, id, tenant_id, name, data, insert_instant,"
                   " last_update_instant) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.bind(1, doc.kind)
      .bind(2, doc.id.str())
      .bind_optional(3, tenant_text(doc))
      .bind(4, doc.name)
      .bind(5, json::serialize(doc.data))
      .bind(6, to_epoch_ms(doc.insert_instant))
      .bind(7, to_epoch_ms(doc.last_update_instant));
  if (auto violation = insert.execute()) return std::unexpected(Conflict::kDuplicateId);
  return {};
}

}  // namespace

std::vector<ConfigDocument> SqliteStore::list_documents(std::string_view kind) {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT " + std::string(kColumns) +
                                    " FROM config_documents WHERE kind = ?1"
                                    " ORDER BY name COLLATE NOCASE, id");
  select.bind(1, kind);
  std::vector<ConfigDocument> out;
  while (select.step()) out.push_back(read_document(select));
  return out;
}

std::optional<ConfigDocument> SqliteStore::find_document(std::string_view kind, const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT " + std::string(kColumns) +
                                    " FROM config_documents WHERE kind = ?1 AND id = ?2");
  select.bind(1, kind).bind(2, id.str());
  if (!select.step()) return std::nullopt;
  return read_document(select);
}

WriteResult SqliteStore::insert_document(const ConfigDocument& document) {
  auto connection = pool_.acquire();
  return insert_row(*connection, document);
}

WriteResult SqliteStore::update_document(const ConfigDocument& document) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE config_documents SET tenant_id = ?3, name = ?4, data = ?5,"
                   " last_update_instant = ?6 WHERE kind = ?1 AND id = ?2");
  update.bind(1, document.kind)
      .bind(2, document.id.str())
      .bind_optional(3, tenant_text(document))
      .bind(4, document.name)
      .bind(5, json::serialize(document.data))
      .bind(6, to_epoch_ms(document.last_update_instant));
  if (!rows::touched(*connection, update)) return std::unexpected(Conflict::kMissingParent);
  return {};
}

bool SqliteStore::delete_document(std::string_view kind, const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM config_documents WHERE kind = ?1 AND id = ?2");
  remove.bind(1, kind).bind(2, id.str());
  return rows::touched(*connection, remove);
}

bool SqliteStore::install_defaults(std::string_view kind,
                                   const std::vector<ConfigDocument>& documents) {
  auto connection = pool_.acquire();
  Transaction transaction(*connection);
  // The claim row is the one-winner rule: of concurrent first starts, one inserts it.
  Statement claim(*connection,
                  "INSERT OR IGNORE INTO config_document_defaults (kind, installed_at)"
                  " VALUES (?1, strftime('%s','now'))");
  claim.bind(1, kind);
  if (!rows::touched(*connection, claim)) return false;
  for (const auto& doc : documents) (void)insert_row(*connection, doc);  // a taken id is skipped
  transaction.commit();
  return true;
}

}  // namespace latchkey::store::sqlite
