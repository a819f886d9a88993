-- A closed round's profile published to its team: while a row exists, the team's members read that profile (never
-- another team's, never the HR feeds). Unpublishing deletes the row; publishing again writes a new one, so the
-- profile.published webhook announces each publication once.
CREATE TABLE profile_publication (
    tenant_id     text        NOT NULL,
    id            uuid        NOT NULL,
    assessment_id uuid        NOT NULL,
    published_by  text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT profile_publication_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT profile_publication_once UNIQUE (tenant_id, assessment_id),
    CONSTRAINT profile_publication_assessment_fk FOREIGN KEY (tenant_id, assessment_id)
        REFERENCES assessment (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE profile_publication ENABLE ROW LEVEL SECURITY;
ALTER TABLE profile_publication FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON profile_publication
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON profile_publication TO ${app_role};
