#!/usr/bin/env bash
# The speed guard (run by .ci/run): a generated province of N organizations (default 100,000), the
# packaged service started on it (-Xmx256m, the province in scope), and every line of
# bench/budgets.txt timed beside its bare SQL baseline in the same run. Prints the table; exits 1
# when a line passes its budget ratio or does not answer 200.
#
# Database: DB_URL / DB_USER / DB_PASSWORD (an empty database the guard may fill), or, unset, a
# fresh embedded PostgreSQL in GUARD_DATA_DIR (default target/guard-pg, wiped first).
# Needs: a JDK and curl. Usage: bench/speed-guard.sh [N] [COUNTY] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
COUNTY=${2:-530324}
RUNS=${3:-20}
PROVINCE=${COUNTY:0:2}
PORT=${GUARD_PORT:-18720}
ADMIN=guard-admin
PASSWORD=guard-admin-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
BASE=http://127.0.0.1:$PORT
log=target/guard-service.log
pid=""
stop() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        pid=""
    fi
}
trap stop EXIT

source bench/classpath.sh

embedded=false
if [ -z "${DB_URL:-}" ]; then
    embedded=true
    data=${GUARD_DATA_DIR:-target/guard-pg}
    rm -rf "$data"
fi

start() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        echo "port $PORT is taken: set GUARD_PORT to a free one (and the next one)"
        exit 1
    fi
    if $embedded; then
        export LIANGXIN_DATA_DIR=$data
    fi
    LIANGXIN_COUNTIES=$PROVINCE LIANGXIN_ADMIN_USER=$ADMIN LIANGXIN_ADMIN_PASSWORD=$PASSWORD PORT=$PORT \
        LIANGXIN_METRICS_PORT=$((PORT + 1)) QUARKUS_HTTP_HOST=127.0.0.1 LIANGXIN_DEMO=false \
        java -Xmx256m -jar target/quarkus-app/quarkus-run.jar >>"$log" 2>&1 </dev/null &
    pid=$!
    local waited=0
    until curl -fsS --max-time 2 "$BASE/q/health/ready" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log"; echo "the service exited during start"; exit 1; }
        [ "$waited" -lt 240 ] || { tail -n 40 "$log"; echo "the service is not ready after 120 s"; exit 1; }
        sleep 0.5
        waited=$((waited + 1))
    done
}

: >"$log"
# the first start migrates the database and creates the administrator
start
# the database as the guard's own connections reach it (the embedded server: its port and password)
connection() {
    if $embedded; then
        db_url="jdbc:postgresql://127.0.0.1:$(sed -n 4p "$data/postmaster.pid")/postgres" db_user=postgres
        db_password=$(cat "$data/liangxin-db-password")
    else
        db_url=$DB_URL db_user=$DB_USER db_password=$DB_PASSWORD
    fi
}
connection
t0=$SECONDS
# the first versions of the history written set-based: the same rows as by the triggers, sooner
DB_URL=$db_url DB_USER=$db_user DB_PASSWORD=$db_password \
    java -Xmx1g -cp "$cp" cn.liangxin.demo.ProvinceGenerator "$N" 2009 "$PROVINCE" direct
echo "Generated $N organizations of province $PROVINCE in $((SECONDS - t0)) s."
# started again on the filled database, as a service that has been running would see it
stop
start
connection
java -cp "$cp" cn.liangxin.scale.SpeedGuard "$BASE" "$ADMIN" "$PASSWORD" bench/budgets.txt "$db_url" "$db_user" "$db_password" \
    "$COUNTY" "$RUNS"
