// Webhooks: one JSON document per row (store/migrations/0006_webhooks_outbox.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

domain::Webhook read_webhook(const Statement& row) {
  auto id = Uuid::parse(row.column_text(0));
  auto doc = json::parse_object(row.column_text(1));
  if (!id || !doc) throw StoreUnavailable("corrupt webhook row in database");
  return {*id, std::move(*doc)};
}

}  // namespace

std::vector<domain::Webhook> SqliteStore::list_webhooks() {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT id, data FROM webhooks ORDER BY id");
  std::vector<domain::Webhook> rows;
  while (select.step()) rows.push_back(read_webhook(select));
  return rows;
}

std::optional<domain::Webhook> SqliteStore::find_webhook(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement select(*connection, "SELECT id, data FROM webhooks WHERE id = ?1");
  select.bind(1, id.str());
  if (!select.step()) return std::nullopt;
  return read_webhook(select);
}

WriteResult SqliteStore::insert_webhook(const domain::Webhook& webhook) {
  auto connection = pool_.acquire();
  Statement insert(*connection, "INSERT INTO webhooks (id, data) VALUES (?1, ?2)");
  insert.bind(1, webhook.id.str()).bind(2, json::serialize(webhook.data));
  if (auto violation = insert.execute()) return std::unexpected(Conflict::kDuplicateId);
  return {};
}

WriteResult SqliteStore::update_webhook(const domain::Webhook& webhook) {
  auto connection = pool_.acquire();
  Statement update(*connection, "UPDATE webhooks SET data = ?2 WHERE id = ?1");
  update.bind(1, webhook.id.str()).bind(2, json::serialize(webhook.data));
  if (auto violation = update.execute()) {
    throw StoreUnavailable("unexpected constraint violation: " + violation->message);
  }
  if (connection->changes() == 0) return std::unexpected(Conflict::kMissingParent);
  return {};
}

bool SqliteStore::delete_webhook(const Uuid& id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM webhooks WHERE id = ?1");
  remove.bind(1, id.str());
  if (auto violation = remove.execute()) {
    throw StoreUnavailable("unexpected constraint violation: " + violation->message);
  }
  return connection->changes() > 0;
}

}  // namespace latchkey::store::sqlite
