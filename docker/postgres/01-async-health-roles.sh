#!/bin/sh
# Creates what async-health needs in a fresh PostgreSQL (the official image runs this once, on an empty data
# directory, as its superuser): the schema owner Flyway migrates as, the role the service connects as, and the
# database, owned by the schema owner.
#
# The service's role must own nothing and be neither superuser nor BYPASSRLS: row-level security binds only such a
# role, and the service refuses to start otherwise (DatabaseRoleCheck). The migrations grant it its privileges on
# each table, so it is given nothing else here. Passwords come from the container's environment.
set -eu

: "${ASYNC_HEALTH_OWNER_PASSWORD:?set ASYNC_HEALTH_OWNER_PASSWORD}"
: "${ASYNC_HEALTH_APP_PASSWORD:?set ASYNC_HEALTH_APP_PASSWORD}"

# psql substitutes :'name' with the variable as a quoted literal, so a password cannot break the statement.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner_password="$ASYNC_HEALTH_OWNER_PASSWORD" -v app_password="$ASYNC_HEALTH_APP_PASSWORD" <<'SQL'
CREATE ROLE async_health_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE async_health_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE async_health OWNER async_health_owner;
-- Only the two roles (and the superuser) connect to it.
REVOKE ALL ON DATABASE async_health FROM PUBLIC;
GRANT CONNECT ON DATABASE async_health TO async_health_app;
SQL
