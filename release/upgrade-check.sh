#!/usr/bin/env bash
# Upgrade check: the previous release (the commit named in release/previous) builds in a temporary
# clone and runs on a new embedded data directory with the demo county loaded; then the current build
# (this working tree, packaged into target/quarkus-app) starts on the same directory, migrating it, and must answer
# the same coverage report and blank-spot ledger, byte for byte. Exits non-zero when it does not.
#
#   release/upgrade-check.sh            (MAVEN_ARGS=-o builds offline)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

previous=$(grep -v -e '^#' -e '^[[:space:]]*$' release/previous | head -n 1 | tr -d '[:space:]')
[ -n "$previous" ] || { echo "release/previous names no commit" >&2; exit 2; }
work=$(mktemp -d)
service_pid=""

stop() {
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
        kill -TERM "$service_pid"
        for _ in $(seq 1 30); do kill -0 "$service_pid" 2>/dev/null || break; sleep 1; done
        kill -KILL "$service_pid" 2>/dev/null || true
    fi
    [ -z "$service_pid" ] || wait "$service_pid" 2>/dev/null || true
    service_pid=""
}
cleanup() {
    local status=$?
    stop
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

port=18480
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
metrics=$((port + 1000))
auth=(-u upgrade-admin:upgrade-admin-password)

# $1: the packaged service's folder, $2: a name for its log
start() {
    LIANGXIN_DATA_DIR="$work/pg" LIANGXIN_DEMO=true LIANGXIN_ADMIN_USER=upgrade-admin \
        LIANGXIN_ADMIN_PASSWORD=upgrade-admin-password PORT="$port" LIANGXIN_METRICS_PORT="$metrics" \
        java -jar "$1/quarkus-run.jar" >"$work/$2.log" 2>&1 </dev/null &
    service_pid=$!
    local waited=0
    until curl -fsS --max-time 2 "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do
        if ! kill -0 "$service_pid" 2>/dev/null || [ "$waited" -ge 240 ]; then
            echo "$2 did not become ready; its log:" >&2
            tail -n 40 "$work/$2.log" >&2
            exit 1
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
}

# $1: a name for the files
reports() {
    curl -fsS --max-time 60 "${auth[@]}" -o "$work/coverage-$1.json" "http://127.0.0.1:$port/api/reports/coverage"
    curl -fsS --max-time 60 "${auth[@]}" -o "$work/blank-spots-$1.json" "http://127.0.0.1:$port/api/reports/blank-spots"
}

echo "Building the previous release $previous in $work/previous ..."
git clone -q . "$work/previous"
git -C "$work/previous" checkout -q "$previous"
(cd "$work/previous" && ./mvnw -B -q package -DskipTests ${MAVEN_ARGS:-} </dev/null)
echo "Building the current version ..."
./mvnw -B -q package -DskipTests ${MAVEN_ARGS:-} </dev/null

echo "The previous release on a new data directory, the demo county loaded ..."
start "$work/previous/target/quarkus-app" previous
sleep 5   # the demo's years are frozen just after the start
reports before
stop
grep -q '"organizations" *: *[1-9]' "$work/coverage-before.json" \
    || { echo "UPGRADE CHECK FAILED: the previous release's report holds no organizations: $(head -c 300 "$work/coverage-before.json")"; exit 1; }

echo "The current version on the same data directory ..."
start target/quarkus-app current
reports after
stop
grep -i 'Migrating schema' "$work/current.log" || echo "(no migration: the schema was already current)"

cmp "$work/coverage-before.json" "$work/coverage-after.json" || { echo "UPGRADE CHECK FAILED: the coverage report differs"; exit 1; }
cmp "$work/blank-spots-before.json" "$work/blank-spots-after.json" || { echo "UPGRADE CHECK FAILED: the blank-spot ledger differs"; exit 1; }
echo "Upgrade check passed: $previous → $(git rev-parse --short HEAD), coverage report and blank-spot ledger byte-identical."
