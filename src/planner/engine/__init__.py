"""The projection engine (numpy): plan snapshot in, partial results out. No Qt, no SQLAlchemy.

Filled in by the projection-engine issue; the package exists now so the layer contracts hold.
"""
