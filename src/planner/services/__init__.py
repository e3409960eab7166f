"""Use cases: opening, creating, importing and exporting plans, and every change as a command."""
