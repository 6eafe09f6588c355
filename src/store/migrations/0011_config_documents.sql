-- Version 11: configuration documents (email templates, forms, form fields, lambdas, ...).
-- One table for every kind of FusionAuth object that is stored and validated whole: the
-- service layer (services/configuration/) owns each kind's rules; the store keeps the document.

CREATE TABLE config_documents (
  kind                TEXT NOT NULL,  -- 'email-template', 'form', 'form-field', 'lambda', ...
  id                  TEXT NOT NULL,
  tenant_id           TEXT,           -- NULL: an instance-wide object
  name                TEXT NOT NULL,
  data                TEXT NOT NULL,  -- the FusionAuth JSON document, ids and instants included
  insert_instant      INTEGER NOT NULL,
  last_update_instant INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX config_documents_name ON config_documents(kind, name COLLATE NOCASE);
CREATE INDEX config_documents_tenant ON config_documents(kind, tenant_id);

-- The kinds whose built-in defaults (FusionAuth's "[FusionAuth Default] ..." objects) were
-- installed: once per database, so a default an operator deleted stays deleted.
CREATE TABLE config_document_defaults (
  kind         TEXT PRIMARY KEY,
  installed_at INTEGER NOT NULL
);
