#!/usr/bin/env bash
# Load benchmark of the OAuth token endpoint and introspection (issue 5): POST /oauth2/token
# with the password grant and with the refresh_token grant (Reusable and OneTimeUse refresh
# tokens), the client_credentials grant (issue 12: HS256 from the tenant's key, and RS256 from
# an entity type's own key), and POST /oauth2/introspect, in requests/s with latency, plus the load average
# before the runs (other processes sharing the cores change the figures).
#
#   bench/oauth_grants.sh                       # uses build/release/latchkey
#   LATCHKEY_BIN=build/dev/latchkey bench/oauth_grants.sh
#
# Environment: LATCHKEY_BIN (server binary), BENCH_DURATION (wrk -d, default 10s),
# BENCH_CONNECTIONS (wrk -c, default 32), BENCH_THREADS (wrk -t, default 2); BENCH_DEBUG=1
# prints the first non-200 answer per wrk thread, BENCH_KEEP=1 keeps the work directory.
#
# Builds nothing. Starts the server on a free 127.0.0.1 port with a temporary SQLite database
# and a kickstart (one API key; two applications, Reusable and OneTimeUse, with the password and
# refresh_token grants, a known client secret and HS256 access tokens from the tenant's default
# key; one user registered to both). The user's password is salted-sha256 (factor 1), so the
# password case measures the grant, the login bookkeeping and signing rather than PBKDF2
# (crypto_bench has that). Then one wrk Lua script per case, client_secret_basic throughout:
#   password:             grant_type=password, scope=openid (an id token, no refresh token).
#   refresh-Reusable:     every request presents the same refresh token.
#   refresh-OneTimeUse:   a per-thread pool of live tokens (one per connection); each answer's
#                         refresh_token goes back into the pool, so every exchange rotates.
#   introspect:           one access token, introspected by its own client.
#   client_credentials:   an entity asks for target-entity:<api>:read (granted), Basic auth; the
#                         token is HS256 from the tenant's default key. The client secret check
#                         is one HMAC-SHA256 (the secret is stored as a keyed hash).
#   client_credentials-RS256: the same for an entity whose type signs with its own RS256 key.
# Only 127.0.0.1 is contacted. The server is killed on exit (trap). Every step is time-bounded.
set -euo pipefail

# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"

bench_require_tools wrk curl python3 timeout
bench_require_binary
bench_require_duration_seconds
bench_require_numeric CONNECTIONS THREADS
bench_require_connection_per_thread

bench_setup_work latchkey-bench "${BENCH_KEEP:-}"

bench_cpu_placement
LOAD_BEFORE="$(bench_load_average)"

API_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
SECRET="bench-secret-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
USER_ID="3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f"
EMAIL="bench-oauth@example.com"
PASSWORD="bench-password-123"
declare -A APP=(
  [Reusable]="7b2e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e20"
  [OneTimeUse]="7b2e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e21"
)

app_request() { # usage policy -> a kickstart request creating its application
  cat <<JSON
    { "method": "POST", "url": "/api/application/${APP[$1]}",
      "body": { "application": { "name": "Bench OAuth $1",
        "loginConfiguration": { "allowTokenRefresh": true },
        "oauthConfiguration": { "clientSecret": "$SECRET", "clientAuthenticationPolicy": "Required",
          "enabledGrants": ["password", "refresh_token"], "generateRefreshTokens": true },
        "jwtConfiguration": { "enabled": true, "timeToLiveInSeconds": 3600,
          "refreshTokenTimeToLiveInMinutes": 600, "refreshTokenUsagePolicy": "$1" } } } },
JSON
}

