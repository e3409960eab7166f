#!/usr/bin/env bash
# Builds Passive Income Planner and installs it for the current user: the app in
# ~/.local/share/passive-income-planner/app, `planner` in ~/.local/bin, a menu entry with its icon,
# and plan files (*.plan) opening in the app on a double-click.
# Usage: packaging/install.sh [--no-build]     (--no-build installs the existing dist/planner)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ "${1:-}" = "--no-build" ] || "$root/packaging/build.sh"
[ -x "$root/dist/planner/planner" ] || { echo "install: no build in dist/planner; run packaging/build.sh" >&2; exit 1; }

data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
target="$data/passive-income-planner/app"
mkdir -p "$bin" "$data/applications" "$data/icons/hicolor/scalable/apps" "$data/mime/packages" "$(dirname "$target")"
rm -rf "$target.new"
cp -a "$root/dist/planner" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
ln -sf "$target/planner" "$bin/planner"

cp "$root/resources/planner.svg" "$data/icons/hicolor/scalable/apps/passive-income-planner.svg"
cp "$root/resources/passive-income-planner.xml" "$data/mime/packages/passive-income-planner.xml"
sed -e "s|@EXEC@|$target/planner|" -e "s|@ICON@|passive-income-planner|" \
  "$root/resources/planner.desktop.in" > "$data/applications/passive-income-planner.desktop"

# Refresh the desktop's caches where the tools exist (they do on desktop systems).
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v xdg-mime >/dev/null && xdg-mime default passive-income-planner.desktop application/x-passive-income-plan \
  >/dev/null 2>&1 || true
echo "installed: $target (run 'planner', or open it from the menu; .plan files open in it)"
