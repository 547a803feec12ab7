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
import json, os, sys
found = {}
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    t = m.get("target", {})
    # `--all-targets` also builds each binary'"'"'s unit-test harness under the same name: skip it.
    # The uplifted `<target>/debug/<name>` is shared by every checkout; its hard-linked twin in
    # deps/ carries this checkout'"'"'s hash.
    if (m.get("reason") == "compiler-artifact" and m.get("executable") and "bin" in t.get("kind", [])
            and not m.get("profile", {}).get("test")):
        exe = m["executable"]
        if "/deps/" not in exe:
            ino = os.stat(exe).st_ino
            deps = os.path.join(os.path.dirname(exe), "deps")
            twins = [os.path.join(deps, f) for f in os.listdir(deps)
                     if f.startswith(t["name"].replace("-", "_") + "-") or f.startswith(t["name"] + "-")]
            exe = next((f for f in twins if os.stat(f).st_ino == ino and not f.endswith(".d")), exe)
        found[t["name"]] = exe
for name, var in (("sandpit", "SANDPIT_BIN"), ("sandpit-desktop", "SANDPIT_DESKTOP_BIN")):
    if name in found:
        print(f"export {var}={found[name]}")
'
