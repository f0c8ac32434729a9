#!/usr/bin/env bash
# Fills a database with a whole province for the scale benchmarks: every county and township of the
# province from the shipped divisions, N organizations (default 1,000,000) shaped like the demo
# county, with party organizations (independent and joint), coverage links and their history.
# Deterministic: the same N, seed and province in an empty database give the same rows and ids.
#
# The database must be migrated first: start the service once against it. Connection: DB_URL,
# DB_USER, DB_PASSWORD as for the service; unset, the embedded PostgreSQL of a running ./run
# (its data directory LIANGXIN_DATA_DIR, default data/pg).
# Usage: bench/generate-province.sh [N] [seed] [province] [trigger|direct]
#   history "trigger" (default): the history triggers record the rows as COPY writes them;
#   "direct": the insert triggers are switched off and the first versions written set-based.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SEED=${2:-2009}
PROVINCE=${3:-53}
HISTORY=${4:-trigger}
if [ -z "${DB_URL:-}" ]; then
    pidfile="${LIANGXIN_DATA_DIR:-data/pg}/postmaster.pid"
    [ -f "$pidfile" ] || { echo "DB_URL is not set and no embedded PostgreSQL runs in ${pidfile%/*} (start ./run first)" >&2; exit 1; }
    # the embedded server demands its password, kept beside its data
    export DB_URL="jdbc:postgresql://127.0.0.1:$(sed -n 4p "$pidfile")/postgres" DB_USER=postgres \
        DB_PASSWORD="$(cat "${pidfile%/*}/liangxin-db-password")"
fi
if [ ! -f target/bench-cp.txt ] || [ pom.xml -nt target/bench-cp.txt ]; then
    ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
else
    ./mvnw -B -q test-compile
fi
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" \
    cn.liangxin.demo.ProvinceGenerator "$N" "$SEED" "$PROVINCE" "$HISTORY"
