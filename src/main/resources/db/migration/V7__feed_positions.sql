-- The scores feed follows the order in which closed results became visible, not the closing timestamps: a close that
-- commits late with an early timestamp (a slow transaction, or a replica whose clock is behind) would otherwise sort
-- behind a cursor a client already holds, and be missed. Positions are handed out, under a per-tenant lock, only to
-- committed closed assessments, and always above every earlier one.

CREATE SEQUENCE assessment_feed_position_seq;
GRANT USAGE, SELECT ON SEQUENCE assessment_feed_position_seq TO ${app_role};

ALTER TABLE assessment ADD COLUMN feed_position bigint;
CREATE UNIQUE INDEX assessment_feed_idx ON assessment (tenant_id, feed_position) WHERE feed_position IS NOT NULL;

-- The owner is subject to the forced row-level security like everyone; lift it for the backfill only.
ALTER TABLE assessment NO FORCE ROW LEVEL SECURITY;
UPDATE assessment a SET feed_position = o.position
FROM (SELECT tenant_id, id, nextval('assessment_feed_position_seq') AS position
      FROM (SELECT tenant_id, id FROM assessment WHERE status = 'CLOSED' ORDER BY closed_at, id) ordered) o
WHERE a.tenant_id = o.tenant_id AND a.id = o.id;
ALTER TABLE assessment FORCE ROW LEVEL SECURITY;
