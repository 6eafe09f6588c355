#!/usr/bin/env bash
# Load benchmark of GET /api/jwt/validate (issue 3): requests/s for HS256, RS256 and ES256
# tokens, printed beside `openssl speed` verify rates of the same algorithm on this machine.
#
#   bench/jwt_validate.sh                       # uses build/release/latchkey
#   LATCHKEY_BIN=build/dev/latchkey bench/jwt_validate.sh
#
# Environment: LATCHKEY_BIN (server binary), BENCH_DURATION (wrk -d, default 10s),
# BENCH_CONNECTIONS (wrk -c, default 64), BENCH_THREADS (wrk -t, default 2),
# BENCH_OPENSSL_SECONDS (openssl speed -seconds, default 3).
#
# Builds nothing. Starts the server on a free 127.0.0.1 port (--listen 127.0.0.1:0) with a
# temporary SQLite database and a kickstart (one API key; keys RS256 + ES256 generated next to
# the tenant's HS256 "Default signing key"; one application and user), vends one token per
# algorithm with POST /api/jwt/vend {keyId}, checks each validates (200), then runs wrk per token.
# Only 127.0.0.1 is contacted. The server is killed on exit (trap). Every step is time-bounded.
# With >= 4 CPUs the server is pinned to CPUs 0-1 and wrk to the others ("2 cores" for the
# server); with fewer, both share the machine and the table says so.
set -euo pipefail

# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
SSL_SECONDS="${BENCH_OPENSSL_SECONDS:-3}"

bench_require_tools wrk openssl curl python3 timeout
bench_require_binary
[[ "$DURATION" =~ ^[0-9]+[smh]?$ ]] || die "BENCH_DURATION must look like 10s"
bench_require_numeric CONNECTIONS THREADS SSL_SECONDS

# No BENCH_KEEP here: the work directory is always removed.
bench_setup_work latchkey-bench

# CPU placement.
bench_cpu_placement

API_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
APP_ID="6a1f4c4e-5b1d-4e0c-9a53-0b3f4f7c2d10"
RSA_KEY_ID="0f7d8c2a-1b3e-4f5a-8c6d-7e8f9a0b1c2d"
EC_KEY_ID="1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"
USER_ID="2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e"

cat >"$WORK/kickstart.json" <<JSON
{
  "apiKeys": [ { "key": "$API_KEY", "description": "jwt_validate benchmark" } ],
  "requests": [
    { "method": "POST", "url": "/api/key/generate/$RSA_KEY_ID",
      "body": { "key": { "algorithm": "RS256", "name": "bench RS256", "length": 2048 } } },
    { "method": "POST", "url": "/api/key/generate/$EC_KEY_ID",
      "body": { "key": { "algorithm": "ES256", "name": "bench ES256" } } },
    { "method": "POST", "url": "/api/application/$APP_ID",
      "body": { "application": { "name": "Bench", "roles": [ { "name": "user", "isDefault": true } ] } } },
    { "method": "POST", "url": "/api/user/registration/$USER_ID",
      "body": { "user": { "email": "bench@example.com", "password": "bench-password-123" },
                "registration": { "applicationId": "$APP_ID" } } }
  ]
}
JSON

# Start on a free loopback port; the server prints "Latchkey listening on http://127.0.0.1:<port>".
bench_start_server

curl_json() { # method path [body] -> prints body, fails on non-2xx
  local method=$1 path=$2 body=${3:-}
  local args=(--silent --show-error --fail-with-body --max-time 10 -X "$method" -H "Authorization: $API_KEY")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}" "$BASE$path"
}

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
header_alg() { python3 -c 'import base64,json,sys; h=sys.argv[1].split(".")[0]; print(json.loads(base64.urlsafe_b64decode(h + "=" * (-len(h) % 4)))["alg"])' "$1"; }

vend() { # [keyId] -> token
  local key_field=""
  [[ -n "${1:-}" ]] && key_field=", \"keyId\": \"$1\""
  curl_json POST /api/jwt/vend "{\"claims\": {\"sub\": \"$USER_ID\", \"bench\": true}, \"timeToLiveInSeconds\": 3600$key_field}" | json_field token
}

