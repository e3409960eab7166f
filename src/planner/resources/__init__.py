"""Files the app loads at run time (icon), read with importlib.resources so they work frozen."""
