"""The sandpit game: probe a hidden pit for the lost phone, in a notebook.

:class:`SandpitGame` holds the rules (probe → depth, and optionally the slope) and can be
tested without a browser; :func:`sandpit_game` wraps it in ipywidgets for Binder or a
local JupyterLab.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mmlbook._validation import check_positive_int, check_real
from mmlbook.calculus.sandpit import Pit, intro_pit

__all__ = ["Probe", "SandpitGame", "sandpit_game"]


@dataclass(frozen=True, eq=False)
class Probe:
    """One probe of the game: where, how deep, the slope there (if shown), and whether
    the phone was found."""

    x: float
    y: float
    depth: float
    slope: np.ndarray | None
    found: bool


class SandpitGame:
    """The rules of the sandpit game, without any widgets.

    A probe at ``(x, y)`` reports the depth there (and, with ``show_slope``, the Jacobian);
    the phone is found when a probe lands within ``tolerance`` of the pit's deepest point.
    Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    pit : Pit, optional
        The hidden pit; :func:`~mmlbook.calculus.intro_pit` by default.
    show_slope : bool, default False
        Report the Jacobian at each probe.
    tolerance : float, default 0.15
        How close to the deepest point counts as finding the phone (> 0).

    Raises
    ------
    TypeError
        If ``pit`` is not a :class:`~mmlbook.calculus.Pit`.
    ValueError
        If ``tolerance <= 0``.

    Examples
    --------
    >>> game = SandpitGame()
    >>> probe = game.probe(3.0, 3.0)
    >>> round(probe.depth, 2), probe.found
    (-16.9, False)
    >>> game.probe(1.21, 4.01).found
    True
    """

    def __init__(self, pit: Pit | None = None, show_slope: bool = False, tolerance: float = 0.15):
        chosen = intro_pit() if pit is None else pit
        if not isinstance(chosen, Pit):
            raise TypeError(f"pit must be a Pit, got {type(chosen).__name__}")
        self.pit = chosen
        self.show_slope = bool(show_slope)
        self.tolerance = check_real(tolerance, "tolerance", low=0.0, low_inclusive=False)
        self.phone = chosen.deepest_point()
        self.probes: list[Probe] = []

    @property
    def found(self) -> bool:
        """Whether some probe has found the phone."""
        return any(p.found for p in self.probes)

    def probe(self, x: float, y: float) -> Probe:
        """Probe the pit at ``(x, y)`` and record it.

        Parameters
        ----------
        x, y : float
            A point inside ``[0, size]²``.

        Returns
        -------
        Probe
            Depth, slope (if shown) and whether the phone was found.

        Raises
        ------
        TypeError
            If a coordinate is not a real number.
        ValueError
            If the point lies outside the pit.
        """
        size = self.pit.size
        px = check_real(x, "x", low=0.0, high=size)
        py = check_real(y, "y", low=0.0, high=size)
        slope = self.pit.gradient(px, py) if self.show_slope else None
        result = Probe(
            x=px,
            y=py,
            depth=float(self.pit(px, py)),
            slope=slope,
            found=bool(np.hypot(px - self.phone[0], py - self.phone[1]) <= self.tolerance),
        )
        self.probes.append(result)
        return result

    def describe(self, probe: Probe) -> str:
        """A one-line report of a probe, as the game shows it.

        Parameters
        ----------
        probe : Probe
            A probe of this game.

        Returns
        -------
        str
            The report.
        """
        # Number the probe by its place in this game (by identity: probes hold arrays).
        number = next((k + 1 for k, p in enumerate(self.probes) if p is probe), len(self.probes))
        text = f"Probe {number} at ({probe.x:.2f}, {probe.y:.2f}): depth {probe.depth:.2f}"
        if probe.slope is not None:
            text += f", slope J = [{probe.slope[0]:.2f}, {probe.slope[1]:.2f}]"
        if probe.found:
            text += f" -- you found the phone in {number} probes!"
        return text


def sandpit_game(pit: Pit | None = None, show_slope: bool = False, cells: int = 12) -> object:
    """An ipywidgets game: click a cell or type coordinates to probe a hidden pit.

    Each clicked cell shows its depth and is coloured by it, so the map of the pit
    appears probe by probe. Needs ``ipywidgets`` (``pip install mmlbook[interactive]``).
    Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    pit : Pit, optional
        The hidden pit; the intro pit by default.
    show_slope : bool, default False
        Also report the slope (the Jacobian) at each probe.
    cells : int, default 12
        Cells per side of the clickable grid (at most 30).

    Returns
    -------
    ipywidgets.VBox
        The game; display it in a notebook.

    Raises
    ------
    TypeError
        If ``pit`` is not a Pit or ``cells`` not an integer.
    ValueError
        If ``cells`` is out of range.
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> widget = sandpit_game(cells=4)
    >>> type(widget).__name__
    'VBox'
    """
    import ipywidgets as widgets
    from matplotlib import colormaps, colors

    game = SandpitGame(pit, show_slope=show_slope)
    n = check_positive_int(cells, "cells", maximum=30)
    size = game.pit.size
    # Colour depths on the scale of the whole pit, so that colours compare across probes.
    ticks = np.linspace(0.0, size, 60)
    heights = game.pit(*np.meshgrid(ticks, ticks))
    norm = colors.Normalize(float(heights.min()), float(heights.max()))
    cmap = colormaps["viridis"]

    status = widgets.HTML("Click a cell, or type a point and press <b>Probe</b>.")
    history = widgets.HTML("")
    x_box = widgets.BoundedFloatText(value=3.0, min=0.0, max=size, step=0.1, description="x")
    y_box = widgets.BoundedFloatText(value=3.0, min=0.0, max=size, step=0.1, description="y")
    go = widgets.Button(description="Probe", button_style="primary")

    def report(probe: Probe) -> None:
        status.value = game.describe(probe)
        best = min(game.probes, key=lambda p: p.depth)
        history.value = (
            f"{len(game.probes)} probes; deepest so far {best.depth:.2f} "
            f"at ({best.x:.2f}, {best.y:.2f})"
        )

    def on_cell(button: widgets.Button) -> None:
        probe = game.probe(*button.centre)
        button.description = f"{probe.depth:.0f}"
        shade = float(norm(probe.depth))
        button.style.button_color = colors.to_hex(cmap(shade))
        # viridis is dark at the bottom of its range: write on it in white.
        button.style.text_color = "white" if shade < 0.5 else "black"
        report(probe)

    buttons = []
    for row in range(n):
        for col in range(n):
            button = widgets.Button(
                description="",
                layout=widgets.Layout(width="40px", height="28px", padding="0px"),
                tooltip=f"({(col + 0.5) * size / n:.2f}, {(n - row - 0.5) * size / n:.2f})",
            )
            # Row 0 is drawn at the top, so it holds the largest y.
            button.centre = ((col + 0.5) * size / n, (n - row - 0.5) * size / n)
            button.on_click(on_cell)
            buttons.append(button)
    grid = widgets.GridBox(
        buttons, layout=widgets.Layout(grid_template_columns=f"repeat({n}, 40px)")
    )
    go.on_click(lambda _: report(game.probe(x_box.value, y_box.value)))
    box = widgets.VBox([grid, widgets.HBox([x_box, y_box, go]), status, history])
    box.game = game
    return box
