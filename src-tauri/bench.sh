#!/usr/bin/env bash
# Desktop benchmark (`make bench-desktop`): cold start to first paint and memory of the release
# build over a few runs, as shipped and with WebKitGTK's own defaults (SANDPIT_WEBKIT_DEFAULTS=1:
# GPU compositing, the web browser's cache model). Memory per process: RSS counts a shared library
# in every process that maps it, PSS shares it out, so the PSS total is what the app really holds.
# Uses the current display, or starts Xvfb when there is none.
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
# The app decides WebKit's compositing itself; a value left in the caller's environment would
# make both configurations the same.
unset WEBKIT_DISABLE_COMPOSITING_MODE
export SANDPIT_DESKTOP_BENCH=1 AWS_EC2_METADATA_DISABLED=true
mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
echo "desktop: $BIN ($(du -h "$BIN" | cut -f1)), $RUNS runs per configuration, display $DISPLAY"
for config in shipped webkit-defaults; do
  defaults=0; [ "$config" = webkit-defaults ] && defaults=1
  echo
  echo "== $config"
  printf '%-4s %18s %18s %10s %10s  %s\n' run "launch→paint ms" "process→paint ms" "RSS MiB" "PSS MiB" "per process: RSS/PSS MiB"
  paint=(); rss=(); pss=()
  for i in $(seq "$RUNS"); do
    data=$(mktemp -d)
    start=$(date +%s%3N)
    line=$(SANDPIT_DATA_DIR=$data SANDPIT_WEBKIT_DEFAULTS=$defaults timeout 60 "$BIN" 2>/dev/null \
      | grep -m1 '^first_paint_ms=' || true)
    rm -rf "$data"
    [ -n "$line" ] || { echo "run $i: the window never reported its first paint" >&2; exit 1; }
    field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$line"; }
    wall=$(($(field painted_at_ms) - start))
    paint+=("$wall"); rss+=("$(field rss_kib)"); pss+=("$(field pss_kib)")
    procs=$(tr ',' '\n' <<<"$(field procs)" | awk -F: '{printf "%s %.0f/%.0f  ", $1, $2/1024, $3/1024}')
    printf '%-4s %18s %18s %10s %10s  %s\n' "$i" "$wall" "$(field first_paint_ms)" \
      "$(mib "$(field rss_kib)")" "$(mib "$(field pss_kib)")" "$procs"
  done
  echo "median ($config): launch→first paint $(median "${paint[@]}") ms; memory of the app and its WebKit processes: PSS $(mib "$(median "${pss[@]}")") MiB (RSS summed $(mib "$(median "${rss[@]}")") MiB)"
done
