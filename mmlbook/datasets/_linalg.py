"""Data sets of the linalg chapters."""

__all__: list[str] = []
