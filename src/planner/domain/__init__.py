"""Plain-Python plan records, the stream catalogue and validation (no Qt, no ORM, no numpy)."""
