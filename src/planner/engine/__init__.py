"""The projection engine (numpy): plan snapshot in, partial results out. No Qt, no SQLAlchemy.

So far: the lognormal return model (returns.py) and compound growth with contributions
(growth.py), both checked against closed forms. The snapshot, stream mechanisms, Monte Carlo
generator and metrics come with the projection-engine issue.
"""
