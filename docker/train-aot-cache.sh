#!/bin/sh
# The training run of the image's AOT cache (JEP 514), run once by docker/Dockerfile.jvm: the service starts on its
# embedded PostgreSQL in a scratch directory, answers the requests of a first walkthrough (so that the classes of
# requests, validation, JSON, the database and scoring are in the cache, not only those of the start), and stops; at
# exit the JVM writes the cache to $1. Nothing of the run is kept but the cache.
set -eu
cache="$1"
scratch=$(mktemp -d)
port=18080
api="http://127.0.0.1:$port/api/v1"
ASYNC_HEALTH_DATA_DIR="$scratch" java -XX:AOTCacheOutput="$cache" -Dquarkus.http.port=$port \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /deployments/quarkus-run.jar \
    > "$scratch/training.log" 2>&1 &
pid=$!
tries=0
until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
        tail -n 60 "$scratch/training.log" >&2
        exit 1
    fi
    sleep 0.2
done

field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
token=$(curl -fsS -X POST "$api/bootstrap/tokens" | field accessToken)
auth="Authorization: Bearer $token"
json="Content-Type: application/json"
team=$(curl -fsS "$api/teams" -H "$auth" | field id | head -n 1)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
later=$(date -u -d '+14 days' +%Y-%m-%dT%H:%M:%SZ)
assessment=$(curl -fsS -X POST "$api/assessments" -H "$auth" -H "$json" \
    -d "{\"teamId\": \"$team\", \"title\": \"Training\", \"opensAt\": \"$now\", \"closesAt\": \"$later\"}" | field id)
curl -fsS -o /dev/null -X POST "$api/assessments/$assessment/open" -H "$auth"
curl -fsS -o /dev/null "$api/assessments/$assessment" -H "$auth"
curl -fsS -o /dev/null "$api/assessments/$assessment/participation" -H "$auth"
curl -fsS -o /dev/null "http://127.0.0.1:$port/q/openapi"
curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/live"

kill -TERM "$pid"
wait "$pid" || true
grep -q "AOTCache creation is complete" "$scratch/training.log" || { tail -n 60 "$scratch/training.log" >&2; exit 1; }
rm -rf "$scratch"
ls -l "$cache"
