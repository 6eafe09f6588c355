#!/usr/bin/env bash
# Webhook isolation benchmark (issue 6): does a receiver that never answers slow the request
# path? Measures POST /api/jwt/refresh (Reusable, HS256) and GET /api/jwt/validate with wrk in
# three phases on one server:
#   baseline     no webhook at all.
#   outbox       the tenant enables jwt.refresh (transactionType None) for a webhook whose
#                receiver accepts connections and never answers: every exchange writes an
#                outbox row in its transaction and the dispatcher thread keeps timing out.
#   transaction  the same webhook with transactionType Any: every exchange now waits for the
#                receiver; measured with a few sequential requests, each of which must end in
#                a 504 after about connectTimeout + readTimeout, never longer.
# It also prints the outbox backlog and the /metrics counters after the outbox phase.
#
#   bench/webhook_isolation.sh                       # uses build/release/latchkey
#   LATCHKEY_BIN=build/dev/latchkey BENCH_DURATION=5s bench/webhook_isolation.sh
#
# Environment: LATCHKEY_BIN, BENCH_DURATION (wrk -d, default 10s), BENCH_CONNECTIONS (default
# 32), BENCH_THREADS (default 2), BENCH_READ_TIMEOUT_MS (webhook readTimeout, default 1000),
# BENCH_KEEP=1 keeps the work directory. Only 127.0.0.1 is contacted; everything started here
# is stopped on exit.
set -euo pipefail

# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
READ_TIMEOUT_MS="${BENCH_READ_TIMEOUT_MS:-1000}"
CONNECT_TIMEOUT_MS=500

bench_require_tools wrk curl python3 timeout
bench_require_binary
bench_require_duration_seconds
bench_require_numeric CONNECTIONS THREADS READ_TIMEOUT_MS

# The cleanup trap stops everything in PIDS: the black-hole receiver, then the server.
bench_setup_work latchkey-webhook-bench "${BENCH_KEEP:-}"

# A receiver that accepts every connection, reads nothing and never answers.
cat >"$WORK/black_hole.py" <<'PY'
import socket, sys, time
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(1024)
print(server.getsockname()[1], flush=True)
held = []
while True:
    connection, _ = server.accept()
    held.append(connection)  # kept open, never answered
    if len(held) > 4096:
        held.pop(0).close()
PY
python3 "$WORK/black_hole.py" >"$WORK/black_hole.port" &
PIDS+=($!)
for _ in $(seq 1 50); do [[ -s "$WORK/black_hole.port" ]] && break; sleep 0.1; done
HOLE_PORT="$(head -n1 "$WORK/black_hole.port")"
[[ -n "$HOLE_PORT" ]] || die "the black-hole receiver did not start"

API_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
APP_ID="7b2e4c1a-3d5f-4e6a-8b9c-0d1e2f3a4b5c"
USER_ID="8c3f5d2b-4e6a-4f7b-9c0d-1e2f3a4b5c6d"
PASSWORD="bench-password-123"
cat >"$WORK/kickstart.json" <<JSON
{ "apiKeys": [ { "key": "$API_KEY", "description": "webhook_isolation benchmark" } ],
  "requests": [
    { "method": "POST", "url": "/api/application/$APP_ID",
      "body": { "application": { "name": "Bench webhooks", "roles": [ { "name": "user", "isDefault": true } ],
        "loginConfiguration": { "generateRefreshTokens": true, "allowTokenRefresh": true },
        "jwtConfiguration": { "enabled": true, "timeToLiveInSeconds": 3600,
          "refreshTokenTimeToLiveInMinutes": 600, "refreshTokenUsagePolicy": "Reusable" } } } },
    { "method": "POST", "url": "/api/user/registration/$USER_ID",
      "body": { "user": { "email": "bench@example.com", "password": "$PASSWORD",
                          "encryptionScheme": "salted-sha256", "factor": 1 },
                "registration": { "applicationId": "$APP_ID" } } }
  ] }
JSON

# Retries every 200 ms at first so the dispatcher stays busy with the black hole.
# No CPU placement here: server and wrk share the machine.
bench_start_server --webhook-retry-base-ms 200

api() { # method path [json body]
  curl --silent --show-error --fail-with-body --max-time 10 -X "$1" -H "Authorization: $API_KEY" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "$BASE$2"
}
json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d = d[int(k)] if isinstance(d, list) else d[k]
print(d)' "$1"; }

LOGIN="$(api POST /api/login "{\"loginId\":\"bench@example.com\",\"password\":\"$PASSWORD\",\"applicationId\":\"$APP_ID\"}")"
REFRESH_TOKEN="$(json_get refreshToken <<<"$LOGIN")"
ACCESS_TOKEN="$(json_get token <<<"$LOGIN")"
TENANT_ID="$(api GET "/api/application/$APP_ID" | json_get application.tenantId)"

