-- Assessments, invitations and responses. Same tenancy rules as V1: tenant_id first in every key and index, and
-- forced row-level security on every table.
--
-- Anonymity by construction: a response is keyed by an opaque slot, an HMAC of (assessment, member) under a secret the
-- database never sees. Nothing here links a response to a member; only the service, holding the secret, can find the
-- caller's own slot again.

CREATE TABLE template_version (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    key        text        NOT NULL,
    version    integer     NOT NULL,
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version_lock integer   NOT NULL,
    CONSTRAINT template_version_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT template_version_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT template_version_positive CHECK (version >= 1)
);
CREATE UNIQUE INDEX template_version_key_uq ON template_version (tenant_id, key, version);

CREATE TABLE assessment (
    tenant_id              text        NOT NULL,
    id                     uuid        NOT NULL,
    team_id                uuid        NOT NULL,
    title                  text        NOT NULL,
    template_key           text        NOT NULL,
    template_version       integer     NOT NULL,
    status                 text        NOT NULL,
    opens_at               timestamptz NOT NULL,
    closes_at              timestamptz NOT NULL,
    anonymity_threshold    integer     NOT NULL,
    previous_assessment_id uuid,
    round                  integer     NOT NULL,
    opened_at              timestamptz,
    closed_at              timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    version                integer     NOT NULL,
    CONSTRAINT assessment_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT assessment_team_fk FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id),
    CONSTRAINT assessment_previous_fk FOREIGN KEY (tenant_id, previous_assessment_id) REFERENCES assessment (tenant_id, id),
    CONSTRAINT assessment_status CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED')),
    CONSTRAINT assessment_window CHECK (closes_at > opens_at),
    CONSTRAINT assessment_threshold_range CHECK (anonymity_threshold BETWEEN 3 AND 10),
    CONSTRAINT assessment_round_positive CHECK (round >= 1)
);
CREATE INDEX assessment_team_idx ON assessment (tenant_id, team_id, id);
CREATE INDEX assessment_due_idx ON assessment (tenant_id, status, closes_at);
CREATE INDEX assessment_previous_idx ON assessment (tenant_id, previous_assessment_id) WHERE previous_assessment_id IS NOT NULL;

CREATE TABLE invitation (
    tenant_id     text        NOT NULL,
    id            uuid        NOT NULL,
    assessment_id uuid        NOT NULL,
    member_id     uuid        NOT NULL,
    token_hash    text        NOT NULL,
    status        text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT invitation_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT invitation_assessment_fk FOREIGN KEY (tenant_id, assessment_id) REFERENCES assessment (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT invitation_member_fk FOREIGN KEY (tenant_id, member_id) REFERENCES team_member (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT invitation_status CHECK (status IN ('ACTIVE', 'REVOKED'))
);
CREATE UNIQUE INDEX invitation_active_uq ON invitation (tenant_id, assessment_id, member_id) WHERE status = 'ACTIVE';
CREATE INDEX invitation_assessment_idx ON invitation (tenant_id, assessment_id, id);

CREATE TABLE response (
    tenant_id     text        NOT NULL,
    id            uuid        NOT NULL,
    assessment_id uuid        NOT NULL,
    slot          text        NOT NULL,
    status        text        NOT NULL,
    submitted_at  timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT response_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT response_assessment_fk FOREIGN KEY (tenant_id, assessment_id) REFERENCES assessment (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT response_status CHECK (status IN ('DRAFT', 'SUBMITTED'))
);
CREATE UNIQUE INDEX response_slot_uq ON response (tenant_id, assessment_id, slot);
CREATE INDEX response_submitted_idx ON response (tenant_id, assessment_id) WHERE status = 'SUBMITTED';

CREATE TABLE answer (
    tenant_id     text           NOT NULL,
    id            uuid           NOT NULL,
    response_id   uuid           NOT NULL,
    assessment_id uuid           NOT NULL,
    question_key  text           NOT NULL,
    number_value  numeric(12, 3),
    choice_value  text,
    choice_values text[],
    text_value    text,
    CONSTRAINT answer_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT answer_response_fk FOREIGN KEY (tenant_id, response_id) REFERENCES response (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT answer_one_value CHECK (num_nonnulls(number_value, choice_value, choice_values, text_value) = 1)
);
CREATE UNIQUE INDEX answer_question_uq ON answer (tenant_id, response_id, question_key);
CREATE INDEX answer_assessment_question_idx ON answer (tenant_id, assessment_id, question_key);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['template_version', 'assessment', 'invitation', 'response', 'answer'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I'
                       ' USING (tenant_id = current_setting(''async_health.tenant_id'', true))'
                       ' WITH CHECK (tenant_id = current_setting(''async_health.tenant_id'', true))', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON template_version, assessment, invitation, response, answer TO ${app_role};
