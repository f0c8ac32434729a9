#!/usr/bin/env bash
# Register reconciliation benchmark (一个不能少). Starts the packaged service with -Xmx256m on a fresh
# embedded PostgreSQL, fills it with a generated province of N organizations (default 1,000,000,
# province 53, as bench/generate-province.sh), writes the market register of that province (N lines,
# one CSV per county: registry organizations, closed ones, new ones, unaddressed ones, see
# RegisterBenchmarkData), restarts the service, and reconciles the whole register twice, each time
# from a database without registers: every county's file posted to /api/registers by the
# administrator, first one after another (one office doing the province), then two at a time
# (counties uploading at once). Beside it, a raw COPY of the same lines (one file, one header) into
# a table of ten text columns in the same server. Prints rows/s of each, the ratios, the summed
# summaries, the service's peak heap (from its GC log) and peak RSS, and the load average.
# Needs: a JDK, curl and the psql client. BENCH_KEEP=1 keeps the work directory (files, logs);
# BENCH_WORK=<a kept work directory> reconciles its province and register again without filling anew
# (N and seed are then those it was filled with).
# Usage: bench/register-import.sh [N] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SEED=${2:-2009}
PROVINCE=53
PORT=${BENCH_PORT:-18400}
BASE=http://127.0.0.1:$PORT
if [ -n "${BENCH_WORK:-}" ]; then
    work=$BENCH_WORK
    BENCH_KEEP=1
else
    work=$(mktemp -d)
