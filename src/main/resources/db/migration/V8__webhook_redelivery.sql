-- A tenant admin may send a finished delivery again (after an outage, say): it gets a fresh round of attempts, counted
-- from the attempt it was sent again at, while the log keeps numbering attempts on.
ALTER TABLE webhook_delivery ADD COLUMN round_started_after integer NOT NULL DEFAULT 0;
