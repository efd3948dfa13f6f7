"""Data sets of the pca chapters."""

__all__: list[str] = []
