-- Version 9: the tenant that owns a Key Master key. Set when a tenant-locked API key generated
-- or imported it; NULL for keys made by a global API key, kickstart or first start. FusionAuth's
-- Key document has no tenantId, so this stays out of `data` and out of every response.
ALTER TABLE signing_keys ADD COLUMN tenant_id TEXT;
