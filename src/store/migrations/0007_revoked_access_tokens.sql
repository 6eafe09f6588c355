-- Version 7: access tokens revoked by jti through POST /oauth2/revoke (RFC 7009).

-- A JWT cannot be recalled, so a revoked one is remembered by its jti until its own exp:
-- after that, signature validation refuses it anyway and the row is pruned. The server keeps
-- every row in memory (services/revoked_access_tokens.hpp); this table makes a revocation that
-- was answered 200 survive a restart.
CREATE TABLE revoked_access_tokens (
  jti            TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,     -- the client that revoked it (the token's audience)
  expires_at     INTEGER NOT NULL,  -- epoch ms: the token's exp
  revoked_at     INTEGER NOT NULL   -- epoch ms
);
CREATE INDEX revoked_access_tokens_by_expiry ON revoked_access_tokens(expires_at);
