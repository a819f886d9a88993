-- Mail a mailbox's server deferred (a transient reply, 4xx: a full mailbox, greylisting, a rate limit) is tried again
-- after a wait that grows with each deferral (InvitationMails.retryDelay), instead of by every tick of the schedule
-- until the round closes.
--
-- A seat whose reminder was deferred waits here; the row goes when the seat is reminded or refused for good
-- (reminder_seat).
CREATE TABLE reminder_deferral (
    tenant_id     text        NOT NULL,
    reminder_id   uuid        NOT NULL,
    invitation_id uuid        NOT NULL,
    deferrals     integer     NOT NULL CHECK (deferrals > 0),
    retry_at      timestamptz NOT NULL,
    CONSTRAINT reminder_deferral_pk PRIMARY KEY (tenant_id, reminder_id, invitation_id),
    CONSTRAINT reminder_deferral_reminder_fk FOREIGN KEY (tenant_id, reminder_id)
        REFERENCES assessment_reminder (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT reminder_deferral_invitation_fk FOREIGN KEY (tenant_id, invitation_id)
        REFERENCES invitation (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX reminder_deferral_invitation_idx ON reminder_deferral (tenant_id, invitation_id);

ALTER TABLE reminder_deferral ENABLE ROW LEVEL SECURITY;
ALTER TABLE reminder_deferral FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reminder_deferral
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON reminder_deferral TO ${app_role};

-- A reminder all of whose seats left wait for their mailboxes is passed by by the ticks until the earliest retry, so
-- that such reminders do not take the places of due ones in a tick (Reminders: a tick takes a bounded number).
ALTER TABLE assessment_reminder ADD COLUMN waits_until timestamptz;

-- A scheduled round whose invitation a mailbox deferred waits until invite_retry_at before its members without a seat
-- are invited again; invite_deferrals counts the deferrals so far.
ALTER TABLE schedule_round ADD COLUMN invite_deferrals integer NOT NULL DEFAULT 0,
                           ADD COLUMN invite_retry_at  timestamptz;
