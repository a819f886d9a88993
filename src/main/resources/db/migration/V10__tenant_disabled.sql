-- A platform administrator may disable a tenant: from then on no token of it is accepted, on any route, until it is
-- enabled again. Its data stays as it is.
ALTER TABLE tenant ADD COLUMN disabled_at timestamptz;
