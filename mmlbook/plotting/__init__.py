"""Plot helpers shared by the chapters, so that figures of one kind look alike.

Call :func:`use_book_style` once at the top of a chapter. Course-specific helpers live
in :mod:`mmlbook.plotting.linalg`, :mod:`mmlbook.plotting.calculus` and
:mod:`mmlbook.plotting.pca`.
"""

from __future__ import annotations

import matplotlib as mpl

__all__ = ["BOOK_COLORS", "use_book_style"]

#: The book's colours, in the order plots use them (colour-blind safe, Okabe--Ito).
BOOK_COLORS: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
)


def use_book_style() -> None:
    """Set matplotlib's defaults to the book's style.

    The style fixes the figure size, resolution, fonts and colour cycle so that every
    figure of the book looks the same, and so that builds are reproducible.

    Examples
    --------
    >>> from mmlbook.plotting import use_book_style
    >>> use_book_style()
    """
    mpl.rcParams.update(
        {
            "figure.figsize": (6.4, 4.0),
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "savefig.bbox": "tight",
            "axes.prop_cycle": mpl.cycler(color=BOOK_COLORS),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "font.size": 10,
            "legend.frameon": False,
            "image.cmap": "viridis",
            "svg.hashsalt": "mmlbook",
        }
    )
