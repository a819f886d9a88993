-- Live profiles: a tenant may show profiles of open assessments once the threshold is met (off by default). To keep
-- every difference between two visible profiles of one assessment an aggregate of at least the threshold, a live
-- profile is a stored snapshot, replaced only after at least the threshold of new submissions.

ALTER TABLE tenant ADD COLUMN live_profiles boolean NOT NULL DEFAULT false;

CREATE TABLE profile_snapshot (
    tenant_id     text        NOT NULL,
    id            uuid        NOT NULL,
    assessment_id uuid        NOT NULL,
    taken_at      timestamptz NOT NULL,
    respondents   integer     NOT NULL,
    profile       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT profile_snapshot_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT profile_snapshot_assessment_fk FOREIGN KEY (tenant_id, assessment_id) REFERENCES assessment (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX profile_snapshot_assessment_uq ON profile_snapshot (tenant_id, assessment_id);

ALTER TABLE profile_snapshot ENABLE ROW LEVEL SECURITY;
ALTER TABLE profile_snapshot FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON profile_snapshot
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON profile_snapshot TO ${app_role};
