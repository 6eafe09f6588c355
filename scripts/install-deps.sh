#!/usr/bin/env bash
# Installs what Latchkey needs on Debian 12 — only what is missing, so a second run takes well
# under a second.
#
#   scripts/install-deps.sh run    build and run the server (`make run`): toolchain, libraries
#   scripts/install-deps.sh test   everything `run` installs, plus what the tests and
#                                  benchmarks need (`make test`): GoogleTest, Google Benchmark,
#                                  clang-tidy-16, Node.js and the npm packages of
#                                  tests/integration and tests/e2e, Chromium, wrk
#
# DRY_RUN=1 prints what would be installed and installs nothing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly RUN_PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # libraries (Debian 12 names)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libsqlite3-dev libpq-dev libcurl4-openssl-dev libcrypt-dev
  libcli11-dev libspdlog-dev libfmt-dev
)
readonly TEST_PACKAGES=(
  # format and lint checks (clang-tidy-16: 14 cannot parse libstdc++ 12's <expected>)
  clang-format clang-tidy-16
  # unit tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # handy in tests and benchmarks
  sqlite3 wrk
)
readonly NODE_MIN_MAJOR=20
readonly INTEGRATION_DIR=tests/integration
readonly E2E_DIR=tests/e2e

log() { printf 'install-deps: %s\n' "$*" >&2; }

usage() {
  printf 'usage: %s run|test\n' "$0" >&2
  exit 2
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  else
    sudo "$@"
  fi
}

# Prints the packages among "$@" that dpkg does not report as installed.
missing_debian_packages() {
  local package status
  for package in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || printf '%s\n' "$package"
  done
}

apt_install() {
  (($# > 0)) || return 0
  if [[ -n ${DRY_RUN:-} ]]; then
    log "dry run: would install Debian packages: $*"
    return 0
  fi
  log "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || return 1
  ((major >= NODE_MIN_MAJOR))
}

install_debian_packages() {
  local -a wanted=("$@")
  local -a missing
  mapfile -t missing < <(missing_debian_packages "${wanted[@]}")
  apt_install "${missing[@]}"
}

# Node.js runs the integration and browser tests. It usually comes with the machine (a newer one
# than Debian's); only fall back to Debian's nodejs + npm when there is none at all.
install_node() {
  node_is_recent_enough && return 0
  if command -v node >/dev/null 2>&1; then
    log "warning: node $(node --version 2>/dev/null) found; the integration tests need >= ${NODE_MIN_MAJOR}"
  fi
  local -a wanted=()
  command -v node >/dev/null 2>&1 || wanted+=(nodejs)
  command -v npm >/dev/null 2>&1 || wanted+=(npm)
  install_debian_packages "${wanted[@]}"
}

# Browser tests (tests/e2e): Debian's Chromium, which Playwright drives through
# executablePath /usr/bin/chromium. Playwright's own browser download is never used: it
# would fetch an unpinned binary from outside Debian. chromium-driver is not needed:
# playwright-core speaks the DevTools protocol to the browser directly.
install_browser_packages() {
  local -a missing
  mapfile -t missing < <(missing_debian_packages chromium)
  apt_install "${missing[@]}"
}

# npm packages of a test folder, from its committed lock file. Re-run only when
# node_modules is absent or older than package-lock.json.
install_npm_packages() {
  local dir=$1
  # A symlinked node_modules is shared with another checkout (git worktrees point theirs at the
  # main tree's). `npm ci` would empty the shared directory through the link and then replace
  # the link, breaking every checkout that uses it, so it is left to the tree that owns it.
  if [[ -L $dir/node_modules ]]; then
    log "$dir/node_modules is a symlink to a shared tree; not touching it"
    return 0
  fi
  local marker="$dir/node_modules/.package-lock.json"
  if [[ -f $marker && ! $dir/package-lock.json -nt $marker ]]; then
    return 0
  fi
  if [[ -n ${DRY_RUN:-} ]]; then
    log "dry run: would run npm ci in $dir"
    return 0
  fi
  log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
}

(($# == 1)) || usage
case $1 in
  run)
    install_debian_packages "${RUN_PACKAGES[@]}"
    ;;
  test)
    install_debian_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    install_node
    install_browser_packages
    install_npm_packages "$INTEGRATION_DIR"
    install_npm_packages "$E2E_DIR"
    ;;
  *) usage ;;
esac
