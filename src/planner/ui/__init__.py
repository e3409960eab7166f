"""Qt widgets, item models and charts (the only layer besides app that imports QtWidgets)."""
