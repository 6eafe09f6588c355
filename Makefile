# Latchkey — the two commands a newcomer needs:
#   make run    install what is missing, build, start on SQLite with the demo kickstart
#   make test   install what is missing, build, check formatting, run every test
# Other targets: deps, build, format, format-check, layering, unit-asan, integration, e2e, clean.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

BIN := build/release/latchkey
# C++ sources we own (node_modules may carry C++ of its own).
CXX_FILES = find $(wildcard src tests bench) -path '*/node_modules' -prune -o \
	-type f \( -name '*.cpp' -o -name '*.hpp' \) -print0

.PHONY: deps build release run format format-check layering unit-asan unit-release integration e2e test clean

deps:
	scripts/install-deps.sh

build: deps release

release:
	cmake --preset release
	cmake --build --preset release

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

# Unit tests under AddressSanitizer + UndefinedBehaviorSanitizer.
unit-asan:
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

unit-release: release
	ctest --preset release

# The real binary driven by FusionAuth's official client (tests/integration).
integration: release
	cd tests/integration && LATCHKEY_BIN=$(abspath $(BIN)) npm test

# A real browser (Debian's Chromium via playwright-core) through the hosted pages (tests/e2e).
e2e: release
	cd tests/e2e && LATCHKEY_BIN=$(abspath $(BIN)) npm test

test: deps
	$(MAKE) --no-print-directory format-check
	$(MAKE) --no-print-directory layering
	$(MAKE) --no-print-directory unit-asan
	$(MAKE) --no-print-directory unit-release
	$(MAKE) --no-print-directory integration
	$(MAKE) --no-print-directory e2e

clean:
	rm -rf build
