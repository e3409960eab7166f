#!/usr/bin/env bash
# Builds the one-folder app (dist/planner/planner) with PyInstaller in its own virtual environment,
# runs the frozen app's self-test offscreen, and prints the bundle's size and cold start time.
# Usage: packaging/build.sh        (from anywhere; needs python3 >= 3.11 and the Qt system libraries)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv="$root/.build-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q ".[package]"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$root/dist" --workpath "$root/build" \
  packaging/planner.spec
app="$root/dist/planner/planner"
# Python's own libraries may carry debug symbols (most of libpython's 22 MB); nothing needs them.
# (Not numpy's OpenBLAS: stripping it breaks its page alignment.)
if command -v strip >/dev/null; then
  strip --strip-debug "$root"/dist/planner/_internal/libpython3*.so* "$root"/dist/planner/_internal/python3*/lib-dynload/*.so
fi
# PyInstaller still links the left-out network library at the top level: that link points nowhere.
find "$root/dist/planner" -xtype l -delete
if find "$root/dist/planner" -name 'libQt6Network*' | grep -q .; then
  echo "build: Qt's network library is in the bundle" >&2; exit 1
fi
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
# The self-test starts the frozen app cold: Qt, the demo plan, the main window, a JSON round trip.
start=$(date +%s%N)
QT_QPA_PLATFORM=offscreen PLANNER_HOME="$home" "$app" --self-test
end=$(date +%s%N)
echo "bundle: $(du -sm "$root/dist/planner" | cut -f1) MB in dist/planner"
echo "self-test from a cold start: $(( (end - start) / 1000000 )) ms"
