-- Latchkey schema, version 1. Hot and looked-up fields are columns; the rest of each
-- FusionAuth object lives in the JSON `data` column so new fields need no migration.

CREATE TABLE tenants (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_lower TEXT NOT NULL UNIQUE,
  data       TEXT NOT NULL
);

CREATE TABLE applications (
  id        TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  active    INTEGER NOT NULL,
  data      TEXT NOT NULL
);
CREATE INDEX applications_by_tenant ON applications(tenant_id);

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  email           TEXT,
  username        TEXT,
  username_lower  TEXT,
  active          INTEGER NOT NULL,
  data            TEXT NOT NULL,
  password_scheme TEXT,
  password_hash   TEXT,
  password_salt   TEXT,
  password_factor INTEGER,
  UNIQUE (tenant_id, email),
  UNIQUE (tenant_id, username_lower)
);

CREATE TABLE registrations (
  id             TEXT PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  data           TEXT NOT NULL,
  UNIQUE (user_id, application_id)
);
CREATE INDEX registrations_by_application ON registrations(application_id);

CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  key_value   TEXT NOT NULL UNIQUE,
  tenant_id   TEXT REFERENCES tenants(id) ON DELETE CASCADE,
  key_manager INTEGER NOT NULL,
  data        TEXT NOT NULL
);
