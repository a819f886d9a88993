-- Team actions: what a team adopted from a closed round's profile (usually one of its recommendations), aimed at one
-- metric of that round's scoring model. The round that motivated it is the baseline; the team's next closed round of
-- the same template measures its effect (computed on read from both rounds' aggregates, never stored here).
-- owner_member_id is a member of the same team; when that member is removed the action keeps going without an owner.
-- due_notified_at: when the action.due webhook was recorded for the current due date (null: not yet); the due job
-- claims a row by setting it with a conditional UPDATE, so that two replicas announce it once.
CREATE TABLE team_action (
    tenant_id              text        NOT NULL,
    id                     uuid        NOT NULL,
    team_id                uuid        NOT NULL,
    recommendation_key     text,
    title                  text        NOT NULL,
    description            text,
    metric                 text        NOT NULL,
    owner_member_id        uuid,
    due_date               date        NOT NULL,
    status                 text        NOT NULL,
    baseline_assessment_id uuid        NOT NULL,
    charter_section        text,
    due_notified_at        timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    version                integer     NOT NULL,
    CONSTRAINT team_action_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT team_action_team_fk FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT team_action_owner_fk FOREIGN KEY (tenant_id, owner_member_id) REFERENCES team_member (tenant_id, id)
        ON DELETE SET NULL (owner_member_id),
    CONSTRAINT team_action_baseline_fk FOREIGN KEY (tenant_id, baseline_assessment_id) REFERENCES assessment (tenant_id, id)
        ON DELETE CASCADE,
    CONSTRAINT team_action_status CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
    CONSTRAINT team_action_charter_section CHECK (charter_section IN ('channels', 'response-expectations', 'after-hours',
        'meetings', 'focus', 'knowledge')),
    CONSTRAINT team_action_title_length CHECK (char_length(title) BETWEEN 1 AND 200)
);
CREATE INDEX team_action_team_idx ON team_action (tenant_id, team_id, id);
CREATE INDEX team_action_baseline_idx ON team_action (tenant_id, baseline_assessment_id);
CREATE INDEX team_action_owner_idx ON team_action (tenant_id, owner_member_id) WHERE owner_member_id IS NOT NULL;
-- What the due job looks for: open actions not yet announced.
CREATE INDEX team_action_due_idx ON team_action (tenant_id, due_date)
    WHERE due_notified_at IS NULL AND status IN ('planned', 'in-progress');

ALTER TABLE team_action ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_action FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON team_action
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON team_action TO ${app_role};
