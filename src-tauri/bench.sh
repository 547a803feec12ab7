#!/usr/bin/env bash
# Desktop benchmark (`make bench-desktop`): cold start to first paint and resident memory of the
# release build, over a few runs. Uses the current display, or starts Xvfb when there is none.
set -euo pipefail
BIN=${1:?usage: bench.sh PATH-TO-sandpit-desktop [RUNS]}
RUNS=${2:-5}
cleanup() { [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb >/dev/null || { echo "Xvfb is missing: run 'make deps-test' (installs xvfb)" >&2; exit 1; }
  for n in $(seq 150 190); do [ -e /tmp/.X11-unix/X$n ] || break; done
  Xvfb ":$n" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 & XVFB_PID=$!
  export DISPLAY=":$n"
  for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$n ] && break; sleep 0.1; done
fi
DATA=$(mktemp -d)
export SANDPIT_DATA_DIR=$DATA SANDPIT_DESKTOP_BENCH=1 AWS_EC2_METADATA_DISABLED=true WEBKIT_DISABLE_COMPOSITING_MODE=1
echo "desktop: $BIN ($(du -h "$BIN" | cut -f1)), $RUNS runs, display $DISPLAY"
printf '%-5s %22s %22s %14s\n' run "launch→paint (ms)" "process→paint (ms)" "RSS (MiB)"
paint=(); rss=()
for i in $(seq "$RUNS"); do
  start=$(date +%s%3N)
  line=$(timeout 60 "$BIN" 2>/dev/null | grep -m1 '^first_paint_ms=' || true)
  [ -n "$line" ] || { echo "run $i: the window never reported its first paint" >&2; exit 1; }
  inapp=$(sed -E 's/.*first_paint_ms=([0-9]+).*/\1/' <<<"$line")
  at=$(sed -E 's/.*painted_at_ms=([0-9]+).*/\1/' <<<"$line")
  kib=$(sed -E 's/.*rss_kib=([0-9]+).*/\1/' <<<"$line")
  wall=$((at - start))
  paint+=("$wall"); rss+=("$kib")
  printf '%-5s %22s %22s %14s\n' "$i" "$wall" "$inapp" "$(awk -v k="$kib" 'BEGIN{printf "%.1f", k/1024}')"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
echo "median launch→first paint: $(median "${paint[@]}") ms; median resident memory (app + WebKit processes): $(awk -v k="$(median "${rss[@]}")" 'BEGIN{printf "%.1f", k/1024}') MiB"
rm -rf "$DATA"
