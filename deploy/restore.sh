#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database, all or nothing (one transaction).
#
#   deploy/restore.sh [-e ENV_FILE] FILE
#
# The target is named like in backup.sh: DB_URL, DB_USER, DB_PASSWORD (environment or ENV_FILE), else
# PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD. Create it first, owned by the service's role:
#   createdb --owner=liangxin --encoding=UTF8 --template=template0 liangxin_restored
# Tables and sequences end up owned by the connecting role (ownership and grants in the archive are
# not replayed), so restore as the role the service connects with. A database that already holds
# tables is refused: restore next to the live database, then point DB_URL at the restored one (see
# deploy/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/connection.sh
. "$here/connection.sh"

usage() {
    echo "usage: $0 [-e ENV_FILE] FILE" >&2
    exit 2
}

while getopts 'e:h' opt; do
    case "$opt" in
        e) load_env_file "$OPTARG" ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
file="$1"
connect_from_db_url
for tool in pg_restore psql; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (install the PostgreSQL client, e.g. Debian package postgresql-client)"
done
[ -r "$file" ] || die "cannot read $file"
pg_restore --list "$file" >/dev/null || die "$file is not a pg_dump custom-format archive"

tables=$(psql -X -q -A -t --no-password -v ON_ERROR_STOP=1 \
    -c "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")
[ "$tables" = 0 ] || die "database ${PGDATABASE:-?} already holds $tables tables; restore into a new, empty database"

echo "Restoring $file into database ${PGDATABASE:-?} on ${PGHOST:-local socket}:${PGPORT:-5432} ..."
pg_restore --no-password --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="${PGDATABASE:-}" "$file"
# fresh statistics for the planner; the shared catalogs are the superuser's business
psql -X -q --no-password -v ON_ERROR_STOP=1 -c "set client_min_messages = error" -c "analyze" >/dev/null
migrations=$(psql -X -q -A -t --no-password -v ON_ERROR_STOP=1 \
    -c "select coalesce(max(version::int), 0) from flyway_schema_history where success" 2>/dev/null || echo "?")
echo "Restored. Schema version V$migrations; the service migrates it forward at its next start if it is older."
