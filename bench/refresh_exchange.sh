#!/usr/bin/env bash
# Load benchmark of POST /api/jwt/refresh (issue 4): refresh-token exchanges per second for
# Reusable and OneTimeUse tokens, with access tokens signed HS256 and RS256, printed beside the
# SQLite commit rate (WAL, synchronous=FULL) of the same disk: every exchange is one committed
# conditional write, so that rate is its ceiling.
#
#   bench/refresh_exchange.sh                       # uses build/release/latchkey
#   LATCHKEY_BIN=build/h-refresh-rel/latchkey bench/refresh_exchange.sh
#
# Environment: LATCHKEY_BIN (server binary), BENCH_DURATION (wrk -d, default 10s),
# BENCH_CONNECTIONS (wrk -c, default 32), BENCH_THREADS (wrk -t, default 2),
# BENCH_SQLITE_SECONDS (commit-rate loop, default 3); BENCH_DEBUG=1 prints the first refused
# OneTimeUse answer per wrk thread, BENCH_KEEP=1 keeps the work directory (server log, db).
#
# Builds nothing. Starts the server on a free 127.0.0.1 port with a temporary SQLite database
# and a kickstart (one API key, an RS256 key beside the tenant's HS256 default, four
# applications {HS256, RS256} x {Reusable, OneTimeUse} with generateRefreshTokens and
# allowTokenRefresh, one user registered to all), logs in through POST /api/login for refresh
# tokens, then runs wrk with a Lua script per case:
#   Reusable:   every request posts the same refresh token.
#   OneTimeUse: each wrk thread keeps a pool of tokens (one per connection); a request takes
#               one, its response puts the successor back, so every exchange presents a live
#               value and rotates it.
# Only 127.0.0.1 is contacted. The server is killed on exit (trap). Every step is time-bounded.
set -euo pipefail

# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
SQLITE_SECONDS="${BENCH_SQLITE_SECONDS:-3}"

bench_require_tools wrk curl python3 timeout
bench_require_binary
bench_require_duration_seconds
bench_require_numeric CONNECTIONS THREADS SQLITE_SECONDS
bench_require_connection_per_thread

bench_setup_work latchkey-bench "${BENCH_KEEP:-}"

bench_cpu_placement

API_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
RSA_KEY_ID="0f7d8c2a-1b3e-4f5a-8c6d-7e8f9a0b1c2d"
USER_ID="2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e"
PASSWORD="bench-password-123"
CASES=(HS256-Reusable HS256-OneTimeUse RS256-Reusable RS256-OneTimeUse)
declare -A APP=(
  [HS256-Reusable]="6a1f4c4e-5b1d-4e0c-9a53-0b3f4f7c2d10"
  [HS256-OneTimeUse]="6a1f4c4e-5b1d-4e0c-9a53-0b3f4f7c2d11"
  [RS256-Reusable]="6a1f4c4e-5b1d-4e0c-9a53-0b3f4f7c2d12"
  [RS256-OneTimeUse]="6a1f4c4e-5b1d-4e0c-9a53-0b3f4f7c2d13"
)

