-- Version 14: groups and their members (FusionAuth's Group API).

-- A FusionAuth Group; `data` holds the document, `roleIds` included (roles are rendered from
-- the applications' current roles, so a renamed or deleted role needs no fix-up here).
CREATE TABLE groups (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  data       TEXT NOT NULL,
  UNIQUE (tenant_id, name_lower)
);

-- One user in one group.
CREATE TABLE group_members (
  id             TEXT PRIMARY KEY,
  group_id       TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  insert_instant INTEGER NOT NULL,
  data           TEXT NOT NULL,
  UNIQUE (group_id, user_id)
);
CREATE INDEX group_members_by_user ON group_members(user_id);
