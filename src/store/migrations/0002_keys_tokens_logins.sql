-- Version 2: Key Master keys, refresh tokens, two-factor challenges, failed-login state.

CREATE TABLE signing_keys (
  id         TEXT PRIMARY KEY,
  name_lower TEXT NOT NULL UNIQUE,
  kid        TEXT NOT NULL UNIQUE,
  role       TEXT,           -- 'default-signing', 'shadow' or NULL: what first start created
  data       TEXT NOT NULL,  -- the public FusionAuth Key document
  secret     TEXT            -- private key PEM or HMAC secret; no API ever returns it
);

-- A refresh token's value is never stored: lookups go through a keyed hash, and the value is
-- kept sealed (AES-256-GCM, key outside the database) so the retrieve API can still show it.
CREATE TABLE refresh_tokens (
  id             TEXT PRIMARY KEY,
  token_hash     TEXT NOT NULL UNIQUE,
  token_sealed   TEXT NOT NULL,
  user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  application_id TEXT REFERENCES applications(id) ON DELETE CASCADE,
  tenant_id      TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  insert_instant INTEGER NOT NULL,
  start_instant  INTEGER NOT NULL,
  data           TEXT NOT NULL
);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens(user_id, application_id);
CREATE INDEX refresh_tokens_by_application ON refresh_tokens(application_id);

-- Values a one-time-use token had before rotation: a retry inside the grace window finds its
-- successor, a replay after it reveals reuse.
CREATE TABLE refresh_token_history (
  token_hash   TEXT PRIMARY KEY,
  token_id     TEXT NOT NULL REFERENCES refresh_tokens(id) ON DELETE CASCADE,
  rotated_at   INTEGER NOT NULL
);
CREATE INDEX refresh_token_history_by_token ON refresh_token_history(token_id);

CREATE TABLE two_factor_challenges (
  id         TEXT PRIMARY KEY,  -- keyed hash of the twoFactorId handed to the client
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  data       TEXT NOT NULL
);

ALTER TABLE users ADD COLUMN failed_login_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN failed_login_window_start INTEGER;
ALTER TABLE users ADD COLUMN locked_until INTEGER;