declare -A TOKENS
TOKENS[HS256]="$(vend)"            # the tenant's access-token key: the HS256 "Default signing key"
TOKENS[RS256]="$(vend "$RSA_KEY_ID")"
TOKENS[ES256]="$(vend "$EC_KEY_ID")"

for alg in HS256 RS256 ES256; do
  actual="$(header_alg "${TOKENS[$alg]}")"
  [[ "$actual" == "$alg" ]] || die "vended $alg token has header alg $actual"
  code="$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 \
    -H "Authorization: Bearer ${TOKENS[$alg]}" "$BASE/api/jwt/validate")"
  [[ "$code" == "200" ]] || die "$alg token does not validate (HTTP $code)"
done

# wrk per algorithm. The wrk timeout bounds the run even if the server stalls.
declare -A RPS NON2XX LAT_AVG LAT_P99
DURATION_S="${DURATION%[smh]}"
case "$DURATION" in *m) DURATION_S=$((DURATION_S * 60));; *h) DURATION_S=$((DURATION_S * 3600));; esac
for alg in HS256 RS256 ES256; do
  echo "wrk ${alg}: -t${THREADS} -c${CONNECTIONS} -d${DURATION} ${BASE}/api/jwt/validate" >&2
  out="$(timeout $((DURATION_S + 30)) "${WRK_PIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s \
    -H "Authorization: Bearer ${TOKENS[$alg]}" "$BASE/api/jwt/validate")" || die "wrk failed for $alg"
  bench_record_wrk "$alg" "$out"
  kill -0 "$SERVER_PID" 2>/dev/null || die "server died during the $alg run"
done

# openssl speed verify rates (machine-readable output; OpenSSL 3 prints rates per second).
ssl() { timeout $((SSL_SECONDS * 4 + 30)) openssl speed -mr -seconds "$SSL_SECONDS" "$@" 2>/dev/null; }
echo "openssl speed (${SSL_SECONDS}s per measurement)..." >&2
RSA_VERIFY="$(ssl rsa2048 | awk -F: '/^\+F2:/ {printf "%.0f", $5}' || true)"
EC_VERIFY="$(ssl ecdsap256 | awk -F: '/^\+F4:/ {printf "%.0f", $5}' || true)"
# HMAC-SHA256 over a 256-byte input (about the size of a JWS signing input): bytes/s / 256.
HMAC_OPS="$(ssl -bytes 256 -hmac sha256 | awk -F: '/^\+F:/ {printf "%.0f", $NF / 256}' || true)"
declare -A OPENSSL=([HS256]="${HMAC_OPS:-n/a}" [RS256]="${RSA_VERIFY:-n/a}" [ES256]="${EC_VERIFY:-n/a}")
declare -A OPENSSL_WHAT=([HS256]="HMAC-SHA256 256 B/s" [RS256]="rsa2048 verify/s" [ES256]="ecdsap256 verify/s")

echo
echo "GET /api/jwt/validate on ${BASE} — wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}; ${PLACEMENT}"
echo "binary: $BIN; $(openssl version)"
printf '%-6s | %12s | %8s | %9s | %9s | %14s | %-20s\n' alg 'requests/s' non-2xx 'lat avg' 'lat p99' 'openssl ops/s' 'openssl measure'
printf -- '-------+--------------+----------+-----------+-----------+----------------+---------------------\n'
for alg in HS256 RS256 ES256; do
  printf '%-6s | %12s | %8s | %9s | %9s | %14s | %-20s\n' "$alg" "${RPS[$alg]:-n/a}" "${NON2XX[$alg]}" \
    "${LAT_AVG[$alg]:-n/a}" "${LAT_P99[$alg]:-n/a}" "${OPENSSL[$alg]}" "${OPENSSL_WHAT[$alg]}"
done
for alg in HS256 RS256 ES256; do
  if [[ "${NON2XX[$alg]}" != "0" ]]; then
    echo "warning: $alg run had ${NON2XX[$alg]} non-2xx responses; its requests/s are not all validations" >&2
  fi
done
