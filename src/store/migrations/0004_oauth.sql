-- Version 4: OAuth authorization codes and hosted-login SSO sessions.

-- One table for both short-lived OAuth grants: `kind` is 'code' or 'sso'. The id is a keyed
-- hash of the value handed to the browser; the value itself is never stored.
CREATE TABLE oauth_grants (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  expires_at  INTEGER NOT NULL,
  consumed_at INTEGER,          -- set once, by the single exchange of a code
  data        TEXT NOT NULL
);
CREATE INDEX oauth_grants_by_expiry ON oauth_grants(expires_at);
