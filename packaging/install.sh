#!/usr/bin/env bash
# Builds Passive Income Planner and installs it for the current user: the app in
# ~/.local/share/passive-income-planner/app, `planner` in ~/.local/bin, a menu entry with its icon,
# and plan files (*.plan) opening in the app on a double-click.
# Usage: packaging/install.sh [--no-build]     (--no-build installs the existing dist/planner)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
  "") "$root/packaging/build.sh" ;;
  --no-build) ;;
  *) echo "usage: packaging/install.sh [--no-build]" >&2; exit 2 ;;
esac
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
# Exec: quoted for paths with spaces (Desktop Entry spec), with sed's own special characters escaped.
exec_path="$(printf '%s' "$target/planner" | sed -e 's/[\\&|]/\\&/g')"
sed -e "s|@EXEC@|\"$exec_path\"|" -e "s|@ICON@|passive-income-planner|" \
  "$root/resources/planner.desktop.in" > "$data/applications/passive-income-planner.desktop"

# Refresh the desktop's caches where the tools exist (they do on desktop systems); say when one fails.
refresh() {
  if command -v "$1" >/dev/null; then "$@" >/dev/null 2>&1 || echo "install: warning: '$*' failed" >&2; fi
}
refresh update-mime-database "$data/mime"
refresh update-desktop-database "$data/applications"
refresh xdg-mime default passive-income-planner.desktop application/x-passive-income-plan
echo "installed: $target (run 'planner', or open it from the menu; .plan files open in it)"
