#!/usr/bin/env sh
# Adds Passive Income Planner to the desktop menu of the current user (freedesktop.org systems).
# Usage: packaging/install-desktop-entry.sh [PATH_TO_planner_EXECUTABLE]
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
executable="${1:-$(command -v planner || true)}"
if [ -z "$executable" ]; then
  echo "install-desktop-entry: 'planner' is not on PATH; pass the path of the planner executable" >&2
  exit 1
fi
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/icons/hicolor/scalable/apps"
cp "$here/resources/planner.svg" "$data/icons/hicolor/scalable/apps/passive-income-planner.svg"
exec_path="$(printf '%s' "$executable" | sed -e 's/[\\&|]/\\&/g')"  # quoted below: paths may hold spaces
sed -e "s|@EXEC@|\"$exec_path\"|" -e "s|@ICON@|passive-income-planner|" \
  "$here/resources/planner.desktop.in" > "$data/applications/passive-income-planner.desktop"
echo "installed $data/applications/passive-income-planner.desktop"
