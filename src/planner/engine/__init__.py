"""The projection engine (numpy): plan snapshot in, partial results out. No Qt, no SQLAlchemy.

inputs.py (the float boundary) -> market.py (shared shocks) -> streams/ (one model per kind) ->
assembly.py (side by side) -> household.py (the month loop) -> metrics.py (what users read);
projection.py runs it all chunk by chunk. See docs/engine.md.
"""
