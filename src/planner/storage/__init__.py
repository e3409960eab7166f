"""SQLite plan files through SQLAlchemy 2; hands out domain records, never ORM objects."""
