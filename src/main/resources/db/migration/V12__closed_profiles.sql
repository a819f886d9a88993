-- Closed results kept once: when an assessment closes, its final profile (the exact ProfileView the API shows: available
-- with all figures, or suppressed, or the last live snapshot when that stands) is written in the closing transaction.
-- The profile GET, the trend, the scores feed and export and the organisation rollup read these rows instead of
-- recomputing. scoring_model is the method that computed the figures (null when there are none: suppressed).
-- segments is the tenant's report segments the comparison was made with (companySize, workingStyle): when the tenant
-- changes them, a reader finds the row stale and replaces it with the profile against the new segments.
-- figures is the same profile with only the figures the organisation rollup uses: a fraction of its size; feed_figures keeps less again, what a feed row shows (each dimension's score and
-- its first metric), so that reading 100,000 feed rows parses no recommendation, label or quote.
-- Assessments closed before this migration get their row on first read (computing a profile needs the service).
CREATE TABLE closed_profile (
    tenant_id     text        NOT NULL,
    assessment_id uuid        NOT NULL,
    scoring_model text,
    segments      text        NOT NULL,
    respondents   integer     NOT NULL,
    profile       jsonb       NOT NULL,
    figures       jsonb       NOT NULL,
    feed_figures  jsonb       NOT NULL,
    computed_at   timestamptz NOT NULL,
    CONSTRAINT closed_profile_pk PRIMARY KEY (tenant_id, assessment_id),
    CONSTRAINT closed_profile_assessment_fk FOREIGN KEY (tenant_id, assessment_id) REFERENCES assessment (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE closed_profile ENABLE ROW LEVEL SECURITY;
ALTER TABLE closed_profile FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON closed_profile
    USING (tenant_id = current_setting('async_health.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('async_health.tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON closed_profile TO ${app_role};
