-- Webhooks: endpoints a tenant admin registers, a transactional outbox of events (written in the transaction of the
-- change they announce), one delivery per event and endpoint, and the log of every attempt.

CREATE TABLE webhook_endpoint (
    tenant_id            text        NOT NULL,
    id                   uuid        NOT NULL,
    url                  text        NOT NULL,
    description          text,
    events               text[]      NOT NULL,
    -- Standard Webhooks secret (whsec_…), sealed with a key the database does not hold: the service must sign with
    -- it, so it is kept (encrypted), not hashed.
    secret               text        NOT NULL,
    status               text        NOT NULL,
    disabled_reason      text,
    disabled_at          timestamptz,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    version              integer     NOT NULL,
    CONSTRAINT webhook_endpoint_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT webhook_endpoint_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT webhook_endpoint_status CHECK (status IN ('ACTIVE', 'DISABLED')),
    CONSTRAINT webhook_endpoint_url_length CHECK (char_length(url) BETWEEN 1 AND 2000),
    CONSTRAINT webhook_endpoint_events CHECK (cardinality(events) > 0)
);

CREATE TABLE webhook_event (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    type       text        NOT NULL,
    -- Once per fact (e.g. quorum reached for one assessment), whichever transaction records it first.
    dedupe_key text        NOT NULL,
    -- The exact bytes sent (and signed) on every attempt.
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    integer     NOT NULL,
    CONSTRAINT webhook_event_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT webhook_event_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT webhook_event_once UNIQUE (tenant_id, dedupe_key)
);

CREATE TABLE webhook_delivery (
    tenant_id       text        NOT NULL,
    id              uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    endpoint_id     uuid        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    -- Null while the endpoint is disabled: nothing is due until it is enabled again.
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         integer     NOT NULL,
    CONSTRAINT webhook_delivery_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT webhook_delivery_event_fk FOREIGN KEY (tenant_id, event_id) REFERENCES webhook_event (tenant_id, id),
    CONSTRAINT webhook_delivery_endpoint_fk FOREIGN KEY (tenant_id, endpoint_id)
        REFERENCES webhook_endpoint (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT webhook_delivery_once UNIQUE (tenant_id, event_id, endpoint_id),
    CONSTRAINT webhook_delivery_status CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (tenant_id, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (tenant_id, endpoint_id, id);

CREATE TABLE webhook_attempt (
    tenant_id    text        NOT NULL,
    id           uuid        NOT NULL,
    delivery_id  uuid        NOT NULL,
    number       integer     NOT NULL,
    attempted_at timestamptz NOT NULL,
    status_code  integer,
    error        text,
    duration_ms  integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT webhook_attempt_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT webhook_attempt_delivery_fk FOREIGN KEY (tenant_id, delivery_id)
        REFERENCES webhook_delivery (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (tenant_id, delivery_id, number);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['webhook_endpoint', 'webhook_event', 'webhook_delivery', 'webhook_attempt'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I'
                       ' USING (tenant_id = current_setting(''async_health.tenant_id'', true))'
                       ' WITH CHECK (tenant_id = current_setting(''async_health.tenant_id'', true))', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoint, webhook_event, webhook_delivery, webhook_attempt
    TO ${app_role};

-- The dispatcher must learn which tenants have deliveries due without seeing any tenant's rows. Only this function,
-- running as the schema owner, reads across tenants, and it answers with tenant ids alone.
CREATE POLICY webhook_dispatch ON webhook_delivery FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION webhook_due_tenants(max_tenants integer) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path FROM CURRENT
AS $$
    SELECT tenant_id FROM webhook_delivery
    WHERE status = 'PENDING' AND next_attempt_at <= now()
    GROUP BY tenant_id
    ORDER BY min(next_attempt_at)
    LIMIT max_tenants
$$;
REVOKE ALL ON FUNCTION webhook_due_tenants(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION webhook_due_tenants(integer) TO ${app_role};
