-- Limits every replica shares: the HR rate-limit buckets and the running exports live in PostgreSQL, not in a
-- replica's memory, so that n replicas allow the configured limit and not n times it.

-- Bucket4j's JDBC layout: one row per caller's bucket, its state serialised by Bucket4j and updated under SELECT ... FOR
-- UPDATE. The key is a SHA-256 of tenant and caller, so the table names nobody. expires_at (epoch milliseconds) is when
-- the bucket would be full again anyway; such rows are removed in batches.
CREATE TABLE hr_rate_limit_bucket (
    id         text   NOT NULL,
    state      bytea,
    expires_at bigint,
    CONSTRAINT hr_rate_limit_bucket_pk PRIMARY KEY (id)
);
CREATE INDEX hr_rate_limit_bucket_expiry_idx ON hr_rate_limit_bucket (expires_at);
-- Not a tenant's data (a hash and counters), read and written outside any tenant's binding: every row is visible to
-- the service, on purpose. Row-level security is still forced, so that the choice is written down here.
ALTER TABLE hr_rate_limit_bucket ENABLE ROW LEVEL SECURITY;
ALTER TABLE hr_rate_limit_bucket FORCE ROW LEVEL SECURITY;
CREATE POLICY shared_counters ON hr_rate_limit_bucket USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON hr_rate_limit_bucket TO ${app_role};

-- One row per export streaming now, on any replica. A slot is deleted when its download ends; one whose replica died
-- expires with the export timeout.
CREATE TABLE export_slot (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    taken_at   timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT export_slot_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT export_slot_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);
CREATE INDEX export_slot_expiry_idx ON export_slot (expires_at);

ALTER TABLE export_slot ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_slot FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON export_slot
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON export_slot TO ${app_role};

-- The bound on all exports at once needs a count across tenants: only this function, running as the schema owner,
-- reads it, and it answers with a number alone.
CREATE POLICY export_slot_count ON export_slot FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION export_slots_running(at timestamptz) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path FROM CURRENT
AS $$
    SELECT count(*)::integer FROM export_slot WHERE expires_at > at
$$;
REVOKE ALL ON FUNCTION export_slots_running(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION export_slots_running(timestamptz) TO ${app_role};
