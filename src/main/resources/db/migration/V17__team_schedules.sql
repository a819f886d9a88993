-- A team's rhythm: rounds created, opened and invited by the service itself, every N weeks or monthly, at a time of
-- day in the schedule's IANA time zone; and reminders before a round closes to the seats nobody has claimed yet.
--
-- team_schedule: one per team. next_round_at is the instant of the next occurrence to create (null while paused).
-- A replica claims due schedules with FOR UPDATE SKIP LOCKED, so two replicas never work on the same one at once.
CREATE TABLE team_schedule (
    tenant_id            text        NOT NULL,
    id                   uuid        NOT NULL,
    team_id              uuid        NOT NULL,
    title                text,
    cadence              text        NOT NULL,
    interval_weeks       integer,
    starts_on            date        NOT NULL,
    time_of_day          time        NOT NULL,
    time_zone            text        NOT NULL,
    -- ISO-8601 durations, as the API takes them (P5D, PT4H).
    answer_window        text        NOT NULL,
    template_key         text        NOT NULL,
    template_version     integer     NOT NULL,
    delivery             text        NOT NULL,
    reminder_offsets     text[]      NOT NULL,
    paused               boolean     NOT NULL,
    next_round_at        timestamptz,
    -- The schedule's latest round: the next one chains to it (previousAssessmentId) and never opens before it closed.
    last_assessment_id   uuid,
    last_round_closes_at timestamptz,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    version              integer     NOT NULL,
    CONSTRAINT team_schedule_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT team_schedule_one_per_team UNIQUE (tenant_id, team_id),
    CONSTRAINT team_schedule_team_fk FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT team_schedule_last_fk FOREIGN KEY (tenant_id, last_assessment_id) REFERENCES assessment (tenant_id, id)
        ON DELETE SET NULL (last_assessment_id),
    CONSTRAINT team_schedule_cadence CHECK ((cadence = 'WEEKLY' AND interval_weeks BETWEEN 1 AND 52)
        OR (cadence = 'MONTHLY' AND interval_weeks IS NULL)),
    CONSTRAINT team_schedule_delivery CHECK (delivery IN ('EMAIL')),
    CONSTRAINT team_schedule_paused CHECK (NOT paused OR next_round_at IS NULL),
    CONSTRAINT team_schedule_title_length CHECK (char_length(title) BETWEEN 1 AND 120)
);
CREATE INDEX team_schedule_due_idx ON team_schedule (tenant_id, next_round_at) WHERE next_round_at IS NOT NULL;
CREATE INDEX team_schedule_last_idx ON team_schedule (tenant_id, last_assessment_id) WHERE last_assessment_id IS NOT NULL;

-- One row per round a schedule created. The unique (schedule, start) makes a second creation of the same round
-- impossible, whatever replicas or restarts do. invited_at stays null until every member with an e-mail address holds
-- a seat whose mail the mail server took; until then each tick invites the rest.
CREATE TABLE schedule_round (
    tenant_id     text        NOT NULL,
    id            uuid        NOT NULL,
    schedule_id   uuid        NOT NULL,
    starts_at     timestamptz NOT NULL,
    closes_at     timestamptz NOT NULL,
    assessment_id uuid        NOT NULL,
    invited_at    timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT schedule_round_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT schedule_round_once UNIQUE (tenant_id, schedule_id, starts_at),
    CONSTRAINT schedule_round_assessment_uq UNIQUE (tenant_id, assessment_id),
    CONSTRAINT schedule_round_schedule_fk FOREIGN KEY (tenant_id, schedule_id) REFERENCES team_schedule (tenant_id, id)
        ON DELETE CASCADE,
    CONSTRAINT schedule_round_assessment_fk FOREIGN KEY (tenant_id, assessment_id) REFERENCES assessment (tenant_id, id)
        ON DELETE CASCADE
);
CREATE INDEX schedule_round_uninvited_idx ON schedule_round (tenant_id, closes_at) WHERE invited_at IS NULL;

-- A reminder of one assessment, due at due_at: a schedule's offset before closesAt (SCHEDULE), or a lead's "remind
-- now" (MANUAL, at most one a day). done_at is set once every pending seat with an e-mail address was reminded.
CREATE TABLE assessment_reminder (
    tenant_id     text        NOT NULL,
    id            uuid        NOT NULL,
    assessment_id uuid        NOT NULL,
    origin        text        NOT NULL,
    due_at        timestamptz NOT NULL,
    done_at       timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT assessment_reminder_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT assessment_reminder_once UNIQUE (tenant_id, assessment_id, origin, due_at),
    CONSTRAINT assessment_reminder_assessment_fk FOREIGN KEY (tenant_id, assessment_id)
        REFERENCES assessment (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT assessment_reminder_origin CHECK (origin IN ('SCHEDULE', 'MANUAL'))
);
CREATE INDEX assessment_reminder_due_idx ON assessment_reminder (tenant_id, due_at) WHERE done_at IS NULL;

-- The seats a reminder reached: a row is written in the transaction that makes the seat's fresh code the live one,
-- after the mail server took the mail carrying it. A seat without a row is reminded again on the next tick.
CREATE TABLE reminder_seat (
    tenant_id     text        NOT NULL,
    reminder_id   uuid        NOT NULL,
    invitation_id uuid        NOT NULL,
    sent_at       timestamptz NOT NULL,
    CONSTRAINT reminder_seat_pk PRIMARY KEY (tenant_id, reminder_id, invitation_id),
    CONSTRAINT reminder_seat_reminder_fk FOREIGN KEY (tenant_id, reminder_id)
        REFERENCES assessment_reminder (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT reminder_seat_invitation_fk FOREIGN KEY (tenant_id, invitation_id)
        REFERENCES invitation (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX reminder_seat_invitation_idx ON reminder_seat (tenant_id, invitation_id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['team_schedule', 'schedule_round', 'assessment_reminder', 'reminder_seat'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I'
                       ' USING (tenant_id = current_setting(''async_health.tenant_id'', true))'
                       ' WITH CHECK (tenant_id = current_setting(''async_health.tenant_id'', true))', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON team_schedule, schedule_round, assessment_reminder, reminder_seat
    TO ${app_role};

-- The schedule tick must learn which tenants have work due (a round to create, a round to invite, a reminder to send)
-- without reading any tenant's rows: only this function, running as the schema owner, reads across tenants, and it
-- answers with tenant ids alone. The tick then works each tenant bound to it, like a request.
CREATE POLICY schedule_tick ON team_schedule FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY schedule_tick ON schedule_round FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY schedule_tick ON assessment_reminder FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION schedule_due_tenants(at timestamptz) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path FROM CURRENT
AS $$
    SELECT tenant_id FROM team_schedule WHERE next_round_at <= at
    UNION
    SELECT tenant_id FROM schedule_round WHERE invited_at IS NULL AND closes_at > at
    UNION
    SELECT tenant_id FROM assessment_reminder WHERE done_at IS NULL AND due_at <= at
$$;
REVOKE ALL ON FUNCTION schedule_due_tenants(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION schedule_due_tenants(timestamptz) TO ${app_role};
