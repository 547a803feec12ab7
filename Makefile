# Sandpit — the two commands of the README, and the ones around them.
#   make run    install what is missing, build, start Sandpit
#   make test   install test dependencies, run every test (emulator tests included)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# Build outside the clone: the AWS SDK is gigabytes of build artefacts, reused across clones.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/sandpit-target
# moto (the AWS emulator) and the AWS CLI, in a virtualenv reused across runs.
VENV ?= $(HOME)/.cache/sandpit/venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_BUILD := build-essential pkg-config curl ca-certificates python3 python3-venv
SANDPIT := $(CARGO_TARGET_DIR)/debug/sandpit

.PHONY: run test deps deps-test lint fmt clean-venv

run: deps
	cargo build -p sandpit-cli
	@echo
	$(SANDPIT) labs
	@echo
	@$(SANDPIT) whoami || { echo; echo "(No AWS account configured yet: see README, 'Point Sandpit at an account'.)"; }

test: deps-test
	cargo build --workspace --bins
	SANDPIT_MOTO_SERVER=$(VENV)/bin/moto_server SANDPIT_AWS_CLI=$(VENV)/bin/aws \
		cargo test --workspace --no-fail-fast

lint: deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

# Debian packages and the Rust toolchain, installed only when missing.
deps:
	@missing=$$(for p in $(APT_BUILD); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v cargo >/dev/null || { \
		echo "installing the Rust toolchain (rustup)"; \
		curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy; }
	@command -v cargo >/dev/null || { echo "cargo is not on PATH: run '. ~/.cargo/env' and try again" >&2; exit 1; }

# The emulator and the AWS CLI, reinstalled when tests/requirements.txt says something else than
# what the virtualenv was built from (by content: a fresh clone has new file dates).
deps-test: deps
	@if ! cmp -s tests/requirements.txt $(VENV)/.installed; then \
		python3 -m venv --help >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq python3-venv; \
		echo "installing moto and the AWS CLI into $(VENV)"; \
		python3 -m venv $(VENV); \
		$(VENV)/bin/pip install -q --upgrade pip; \
		$(VENV)/bin/pip install -q -r tests/requirements.txt; \
		cp tests/requirements.txt $(VENV)/.installed; \
	fi

clean-venv:
	rm -rf $(VENV)
