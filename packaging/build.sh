#!/usr/bin/env bash
# Builds the one-folder app (dist/planner/planner) with PyInstaller in its own virtual environment,
# runs the frozen app's self-test offscreen, packs the compressed download
# (dist/passive-income-planner-VERSION-linux-ARCH.tar.xz) and prints the sizes and start times.
# Usage: packaging/build.sh        (from anywhere; needs python3 >= 3.11, binutils, xz and the Qt system libraries)
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
# So may SQLAlchemy's compiled modules (9 MB, 2 MB without): strip every library that has them.
if command -v strip >/dev/null; then
  strip --strip-debug "$root"/dist/planner/_internal/libpython3*.so* "$root"/dist/planner/_internal/python3*/lib-dynload/*.so
  find "$root/dist/planner" -type f -name '*.so*' | while read -r library; do
    if readelf -S "$library" 2>/dev/null | grep -q '\.debug_info'; then strip --strip-debug "$library"; fi
  done
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
# Process start to the window shown and idle, five starts after one left out (planner.app.start_bench).
"$venv/bin/python" -m planner.app.start_bench --executable "$app" --runs 5

# The compressed download: the same folder, named with the version, in one .tar.xz.
version="$("$venv/bin/python" -c 'import planner; print(planner.__version__)')"
name="passive-income-planner-$version-linux-$(uname -m)"
rm -f "$root/dist/$name.tar.xz"
tar -C "$root/dist" --transform "s,^planner,$name," -cf - planner | xz -T0 -6 > "$root/dist/$name.tar.xz"
echo "download: dist/$name.tar.xz, $(du -m --apparent-size "$root/dist/$name.tar.xz" | cut -f1) MB"
