#!/usr/bin/env bash
# `make test-package`: the .deb `make package` built, installed into this machine the way a
# student installs it (dpkg -i), used (`sandpit --version`, `sandpit labs`, the app's window under
# Xvfb), then removed (dpkg -r) with nothing of it left behind. Needs root (or sudo), Xvfb and
# xwininfo. Refuses to run where a `sandpit` package or a `sandpit` command already exists:
# it never replaces what someone installed (in CI, one a killed run of this test left is purged).
set -euo pipefail
deb=${1:?usage: deb.sh PACKAGE.deb}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
name=$(dpkg-deb --field "$deb" Package)
fail() { echo "test-package: $*" >&2; exit 1; }

# Anything but "not installed" (un/pn): installed, half-installed, or its configuration left.
# CI sets SANDPIT_PURGE_LEFT_BY_TEST=1: there a package of ours (same maintainer) can only be one
# a killed earlier run left, since this script removes it however it ends; it is purged, loudly.
state=$(dpkg-query -W -f='${db:Status-Abbrev}|${Maintainer}' "$name" 2>/dev/null || true)
case $state in
  "" | u* | p*) ;;
  *"|$(dpkg-deb --field "$deb" Maintainer)")
    [ -n "${SANDPIT_PURGE_LEFT_BY_TEST:-}" ] ||
      fail "a '$name' package is already on this machine; remove it first (dpkg --purge $name)"
    echo "== purging the '$name' package an interrupted earlier run left (dpkg status: ${state%%|*})"
    $SUDO dpkg --purge "$name" >/dev/null ;;
  *) fail "a '$name' package is already on this machine; remove it first (dpkg --purge $name)" ;;
esac
for bin in sandpit sandpit-desktop; do
  [ ! -e "/usr/bin/$bin" ] || fail "/usr/bin/$bin exists and is not ours to replace"
done

echo "== dpkg -i $(basename "$deb")"
dpkg-deb --field "$deb" Depends | grep -q "libwebkit2gtk-4.1-0" || fail "Depends lacks libwebkit2gtk-4.1-0"
$SUDO dpkg -i "$deb" >/dev/null
files=$(dpkg -L "$name" | while read -r f; do [ -f "$f" ] && echo "$f"; done)
trap '$SUDO dpkg -r "$name" >/dev/null 2>&1 || true' EXIT

scratch=$(mktemp -d)
trap '$SUDO dpkg -r "$name" >/dev/null 2>&1 || true; kill "${xvfb:-0}" "${app:-0}" 2>/dev/null || true; rm -rf "$scratch"' EXIT
export HOME="$scratch" SANDPIT_DATA_DIR="$scratch/data"

/usr/bin/sandpit --version
/usr/bin/sandpit labs --lang en | grep -q three-tier-vpc || fail "sandpit labs lists no three-tier-vpc"
entry=$(echo "$files" | grep '^/usr/share/applications/.*\.desktop$') || fail "no menu entry"
desktop-file-validate "$entry"
grep -q "^Exec=sandpit-desktop" "$entry" || fail "the menu entry does not start sandpit-desktop: $(grep ^Exec "$entry")"
echo "$files" | grep -q '^/usr/share/icons/hicolor/.*\.png$' || fail "no icon"

echo "== the app's window under Xvfb"
for n in $(seq 150 199); do [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }; done
Xvfb "$display" -screen 0 1280x820x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1
sleep 1
/usr/bin/sandpit-desktop >"$scratch/app.log" 2>&1 &
app=$!
for _ in $(seq 1 60); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"Sandpit"'; then found=1; break; fi
  kill -0 "$app" 2>/dev/null || fail "the app ended: $(cat "$scratch/app.log")"
  sleep 1
done
[ -n "${found:-}" ] || fail "no window named Sandpit within 60 s: $(cat "$scratch/app.log")"
echo "window: $(xwininfo -root -tree | grep '"Sandpit"' | head -1 | sed 's/^ *//')"
kill "$app"; wait "$app" 2>/dev/null || true

echo "== dpkg -r $name"
$SUDO dpkg -r "$name" >/dev/null
left=$(for f in $files; do [ -e "$f" ] && echo "$f"; done || true)
[ -z "$left" ] || fail "dpkg -r left: $left"
echo "test-package: installed, used, removed; nothing left ($(echo "$files" | wc -l) files)"
