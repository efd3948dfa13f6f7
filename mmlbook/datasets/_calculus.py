"""Data sets of the calculus chapters."""

__all__: list[str] = []
