#!/usr/bin/env bash
# Times the same CLI commands for several builds of `sandpit`, interleaved (one run of each build
# in turn, RUNS times), and prints each build's medians: whatever else the machine does meanwhile
# falls on every build alike (`tools/release-profiles.sh` times each profile with it too): start-up,
# `labs --json`, an offline `check` and an offline `reach` (Sandpit's own work, no network).
#
# Usage: tools/compare-builds.sh BINARY...     e.g. the debug and release builds in the cache, and
#        a binary kept by `make bench-release-profiles` in ~/.cache/sandpit-release-profiles/
# Env:   RUNS  runs per command and build (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 BINARY..." >&2; exit 2; }
for bin in "$@"; do [ -x "$bin" ] || { echo "not an executable: $bin" >&2; exit 2; }; done
RUNS=${RUNS:-100}
SNAPSHOT=tests/fixtures/reach/seed.json
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
commands=(
  "version|--version"
  "labs|labs --json --data-dir $data"
  "check|check vpc-peering --snapshot $SNAPSHOT --json --data-dir $data"
  "reach|reach --snapshot $SNAPSHOT --from was-1 --to lab-db --port 3306 --json --data-dir $data"
)
declare -A times
for _ in $(seq "$RUNS"); do
  for b in $(seq $#); do
    bin=${!b}
    for c in "${commands[@]}"; do
      name=${c%%|*}
      read -r -a args <<<"${c#*|}"
      s=$(date +%s%N); "$bin" "${args[@]}" >/dev/null 2>&1 || true; e=$(date +%s%N)
      times[$b,$name]+="$(((e - s) / 1000)) "
    done
  done
done
median_ms() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]/1000}'; }
printf 'build\tversion_ms\tlabs_ms\tcheck_ms\treach_ms\n'
for b in $(seq $#); do
  row=${!b}
  for c in "${commands[@]}"; do row+=$'\t'$(median_ms "${times[$b,${c%%|*}]}"); done
  echo "$row"
done
