#!/bin/sh
# One-shot seed for docker/compose.yaml: creates the sample tenants (acme, globex) in async-health as the sample
# platform administrator, so that the sample people of docker/keycloak/async-health-users-0.json can call the API at
# once (a token naming a tenant the service does not know is refused). Running it again changes nothing: a tenant
# that exists already answers 409, which counts as done.
set -eu

keycloak="${KEYCLOAK_REALM_URL:-http://keycloak:8080/realms/async-health}"
service="${ASYNC_HEALTH_URL:-http://async-health:8080}"

# Password grant on the public client async-health-cli (the realm's client for trying the API from a terminal).
token=$(curl -fsS "$keycloak/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=async-health-cli \
    -d username="$SEED_USERNAME" --data-urlencode password="$SEED_PASSWORD" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
if [ -z "$token" ]; then
    echo "no access token for $SEED_USERNAME from $keycloak" >&2
    exit 1
fi

create() {
    status=$(curl -sS -o /tmp/answer.json -w '%{http_code}' -X POST "$service/api/v1/tenants" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"id\": \"$1\", \"name\": \"$2\"}")
    case "$status" in
        201) echo "created tenant $1" ;;
        409) echo "tenant $1 exists already" ;;
        *) echo "creating tenant $1 answered $status: $(cat /tmp/answer.json)" >&2; exit 1 ;;
    esac
}

create acme "Acme Corporation"
create globex "Globex Corporation"
# Tells the health check that the seed is done.
touch /tmp/seeded
