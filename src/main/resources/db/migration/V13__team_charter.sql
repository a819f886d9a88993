-- A team's communication charter, versioned: every change is a new row, and rows are never changed afterwards (a
-- trigger refuses updates), so that the charter in effect at any earlier time (a round's opening, say) can be read
-- back. content is the CharterContent as JSON; author is the subject of the token that wrote the version.
-- created_at never decreases within a team (the service writes versions one at a time per team, and never earlier
-- than the previous one), so "the version in effect at time T" is the newest row with created_at <= T.
CREATE TABLE charter_version (
    tenant_id  text        NOT NULL,
    team_id    uuid        NOT NULL,
    version    integer     NOT NULL,
    content    jsonb       NOT NULL,
    author     text        NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT charter_version_pk PRIMARY KEY (tenant_id, team_id, version),
    CONSTRAINT charter_version_team_fk FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT charter_version_positive CHECK (version >= 1),
    CONSTRAINT charter_version_object CHECK (jsonb_typeof(content) = 'object')
);
-- The latest version of a team is a backward scan of the primary key (tenant_id, team_id, version DESC): no index of
-- its own. The version in effect at time T: the first row of this index at or before T.
CREATE INDEX charter_version_in_effect_idx ON charter_version (tenant_id, team_id, created_at DESC, version DESC);

CREATE FUNCTION charter_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a charter version is never changed; write a new version instead'
        USING ERRCODE = 'object_not_in_prerequisite_state';
END
$$;
CREATE TRIGGER charter_version_no_update BEFORE UPDATE ON charter_version
    FOR EACH ROW EXECUTE FUNCTION charter_version_immutable();

ALTER TABLE charter_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE charter_version FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON charter_version
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON charter_version TO ${app_role};
