#!/usr/bin/env bash
# The queue (issue 15): all multi-news-dev documents published with `ingest --queue` and
# stored by 1, 2 and 4 `worker`s into PostgreSQL, against `ingest` into a SQLite file (one
# process), release build: wall times, documents/s, where the workers' time went, and
# whether the stores hold the same stories (B-cubed F1 between each and SQLite over every
# input, and the listings compared byte for byte).
#
#   bench/scale_queue.sh dev [WORKERS...]     # default workers: 1 2 4
#
# Servers made here and removed on exit, also on failure: a throwaway PostgreSQL 15 cluster
# (initdb, pg_ctl; the server's default settings, fsync on) as the `postgres` user when run
# as root, and for each worker count a new nats-server with JetStream (its store in a
# temporary folder), all on free loopback ports. NO_BUILD=1: use the binary as built.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT="${1:-dev}"
shift || true
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1 2 4)
DATA=../shared/data
PG=/usr/lib/postgresql/15/bin
IDLE=1
case "$WHAT" in
dev) SRC="$DATA/multi-news-dev/dev.src.gz" ;;
*) echo "usage: $0 dev [WORKERS...]" >&2; exit 2 ;;
esac
[ -x "$PG/initdb" ] || { echo "$0: PostgreSQL 15 not found in $PG" >&2; exit 1; }
command -v nats-server >/dev/null || { echo "$0: nats-server not found (apt-get install nats-server)" >&2; exit 1; }
[ -n "${NO_BUILD:-}" ] || cargo build --release --bin triangulate >&2
BIN="$PWD/${CARGO_TARGET_DIR:-target}/release/triangulate"
TMP=$(mktemp -d)
AS=()
if [ "$(id -u)" = 0 ]; then chown postgres: "$TMP"; AS=(runuser -u postgres --); fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
NATS_PID=
stop() {
    if [ -n "$NATS_PID" ]; then kill "$NATS_PID" 2>/dev/null || true; fi
    if [ -f "$TMP/data/postmaster.pid" ]; then "${AS[@]}" "$PG/pg_ctl" -D "$TMP/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$TMP"
}
trap stop EXIT
"${AS[@]}" "$PG/initdb" -D "$TMP/data" -A trust -U triangulate -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PG/pg_ctl" -D "$TMP/data" -l "$TMP/pg.log" -w \
    -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1" start >/dev/null
echo "$(nats-server --version); $("$PG/postgres" --version)"

start_nats() { # folder
    local port
    port=$(free_port)
    mkdir -p "$1"
    printf 'listen: "127.0.0.1:%s"\nmax_payload: 8388608\njetstream {\n  store_dir: "%s/js"\n}\n' "$port" "$1" >"$1/nats.conf"
    nats-server -c "$1/nats.conf" -l "$1/log" &
    NATS_PID=$!
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
        sleep 0.1
    done
    QUEUE="nats://127.0.0.1:$port"
}

echo "== sqlite (one process)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "wall %e s, user %U s, sys %S s" "$BIN" ingest --db "$TMP/s.db" --format multinews --json "$SRC"
"$BIN" stories --json --members --db "$TMP/s.db" >"$TMP/s.json"

for n in "${COUNTS[@]}"; do
    echo "== queue, $n worker(s)"
    start_nats "$TMP/nats-$n"
    psql -q -h 127.0.0.1 -p "$PORT" -U triangulate -d postgres -c "CREATE DATABASE news_$n"
    URL="postgres://triangulate@127.0.0.1:$PORT/news_$n"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "publish: wall %e s, user %U s, sys %S s" \
        "$BIN" ingest --queue "$QUEUE" --format multinews --json "$SRC"
    start=$(date +%s.%N)
    for i in $(seq "$n"); do
        "$BIN" worker --queue "$QUEUE" --db "$URL" --until-idle "$IDLE" --json >"$TMP/w$n-$i.json" &
    done
    wait $(jobs -p | grep -v "^$NATS_PID\$")
    end=$(date +%s.%N)
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 - "$start" "$end" "$IDLE" "$TMP"/w"$n"-*.json <<'PY'
import json, sys
start, end, idle = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
ws = [json.load(open(p)) for p in sys.argv[4:]]
wall = end - start - idle
read = sum(w["assigned"]["read"] for w in ws)
new = sum(w["assigned"]["new"] for w in ws)
print(f"workers: {wall:.2f} s (wall, the {idle:.0f} s idle wait taken off), {read / wall:.0f} documents/s; "
      f"{read} read, {new} new, batches applied {[w['batches'] for w in ws]}")
keys = ["fetch_seconds", "prepare_seconds", "pending_seconds", "assign_wait_seconds",
        "assign_load_seconds", "assign_apply_seconds"]
print("per worker (s): " + "; ".join(
    ", ".join(f"{k.replace('_seconds', '')} {w[k]:.2f}" for k in keys) + f" (prepared {w['prepared']})"
    for w in ws))
PY
    "$BIN" stories --json --members --db "$URL" >"$TMP/q$n.json"
    if cmp -s "$TMP/s.json" "$TMP/q$n.json"; then echo "listings (stories --json --members): identical to SQLite's"; else echo "listings differ from SQLite's"; fi
    python3 bench/compare_listings.py "$TMP/s.json" "$TMP/q$n.json" SQLite "queue, $n workers"
    kill "$NATS_PID"; wait "$NATS_PID" 2>/dev/null || true; NATS_PID=
done
