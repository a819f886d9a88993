-- Tenancy: one database, many tenants. Every tenant-owned table starts its keys with tenant_id, and row-level
-- security (forced, so that it binds the table owner too) limits each connection lease to the tenant the service
-- set for it in async_health.tenant_id. A missing or unknown setting matches nothing.

CREATE TABLE tenant (
    id                  text        NOT NULL,
    name                text        NOT NULL,
    anonymity_threshold integer     NOT NULL DEFAULT 5,
    company_size        text,
    working_style       text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             integer     NOT NULL,
    CONSTRAINT tenant_pk PRIMARY KEY (id),
    CONSTRAINT tenant_id_format CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$'),
    CONSTRAINT tenant_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT tenant_threshold_range CHECK (anonymity_threshold BETWEEN 3 AND 10),
    CONSTRAINT tenant_company_size CHECK (company_size IN ('SMALL', 'MEDIUM', 'LARGE')),
    CONSTRAINT tenant_working_style CHECK (working_style IN ('REMOTE', 'HYBRID', 'IN_OFFICE'))
);

CREATE TABLE team (
    tenant_id   text        NOT NULL,
    id          uuid        NOT NULL,
    name        text        NOT NULL,
    description text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer     NOT NULL,
    CONSTRAINT team_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT team_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT team_name_length CHECK (char_length(name) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX team_name_uq ON team (tenant_id, lower(name));

CREATE TABLE team_member (
    tenant_id    text        NOT NULL,
    id           uuid        NOT NULL,
    team_id      uuid        NOT NULL,
    external_id  text,
    email        text,
    subject      text,
    display_name text,
    role         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT team_member_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT team_member_team_fk FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT team_member_identified CHECK (external_id IS NOT NULL OR email IS NOT NULL),
    CONSTRAINT team_member_role CHECK (role IN ('LEAD', 'MEMBER'))
);
CREATE INDEX team_member_team_idx ON team_member (tenant_id, team_id, id);
CREATE UNIQUE INDEX team_member_external_id_uq ON team_member (tenant_id, team_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX team_member_email_uq ON team_member (tenant_id, team_id, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX team_member_subject_uq ON team_member (tenant_id, team_id, subject) WHERE subject IS NOT NULL;
CREATE INDEX team_member_subject_idx ON team_member (tenant_id, subject) WHERE subject IS NOT NULL;

-- The tenant registry is visible row by row to its own tenant, and whole to platform administrators.
ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant
    USING (id = current_setting('async_health.tenant_id', true)
           OR current_setting('async_health.platform_scope', true) = 'on')
    WITH CHECK (id = current_setting('async_health.tenant_id', true)
           OR current_setting('async_health.platform_scope', true) = 'on');

ALTER TABLE team ENABLE ROW LEVEL SECURITY;
ALTER TABLE team FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON team
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

ALTER TABLE team_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_member FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON team_member
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant, team, team_member TO ${app_role};