ENTITY_TYPE="9a1e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e30"
ENTITY_TYPE_RS="9a1e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e31"
RS_KEY="9a1e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e32"
declare -A ENTITY=(
  [api]="9a1e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e40"
  [HS256]="9a1e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e41"
  [RS256]="9a1e5d5f-6c2e-4f1d-8b64-1c4a5b8d3e42"
)
entity_requests() { # the entity types, entities and grants of the client_credentials cases
  cat <<JSON
    { "method": "POST", "url": "/api/key/generate/$RS_KEY",
      "body": { "key": { "algorithm": "RS256", "name": "bench entity RS256" } } },
    { "method": "POST", "url": "/api/entity/type/$ENTITY_TYPE",
      "body": { "entityType": { "name": "Bench API", "permissions": [ { "name": "read" } ] } } },
    { "method": "POST", "url": "/api/entity/type/$ENTITY_TYPE_RS",
      "body": { "entityType": { "name": "Bench RS256 clients", "jwtConfiguration": {
        "enabled": true, "accessTokenKeyId": "$RS_KEY", "timeToLiveInSeconds": 3600 } } } },
    { "method": "POST", "url": "/api/entity/${ENTITY[api]}",
      "body": { "entity": { "name": "Bench API", "type": { "id": "$ENTITY_TYPE" } } } },
    { "method": "POST", "url": "/api/entity/${ENTITY[HS256]}",
      "body": { "entity": { "name": "Bench HS256 client", "type": { "id": "$ENTITY_TYPE" },
        "clientSecret": "$SECRET" } } },
    { "method": "POST", "url": "/api/entity/${ENTITY[RS256]}",
      "body": { "entity": { "name": "Bench RS256 client", "type": { "id": "$ENTITY_TYPE_RS" },
        "clientSecret": "$SECRET" } } },
    { "method": "POST", "url": "/api/entity/${ENTITY[api]}/grant",
      "body": { "grant": { "recipientEntityId": "${ENTITY[HS256]}", "permissions": ["read"] } } },
    { "method": "POST", "url": "/api/entity/${ENTITY[api]}/grant",
      "body": { "grant": { "recipientEntityId": "${ENTITY[RS256]}", "permissions": ["read"] } } },
JSON
}

{
  echo "{ \"apiKeys\": [ { \"key\": \"$API_KEY\", \"description\": \"oauth_grants benchmark\" } ],"
  echo "  \"requests\": ["
  app_request Reusable
  app_request OneTimeUse
  entity_requests
  echo "    { \"method\": \"POST\", \"url\": \"/api/user/registration/$USER_ID\","
  echo "      \"body\": { \"user\": { \"email\": \"$EMAIL\", \"password\": \"$PASSWORD\","
  echo "                          \"encryptionScheme\": \"salted-sha256\", \"factor\": 1 },"
  echo "                \"registration\": { \"applicationId\": \"${APP[Reusable]}\" } } },"
  echo "    { \"method\": \"POST\", \"url\": \"/api/user/registration/$USER_ID\","
  echo "      \"body\": { \"registration\": { \"applicationId\": \"${APP[OneTimeUse]}\" } } }"
  echo "  ] }"
} >"$WORK/kickstart.json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/kickstart.json" || die "bad kickstart JSON"

bench_start_server

basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$SECRET" | base64 -w0)"; }

password_grant() { # application id, scope -> the token response JSON
  curl --silent --show-error --fail-with-body --max-time 10 -X POST -H "Authorization: $(basic "$1")" \
    --data-urlencode grant_type=password --data-urlencode "username=$EMAIL" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "scope=$2" "$BASE/oauth2/token"
}
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# Each case once by hand: it must answer 200 with what the case relies on.
password_grant "${APP[Reusable]}" openid | field id_token >/dev/null || die "password grant failed"
for usage in Reusable OneTimeUse; do
  value="$(password_grant "${APP[$usage]}" offline_access | field refresh_token)" || die "$usage: no refresh token"
  curl --silent --show-error --fail-with-body --max-time 10 -X POST -H "Authorization: $(basic "${APP[$usage]}")" \
    --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$value" "$BASE/oauth2/token" |
    field access_token >/dev/null || die "$usage: the first refresh failed"
done
CC_BODY="grant_type=client_credentials&scope=target-entity%3A${ENTITY[api]}%3Aread"
for alg in HS256 RS256; do
  curl --silent --show-error --fail-with-body --max-time 10 -X POST -H "Authorization: $(basic "${ENTITY[$alg]}")" \
    --data "$CC_BODY" "$BASE/oauth2/token" | field access_token >/dev/null || die "client_credentials $alg failed"
