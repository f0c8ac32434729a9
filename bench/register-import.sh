#!/usr/bin/env bash
# Register reconciliation benchmark (一个不能少). Starts the packaged service with -Xmx256m on a fresh
# embedded PostgreSQL, fills it with a generated province of N organizations (default 1,000,000,
# province 53, as bench/generate-province.sh), writes the market register of that province (N lines,
# one CSV per county: registry organizations, closed ones, new ones, unaddressed ones, see
# RegisterBenchmarkData), restarts the service, and reconciles the whole register: every county's
# file posted to /api/registers by the administrator, one after another, as a province office would.
# Beside it, a raw COPY of the same lines (one file, one header) into a table of ten text columns in
# the same server. Prints rows/s of both, the ratio, the summed summaries, the service's peak heap
# (from its GC log) and peak RSS, and the load average.
# Needs: a JDK, curl and the psql client. BENCH_KEEP=1 keeps the work directory (files, logs).
# Usage: bench/register-import.sh [N] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SEED=${2:-2009}
PROVINCE=53
PORT=${BENCH_PORT:-18400}
BASE=http://127.0.0.1:$PORT
work=$(mktemp -d)
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

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
rate() { awk -v n="$3" -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", n / ((b - a) / 1e9) }'; }

start() { # log name; the daily backup is off: it is not part of a reconciliation
    LIANGXIN_BACKUP_SCHEDULED=false LIANGXIN_DATA_DIR="$work/pg" LIANGXIN_COUNTIES=$PROVINCE LIANGXIN_ADMIN_USER=bench LIANGXIN_ADMIN_PASSWORD=bench-password \
        PORT=$PORT LIANGXIN_METRICS_PORT=$((PORT + 1)) QUARKUS_HTTP_HOST=127.0.0.1 \
        java -Xmx256m "-Xlog:gc*:file=$work/gc-$1.log" -jar target/quarkus-app/quarkus-run.jar >"$work/service-$1.log" 2>&1 &
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
start reconcile
port=$(sed -n 4p "$work/pg/postmaster.pid")
export PGHOST=127.0.0.1 PGPORT=$port PGDATABASE=postgres PGUSER=postgres PGPASSWORD=$password

echo "Reconciling $(ls "$work/register" | wc -l) county registers, one after another …"
load_before=$(uptime | sed 's/.*load average: //')
t0=$(now)
for f in "$work"/register/register-*.csv; do
    county=$(basename "$f" .csv); county=${county#register-}
    code=$(curl -sS -u bench:bench-password -o "$work/answer-$county.json" -w '%{http_code}' \
        -F "file=@$f;type=text/csv" -F source=MARKET "$BASE/api/registers?countyCode=$county")
    if [ "$code" != 201 ]; then
        echo "county $county: HTTP $code" >&2
        cat "$work/answer-$county.json" >&2
        exit 1
    fi
done
t1=$(now)
load_after=$(uptime | sed 's/.*load average: //')
rss=$(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$pid/status")
# the heap in use before each collection, the highest of them (G1 logs "Pause … 180M->40M(256M)")
heap=$(grep -ho '[0-9]*M->[0-9]*M([0-9]*M)' "$work"/gc-reconcile.log* | sed 's/^\([0-9]*\)M->[0-9]*M(\([0-9]*\)M)/\1 \2/' \
    | sort -n | tail -1)
oom=$(grep -c OutOfMemoryError "$work/service-reconcile.log" || true)
declare -A sum
for key in rows matched closeCandidates unsurveyed unassigned inactive outOfScope mismatches; do
    sum[$key]=$(cat "$work"/answer-*.json | grep -o "\"$key\":[0-9]*" | awk -F: '{ s += $2 } END { print s + 0 }')
done
stored=$(psql -X -q -At -c "select count(*) from register_row")

echo "Raw COPY of the same lines …"
first=$(ls "$work"/register/register-*.csv | head -1)
{ head -1 "$first"; for f in "$work"/register/register-*.csv; do tail -n +2 "$f"; done; } >"$work/register.csv"
psql -X -q -c "create table bench_register_copy ($(seq -s, -f 'c%g text' 1 10))"
c0=$(now)
psql -X -q -c "\\copy bench_register_copy from '$work/register.csv' with (format csv, header true)"
c1=$(now)
copied=$(psql -X -q -At -c "select count(*) from bench_register_copy")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
pct() { awk -v a="$1" -v b="${sum[rows]}" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
service_rate=$(rate "$t0" "$t1" "${sum[rows]}")
copy_rate=$(rate "$c0" "$c1" "$copied")
echo
echo "Register reconciliation of $N lines, province $PROVINCE ($(ls "$work/register" | wc -l) county files), $(nproc) cores:"
echo "  service end to end (HTTP upload, match, COPY of the lines): $(secs "$t0" "$t1") s, $service_rate rows/s"
echo "  raw COPY of the same lines into a 10-text-column table:    $(secs "$c0" "$c1") s, $copy_rate rows/s ($copied rows)"
echo "  service / raw COPY: $(ratio "$service_rate" "$copy_rate")"
echo "  lines read ${sum[rows]}, stored $stored:"
echo "    matched ${sum[matched]} ($(pct "${sum[matched]}")), close candidates ${sum[closeCandidates]} ($(pct "${sum[closeCandidates]}")),"
echo "    unsurveyed ${sum[unsurveyed]} ($(pct "${sum[unsurveyed]}")), unassigned ${sum[unassigned]} ($(pct "${sum[unassigned]}")),"
echo "    inactive ${sum[inactive]} ($(pct "${sum[inactive]}")), out of scope ${sum[outOfScope]}; matched with a different name or kind ${sum[mismatches]}"
echo "  service (-Xmx256m): peak heap used ${heap% *} MB of ${heap#* } MB, peak RSS $rss, OutOfMemoryError in its log: $oom"
echo "  load average (1, 5, 15 min) before: $load_before; after: $load_after"
