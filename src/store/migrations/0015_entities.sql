-- Version 15: machine-to-machine entities (FusionAuth's Entity Management).

CREATE TABLE entity_types (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_lower TEXT NOT NULL UNIQUE,
  data       TEXT NOT NULL
);

-- The client secret is stored only as a keyed hash (services/common/token_vault); client_id is
-- unique across tenants because the token endpoint finds the entity by it alone.
CREATE TABLE entities (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  type_id     TEXT NOT NULL REFERENCES entity_types(id) ON DELETE CASCADE,
  client_id   TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  name        TEXT NOT NULL,
  data        TEXT NOT NULL
);
CREATE INDEX entities_by_tenant ON entities(tenant_id, name);

-- One grant per (target, recipient entity) and per (target, user).
CREATE TABLE entity_grants (
  id                  TEXT PRIMARY KEY,
  entity_id           TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  recipient_entity_id TEXT REFERENCES entities(id) ON DELETE CASCADE,
  user_id             TEXT REFERENCES users(id) ON DELETE CASCADE,
  data                TEXT NOT NULL,
  CHECK ((recipient_entity_id IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX entity_grants_by_recipient ON entity_grants(entity_id, recipient_entity_id)
  WHERE recipient_entity_id IS NOT NULL;
CREATE UNIQUE INDEX entity_grants_by_user ON entity_grants(entity_id, user_id)
  WHERE user_id IS NOT NULL;
CREATE INDEX entity_grants_by_recipient_entity ON entity_grants(recipient_entity_id);
CREATE INDEX entity_grants_by_user_id ON entity_grants(user_id);
