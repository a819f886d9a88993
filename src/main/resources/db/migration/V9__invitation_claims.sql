-- Invitations become seats that their respondent claims. The issuer sees a one-time claim code (stored as its
-- SHA-256); the respondent exchanges it for a credential that only they hold, and from then on the seat answers to
-- that credential alone (claimant_hash: SHA-256 of the credential's secret). A member answering with their own account
-- claims their seat the same way. A claimed seat is never revoked, reissued or handed to anyone else.
--
-- Invitation tokens issued before this migration were returned to whoever invited, and reached the answers: they all
-- end here. Responses saved under them stay counted; no credential opens them any more.

ALTER TABLE invitation DROP CONSTRAINT invitation_status;
DROP INDEX invitation_active_uq;

ALTER TABLE invitation RENAME COLUMN token_hash TO code_hash;
ALTER TABLE invitation ALTER COLUMN code_hash DROP NOT NULL;
ALTER TABLE invitation ADD COLUMN claimant_hash text;
ALTER TABLE invitation ADD COLUMN claimed_at timestamptz;
-- How the seat's code went out: CODE (returned to whoever invited), EMAIL (sent to the member only), ACCOUNT (none: the
-- member's own account took the seat). Lets a tenant admin see which codes an issuer saw.
ALTER TABLE invitation ADD COLUMN delivery text NOT NULL DEFAULT 'CODE';
ALTER TABLE invitation ALTER COLUMN delivery DROP DEFAULT;
ALTER TABLE invitation ADD CONSTRAINT invitation_delivery CHECK (delivery IN ('CODE', 'EMAIL', 'ACCOUNT'));

UPDATE invitation SET status = 'REVOKED', revoked_at = coalesce(revoked_at, now()), code_hash = NULL;

ALTER TABLE invitation ADD CONSTRAINT invitation_status CHECK (status IN ('PENDING', 'CLAIMED', 'REVOKED'));
-- A pending seat has a code and no claimant; a claimed one a claimant and no code; a revoked one neither.
ALTER TABLE invitation ADD CONSTRAINT invitation_seat_state CHECK (
    (status = 'PENDING' AND code_hash IS NOT NULL AND claimant_hash IS NULL)
    OR (status = 'CLAIMED' AND code_hash IS NULL AND claimant_hash IS NOT NULL AND claimed_at IS NOT NULL)
    OR (status = 'REVOKED' AND code_hash IS NULL AND claimant_hash IS NULL));

-- One live seat per member and assessment: nobody answers twice, and a claimed seat cannot be doubled by re-inviting.
CREATE UNIQUE INDEX invitation_seat_uq ON invitation (tenant_id, assessment_id, member_id) WHERE status <> 'REVOKED';
CREATE UNIQUE INDEX invitation_code_uq ON invitation (tenant_id, code_hash) WHERE code_hash IS NOT NULL;
CREATE UNIQUE INDEX invitation_claimant_uq ON invitation (tenant_id, assessment_id, claimant_hash)
    WHERE claimant_hash IS NOT NULL;
