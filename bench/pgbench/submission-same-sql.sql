-- One submission as the service sends it to PostgreSQL (issue 15, deliverable 4): a first PUT /assessments/{id}/response
-- with a respondent credential, the 17 answers of AnsweringWalkthroughTest.answers, submitted.
--
-- Where the statements come from: the six Hibernate statements were captured on 2026-11-30 (again after the tenant filter went and the two locking reads became native SQL) by
-- SubmissionStatementsTest's StatementCounter (./mvnw test -Dtest=SubmissionStatementsTest prints them as "SUBMISSION"
-- lines) and are copied here with their text unchanged; the two set_config calls are the pool's
-- (platform/tenancy/RowLevelSecuritySettings: bind the connection to the tenant on acquire, back to "-" on return);
-- then the commit. Run by bench/run (ServiceBenchmark) as the service's own role, async_health_app, so row-level security
-- applies as it does to the service, with -M prepared (the JDBC driver prepares statements it runs often).
--
-- Where it differs, and why:
-- * Parameters that do not vary (the answers' values) are literals here.
-- * The seat: pgbench's own claimed seats (written by the harness), claimant_hash = the seat number, picked at random.
-- * The slot and the ids are made here, not by the JVM: the slot from a random number; the response's and the answers'
--   ids from a per-run time prefix, the client and a per-client counter, so they grow like the service's UUIDv7s
--   (B-tree inserts at the right edge, as in the service, not scattered as random UUIDs would be).
-- * BEGIN is a round trip of its own here; the JDBC driver sends it with the first statement. pgbench pays one round
--   trip more per transaction than the service (10 against 9).
-- Variables (-D): tenant, assessment (pgbench's open assessment), seats, prefix (12 hex digits), seq (0).
\set n random(1, :seats)
\set r random(1, 1000000000000000)
\set seq :seq + 1
SELECT set_config('async_health.tenant_id', :tenant, false), set_config('async_health.platform_scope', 'off', false);
BEGIN;
SELECT * FROM invitation WHERE assessment_id = :assessment AND claimant_hash = :n AND status = 'CLAIMED' LIMIT 1 FOR NO KEY UPDATE;
SELECT 1 FROM pg_advisory_xact_lock_shared(hashtextextended('answers:' || :assessment, 0));
select a1_0.id,a1_0.anonymity_threshold,a1_0.closed_at,a1_0.closes_at,a1_0.created_at,a1_0.feed_position,a1_0.opened_at,a1_0.opens_at,a1_0.previous_assessment_id,a1_0.round,a1_0.status,a1_0.team_id,a1_0.template_key,a1_0.template_version,a1_0.tenant_id,a1_0.title,a1_0.updated_at,a1_0.version from assessment a1_0 where a1_0.id=:assessment;
SELECT * FROM response WHERE assessment_id = :assessment AND slot = :r LIMIT 1 FOR NO KEY UPDATE;
insert into response (assessment_id,created_at,slot,status,submitted_at,tenant_id,updated_at,version,id) values (:assessment,now(),:r,'SUBMITTED',now(),:tenant,now(),0,(:prefix || lpad(to_hex(:client_id::integer), 4, '0') || lpad(to_hex(:seq::bigint), 16, '0'))::uuid);
INSERT INTO answer (tenant_id, id, response_id, assessment_id, question_key, number_value, choice_value, choice_values, text_value) SELECT :tenant, a.id::uuid, (:prefix || lpad(to_hex(:client_id::integer), 4, '0') || lpad(to_hex(:seq::bigint), 16, '0'))::uuid, :assessment, a.question_key, a.number_value::numeric, a.choice_value, CASE WHEN a.choice_values IS NULL THEN NULL ELSE ARRAY(SELECT c.value FROM jsonb_array_elements_text(a.choice_values::jsonb) WITH ORDINALITY AS c(value, position) ORDER BY c.position) END, a.text_value FROM unnest(ARRAY(SELECT :prefix || lpad(to_hex(:client_id::integer), 4, '0') || lpad(to_hex(:seq::bigint * 32 + g), 16, '0') FROM generate_series(1, 17) g), CAST('{role,working-style,team-async-style,comm-guide-documented,comm-norms-clear,comm-effectiveness,meetings-could-be-async,response-expectation,response-norms-agreed,focus-hours,hours-worked,realtime-share,after-hours-frequency,schedule-control,async-alignment-effect,team-connectedness,one-change}' AS text[]), CAST('{NULL,NULL,NULL,NULL,1,3,NULL,NULL,2,3,40,45,NULL,3,NULL,4,NULL}' AS text[]), CAST('{people-manager,hybrid,mostly-async,yes,NULL,NULL,often,within-an-hour,NULL,NULL,NULL,NULL,sometimes,NULL,somewhat-improves,NULL,NULL}' AS text[]), CAST('{NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL}' AS text[]), CAST('{NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,"Member 0 wants fewer status meetings"}' AS text[])) AS a(id, question_key, number_value, choice_value, choice_values, text_value);
COMMIT;
SELECT set_config('async_health.tenant_id', '-', false), set_config('async_health.platform_scope', 'off', false);
