#!/usr/bin/env bash
# Fails when a file under src/ includes a folder its layer may not see (docs/ARCHITECTURE.md).
# Every target still gets all of src/ as an include path, so the compiler cannot catch a
# forbidden include; this check does, and `make test` runs it before any test.
#
# The services/ capability rules are read from CMakeLists.txt (the latchkey_service DEPS), so
# the build graph and this check cannot drift apart. Usage: scripts/check-layering.sh [ROOT]
set -euo pipefail
set -f  # the allowed lists hold patterns (services/*, *), never file names
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

# services/<capability> -> the capabilities it names in DEPS.
declare -A direct
while read -r name deps; do
  direct[$name]=$deps
done < <(sed -nE 's/^latchkey_service\(([a-z_]+) DEPS (.*)\)$/\1 \2/p' CMakeLists.txt |
  sed -E 's/\$\{LATCHKEY_SERVICE_BASE\}//; s/latchkey_services_//g')
if ((${#direct[@]} == 0)); then
  echo "check-layering: no latchkey_service(...) lines in CMakeLists.txt" >&2
  exit 2
fi

# Everything a capability may include: itself and the closure of its DEPS.
closure() {
  local todo=("$1") seen=" " cap
  while ((${#todo[@]})); do
    cap=${todo[0]}
    todo=("${todo[@]:1}")
    [[ $seen == *" $cap "* ]] && continue
    seen+="$cap "
    read -ra more <<<"${direct[$cap]:-}"
    todo+=("${more[@]}")
  done
  echo "$seen"
}

# The project folders (first path component, or services/<capability>, or store/sqlite) that
# code in a folder may include. Tests (*_test.cpp) may also use the SQLite store.
allowed_for() {
  local dir=$1
  case $dir in
    core) echo "core" ;;
    crypto) echo "core crypto" ;;
    jose) echo "core crypto jose" ;;
    domain) echo "core domain" ;;
    store) echo "core domain store" ;;
    store/sqlite) echo "core domain crypto store store/sqlite" ;;
    store/contract) echo "core domain store store/sqlite store/contract" ;;  # test-only: it names the backends
    http) echo "core http" ;;
    services/*)
      local caps=() cap
      for cap in $(closure "${dir#services/}"); do caps+=("services/$cap"); done
      echo "core crypto jose domain store ${caps[*]}"
      ;;
    api | oidc) echo "core crypto jose domain store http services/* $dir" ;;
    # web/ renders OAuth errors with oidc/'s one renderer (oidc/oauth_errors.hpp).
    web) echo "core crypto jose domain store http services/* oidc web" ;;
    app | cli) echo "*" ;;
    *) echo "" ;;
  esac
}

failures=0
fail() {
  echo "layering: $1" >&2
  failures=$((failures + 1))
}

while IFS= read -r -d '' file; do
  rel=${file#src/}
  case $rel in
    store/sqlite/*) dir=store/sqlite ;;
    store/contract/*) dir=store/contract ;;
    services/*/*)
      dir=${rel#services/}
      dir=services/${dir%%/*}
      ;;
    services/*)
      fail "$file: every services file lives in a capability folder"
      continue
      ;;
    */*) dir=${rel%%/*} ;;
    *) continue ;;
  esac
  allowed=$(allowed_for "$dir")
  if [[ -z $allowed ]]; then
    fail "$file: folder $dir has no layering rule (add one to scripts/check-layering.sh)"
    continue
  fi
  [[ $file == *_test.cpp ]] && allowed+=" store/sqlite"

  while IFS=: read -r line target; do
    target=${target#*\"}
    target=${target%\"*}
    [[ $target == */* ]] || continue  # a header beside the file, or tests/support
    case $target in
      store/sqlite/*) folder=store/sqlite ;;
      store/contract/*) folder=store/contract ;;
      services/*/*)
        folder=${target#services/}
        folder=services/${folder%%/*}
        ;;
      *) folder=${target%%/*} ;;
    esac
    [[ -d src/$folder ]] || continue  # generated/ and other non-src roots
    ok=0
    for a in $allowed; do
      # shellcheck disable=SC2053  # a pattern on purpose: services/*, *
      if [[ $folder == $a ]]; then
        ok=1
        break
      fi
    done
    ((ok)) || fail "$file:$line: $dir may not include \"$target\""
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" || true)

  # Beast and Asio only in http/; sqlite3.h only in store/sqlite/; SQL text only in store/.
  if [[ $dir != http ]] && grep -qE '#[[:space:]]*include[[:space:]]*<boost/(beast|asio)' "$file"; then
    fail "$file: Beast/Asio outside src/http"
  fi
  if [[ $dir != store/sqlite ]] && grep -qE '#[[:space:]]*include[[:space:]]*<sqlite3\.h>' "$file"; then
    fail "$file: sqlite3.h outside src/store/sqlite"
  fi
  if [[ $dir != store && $dir != store/sqlite ]] &&
    grep -qE '"[[:space:]]*(SELECT|INSERT INTO|UPDATE [A-Za-z_]+ SET|DELETE FROM|CREATE TABLE|BEGIN IMMEDIATE)[[:space:]]' "$file"; then
    fail "$file: SQL outside src/store"
  fi
done < <(find src -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.hpp.in' \) -print0)

if ((failures)); then
  echo "layering: $failures violation(s); see docs/ARCHITECTURE.md" >&2
  exit 1
fi
echo "layering: ok"
