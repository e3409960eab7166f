"""The guided start: a short sequence of pages that makes a newcomer's first plan."""
