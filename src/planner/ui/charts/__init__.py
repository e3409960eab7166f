"""pyqtgraph charts of a projection. Every item is created once and updated in place with setData."""
