#!/usr/bin/env bash
# Survey import benchmark. Generates N rows (default 100,000) of survey data as CSV and XLSX, then for
# each format starts the packaged service with -Xmx256m on a fresh embedded PostgreSQL and imports the
# file end to end (upload → preview → commit) over HTTP, twice: "cold" right after start, and "warm"
# on a second fresh service that first previewed (never committed) a 5,000-row file twice, so the JIT
# has compiled the import path, as in a service that has been running. Beside it, two COPYs into the
# same server: the raw COPY of the CSV into a 26-text-column table (the issue's baseline), and a COPY
# of the committed rows into a table shaped and indexed like the registry's organization table.
# Prints rows/s, the ratios and the service's peak memory (RSS; the heap is capped at 256 MB).
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
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
java -cp "$cp" cn.liangxin.survey.SurveyBenchmarkData "$N" "$work"
mkdir "$work/warm"
java -cp "$cp" cn.liangxin.survey.SurveyBenchmarkData 5000 "$work/warm"
ls -l "$work"/survey.*

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
rate() { awk -v n="$N" -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", n / ((b - a) / 1e9) }'; }

start() {
    rm -rf "$work/pg-$1"
    LIANGXIN_DATA_DIR="$work/pg-$1" LIANGXIN_ADMIN_USER=bench LIANGXIN_ADMIN_PASSWORD=bench-password \
        LIANGXIN_SURVEY_MAX_BYTES=$((200 << 20)) LIANGXIN_SURVEY_MAX_ROWS=$((N + 1000)) PORT=18300 LIANGXIN_METRICS_PORT=18301 \
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
run() { # format, cold|warm
    local fmt=$1 mode=$2
    start "$fmt"
    if [ "$mode" = warm ]; then
        for _ in 1 2; do
            curl -fsS -u bench:bench-password -F "file=@$work/warm/survey.$fmt" "http://127.0.0.1:18300/api/surveys/imports?limit=0" -o /dev/null
        done
    fi
    t0=$(now)
    curl -fsS -u bench:bench-password -F "file=@$work/survey.$fmt" http://127.0.0.1:18300/api/surveys/imports \
        -o "$work/preview-$fmt.json"
    t1=$(now)
    importId=$(grep -o '"id":[0-9]*' "$work/preview-$fmt.json" | head -1 | grep -o '[0-9]*$')
    curl -fsS -u bench:bench-password -X POST "http://127.0.0.1:18300/api/surveys/imports/$importId/commit" -o /dev/null
    t2=$(now)
    total=$(curl -fsS -u bench:bench-password "http://127.0.0.1:18300/api/organizations?size=1" | grep -o '"total":[0-9]*' | grep -o '[0-9]*$')
    rss=$(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$pid/status")
    result[$fmt-$mode]="$(secs "$t0" "$t1") s preview + $(secs "$t1" "$t2") s commit = $(secs "$t0" "$t2") s, $(rate "$t0" "$t2") rows/s, $total in the registry, peak RSS $rss"
    result[$fmt-$mode-rate]=$(rate "$t0" "$t2")
    if [ "$fmt-$mode" = csv-warm ]; then
        port=$(sed -n 4p "$work/pg-csv/postmaster.pid")
        # the embedded server demands the password it keeps beside its data
        sql() { PGPASSWORD="$(cat "$work/pg-csv/liangxin-db-password")" psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@" >/dev/null; }
        cols=$(seq -s, -f 'c%g text' 1 26)
        sql -c "create table bench_copy ($cols)"
        c0=$(now)
        sql -c "\\copy bench_copy from '$work/survey.csv' with (format csv, header true)"
        c1=$(now)
        result[copy]="$(secs "$c0" "$c1") s, $(rate "$c0" "$c1") rows/s"
        result[copy-rate]=$(rate "$c0" "$c1")
        sql -c "\\copy organization to '$work/organization.copy'" \
            -c "create table bench_organization (like organization including all)"
        c0=$(now)
        sql -c "\\copy bench_organization from '$work/organization.copy'"
        c1=$(now)
        result[copy-org]="$(secs "$c0" "$c1") s, $(rate "$c0" "$c1") rows/s"
        result[copy-org-rate]=$(rate "$c0" "$c1")
    fi
    stop
}
for fmt in csv xlsx; do
    run "$fmt" cold
    run "$fmt" warm
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
echo
echo "Survey import of $N rows on $(nproc) cores (service: -Xmx256m):"
echo "  CSV  end to end, cold: ${result[csv-cold]}"
echo "  CSV  end to end, warm: ${result[csv-warm]}"
echo "  XLSX end to end, cold: ${result[xlsx-cold]}"
echo "  XLSX end to end, warm: ${result[xlsx-warm]}"
echo "  raw COPY of the CSV into a text table:        ${result[copy]}"
echo "  COPY of the same rows into a registry-shaped table: ${result[copy-org]}"
echo "  CSV warm end to end / raw COPY: $(ratio "${result[csv-warm-rate]}" "${result[copy-rate]}")"
echo "  CSV warm end to end / COPY into a registry-shaped table: $(ratio "${result[csv-warm-rate]}" "${result[copy-org-rate]}")"
