-- Version 5: identity providers and the links between external identities and users.

CREATE TABLE identity_providers (
  id         TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  name_lower TEXT NOT NULL UNIQUE,
  tenant_id  TEXT REFERENCES tenants(id) ON DELETE CASCADE,  -- NULL: a global provider
  data       TEXT NOT NULL
);

-- An external identity links to exactly one user per tenant (a global provider serves every
-- tenant); deleting the user or the provider removes the link with it.
CREATE TABLE identity_provider_links (
  identity_provider_id      TEXT NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
  identity_provider_user_id TEXT NOT NULL,
  user_id                   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tenant_id                 TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  data                      TEXT NOT NULL,
  PRIMARY KEY (identity_provider_id, tenant_id, identity_provider_user_id)
);
CREATE INDEX identity_provider_links_by_user ON identity_provider_links(user_id);
