"""Composition root: command line, startup, paths and wiring. Nothing imports app."""
