"""The PDF plan report: its text sections, the live view's charts as vectors, and the writer."""
