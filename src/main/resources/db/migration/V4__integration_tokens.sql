-- Integration tokens: per-tenant API tokens for HR systems, shown once and stored as a hash; revocation is checked on
-- every request.

CREATE TABLE integration_token (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    name       text        NOT NULL,
    token_hash text        NOT NULL,
    created_by text        NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    integer     NOT NULL,
    CONSTRAINT integration_token_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT integration_token_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT integration_token_name_length CHECK (char_length(name) BETWEEN 1 AND 200)
);

ALTER TABLE integration_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_token FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_token
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON integration_token TO ${app_role};

CREATE INDEX assessment_closed_idx ON assessment (tenant_id, closed_at, id) WHERE status = 'CLOSED';
