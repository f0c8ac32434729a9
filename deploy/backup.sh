#!/usr/bin/env bash
# Backs up the liangxin database into one pg_dump archive (custom format: compressed, restored with
# restore.sh or pg_restore). Safe while the service runs: pg_dump reads one consistent snapshot.
#
#   deploy/backup.sh [-e ENV_FILE] [FILE]
#
# FILE defaults to liangxin-<database>-<UTC date and time>.dump in the current directory. The database
# is the one the service uses: DB_URL (jdbc:postgresql://host[:port]/database[?sslmode=...]), DB_USER
# and DB_PASSWORD, from the environment or from ENV_FILE (the service's environment file); without
# DB_URL, the libpq variables PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD. Needs pg_dump of the
# server's major version or newer (Debian/Ubuntu package postgresql-client).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/connection.sh
. "$here/connection.sh"

usage() {
    echo "usage: $0 [-e ENV_FILE] [FILE]" >&2
    exit 2
}

while getopts 'e:h' opt; do
    case "$opt" in
        e) load_env_file "$OPTARG" ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
connect_from_db_url
command -v pg_dump >/dev/null 2>&1 || die "pg_dump not found (install the PostgreSQL client, e.g. Debian package postgresql-client)"

file="${1:-liangxin-${PGDATABASE:-db}-$(date -u +%Y%m%dT%H%M%SZ).dump}"
[ ! -e "$file" ] || die "$file exists already; name another file"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

echo "Backing up database ${PGDATABASE:-?} on ${PGHOST:-local socket}:${PGPORT:-5432} into $file ..."
pg_dump --format=custom --compress=6 --no-password --file="$partial"
# the archive must at least list its contents before it counts as a backup
pg_restore --list "$partial" >/dev/null || die "the archive $partial cannot be read back"
mv "$partial" "$file"
trap - EXIT
echo "Backup written: $file ($(du -h "$file" | cut -f1))."
