#!/usr/bin/env bash
# Scale benchmarks against a database filled by bench/generate-province.sh (a province in scope):
# starts the packaged service with -Xmx256m against DB_URL / DB_USER / DB_PASSWORD with
# LIANGXIN_COUNTIES=$PROVINCE, then
#   latency   (default) p50/p95/p99 of the province roll-up by county (API and overview page), the
#             county reports and pages, the province report, the
#             organization list and search, one client after another; and the province coverage
#             aggregate as bare SQL in psql on the same data, for comparison
#   deadline  the deadline-day load: CLERKS clerks (default 500) for SECONDS_RUN (default 90), each
#             signing in, opening her township page, correcting an organization, uploading a
#             200-row survey, previewing and committing it, THINK_MS (default 5000, ±50 %) between
#             actions (a sign-in answered 429 waits Retry-After and tries again, as the login page
#             does); the sign-ins from arrival to signed in against the bcrypt floor, with the
#             service's own count of its checks (metrics port); then the service's peak RSS
# BENCH_JAVA_OPTS: further JVM options of the service (e.g. to measure memory settings).
# The administrator BENCH_ADMIN / BENCH_PASSWORD is created by the service's first start on an
# empty database (no administrator yet); otherwise give an existing one.
# Needs: a JDK, curl and psql. Loopback only.
# Usage: DB_URL=… DB_USER=… DB_PASSWORD=… bench/scale.sh [latency|deadline] [COUNTY]
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-latency}
COUNTY=${2:-530324}
PROVINCE=${PROVINCE:-53}
CLERKS=${CLERKS:-500}
SECONDS_=${SECONDS_RUN:-90}
THINK=${THINK_MS:-5000}
COUNT=${COUNT:-200}
ADMIN=${BENCH_ADMIN:-bench-admin}
PASSWORD=${BENCH_PASSWORD:-bench-admin-password}
PORT=${BENCH_PORT:-18500}
: "${DB_URL:?DB_URL must name the generated database}"
: "${DB_USER:?}" "${DB_PASSWORD:?}"
BASE=http://127.0.0.1:$PORT
work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && { wait "$pid" 2>/dev/null || true; }
    cp "$work/service.log" target/scale-service.log 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

source bench/classpath.sh

