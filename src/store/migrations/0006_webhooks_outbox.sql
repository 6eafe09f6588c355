-- Version 6: webhooks and the durable outbox of their deliveries.

-- A FusionAuth Webhook document; every member lives in `data` (routing reads it whole).
CREATE TABLE webhooks (
  id   TEXT PRIMARY KEY,
  data TEXT NOT NULL
);

-- One delivery of one event to one webhook. Rows are written in the same transaction as the
-- change that raised the event, so an answered change always has its deliveries and a rolled
-- back one has none. The body is stored as sent: every attempt carries the same bytes and the
-- same event.id, which is what receivers de-duplicate on.
CREATE TABLE webhook_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id      TEXT NOT NULL,  -- no foreign key: a delivery outlives an edit of its webhook
  event_id        TEXT NOT NULL,
  event_type      TEXT NOT NULL,
  body            TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending',  -- 'pending' or 'dead' (delivered rows go)
  last_error      TEXT,
  created_at      INTEGER NOT NULL
);
CREATE INDEX webhook_outbox_due ON webhook_outbox(state, next_attempt_at);