done
ACCESS="$(password_grant "${APP[Reusable]}" openid | field access_token)"
[[ "$(curl --silent --show-error --fail-with-body --max-time 10 -X POST \
  --data-urlencode "client_id=${APP[Reusable]}" --data-urlencode "token=$ACCESS" "$BASE/oauth2/introspect" |
  field active)" == True ]] || die "introspection did not answer active:true"

cat >"$WORK/fixed.lua" <<'LUA'
-- Every request posts the same form (BENCH_BODY), with client_secret_basic when BENCH_AUTH is set.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
function response(status, headers, body)
  if status ~= 200 and os.getenv("BENCH_DEBUG") and not shown then
    shown = true
    io.stderr:write(status .. " " .. body .. "\n")
  end
end
LUA

cat >"$WORK/rotating.lua" <<'LUA'
-- OneTimeUse: a per-thread pool of live refresh tokens. request() takes one, response() puts
-- the successor back; a refused exchange loses its token (counted by wrk as non-2xx).
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
  return wrk.format("POST", "/oauth2/token",
                    { ["Content-Type"] = "application/x-www-form-urlencoded",
                      ["Authorization"] = os.getenv("BENCH_AUTH") },
                    "grant_type=refresh_token&refresh_token=" .. value)
end
function response(status, headers, body)
  local successor = string.match(body, '"refresh_token":"([^"]+)"')
  if status == 200 and successor then
    table.insert(pool, successor)
  elseif os.getenv("BENCH_DEBUG") and not shown then
    shown = true
    io.stderr:write(status .. " " .. body .. "\n")
  end
end
LUA

CASES=(password refresh-Reusable refresh-OneTimeUse introspect client_credentials client_credentials-RS256)
declare -A RPS NON2XX LAT_AVG LAT_P99 PATHS=(
  [password]=/oauth2/token [refresh-Reusable]=/oauth2/token [refresh-OneTimeUse]=/oauth2/token
  [introspect]=/oauth2/introspect [client_credentials]=/oauth2/token
  [client_credentials-RS256]=/oauth2/token)
DURATION_S="${DURATION%s}"
run_wrk() { # case script
  local path="${PATHS[$1]}" out
  echo "wrk $1: -t${THREADS} -c${CONNECTIONS} -d${DURATION} POST ${BASE}${path}" >&2
  out="$(timeout $((DURATION_S + 30)) "${WRK_PIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
    --latency --timeout 5s -s "$2" "$BASE$path")" || die "wrk failed for $1"
  bench_record_wrk "$1" "$out"
  kill -0 "$SERVER_PID" 2>/dev/null || die "server died during the $1 run"
}

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

BENCH_AUTH="$(basic "${APP[Reusable]}")" \
BENCH_BODY="grant_type=password&username=$(urlencode "$EMAIL")&password=$(urlencode "$PASSWORD")&scope=openid" \
  run_wrk password "$WORK/fixed.lua"

value="$(password_grant "${APP[Reusable]}" offline_access | field refresh_token)"
BENCH_AUTH="$(basic "${APP[Reusable]}")" \
BENCH_BODY="grant_type=refresh_token&refresh_token=$(urlencode "$value")" \
  run_wrk refresh-Reusable "$WORK/fixed.lua"

tokens=()
# One per connection, plus one per thread: wrk calls request() once before the run to check
# for pipelining, and the token that call takes is never sent.
for _ in $(seq 1 $((CONNECTIONS + THREADS))); do
  tokens+=("$(password_grant "${APP[OneTimeUse]}" offline_access | field refresh_token)")
done
BENCH_AUTH="$(basic "${APP[OneTimeUse]}")" BENCH_TOKENS="$(IFS=,; echo "${tokens[*]}")" \
BENCH_THREADS="$THREADS" run_wrk refresh-OneTimeUse "$WORK/rotating.lua"

BENCH_AUTH="" BENCH_BODY="client_id=${APP[Reusable]}&token=$ACCESS" run_wrk introspect "$WORK/fixed.lua"

BENCH_AUTH="$(basic "${ENTITY[HS256]}")" BENCH_BODY="$CC_BODY" run_wrk client_credentials "$WORK/fixed.lua"
BENCH_AUTH="$(basic "${ENTITY[RS256]}")" BENCH_BODY="$CC_BODY" \
  run_wrk client_credentials-RS256 "$WORK/fixed.lua"

echo
echo "OAuth on ${BASE} — wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}; ${PLACEMENT}; load average before: ${LOAD_BEFORE}"
echo "binary: $BIN"
printf '%-24s | %-18s | %10s | %8s | %9s | %9s\n' case path 'req/s' non-2xx 'lat avg' 'lat p99'
printf -- '-------------------------+--------------------+------------+----------+-----------+----------\n'
for name in "${CASES[@]}"; do
  printf '%-24s | %-18s | %10s | %8s | %9s | %9s\n' "$name" "${PATHS[$name]}" "${RPS[$name]:-n/a}" \
    "${NON2XX[$name]}" "${LAT_AVG[$name]:-n/a}" "${LAT_P99[$name]:-n/a}"
done
for name in "${CASES[@]}"; do
  if [[ "${NON2XX[$name]}" != "0" ]]; then
    echo "warning: $name had ${NON2XX[$name]} non-2xx responses; its rate is not all successes" >&2
  fi
done
