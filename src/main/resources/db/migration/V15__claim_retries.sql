-- A claim made with a claim key can be repeated after a lost reply: the retry knows the tenant (from the code) and the
-- claimant (derived from the code and the key), not the assessment, so the claimed seat is found by its claimant.
CREATE INDEX invitation_claimant_lookup ON invitation (tenant_id, claimant_hash) WHERE claimant_hash IS NOT NULL;
