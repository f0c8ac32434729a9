#!/usr/bin/env bash
# Survey import benchmark. Generates N rows (default 100,000) of survey data as CSV and XLSX, then for
# each starts the packaged service with -Xmx256m on a fresh embedded PostgreSQL and imports the file
# end to end (upload → preview → commit) over HTTP; beside it, a raw PostgreSQL COPY of the same CSV
# into the same server. Prints rows/s, the ratio to COPY and the service's peak memory.
# Needs: a JDK, curl and the psql client. Usage: bench/survey-import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

echo "Building …"
./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
echo "Generating $N rows …"
java -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" cn.liangxin.survey.SurveyBenchmarkData "$N" "$work"
ls -l "$work"/survey.*

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
rate() { awk -v n="$N" -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", n / ((b - a) / 1e9) }'; }

start() {
    LIANGXIN_DATA_DIR="$work/pg-$1" LIANGXIN_ADMIN_USER=bench LIANGXIN_ADMIN_PASSWORD=bench-password \
        LIANGXIN_SURVEY_MAX_BYTES=$((200 << 20)) LIANGXIN_SURVEY_MAX_ROWS=$((N + 1000)) PORT=18300 \
        java -Xmx256m -jar target/quarkus-app/quarkus-run.jar >"$work/service-$1.log" 2>&1 &
    pid=$!
    until curl -fsS http://127.0.0.1:18300/q/health/ready >/dev/null 2>&1; do sleep 0.5; done
}

stop() {
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
}

declare -A result
for fmt in csv xlsx; do
    start "$fmt"
    t0=$(now)
    id=$(curl -fsS -u bench:bench-password -F "file=@$work/survey.$fmt" http://127.0.0.1:18300/api/surveys/imports \
        -o "$work/preview-$fmt.json" -w '%{http_code}')
    t1=$(now)
    importId=$(grep -o '"id":[0-9]*' "$work/preview-$fmt.json" | head -1 | grep -o '[0-9]*$')
    curl -fsS -u bench:bench-password -X POST "http://127.0.0.1:18300/api/surveys/imports/$importId/commit" -o /dev/null
    t2=$(now)
    total=$(curl -fsS -u bench:bench-password "http://127.0.0.1:18300/api/organizations?size=1" | grep -o '"total":[0-9]*' | grep -o '[0-9]*$')
    rss=$(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$pid/status")
    result[$fmt]="$(secs "$t0" "$t1") s preview + $(secs "$t1" "$t2") s commit = $(secs "$t0" "$t2") s, $(rate "$t0" "$t2") rows/s, $total in the registry, peak RSS $rss"
    result[$fmt-rate]=$(rate "$t0" "$t2")
    if [ "$fmt" = csv ]; then
        port=$(sed -n 4p "$work/pg-csv/postmaster.pid")
        cols=$(seq -s, -f 'c%g text' 1 26)
        psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "create table bench_copy ($cols)" >/dev/null
        c0=$(now)
        psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "\\copy bench_copy from '$work/survey.csv' with (format csv, header true)" >/dev/null
        c1=$(now)
        result[copy]="$(secs "$c0" "$c1") s, $(rate "$c0" "$c1") rows/s"
        result[copy-rate]=$(rate "$c0" "$c1")
    fi
    stop
done

echo
echo "Survey import of $N rows on $(nproc) cores (service: -Xmx256m):"
echo "  CSV  end to end: ${result[csv]}"
echo "  XLSX end to end: ${result[xlsx]}"
echo "  raw COPY of the CSV: ${result[copy]}"
awk -v a="${result[csv-rate]}" -v b="${result[copy-rate]}" 'BEGIN { printf "  CSV end to end / raw COPY: %.1f %%\n", 100 * a / b }'