fi
pid=""
cleanup() {
    # stopping the service stops its embedded PostgreSQL
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null && { wait "$pid" 2>/dev/null || true; }
    fi
    # should the service have died without stopping it, stop the embedded PostgreSQL by its own pid
    if [ -f "$work/pg/postmaster.pid" ]; then
        kill "$(head -1 "$work/pg/postmaster.pid")" 2>/dev/null || true
        sleep 1
    fi
    if [ -n "${BENCH_KEEP:-}" ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "Building …"
./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
# the launcher under a name of its own, so that this service is told apart from others on the machine
cp target/quarkus-app/quarkus-run.jar target/quarkus-app/register-bench.jar

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
rate() { awk -v n="$3" -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", n / ((b - a) / 1e9) }'; }

start() { # log name; the daily backup is off: it is not part of a reconciliation
    LIANGXIN_BACKUP_SCHEDULED=false LIANGXIN_DATA_DIR="$work/pg" LIANGXIN_COUNTIES=$PROVINCE LIANGXIN_ADMIN_USER=bench LIANGXIN_ADMIN_PASSWORD=bench-password \
        PORT=$PORT LIANGXIN_METRICS_PORT=$((PORT + 1)) QUARKUS_HTTP_HOST=127.0.0.1 \
        java -Xmx256m ${BENCH_JAVA_OPTS:-} "-Xlog:gc*:file=$work/gc-$1.log" -jar target/quarkus-app/register-bench.jar >"$work/service-$1.log" 2>&1 &
    pid=$!
    until curl -fsS "$BASE/q/health/ready" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/service-$1.log" >&2; exit 1; }
        sleep 0.5
    done
}
stop() {
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
}

if [ -z "${BENCH_WORK:-}" ]; then
    echo "Starting the service on a fresh embedded PostgreSQL (it migrates) …"
    start fill
    port=$(sed -n 4p "$work/pg/postmaster.pid")
    password=$(cat "$work/pg/liangxin-db-password")
    # the generators' connection only: the service started again below must start its own PostgreSQL
    db() { DB_URL="jdbc:postgresql://127.0.0.1:$port/postgres" DB_USER=postgres DB_PASSWORD=$password "$@"; }
    echo "Filling province $PROVINCE with $N organizations …"
    db java -Xmx2g -cp "$cp" cn.liangxin.demo.ProvinceGenerator "$N" "$SEED" "$PROVINCE"
    echo "Writing the market register …"
    db java -Xmx1g -cp "$cp" cn.liangxin.register.RegisterBenchmarkData "$N" "$work/register" "$SEED" "$PROVINCE"
    du -sh "$work/register"
    # a fresh service: its heap and memory are the reconciliation's alone
    stop
fi
start reconcile
port=$(sed -n 4p "$work/pg/postmaster.pid")
password=$(cat "$work/pg/liangxin-db-password")
export PGHOST=127.0.0.1 PGPORT=$port PGDATABASE=postgres PGUSER=postgres PGPASSWORD=$password

# signed in once, as an officer's browser is: the session cookie, and the CSRF token as cookie and header
token=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
curl -sS -o /dev/null -c "$work/cookies" -b "liangxin-csrf=$token" \
    --data-urlencode j_username=bench --data-urlencode j_password=bench-password --data-urlencode "csrf-token=$token" \
    "$BASE/login"
session=$(awk '$6 == "liangxin-session" { print $7 }' "$work/cookies")
[ -n "$session" ] || { echo "signing in failed" >&2; exit 1; }
export token session

# one county's register posted as the administrator; the answer kept, anything but 201 fails the run
post() {
    local f=$1 county code
    county=$(basename "$f" .csv); county=${county#register-}
    code=$(curl -sS -H "Cookie: liangxin-session=$session; liangxin-csrf=$token" -H "X-CSRF-Token: $token" \
        -o "$work/answer-$county.json" -w '%{http_code}' \
        -F "file=@$f;type=text/csv" -F source=MARKET "$BASE/api/registers?countyCode=$county")
    if [ "$code" != 201 ]; then
        echo "county $county: HTTP $code $(cat "$work/answer-$county.json")" >&2
        return 1
    fi
}
export -f post
export work BASE

declare -A sum result
reconcile() { # pass name, how many registers are posted at once
    local name=$1 at_once=$2
    # every pass starts from a database without registers (no earlier snapshot to compare with)
    psql -X -q -c "truncate register_row, register_import" -c "checkpoint"
    rm -f "$work"/answer-*.json
    echo "Reconciling $(ls "$work/register" | wc -l) county registers, $at_once at a time …"
    local load_before t0 t1
    load_before=$(uptime | sed 's/.*load average: //')
    t0=$(now)
    ls "$work"/register/register-*.csv | xargs -P "$at_once" -n 1 bash -c 'post "$0"'
    t1=$(now)
    for key in rows matched closeCandidates unsurveyed unassigned inactive outOfScope mismatches; do
        sum[$name-$key]=$(cat "$work"/answer-*.json | grep -o "\"$key\":[0-9]*" | awk -F: '{ s += $2 } END { print s + 0 }')
    done
    result[$name-secs]=$(secs "$t0" "$t1")
    result[$name-rate]=$(rate "$t0" "$t1" "${sum[$name-rows]}")
    result[$name-stored]=$(psql -X -q -At -c "select count(*) from register_row")
    result[$name-load]="before $load_before; after $(uptime | sed 's/.*load average: //')"
}
reconcile sequential 1
reconcile parallel 2
rss=$(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$pid/status")
# the heap in use before each collection, the highest of them (G1 logs "Pause … 180M->40M(256M)")
heap=$(grep -ho '[0-9]*M->[0-9]*M([0-9]*M)' "$work"/gc-reconcile.log* | sed 's/^\([0-9]*\)M->[0-9]*M(\([0-9]*\)M)/\1 \2/' \
    | sort -n | tail -1)
oom=$(grep -c OutOfMemoryError "$work/service-reconcile.log" || true)

echo "Raw COPY of the same lines …"
files=("$work"/register/register-*.csv)
{ head -1 "${files[0]}"; for f in "${files[@]}"; do tail -n +2 "$f"; done; } >"$work/register.csv"
psql -X -q -c "drop table if exists bench_register_copy" -c "create table bench_register_copy ($(seq -s, -f 'c%g text' 1 10))"
c0=$(now)
psql -X -q -c "\\copy bench_register_copy from '$work/register.csv' with (format csv, header true)"
c1=$(now)
copied=$(psql -X -q -At -c "select count(*) from bench_register_copy")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
copy_rate=$(rate "$c0" "$c1" "$copied")
echo
echo "Register reconciliation of $copied lines, province $PROVINCE ($(ls "$work/register" | wc -l) county files), $(nproc) cores:"
echo "  raw COPY of the same lines into a 10-text-column table: $(secs "$c0" "$c1") s, $copy_rate rows/s ($copied rows)"
for name in sequential parallel; do
    pct() { awk -v a="$1" -v b="${sum[$name-rows]}" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
    echo "  service end to end, $name (HTTP upload, match, COPY of the lines): ${result[$name-secs]} s,"\
" ${result[$name-rate]} rows/s = $(ratio "${result[$name-rate]}" "$copy_rate") of the raw COPY"
    echo "    lines read ${sum[$name-rows]}, stored ${result[$name-stored]}: matched ${sum[$name-matched]} ($(pct "${sum[$name-matched]}")),"\
" close candidates ${sum[$name-closeCandidates]} ($(pct "${sum[$name-closeCandidates]}")),"
    echo "    unsurveyed ${sum[$name-unsurveyed]} ($(pct "${sum[$name-unsurveyed]}")), unassigned ${sum[$name-unassigned]}"\
" ($(pct "${sum[$name-unassigned]}")), inactive ${sum[$name-inactive]} ($(pct "${sum[$name-inactive]}")),"\
" out of scope ${sum[$name-outOfScope]}; matched with a different name or kind ${sum[$name-mismatches]}"
    echo "    load average (1, 5, 15 min) ${result[$name-load]}"
done
echo "  service (-Xmx256m), both passes: peak heap used ${heap% *} MB of ${heap#* } MB, peak RSS $rss,"\
" OutOfMemoryError in its log: $oom"