# psql speaks libpq: host, port and database from the JDBC URL
hostport=${DB_URL#jdbc:postgresql://}; hostport=${hostport%%/*}
dbname=${DB_URL##*/}; dbname=${dbname%%\?*}
export PGHOST=${hostport%%:*} PGPORT=$([[ $hostport == *:* ]] && echo "${hostport##*:}" || echo 5432) PGDATABASE=$dbname \
    PGUSER=$DB_USER PGPASSWORD=$DB_PASSWORD
psql -X -q -At -c "select 'organizations stored: ' || count(*) from organization" 

LIANGXIN_COUNTIES=$PROVINCE LIANGXIN_ADMIN_USER=$ADMIN LIANGXIN_ADMIN_PASSWORD=$PASSWORD PORT=$PORT \
    LIANGXIN_METRICS_PORT=$((PORT + 1)) QUARKUS_HTTP_HOST=127.0.0.1 \
    java -Xmx256m ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
pid=$!
until curl -fsS "$BASE/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; exit 1; }
    sleep 0.5
done

bench() { java -cp "$cp" cn.liangxin.scale.ScaleBench "$@"; }

if [ "$MODE" = latency ]; then
    township=$(psql -X -At -c "select township_code from organization where county_code = '$COUNTY' group by 1 order by count(*) desc limit 1")
    uscc=$(psql -X -At -c "select left(uscc, 12) from organization where county_code = '$COUNTY' and uscc is not null order by id limit 1")
    name=$(psql -X -At -c "select name from organization where county_code = '$COUNTY' order by id desc limit 1")
    enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
    echo "County $COUNTY, its largest township $township; USCC prefix $uscc; name $name"
    bench latency "$BASE" "$ADMIN" "$PASSWORD" "$COUNT" \
        "/api/reports/coverage?by=county" "/" \
        "/api/reports/coverage?county=$COUNTY" "/api/reports/blank-spots?county=$COUNTY&limit=100" \
        "/api/reports/blank-spots?county=$COUNTY&offset=8000&limit=100" "/api/reports/blank-spots?county=$COUNTY" \
        "/?county=$COUNTY" "/blank-spots?county=$COUNTY" "/blank-spots?county=$COUNTY&page=80" \
        "/print/blank-spots?county=$COUNTY" "/townships/$township" "/townships/$township?ledger=20&page=20" \
        "/api/organizations?township=$township&page=3" \
        "/api/organizations?township=$township&q=$(enc 火锅)" \
        "/api/organizations?q=$uscc" "/api/organizations?q=$(enc "$name")" \
        "/api/organizations?q=$(enc 蜂蜜经营部)&page=2" \
        "/api/organizations?gap=SHOULD_FORM&page=5" "/api/organizations?gap=NO_MEMBERS&page=5"
    bench latency "$BASE" "$ADMIN" "$PASSWORD" $((COUNT / 10)) "/api/reports/coverage"
    # the province table's aggregates as bare SQL: the same two grouped queries the service runs
    counties=$(psql -X -At -c "select string_agg(quote_literal(county_code), ',' order by county_code) from (select distinct county_code from organization where county_code like '$PROVINCE%') c")
    cat >"$work/province.sql" <<SQL
select o.township_code, count(*), count(*) filter (where o.sector = 'ECONOMIC'), count(*) filter (where o.sector = 'SOCIAL'),
  coalesce(sum(o.headcount), 0), coalesce(sum(o.formal_members), 0), coalesce(sum(o.probationary_members), 0),
  count(*) filter (where p.formation = 'INDEPENDENT'), count(*) filter (where p.formation <> 'INDEPENDENT'),
  count(*) filter (where (o.status <> 'CLOSED' and p.id is null and o.formal_members >= 3)),
  count(*) filter (where (o.status <> 'CLOSED' and p.id is null and o.formal_members >= 1 and o.formal_members < 3)),
  count(*) filter (where (o.status <> 'CLOSED' and p.id is null and o.formal_members = 0)),
  count(*) filter (where (o.status <> 'CLOSED' and p.id is null and o.formal_members = 0) and coalesce(btrim(o.instructor), '') <> '')
from organization o
left join party_organization_coverage c on c.county_code = o.county_code and c.organization_id = o.id and c.active
left join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id
where o.county_code in ($counties) and o.status <> 'CLOSED'
group by o.township_code;
select p.township_code, count(*), count(*) filter (where p.level = 'BRANCH'), count(*) filter (where p.level = 'GENERAL_BRANCH'),
  count(*) filter (where p.level = 'COMMITTEE')
from party_organization p where p.county_code in ($counties) and p.dissolved_on is null group by p.township_code;
SQL
    runs=$((COUNT / 10))
    for _ in $(seq 1 "$runs"); do
        s=$(date +%s%N); psql -X -q -f "$work/province.sql" >/dev/null; e=$(date +%s%N)
        echo $(( (e - s) / 1000 ))
    done | sort -n | awk -v n="$runs" '{ a[NR] = $1 } END { printf "bare SQL in psql (both queries, client included) n=%d p50 %.1f ms  p95 %.1f ms\n", n, a[int((n + 1) / 2)] / 1000, a[int(n * 0.95 + 0.999)] / 1000 }'
    psql -X -At -c '\timing on' -f "$work/province.sql" -f "$work/province.sql" -f "$work/province.sql" | grep '^Time' | tail -4 | sed 's/^/server time, last runs: /'
else
    bench deadline "$BASE" "$ADMIN" "$PASSWORD" "$CLERKS" "$SECONDS_" "$THINK" "http://127.0.0.1:$((PORT + 1))"
fi
awk '/VmHWM/ { printf "service peak RSS: %d MB (-Xmx256m)\n", $2 / 1024 }' "/proc/$pid/status"
