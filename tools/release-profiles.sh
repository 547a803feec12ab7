#!/usr/bin/env bash
# Release-profile comparison (`make bench-release-profiles`): builds what `make package` ships (the
# `sandpit` CLI and the desktop app) from cold with each candidate profile in its own throwaway
# target directory and prints, per profile, the cold build's wall and CPU time and peak memory,
# both binaries' sizes (and stripped sizes), and the median time of the CLI's start-up, `labs
# --json`, an offline `check` and an offline `reach` (CPU-bound work: an AWS check's wall time is
# the network's, the same for every profile).
#
# Each profile is a cold build of the AWS SDK and Tauri: 40–50 minutes on 2 cores.
#
# Usage: tools/release-profiles.sh [PROFILE...]   (default: all; see `profiles` below)
# Env:   SANDPIT_PROFILE_ROOT  where the throwaway target directories go (removed after each build)
#        KEEP_TARGET=DIR       build the last profile in DIR instead (its `release` directory
#                              removed first, so the build is still cold) and keep it there (e.g.
#                              the build cache, so `make package` finds it built). Built in place,
#                              not moved: build scripts (Tauri's, aws-lc's, SQLite's) hand their
#                              output folder's absolute path to the crates built after them, so a
#                              moved build fails the next time one of those runs.
#        RUNS                  runs per timed command (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${SANDPIT_PROFILE_ROOT:-$HOME/.cache/sandpit-release-profiles}
RUNS=${RUNS:-20}
OUT=$ROOT/results.tsv

# name → CARGO_PROFILE_RELEASE_* settings (Cargo reads profile settings from the environment, so
# Cargo.toml is not edited per run).
declare -A profiles=(
  [default]=""
  [thin-lto]="LTO=thin STRIP=symbols"
  [fat-lto-cu1]="LTO=fat CODEGEN_UNITS=1 STRIP=symbols"
  [fat-lto-cu1-abort]="LTO=fat CODEGEN_UNITS=1 STRIP=symbols PANIC=abort"
)
order=(default thin-lto fat-lto-cu1 fat-lto-cu1-abort)
[ $# -gt 0 ] && order=("$@")

command -v /usr/bin/time >/dev/null || { echo "GNU time is missing: run 'make deps-test'" >&2; exit 1; }
mkdir -p "$ROOT"
[ -f "$OUT" ] || printf 'profile\tsettings\tbuild_wall_s\tbuild_cpu_s\tbuild_peak_mib\tcli_mb\tcli_stripped_mb\tdesktop_mb\tdesktop_stripped_mb\tversion_ms\tlabs_ms\tcheck_ms\treach_ms\n' >"$OUT"

for name in "${order[@]}"; do
  [ -n "${profiles[$name]+x}" ] || { echo "unknown profile '$name' (known: ${order[*]})" >&2; exit 2; }
  settings=${profiles[$name]}
  target=$ROOT/target-$name
  keep=
  if [ -n "${KEEP_TARGET:-}" ] && [ "$name" = "${order[-1]}" ]; then
    target=$KEEP_TARGET keep=1
    rm -rf "$target/release"
  else
    rm -rf "$target"
  fi
  envs=()
  for kv in $settings; do envs+=("CARGO_PROFILE_RELEASE_$kv"); done
  echo "== $name (${settings:-the release defaults}): cold build into $target"
  /usr/bin/time -f '%e %U %S %M' -o "$ROOT/time-$name" \
    env CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 "${envs[@]}" \
    cargo build --release --locked --workspace --bins --features sandpit-desktop/custom-protocol
  read -r wall user sys peak_kib <"$ROOT/time-$name"
  sizes=()
  for bin in sandpit sandpit-desktop; do
    cp "$target/release/$bin" "$ROOT/$bin-$name"
    strip -o "$ROOT/$bin-$name.stripped" "$target/release/$bin"
    sizes+=("$(stat -c %s "$target/release/$bin")" "$(stat -c %s "$ROOT/$bin-$name.stripped")")
    rm "$ROOT/$bin-$name.stripped"
  done
  [ -n "$keep" ] || rm -rf "$target"
  # The same commands and medians as tools/compare-builds.sh, for this build alone.
  IFS=$'\t' read -r _ version labs check reach < <(RUNS=$RUNS tools/compare-builds.sh "$ROOT/sandpit-$name" | tail -1)
  row=$(awk -v OFS='\t' -v n="$name" -v s="${settings:--}" -v w="$wall" -v u="$user" -v y="$sys" \
    -v p="$peak_kib" -v z="${sizes[*]}" -v a="$version" -v b="$labs" -v c="$check" -v d="$reach" \
    'BEGIN{split(z, m, " "); printf "%s\t%s\t%.0f\t%.0f\t%.0f\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s\t%s\n", n, s, w, u+y, p/1024, m[1]/1e6, m[2]/1e6, m[3]/1e6, m[4]/1e6, a, b, c, d}')
  echo "$row" | tee -a "$OUT"
done
echo "results: $OUT"
column -t -s $'\t' "$OUT"