cat >"$WORK/refresh.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"refreshToken":"$REFRESH_TOKEN"}'
wrk.headers["Content-Type"] = "application/json"
LUA
cat >"$WORK/validate.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $ACCESS_TOKEN"
LUA

declare -A RPS NON2XX LAT_AVG LAT_P99
DURATION_S="${DURATION%s}"
run_wrk() { # label script path
  echo "wrk $1 ..." >&2
  local out
  out="$(timeout $((DURATION_S + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    --timeout 10s -s "$2" "$BASE$3")" || die "wrk failed for $1"
  bench_record_wrk "$1" "$out"
  kill -0 "$SERVER_PID" 2>/dev/null || die "server died during $1"
}
set_events() { # transactionType
  api PATCH "/api/tenant/$TENANT_ID" \
    "{\"tenant\":{\"eventConfiguration\":{\"events\":{\"jwt.refresh\":{\"enabled\":true,\"transactionType\":\"$1\"}}}}}" >/dev/null
}
outbox() { # pending dead
  python3 - "$WORK/latchkey.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(*db.execute("SELECT COALESCE(SUM(state='pending'),0), COALESCE(SUM(state='dead'),0) FROM webhook_outbox").fetchone())
PY
}

run_wrk refresh-baseline "$WORK/refresh.lua" /api/jwt/refresh
run_wrk validate-baseline "$WORK/validate.lua" /api/jwt/validate

set_events None
api POST /api/webhook "{\"webhook\":{\"url\":\"http://127.0.0.1:$HOLE_PORT/never\",
  \"connectTimeout\":$CONNECT_TIMEOUT_MS,\"readTimeout\":$READ_TIMEOUT_MS,\"global\":true,
  \"eventsEnabled\":{\"jwt.refresh\":true}}}" >/dev/null
run_wrk refresh-outbox "$WORK/refresh.lua" /api/jwt/refresh
run_wrk validate-outbox "$WORK/validate.lua" /api/jwt/validate
read -r PENDING DEAD < <(outbox)
METRICS="$(curl --silent --max-time 10 -H "Authorization: $API_KEY" "$BASE/metrics" | grep -v '^#' | tr '\n' ';')"

# Transactional: each exchange waits for the black hole, and must give up after the timeouts.
set_events Any
BOUND_MS=$((CONNECT_TIMEOUT_MS + READ_TIMEOUT_MS))
TX_TIMES=()
for _ in 1 2 3 4 5; do
  result="$(curl --silent --output /dev/null --max-time 30 --write-out '%{http_code} %{time_total}' \
    -X POST -H 'Content-Type: application/json' --data "{\"refreshToken\":\"$REFRESH_TOKEN\"}" \
    "$BASE/api/jwt/refresh")"
  [[ "${result%% *}" == 504 ]] || die "transactional exchange answered ${result%% *}, expected 504"
  TX_TIMES+=("$(python3 -c "print(round(float('${result#* }') * 1000))")")
done
# Meanwhile nothing else waits: validation latency with transactional refreshes in flight.
( for _ in $(seq 1 8); do
    curl --silent --output /dev/null --max-time 30 -X POST -H 'Content-Type: application/json' \
      --data "{\"refreshToken\":\"$REFRESH_TOKEN\"}" "$BASE/api/jwt/refresh" &
  done; wait ) &
BACKGROUND=$!
run_wrk validate-during-tx "$WORK/validate.lua" /api/jwt/validate
wait "$BACKGROUND" || true

echo
echo "Webhook isolation on ${BASE} — wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}; receiver never answers"
echo "binary: $BIN; webhook connectTimeout ${CONNECT_TIMEOUT_MS} ms, readTimeout ${READ_TIMEOUT_MS} ms"
printf '%-20s | %10s | %8s | %9s | %9s\n' phase 'req/s' non-2xx 'lat avg' 'lat p99'
printf -- '---------------------+------------+----------+-----------+----------\n'
for name in refresh-baseline refresh-outbox validate-baseline validate-outbox validate-during-tx; do
  printf '%-20s | %10s | %8s | %9s | %9s\n' "$name" "${RPS[$name]:-n/a}" "${NON2XX[$name]}" \
    "${LAT_AVG[$name]:-n/a}" "${LAT_P99[$name]:-n/a}"
done
echo
echo "outbox after the outbox phase: ${PENDING} pending, ${DEAD} dead; metrics: ${METRICS}"
echo "transactional (Any) exchanges against the black hole: ${TX_TIMES[*]} ms each (bound ${BOUND_MS} ms), all 504"
