# shellcheck shell=bash disable=SC2034  # the variables set here are read by the sourcing script
# Shared set-up for the load-benchmark scripts in bench/ (jwt_validate.sh, refresh_exchange.sh,
# oauth_grants.sh, webhook_isolation.sh). Sourced, never run. A script uses it like this:
#
#   set -euo pipefail
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"  # ROOT, BIN, START_TIMEOUT, die
#   DURATION="${BENCH_DURATION:-10s}" ...                    # the script's own settings
#   bench_require_tools wrk curl python3 timeout
#   bench_require_binary
#   bench_require_duration_seconds                          # BENCH_DURATION like 10s
#   bench_require_numeric CONNECTIONS THREADS
#   bench_require_connection_per_thread                     # optional
#   bench_setup_work latchkey-bench "${BENCH_KEEP:-}"       # WORK and the cleanup trap
#   bench_cpu_placement                                     # SERVER_PIN, WRK_PIN, PLACEMENT
#   LOAD_BEFORE="$(bench_load_average)"                     # optional
#   ... write "$WORK/kickstart.json" ...
#   bench_start_server [extra serve options]                # SERVER_PID, PORT, BASE
#   out="$(wrk ... --latency ...)"; bench_record_wrk CASE "$out"   # RPS, NON2XX, LAT_AVG, LAT_P99
#
# The cleanup trap stops every process id in PIDS (bench_start_server adds the server; a script
# adds its own helpers) with TERM, then KILL after 5 s, prints the last server log lines when the
# script fails, and removes WORK unless bench_setup_work was given a non-empty keep flag.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${LATCHKEY_BIN:-$ROOT/build/release/latchkey}"
START_TIMEOUT=20
BENCH_SCRIPT="${0##*/}"

WORK=""
BENCH_KEEP_WORK=""
PIDS=()
SERVER_PID=""
SERVER_PIN=()
WRK_PIN=()
PLACEMENT=""

die() { echo "$BENCH_SCRIPT: $*" >&2; exit 1; }

bench_require_tools() { # tool... -> dies naming the first one missing
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
  done
}

bench_require_binary() {
  [[ -x "$BIN" ]] || die "no executable server at $BIN (set LATCHKEY_BIN or build the release preset)"
}

bench_require_duration_seconds() { # DURATION must be whole seconds, like 10s
  [[ "$DURATION" =~ ^[0-9]+s$ ]] || die "BENCH_DURATION must look like 10s"
}

bench_require_numeric() { # variable names... -> dies unless each holds digits only
  local name
  for name in "$@"; do
    [[ "${!name}" =~ ^[0-9]+$ ]] || die "numeric settings expected"
  done
}

bench_require_connection_per_thread() {
  (( CONNECTIONS >= THREADS && THREADS >= 1 )) || die "need at least one connection per thread"
}

# Creates the temporary work directory WORK (mktemp -d under TMPDIR or /tmp, named PREFIX.XXXXXX)
# and installs the cleanup trap. A non-empty KEEP keeps the directory on exit (BENCH_KEEP).
bench_setup_work() { # prefix [keep]
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  BENCH_KEEP_WORK="${2:-}"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_stop_pid() { # pid -> TERM, up to 5 s for it to go, then KILL
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
  local status=$? pid
  for pid in "${PIDS[@]}"; do bench_stop_pid "$pid"; done
  if [[ $status -ne 0 && -f "$WORK/server.log" ]]; then
    echo "--- last server log lines ---" >&2
    tail -n 20 "$WORK/server.log" >&2 || true
  fi
  if [[ -n "$BENCH_KEEP_WORK" ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}

# CPU placement: with taskset and >= 4 CPUs the server goes on CPUs 0-1 and wrk on the others;
# otherwise both share the machine. Sets SERVER_PIN and WRK_PIN (command prefixes) and PLACEMENT.
bench_cpu_placement() {
  local cpus
  cpus="$(nproc 2>/dev/null || echo 1)"
  SERVER_PIN=()
  WRK_PIN=()
  PLACEMENT="server and wrk share ${cpus} CPU(s)"
  if command -v taskset >/dev/null 2>&1 && (( cpus >= 4 )); then
    SERVER_PIN=(taskset -c "0-1")
    WRK_PIN=(taskset -c "2-$((cpus - 1))")
    PLACEMENT="server on CPUs 0-1, wrk on CPUs 2-$((cpus - 1))"
  fi
}

bench_load_average() { # -> the 1, 5 and 15 minute load averages, or n/a
  cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a
}

# Starts "$BIN serve" on a free loopback port (--listen 127.0.0.1:0) with a SQLite database and
# the kickstart $WORK/kickstart.json, extra options appended, pinned by SERVER_PIN, logging to
# $WORK/server.log; waits up to START_TIMEOUT s for "Latchkey listening on http://127.0.0.1:<port>".
# Sets SERVER_PID (also added to PIDS), PORT and BASE.
# shellcheck disable=SC2120  # the options are optional
bench_start_server() { # [extra serve options...]
  "${SERVER_PIN[@]}" "$BIN" serve --listen 127.0.0.1:0 \
    --database "sqlite:$WORK/latchkey.db" --kickstart "$WORK/kickstart.json" --log-format json "$@" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  PORT=""
  for _ in $(seq 1 $((START_TIMEOUT * 10))); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "server exited during start-up"
    PORT="$(grep -oE 'Latchkey listening on http://127\.0\.0\.1:[0-9]+' "$WORK/server.log" | head -n1 | grep -oE '[0-9]+$' || true)"
    [[ -n "$PORT" ]] && break
    sleep 0.1
  done
  [[ -n "$PORT" ]] || die "server did not listen on 127.0.0.1 within ${START_TIMEOUT}s"
  BASE="http://127.0.0.1:$PORT"
}

# Records one wrk --latency run under CASE in the caller's associative arrays RPS, NON2XX (0 when
# wrk printed no non-2xx line), LAT_AVG and LAT_P99 (declare -A them before calling).
bench_record_wrk() { # case wrk-output
  RPS[$1]="$(awk '/^Requests\/sec:/ {print $2}' <<<"$2")"
  NON2XX[$1]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$2")"
  LAT_AVG[$1]="$(awk '$1 == "Latency" && NF >= 4 {print $2; exit}' <<<"$2")"
  LAT_P99[$1]="$(awk '$1 == "99%" {print $2; exit}' <<<"$2")"
  : "${NON2XX[$1]:=0}"
}
