# shellcheck shell=bash
# Shared by backup.sh and restore.sh (sourced, not run): turns the service's connection settings into
# the libpq variables that pg_dump, pg_restore and psql read.

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

# Reads KEY=VALUE lines of the service's environment file (as systemd's EnvironmentFile= does:
# no shell expansion; comments and blank lines skipped; one pair of surrounding quotes removed).
load_env_file() {
    [ -r "$1" ] || die "cannot read environment file $1"
    local line key value
    while IFS= read -r line || [ -n "$line" ]; do
        line="${line#"${line%%[![:space:]]*}"}"
        case "$line" in '' | '#'* | ';'*) continue ;; esac
        key="${line%%=*}"
        value="${line#*=}"
        [ "$key" != "$line" ] || continue
        key="${key%"${key##*[![:space:]]}"}"
        value="${value#"${value%%[![:space:]]*}"}"
        value="${value%"${value##*[![:space:]]}"}"
        case "$value" in \"*\") value="${value:1:${#value}-2}" ;; \'*\') value="${value:1:${#value}-2}" ;; esac
        [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
        export "$key=$value"
    done <"$1"
}

# DB_URL=jdbc:postgresql://host[:port]/database[?sslmode=...] plus DB_USER and DB_PASSWORD → PG*.
connect_from_db_url() {
    if [ -z "${DB_URL:-}" ]; then
        [ -n "${PGDATABASE:-}" ] || die "set DB_URL (and DB_USER, DB_PASSWORD) or the PG* variables, or pass -e ENV_FILE"
        return 0
    fi
    local rest hostport query param
    rest="${DB_URL#jdbc:postgresql://}"
    [ "$rest" != "$DB_URL" ] || die "DB_URL must look like jdbc:postgresql://host:5432/database"
    hostport="${rest%%/*}"
    rest="${rest#"$hostport"}"
    rest="${rest#/}"
    query=""
    case "$rest" in *'?'*) query="${rest#*\?}" ;; esac
    export PGDATABASE="${rest%%\?*}"
    [ -n "$PGDATABASE" ] || die "DB_URL names no database"
    case "$hostport" in
        *,*) die "DB_URL with several hosts is not supported here; set PGHOST and PGPORT instead" ;;
        \[*\]:*)
            PGHOST="${hostport%]:*}"
            export PGHOST="${PGHOST#[}" PGPORT="${hostport##*]:}"
            ;;
        \[*\]) export PGHOST="${hostport:1:${#hostport}-2}" ;;
        *:*) export PGHOST="${hostport%:*}" PGPORT="${hostport##*:}" ;;
        *) export PGHOST="$hostport" ;;
    esac
    local IFS='&'
    for param in $query; do
        case "$param" in sslmode=*) export PGSSLMODE="${param#sslmode=}" ;; esac
    done
    [ -z "${DB_USER:-}" ] || export PGUSER="$DB_USER"
    [ -z "${DB_PASSWORD:-}" ] || export PGPASSWORD="$DB_PASSWORD"
}