app_request() { # case -> a kickstart request creating its application
  local name=$1 alg=${1%%-*} usage=${1#*-} key=""
  [[ "$alg" == RS256 ]] && key="\"accessTokenKeyId\": \"$RSA_KEY_ID\","
  cat <<JSON
    { "method": "POST", "url": "/api/application/${APP[$name]}",
      "body": { "application": { "name": "Bench $name", "roles": [ { "name": "user", "isDefault": true } ],
        "loginConfiguration": { "generateRefreshTokens": true, "allowTokenRefresh": true },
        "jwtConfiguration": { "enabled": true, $key "timeToLiveInSeconds": 3600,
          "refreshTokenTimeToLiveInMinutes": 600, "refreshTokenUsagePolicy": "$usage" } } } },
JSON
}

{
  echo "{ \"apiKeys\": [ { \"key\": \"$API_KEY\", \"description\": \"refresh_exchange benchmark\" } ],"
  echo "  \"requests\": ["
  echo "    { \"method\": \"POST\", \"url\": \"/api/key/generate/$RSA_KEY_ID\","
  echo "      \"body\": { \"key\": { \"algorithm\": \"RS256\", \"name\": \"bench RS256\", \"length\": 2048 } } },"
  for name in "${CASES[@]}"; do app_request "$name"; done
  echo "    { \"method\": \"POST\", \"url\": \"/api/user/registration/$USER_ID\","
  echo "      \"body\": { \"user\": { \"email\": \"bench@example.com\", \"password\": \"$PASSWORD\","
  echo "                          \"encryptionScheme\": \"salted-sha256\", \"factor\": 1 },"
  echo "                \"registration\": { \"applicationId\": \"${APP[HS256-Reusable]}\" } } }"
  for name in "${CASES[@]:1}"; do
    echo "    , { \"method\": \"POST\", \"url\": \"/api/user/registration/$USER_ID\","
    echo "      \"body\": { \"registration\": { \"applicationId\": \"${APP[$name]}\" } } }"
  done
  echo "  ] }"
} >"$WORK/kickstart.json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/kickstart.json" || die "bad kickstart JSON"

bench_start_server

login_token() { # application id -> a fresh refresh token
  curl --silent --show-error --fail-with-body --max-time 10 -X POST -H "Authorization: $API_KEY" \
    -H 'Content-Type: application/json' \
    --data "{\"loginId\": \"bench@example.com\", \"password\": \"$PASSWORD\", \"applicationId\": \"$1\"}" \
    "$BASE/api/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["refreshToken"])'
}

header_alg() { python3 -c 'import base64,json,sys; h=sys.argv[1].split(".")[0]; print(json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4)))["alg"])' "$1"; }

# One exchange per case by hand: it must answer 200 with an access token of the case's alg.
for name in "${CASES[@]}"; do
  value="$(login_token "${APP[$name]}")"
  token="$(curl --silent --show-error --fail-with-body --max-time 10 -X POST -H 'Content-Type: application/json' \
    --data "{\"refreshToken\": \"$value\"}" "$BASE/api/jwt/refresh" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')" || die "$name: the first exchange failed"
  [[ "$(header_alg "$token")" == "${name%%-*}" ]] || die "$name: access token not signed ${name%%-*}"
done

cat >"$WORK/reusable.lua" <<'LUA'
-- Every request presents the same Reusable refresh token.
local body = '{"refreshToken":"' .. os.getenv("BENCH_REFRESH_TOKEN") .. '"}'
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
LUA

cat >"$WORK/rotating.lua" <<'LUA'
-- OneTimeUse: a per-thread pool of live tokens. request() takes one, response() returns the
-- successor; a refused exchange loses its token (counted by wrk as non-2xx).
local threads, counter = {}, 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  pool = {}
  local all, n, i = os.getenv("BENCH_TOKENS"), tonumber(os.getenv("BENCH_THREADS")), 0
  for value in string.gmatch(all, "[^,]+") do
    if i % n == id - 1 then table.insert(pool, value) end
    i = i + 1
  end
end
function request()
  local value = table.remove(pool) or "exhausted"
  return wrk.format("POST", "/api/jwt/refresh", { ["Content-Type"] = "application/json" },
                    '{"refreshToken":"' .. value .. '"}')
end
function response(status, headers, body)
  local successor = string.match(body, '"refreshToken":"([^"]+)"')
  if status == 200 and successor then table.insert(pool, successor) elseif os.getenv("BENCH_DEBUG") and not shown then shown = true; io.stderr:write(status .. " " .. body .. "\n") end
end
LUA

declare -A RPS NON2XX LAT_AVG LAT_P99
DURATION_S="${DURATION%s}"
run_wrk() { # case script
  echo "wrk $1: -t${THREADS} -c${CONNECTIONS} -d${DURATION} POST ${BASE}/api/jwt/refresh" >&2
  local out
  out="$(timeout $((DURATION_S + 30)) "${WRK_PIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
    --latency --timeout 5s -s "$2" "$BASE/api/jwt/refresh")" || die "wrk failed for $1"
  bench_record_wrk "$1" "$out"
  kill -0 "$SERVER_PID" 2>/dev/null || die "server died during the $1 run"
}

for name in "${CASES[@]}"; do
  if [[ "$name" == *Reusable ]]; then
    BENCH_REFRESH_TOKEN="$(login_token "${APP[$name]}")" run_wrk "$name" "$WORK/reusable.lua"
  else
    tokens=()
    # One per connection, plus one per thread: wrk calls request() once before the run to
    # check for pipelining, and the token that call takes is never sent.
    for _ in $(seq 1 $((CONNECTIONS + THREADS))); do tokens+=("$(login_token "${APP[$name]}")"); done
    BENCH_TOKENS="$(IFS=,; echo "${tokens[*]}")" BENCH_THREADS="$THREADS" run_wrk "$name" "$WORK/rotating.lua"
  fi
done

# The disk's SQLite commit rate: single-row INSERT transactions, WAL, synchronous=FULL, in the
# same directory as the server's database, for BENCH_SQLITE_SECONDS.
commit_rate() { # synchronous -> commits/s
  timeout $((SQLITE_SECONDS + 20)) python3 - "$WORK/commit-$1.db" "$SQLITE_SECONDS" "$1" <<'PY'
import sqlite3, sys, time
path, seconds, sync = sys.argv[1], float(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute(f"PRAGMA synchronous={sync}")
db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
n, start = 0, time.monotonic()
while time.monotonic() - start < seconds:
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t (v) VALUES (?)", ("x" * 200,))
    db.execute("COMMIT")
    n += 1
print(round(n / (time.monotonic() - start)))
PY
}
echo "SQLite commit rate (${SQLITE_SECONDS}s each)..." >&2
SQLITE_FULL="$(commit_rate FULL || echo n/a)"
SQLITE_NORMAL="$(commit_rate NORMAL || echo n/a)"

echo
echo "POST /api/jwt/refresh on ${BASE} — wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}; ${PLACEMENT}"
echo "binary: $BIN"
printf '%-18s | %12s | %8s | %9s | %9s\n' case 'exchanges/s' non-2xx 'lat avg' 'lat p99'
printf -- '-------------------+--------------+----------+-----------+----------\n'
for name in "${CASES[@]}"; do
  printf '%-18s | %12s | %8s | %9s | %9s\n' "$name" "${RPS[$name]:-n/a}" "${NON2XX[$name]}" \
    "${LAT_AVG[$name]:-n/a}" "${LAT_P99[$name]:-n/a}"
done
echo
echo "SQLite on this disk (${WORK%/*}): ${SQLITE_FULL} commits/s with synchronous=FULL, ${SQLITE_NORMAL} with NORMAL (WAL, one-row transactions, one writer)"
for name in "${CASES[@]}"; do
  if [[ "${NON2XX[$name]}" != "0" ]]; then
    echo "warning: $name had ${NON2XX[$name]} non-2xx responses; its rate is not all exchanges" >&2
  fi
done
