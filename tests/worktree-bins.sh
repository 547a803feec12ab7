#!/usr/bin/env bash
# Builds the workspace and prints `export` lines naming this checkout's own `sandpit` and
# `sandpit-desktop` binaries. Several checkouts (git worktrees) may share one CARGO_TARGET_DIR;
# its `debug/sandpit` is then whichever checkout linked last, so the end-to-end tests, which
# run `<target>/debug/sandpit` by default, could test another checkout's binary.
#   eval "$(tests/worktree-bins.sh)" && cargo test --workspace --test emulator
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --workspace --all-targets --message-format=json-render-diagnostics 2>/dev/null |
  python3 -c '
import json, sys
found = {}
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    t = m.get("target", {})
    if m.get("reason") == "compiler-artifact" and m.get("executable") and "bin" in t.get("kind", []):
        found[t["name"]] = m["executable"]
for name, var in (("sandpit", "SANDPIT_BIN"), ("sandpit-desktop", "SANDPIT_DESKTOP_BIN")):
    if name in found:
        print(f"export {var}={found[name]}")
'
