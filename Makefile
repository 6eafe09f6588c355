# Latchkey — the two commands a newcomer needs:
#   make run    install what running needs, build, start on SQLite with the demo kickstart
#   make test   install what testing needs too, build, run every check and every test
# Other targets: deps, deps-test, build, format, format-check, layering, tidy, unit-asan,
# unit-release, integration, e2e, bench, clean.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

BIN := build/release/latchkey
# C++ sources we own (node_modules may carry C++ of its own).
CXX_FILES = find $(wildcard src tests bench) -path '*/node_modules' -prune -o \
	-type f \( -name '*.cpp' -o -name '*.hpp' \) -print0

.PHONY: deps deps-test build release server run format format-check layering tidy unit-asan unit-release \
	integration e2e test bench clean

# What building and running the server needs (toolchain, libraries).
deps:
	scripts/install-deps.sh run

# That, plus what the checks, tests and benchmarks need (GoogleTest, clang-tidy-16, Node.js and
# the npm test packages, Chromium, wrk).
deps-test:
	scripts/install-deps.sh test

build: deps release

release:
	cmake --preset release
	cmake --build --preset release

# Only the server binary of the release build (what integration and e2e drive).
server:
	cmake --preset release
	cmake --build --preset release --target latchkey

run: build
	mkdir -p var
	exec $(BIN) serve --kickstart kickstart/demo.json

format:
	$(CXX_FILES) | xargs -0 -r clang-format -i

format-check:
	$(CXX_FILES) | xargs -0 -r clang-format --dry-run --Werror

# Which folder may include which (docs/ARCHITECTURE.md); fails on a forbidden include.
layering:
	scripts/check-layering.sh

# Unit tests under AddressSanitizer + UndefinedBehaviorSanitizer, and the layering probes.
unit-asan:
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

unit-release: release
	ctest --preset release

# .clang-tidy's checks over every server source the release build compiles, and the headers
# they include (HeaderFilterRegex; headers are seen through the include roots under
# build/release/include/); any finding fails. Test code (*_test.cpp, store/contract/) is left
# out: it would double tidy's ten-odd minutes on a 2-core CI machine, and it is compiled with
# -Werror. Needs the release build's compile_commands.json, include roots and generated files,
# which configuring writes; it builds nothing.
tidy:
	cmake --preset release
	run-clang-tidy-16 -p build/release -quiet -j $$(nproc) \
	  '^$(CURDIR)/src/(?!store/contract/)(?!.*_test\.cpp$$)' > build/tidy.log 2>&1 \
	  || { grep -E -A3 '(warning|error):' build/tidy.log; echo 'tidy: findings above (build/tidy.log)'; exit 1; }
	@echo 'tidy: no findings'

# The real binary driven by FusionAuth's official client (tests/integration).
integration: server
	cd tests/integration && LATCHKEY_BIN=$(abspath $(BIN)) npm test

# A real browser (Debian's Chromium via playwright-core) through the hosted pages (tests/e2e).
e2e: server
	cd tests/e2e && LATCHKEY_BIN=$(abspath $(BIN)) npm test

# Cheap checks first; tidy after the unit tests, so its ten-odd minutes never hide a failing test.
# Every unit test runs once, under ASan+UBSan (unit-release repeats them on the release build
# and is left out to keep CI within its time); the release build makes only the server binary.
test: deps-test
	$(MAKE) --no-print-directory format-check
	$(MAKE) --no-print-directory layering
	$(MAKE) --no-print-directory unit-asan
	$(MAKE) --no-print-directory tidy
	$(MAKE) --no-print-directory integration
	$(MAKE) --no-print-directory e2e

# Google Benchmark micro-benchmarks (bench/*.cpp), built by their own preset so that release
# builds none. The load scripts drive the release server with wrk; see the note printed below.
bench: deps-test
	cmake --preset bench
	cmake --build --preset bench
	build/bench/bench/crypto_bench
	build/bench/bench/http_bench
	@echo 'Load tests of the running server (wrk on loopback, build/release/latchkey by default;'
	@echo 'make release first, or set LATCHKEY_BIN): bench/jwt_validate.sh, bench/oauth_grants.sh'
	@echo '(password, refresh, introspect and client_credentials HS256/RS256 rows),'
	@echo 'bench/refresh_exchange.sh, bench/webhook_isolation.sh (each says its options at its top).'

clean:
	rm -rf build
