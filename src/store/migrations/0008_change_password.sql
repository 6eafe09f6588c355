-- Version 8: pending password changes (changePasswordId) and the one-time passwords a
-- completed change hands back.

-- `kind` is 'change' (a changePasswordId, e.g. from a login's 203) or 'otp' (a oneTimePassword
-- from the Change Password API's 200, redeemable once on the Login API). The id is a keyed hash
-- of the value handed to the client; the value itself is never stored.
CREATE TABLE password_change_requests (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  data       TEXT NOT NULL
);
CREATE INDEX password_change_requests_by_user ON password_change_requests(user_id);
