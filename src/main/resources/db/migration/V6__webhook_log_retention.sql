-- The delivery log is kept for a while, not forever. Pruning spans every tenant, so, like finding due deliveries, it
-- runs as this one function of the schema owner; attempts go with their delivery. Events are kept: they are small and
-- they remember which facts were announced already.

CREATE POLICY webhook_prune ON webhook_delivery FOR DELETE TO CURRENT_USER USING (true);

CREATE FUNCTION webhook_prune_log(older_than timestamptz) RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path FROM CURRENT
AS $$
    WITH gone AS (
        DELETE FROM webhook_delivery
        WHERE status IN ('DELIVERED', 'FAILED') AND coalesce(delivered_at, last_attempt_at, created_at) < older_than
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
REVOKE ALL ON FUNCTION webhook_prune_log(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION webhook_prune_log(timestamptz) TO ${app_role};
