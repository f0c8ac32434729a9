#!/usr/bin/env bash
# One PostgreSQL against a Citus cluster, side by side in one run: the lines of
# bench/side-by-side.txt (the county report, the township page, the region roll-up, the province
# report, a survey import and commit, a register reconciliation, …) timed against a service on each,
# one after the other, with the cluster's median as a ratio to the single node's.
#
# ONE_URL: a PostgreSQL database; CLUSTER_URL: a database on a Citus coordinator (its workers added);
# the same DB_USER / DB_PASSWORD on both. A database without organizations is filled first: the
# service started once on it (it migrates, and on the cluster distributes), then
# bench/generate-province.sh N SEED PROVINCE direct. Filled ones must hold the same province.
# Both services run with -Xmx256m and the province in scope; BENCH_ADMIN / BENCH_PASSWORD is the
# administrator (created by the first start on an empty database).
# LINES: another lines file (default bench/side-by-side.txt).
# Needs: a JDK, curl and psql. Loopback only.
# Usage: ONE_URL=… CLUSTER_URL=… DB_USER=… DB_PASSWORD=… bench/side-by-side.sh [N] [COUNTY] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
COUNTY=${2:-530324}
RUNS=${3:-20}
LINES=${LINES:-bench/side-by-side.txt}
SEED=${SEED:-2009}
PROVINCE=${COUNTY:0:2}
ADMIN=${BENCH_ADMIN:-bench-admin}
PASSWORD=${BENCH_PASSWORD:-bench-admin-password}
PORT=${BENCH_PORT:-18800}
: "${ONE_URL:?ONE_URL must name the single-node database}" "${CLUSTER_URL:?CLUSTER_URL must name the database on the coordinator}"
: "${DB_USER:?}" "${DB_PASSWORD:?}"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null && { wait "$p" 2>/dev/null || true; }
    done
    cp "$work"/service-*.log target/ 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

source bench/classpath.sh

# psql speaks libpq: host, port and database from a JDBC URL
sql() { # url, statement
    local hostport=${1#jdbc:postgresql://} db=${1##*/}
    hostport=${hostport%%/*}
    PGHOST=${hostport%%:*} PGPORT=$([[ $hostport == *:* ]] && echo "${hostport##*:}" || echo 5432) PGDATABASE=${db%%\?*} \
        PGUSER=$DB_USER PGPASSWORD=$DB_PASSWORD psql -X -q -At -c "$2"
}

start() { # name, url, port: the service in the background, its pid in pids
    if (exec 3<>"/dev/tcp/127.0.0.1/$3") 2>/dev/null; then
        echo "port $3 is taken: set BENCH_PORT to a free one (it, +1, +10 and +11 are used)" >&2
        exit 1
    fi
    LIANGXIN_COUNTIES=$PROVINCE LIANGXIN_ADMIN_USER=$ADMIN LIANGXIN_ADMIN_PASSWORD=$PASSWORD PORT=$3 \
        LIANGXIN_METRICS_PORT=$(($3 + 1)) QUARKUS_HTTP_HOST=127.0.0.1 LIANGXIN_DEMO=false DB_URL=$2 \
        java -Xmx256m ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$work/service-$1.log" 2>&1 </dev/null &
    pids+=($!)
    until curl -fsS --max-time 2 "http://127.0.0.1:$3/q/health/ready" >/dev/null 2>&1; do
        kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 40 "$work/service-$1.log"; echo "the service on $1 exited during start" >&2; exit 1; }
        sleep 0.5
    done
}
stop_all() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null && { wait "$p" 2>/dev/null || true; }
    done
    pids=()
}

for side in one cluster; do
    url=ONE_URL; [ "$side" = cluster ] && url=CLUSTER_URL
    url=${!url}
    stored=$(sql "$url" "select count(*) from organization" 2>/dev/null || echo 0)
    if [ "$stored" = 0 ]; then
        echo "Filling $side ($url) with $N organizations of province $PROVINCE …"
        start "$side-migrate" "$url" "$PORT"
        stop_all
        s=$SECONDS
        DB_URL=$url bench/generate-province.sh "$N" "$SEED" "$PROVINCE" direct
        echo "$side filled in $((SECONDS - s)) s"
    fi
done
[ "$(sql "$CLUSTER_URL" "select count(*) from pg_extension where extname = 'citus'")" = 1 ] \
    || { echo "CLUSTER_URL has no citus extension" >&2; exit 1; }
for side in ONE_URL CLUSTER_URL; do
    echo "$side: $(sql "${!side}" "select count(*) || ' organizations, ' || count(distinct county_code) || ' counties' from organization")"
done
echo "Cluster: $(sql "$CLUSTER_URL" "select count(*) from pg_dist_node where groupid > 0") workers, \
$(sql "$CLUSTER_URL" "select count(*) from pg_dist_shard where logicalrelid = 'organization'::regclass") shards of organization"

echo "Writing the market register of province $PROVINCE (from the single node's registry) …"
DB_URL=$ONE_URL java -Xmx1g -cp "$cp" cn.liangxin.register.RegisterBenchmarkData "$N" "$work/register" "$SEED" "$PROVINCE" >/dev/null
start one "$ONE_URL" "$PORT"
start cluster "$CLUSTER_URL" $((PORT + 10))
java -cp "$cp" cn.liangxin.scale.SideBySide "$LINES" "$RUNS" "$COUNTY" "$ADMIN" "$PASSWORD" "$work/register" \
    "http://127.0.0.1:$PORT" "$ONE_URL" "http://127.0.0.1:$((PORT + 10))" "$CLUSTER_URL" "$DB_USER" "$DB_PASSWORD"
for i in 0 1; do
    awk -v s="$([ $i = 0 ] && echo one || echo cluster)" '/VmHWM/ { printf "service on %s: peak RSS %d MB (-Xmx256m)\n", s, $2 / 1024 }' "/proc/${pids[$i]}/status"
done
