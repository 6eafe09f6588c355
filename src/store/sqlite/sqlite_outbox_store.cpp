// The webhook outbox (store/migrations/0006_webhooks_outbox.sql). Writes join the calling
// thread's unit of work when there is one, so outbox rows commit with the change that raised
// their event.
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

void run(Statement& statement) {
  if (auto violation = statement.execute()) {
    throw StoreUnavailable("unexpected constraint violation: " + violation->message);
  }
}

OutboxRow read_row(const Statement& row) {
  auto webhook_id = Uuid::parse(row.column_text(1));
  if (!webhook_id) throw StoreUnavailable("corrupt outbox row in database");
  return OutboxRow{row.column_int(0),
                   OutboxEntry{*webhook_id, row.column_text(2), row.column_text(3),
                               row.column_text(4), static_cast<int>(row.column_int(5)),
                               from_epoch_ms(row.column_int(6)), row.column_optional_text(7)}};
}

}  // namespace

void SqliteStore::enqueue_outbox(const std::vector<OutboxEntry>& entries, Instant now) {
  if (entries.empty()) return;
  auto connection = pool_.acquire();
  // A savepoint inside a unit of work, its own short transaction otherwise: all rows or none.
  Transaction transaction(*connection);
  Statement insert(*connection,
                   "INSERT INTO webhook_outbox (webhook_id, event_id, event_type, body, attempts,"
                   " next_attempt_at, last_error, created_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const auto& entry : entries) {
    insert.bind(1, entry.webhook_id.str())
        .bind(2, entry.event_id)
        .bind(3, entry.event_type)
        .bind(4, entry.body)
        .bind(5, std::int64_t{entry.attempts})
        .bind(6, to_epoch_ms(entry.next_attempt_at))
        .bind_optional(7, entry.last_error)
        .bind(8, to_epoch_ms(now));
    run(insert);
    insert.reset();
  }
  transaction.commit();
}

std::vector<OutboxRow> SqliteStore::due_outbox(Instant now, std::size_t limit,
                                               std::size_t per_webhook) {
  auto connection = pool_.acquire();
  // The window runs over ids only; bodies are read for the chosen rows alone.
  Statement select(*connection,
                   "SELECT o.id, o.webhook_id, o.event_id, o.event_type, o.body, o.attempts,"
                   " o.next_attempt_at, o.last_error FROM webhook_outbox o JOIN ("
                   "  SELECT id, ROW_NUMBER() OVER (PARTITION BY webhook_id"
                   "                                ORDER BY next_attempt_at, id) AS position"
                   "  FROM webhook_outbox WHERE state = 'pending' AND next_attempt_at <= ?1"
                   " ) due ON due.id = o.id WHERE due.position <= ?3"
                   " ORDER BY o.next_attempt_at, o.id LIMIT ?2");
  select.bind(1, to_epoch_ms(now))
      .bind(2, static_cast<std::int64_t>(limit))
      .bind(3, static_cast<std::int64_t>(per_webhook));
  std::vector<OutboxRow> rows;
  while (select.step()) rows.push_back(read_row(select));
  return rows;
}

std::optional<Instant> SqliteStore::next_outbox_due() {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT MIN(next_attempt_at) FROM webhook_outbox WHERE state = 'pending'");
  if (!select.step() || select.column_is_null(0)) return std::nullopt;
  return from_epoch_ms(select.column_int(0));
}

void SqliteStore::delete_outbox(std::int64_t id) {
  auto connection = pool_.acquire();
  Statement remove(*connection, "DELETE FROM webhook_outbox WHERE id = ?1");
  remove.bind(1, id);
  run(remove);
}

void SqliteStore::reschedule_outbox(std::int64_t id, int attempts, Instant next_attempt_at,
                                    const std::string& error) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE webhook_outbox SET attempts = ?2, next_attempt_at = ?3,"
                   " last_error = ?4 WHERE id = ?1");
  update.bind(1, id)
      .bind(2, std::int64_t{attempts})
      .bind(3, to_epoch_ms(next_attempt_at))
      .bind(4, error);
  run(update);
}

void SqliteStore::bury_outbox(std::int64_t id, int attempts, const std::string& error) {
  auto connection = pool_.acquire();
  Statement update(*connection,
                   "UPDATE webhook_outbox SET state = 'dead', attempts = ?2, last_error = ?3"
                   " WHERE id = ?1");
  update.bind(1, id).bind(2, std::int64_t{attempts}).bind(3, error);
  run(update);
}

OutboxCounts SqliteStore::count_outbox() {
  auto connection = pool_.acquire();
  Statement select(*connection,
                   "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'dead'), 0)"
                   " FROM webhook_outbox");
  OutboxCounts counts;
  if (select.step()) {
    counts.pending = static_cast<std::size_t>(select.column_int(0));
    counts.dead = static_cast<std::size_t>(select.column_int(1));
  }
  return counts;
}

}  // namespace latchkey::store::sqlite
