#!/usr/bin/env bash
# `triangulate ingest` into a SQLite file and into a PostgreSQL database, release build, the
# same input (issue 15): wall time, documents/s, where the time went, and whether the two
# stores hold the same stories (B-cubed F1 between them over every input, and the listings
# compared byte for byte).
#
#   bench/scale_pg.sh dev     # all multi-news-dev documents (7,811), 1 run each
#
# PostgreSQL: a throwaway PostgreSQL 15 cluster made here (initdb, pg_ctl) in a temporary
# folder on a free loopback port, with the server's default settings (fsync on), as the
# `postgres` user when run as root; stopped and removed on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT="${1:-dev}"
DATA=../shared/data
PG=/usr/lib/postgresql/15/bin
case "$WHAT" in
dev) SRC="$DATA/multi-news-dev/dev.src.gz" ;;
*) echo "usage: $0 dev" >&2; exit 2 ;;
esac
[ -x "$PG/initdb" ] || { echo "$0: PostgreSQL 15 not found in $PG" >&2; exit 1; }
cargo build --release --bin triangulate >&2
BIN="$PWD/${CARGO_TARGET_DIR:-target}/release/triangulate"
TMP=$(mktemp -d)
AS=()
if [ "$(id -u)" = 0 ]; then chown postgres: "$TMP"; AS=(runuser -u postgres --); fi
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
    if [ -f "$TMP/data/postmaster.pid" ]; then "${AS[@]}" "$PG/pg_ctl" -D "$TMP/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$TMP"
}
trap stop EXIT
"${AS[@]}" "$PG/initdb" -D "$TMP/data" -A trust -U triangulate -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PG/pg_ctl" -D "$TMP/data" -l "$TMP/pg.log" -w \
    -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1" start >/dev/null
psql -q -h 127.0.0.1 -p "$PORT" -U triangulate -d postgres -c "CREATE DATABASE news"
URL="postgres://triangulate@127.0.0.1:$PORT/news"
PM=$(head -1 "$TMP/data/postmaster.pid")
# CPU seconds of this cluster's server: the postmaster, its live children, and the children
# it has reaped (a backend's time moves to the postmaster's cutime/cstime when it exits).
server_cpu() {
    local hz total=0 pid f
    hz=$(getconf CLK_TCK)
    for pid in "$PM" $(pgrep -P "$PM"); do
        [ -r "/proc/$pid/stat" ] || continue
        f=$(sed 's/.*) //' "/proc/$pid/stat")
        # fields after the name: utime 12, stime 13, cutime 14, cstime 15 (1-based, from state)
        total=$((total + $(echo "$f" | awk '{print $12 + $13 + $14 + $15}')))
    done
    echo "scale=2; $total / $hz" | bc
}

run() { # name db
    echo "== $1"
    echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    TRIANGULATE_INGEST_LOG="$TMP/$1.tsv" /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KiB (the client)" \
        "$BIN" ingest --db "$2" --format multinews --json "$SRC"
    tail -1 "$TMP/$1.tsv" | awk -F'\t' '{printf "documents/s: %.0f; stages (wall, overlapping): decompressing %.2f s, readers %.2f s, features %.2f s; clustering %.2f s, writes %.2f s, indexing %.2f s (of %.2f s)\n", $1 / $2, $3, $4, $5, $6, $7, $8, $2}'
    echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}
run sqlite "$TMP/s.db"
du -b "$TMP"/s.db* | awk '{s += $1} END {printf "SQLite store: %.1f MB\n", s / 1e6}'
before=$(server_cpu)
run postgres "$URL"
sleep 1
echo "PostgreSQL server CPU during the ingest: $(echo "$(server_cpu) - $before" | bc) s"
psql -At -h 127.0.0.1 -p "$PORT" -U triangulate -d news \
    -c "SELECT 'PostgreSQL database: ' || round(pg_database_size('news') / 1e6, 1) || ' MB'"

"$BIN" stories --json --members --db "$TMP/s.db" >"$TMP/s.json"
"$BIN" stories --json --members --db "$URL" >"$TMP/p.json"
if cmp -s "$TMP/s.json" "$TMP/p.json"; then echo "listings (stories --json --members): identical"; else echo "listings differ"; fi
python3 bench/compare_listings.py "$TMP/s.json" "$TMP/p.json" SQLite PostgreSQL
