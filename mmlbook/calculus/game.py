"""The sandpit game: probe a hidden pit for the lost phone, in a notebook.

:class:`SandpitGame` holds the rules (probe → depth, and optionally the slope; a budget of
probes; a warning at the bottom of the wrong well) and can be tested without a browser;
:func:`sandpit_game` wraps it in ipywidgets and matplotlib, for Binder, a local JupyterLab
or the browser.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mmlbook._validation import as_float_array, check_positive_int, check_real
from mmlbook.calculus.descent import descend
from mmlbook.calculus.sandpit import Pit, intro_pit

__all__ = ["Probe", "SandpitGame", "downhill_arrow", "follow_the_arrows", "sandpit_game"]

# Arrows for the eight compass directions, counter-clockwise from east.
_ARROWS = "→↗↑↖←↙↓↘"


def downhill_arrow(slope: np.ndarray) -> str:
    """The arrow of the eight compass directions nearest to the downhill direction ``−J``.

    Parameters
    ----------
    slope : array_like of shape (2,)
        The Jacobian ``J`` at a probe.

    Returns
    -------
    str
        One of ``→↗↑↖←↙↓↘``, or ``·`` where the sand is flat (``J = 0``).

    Raises
    ------
    TypeError
        If ``slope`` is not numeric.
    ValueError
        If it is not two finite numbers.

    Examples
    --------
    >>> downhill_arrow(np.array([1.0, 1.0]))
    '↙'
    """
    J = as_float_array(slope, "slope", ndim=1)
    if J.shape != (2,):
        raise ValueError(f"slope must have shape (2,), got {J.shape}")
    dx, dy = -J
    if dx == 0 and dy == 0:
        return "·"
    sector = int(np.round(np.arctan2(dy, dx) / (np.pi / 4))) % 8
    return _ARROWS[sector]


@dataclass(frozen=True, eq=False)
class Probe:
    """One probe of the game.

    Attributes
    ----------
    x, y : float
        Where the probe went in.
    depth : float
        The height of the sand there.
    slope : numpy.ndarray of shape (2,) or None
        The Jacobian there, if the game shows slopes.
    found : bool
        Whether the probe found the phone.
    local_minimum : bool
        Whether it landed near the bottom of a well that does not hold the phone: a
        downhill walk from it ends, within the game's ``tolerance`` of it, at a local
        minimum of the pit (on its floor or at its wall) other than the phone.
    """

    x: float
    y: float
    depth: float
    slope: np.ndarray | None
    found: bool
    local_minimum: bool


class SandpitGame:
    """The rules of the sandpit game, without any widgets.

    The pit is divided into ``cells × cells`` square cells, which the widget shows as
    buttons; a click probes the centre of a cell. A probe reports the depth there (and,
    with ``show_slope``, the Jacobian); it finds the phone when it lands within
    ``tolerance`` of the pit's deepest point. The default tolerance, three quarters of a
    cell's side, is more than half a cell's diagonal, so the centre of the cell that
    holds the phone is always close enough: the game can be won by clicking. A probe
    from which a downhill walk ends, within ``tolerance`` of the probe, at another local
    minimum of the pit is told that it is that close to the bottom of a well that does
    not hold the phone. After
    ``budget`` probes the game is over. Derived in
    :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    pit : Pit, optional
        The hidden pit; :func:`~mmlbook.calculus.intro_pit` by default.
    show_slope : bool, default False
        Report the Jacobian at each probe.
    cells : int, default 12
        Cells per side of the grid (2 to 30).
    budget : int, default 25
        Probes allowed (1 to 1000).
    tolerance : float, optional
        How close to the deepest point counts as finding the phone (> 0); three
        quarters of a cell's side by default.

    Raises
    ------
    TypeError
        If ``pit`` is not a :class:`~mmlbook.calculus.Pit`, ``show_slope`` not a bool,
        or a count not an integer.
    ValueError
        If a count or ``tolerance`` is out of range.

    Examples
    --------
    >>> game = SandpitGame()
    >>> probe = game.probe(3.0, 3.0)
    >>> round(probe.depth, 2), probe.found
    (-16.9, False)
    >>> game.probe_cell(2, 8).found  # the cell whose centre (1.25, 4.25) is nearest the phone
    True
    """

    def __init__(
        self,
        pit: Pit | None = None,
        *,
        show_slope: bool = False,
        cells: int = 12,
        budget: int = 25,
        tolerance: float | None = None,
    ):
        chosen = intro_pit() if pit is None else pit
        if not isinstance(chosen, Pit):
            raise TypeError(f"pit must be a Pit, got {type(chosen).__name__}")
        if not isinstance(show_slope, (bool, np.bool_)):
            raise TypeError(f"show_slope must be a bool, got {type(show_slope).__name__}")
        self.cells = check_positive_int(cells, "cells", maximum=30)
        if self.cells < 2:
            raise ValueError(f"cells must be at least 2, got {self.cells}")
        self.budget = check_positive_int(budget, "budget", maximum=1000)
        self.pit = chosen
        self.show_slope = bool(show_slope)
        self.cell_size = chosen.size / self.cells
        self.tolerance = (
            0.75 * self.cell_size
            if tolerance is None
            else check_real(tolerance, "tolerance", low=0.0, low_inclusive=False)
        )
        self.phone = chosen.deepest_point()
        self.probes: list[Probe] = []

    @property
    def found(self) -> bool:
        """Whether some probe has found the phone."""
        return any(p.found for p in self.probes)

    @property
    def remaining(self) -> int:
        """Probes left in the budget."""
        return self.budget - len(self.probes)

    @property
    def over(self) -> bool:
        """Whether the game has ended: the phone found or the budget spent."""
        return self.found or self.remaining == 0

    def cell_centre(self, column: int, row: int) -> tuple[float, float]:
        """The centre of a cell; columns count from the left, rows from the bottom.

        Parameters
        ----------
        column, row : int
            From 0 to ``cells − 1``.

        Returns
        -------
        tuple of float
            ``(x, y)``.

        Raises
        ------
        TypeError
            If an index is not an integer.
        ValueError
            If an index is outside the grid.
        """
        indices = []
        for value, name in ((column, "column"), (row, "row")):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
            if not 0 <= value < self.cells:
                raise ValueError(f"{name} must be between 0 and {self.cells - 1}, got {value}")
            indices.append(int(value))
        return ((indices[0] + 0.5) * self.cell_size, (indices[1] + 0.5) * self.cell_size)

    def probe(self, x: float, y: float) -> Probe:
        """Probe the pit at ``(x, y)`` and record it.

        Parameters
        ----------
        x, y : float
            A point inside ``[0, size]²``.

        Returns
        -------
        Probe
            Depth, slope (if shown), whether the phone was found, and whether the probe
            sits at the bottom of another well.

        Raises
        ------
        TypeError
            If a coordinate is not a real number.
        ValueError
            If the point lies outside the pit, or the game is over.
        """
        size = self.pit.size
        px = check_real(x, "x", low=0.0, high=size)
        py = check_real(y, "y", low=0.0, high=size)
        if self.over:
            raise ValueError("the game is over: " + self._ending())
        here = np.array([px, py])
        found = bool(np.linalg.norm(here - self.phone) <= self.tolerance)
        result = Probe(
            x=px,
            y=py,
            depth=float(self.pit(px, py)),
            slope=self.pit.gradient(px, py) if self.show_slope else None,
            found=found,
            local_minimum=not found and self._at_another_bottom(here),
        )
        self.probes.append(result)
        return result

    def _at_another_bottom(self, here: np.ndarray) -> bool:
        # Walk downhill from the probe: if the walk ends at a minimum within reach of the
        # probe, the probe sits at the bottom of its well -- and the phone is elsewhere.
        walk = descend(self.pit, here, "hybrid", max_steps=200)
        return walk.kind in ("minimum", "constrained minimum") and bool(
            np.linalg.norm(walk.end - here) <= self.tolerance
            and np.linalg.norm(walk.end - self.phone) > self.tolerance
        )

    def probe_cell(self, column: int, row: int) -> Probe:
        """Probe the centre of a cell, as a click on the widget's grid does.

        Parameters
        ----------
        column, row : int
            The cell; columns count from the left, rows from the bottom.

        Returns
        -------
        Probe
            As :meth:`probe`.

        Raises
        ------
        TypeError
            If an index is not an integer.
        ValueError
            If the cell is outside the grid, or the game is over.
        """
        return self.probe(*self.cell_centre(column, row))

    def _ending(self) -> str:
        if self.found:
            return f"you found the phone in {len(self.probes)} probes."
        x, y = self.phone
        return f"all {self.budget} probes are used; the phone was at ({x:.2f}, {y:.2f})."

    def describe(self, probe: Probe) -> str:
        """A one-line report of a probe, as the game shows it.

        Parameters
        ----------
        probe : Probe
            A probe; one of this game's is numbered by its place in the game.

        Returns
        -------
        str
            The report.

        Raises
        ------
        TypeError
            If ``probe`` is not a :class:`Probe`.
        """
        if not isinstance(probe, Probe):
            raise TypeError(f"probe must be a Probe, got {type(probe).__name__}")
        # Number the probe by its place in this game (by identity: probes hold arrays); a
        # copy of one of its probes counts as the latest probe at its point.
        same = [k + 1 for k, p in enumerate(self.probes) if p is probe]
        same = same or [
            k + 1 for k, p in enumerate(self.probes) if (p.x, p.y) == (probe.x, probe.y)
        ]
        number = same[-1] if same else None
        place = "Probe" if number is None else f"Probe {number}"
        text = f"{place} at ({probe.x:.2f}, {probe.y:.2f}): depth {probe.depth:.2f}"
        if probe.slope is not None:
            text += (
                f", slope J = [{probe.slope[0]:.2f}, {probe.slope[1]:.2f}], "
                f"downhill {downhill_arrow(probe.slope)}"
            )
        if probe.found:
            return text + f" -- you found the phone in {number or len(self.probes)} probes!"
        if probe.local_minimum:
            text += (
                f" -- within {self.tolerance:.3g} of the bottom of a well that does not hold"
                " the phone (walking downhill from here ends there)"
            )
        if number is not None and number == len(self.probes) and self.over:
            text += ". The game is over: " + self._ending()
        return text


def follow_the_arrows(game: SandpitGame, column: int, row: int) -> list[Probe]:
    """Play as someone who clicks the neighbouring cell each downhill arrow points to.

    From the cell ``(column, row)``, probe; then step to the neighbour (one of eight) in
    the compass direction of :func:`downhill_arrow`, and probe again. Stop when the
    phone is found, a probe is near the bottom of another well (its ``local_minimum``),
    the arrow points out of the pit or back to a cell already probed (the arrows go
    round in a loop), or the budget is spent. Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    game : SandpitGame
        A game that shows slopes; it records the probes.
    column, row : int
        The first cell; columns count from the left, rows from the bottom.

    Returns
    -------
    list of Probe
        The probes of this walk, in order.

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`SandpitGame` or an index is not an integer.
    ValueError
        If the game does not show slopes, is over, or the cell is outside the grid.

    Examples
    --------
    >>> game = SandpitGame(show_slope=True)
    >>> walk = follow_the_arrows(game, 1, 10)
    >>> len(walk), game.found
    (3, True)
    """
    if not isinstance(game, SandpitGame):
        raise TypeError(f"game must be a SandpitGame, got {type(game).__name__}")
    if not game.show_slope:
        raise ValueError("game must show slopes (show_slope=True) to follow the arrows")
    walk, visited = [], set()
    while True:
        probe = game.probe_cell(column, row)
        walk.append(probe)
        visited.add((column, row))
        if game.over or probe.local_minimum:
            return walk
        sector = _ARROWS.index(downhill_arrow(probe.slope)) if np.any(probe.slope) else None
        if sector is None:
            return walk
        angle = sector * np.pi / 4
        next_column = column + int(np.round(np.cos(angle)))
        next_row = row + int(np.round(np.sin(angle)))
        inside = 0 <= next_column < game.cells and 0 <= next_row < game.cells
        if not inside or (next_column, next_row) in visited:
            return walk
        column, row = next_column, next_row


def sandpit_game(
    pit: Pit | None = None, show_slope: bool = False, cells: int = 12, budget: int = 25
) -> object:
    """An ipywidgets game: click a cell or type coordinates to probe a hidden pit.

    Each clicked cell shows its depth (with ``show_slope``, also an arrow downhill) and is
    coloured by it; beside the grid a map draws every probe, with its downhill arrow,
    and reveals the phone when the game ends. Needs ``ipywidgets``
    (``pip install mmlbook[interactive]``). Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    pit : Pit, optional
        The hidden pit; the intro pit by default.
    show_slope : bool, default False
        Also report the slope (the Jacobian) at each probe.
    cells : int, default 12
        Cells per side of the clickable grid (2 to 30).
    budget : int, default 25
        Probes allowed.

    Returns
    -------
    ipywidgets.VBox
        The game; display it in a notebook. Its attribute ``game`` is the
        :class:`SandpitGame` it plays.

    Raises
    ------
    TypeError
        If ``pit`` is not a Pit, ``show_slope`` not a bool, or a count not an integer.
    ValueError
        If a count is out of range.
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> widget = sandpit_game(cells=4)
    >>> type(widget).__name__
    'VBox'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython import get_ipython
    from IPython.display import display
    from matplotlib import colors

    from mmlbook.plotting.calculus import depth_colours, plot_game

    game = SandpitGame(pit, show_slope=show_slope, cells=cells, budget=budget)
    n = game.cells
    norm, cmap = depth_colours(game.pit)

    status = widgets.HTML("Click a cell, or type a point and press <b>Probe</b>.")
    history = widgets.HTML(f"{game.budget} probes left.")
    size = game.pit.size
    x_box = widgets.BoundedFloatText(value=3.0, min=0.0, max=size, step=0.1, description="x")
    y_box = widgets.BoundedFloatText(value=3.0, min=0.0, max=size, step=0.1, description="y")
    go = widgets.Button(description="Probe", button_style="primary")
    picture = widgets.Output()

    def redraw() -> None:
        fig, ax = plt.subplots(figsize=(4.6, 4.0))
        try:
            plot_game(game, ax=ax)
            if get_ipython() is not None:  # outside a notebook there is nowhere to show it
                with picture:
                    picture.clear_output(wait=True)
                    display(fig)
        finally:
            plt.close(fig)

    def report(probe: Probe) -> None:
        status.value = game.describe(probe)
        best = min(game.probes, key=lambda p: p.depth)
        history.value = (
            f"{len(game.probes)} probes, {game.remaining} left; deepest so far "
            f"{best.depth:.2f} at ({best.x:.2f}, {best.y:.2f})"
        )
        redraw()

    def attempt(x: float, y: float) -> Probe | None:
        if game.over:
            status.value = "The game is over: " + game._ending()
            return None
        probe = game.probe(x, y)
        report(probe)
        return probe

    def on_cell(button: widgets.Button) -> None:
        probe = attempt(*game.cell_centre(*button.cell))
        if probe is None:
            return
        arrow = downhill_arrow(probe.slope) if probe.slope is not None else ""
        button.description = f"{probe.depth:.0f}{arrow}"
        shade = float(norm(probe.depth))
        button.style.button_color = colors.to_hex(cmap(shade))
        # viridis is dark at the bottom of its range: write on it in white.
        button.style.text_color = "white" if shade < 0.5 else "black"

    buttons = []
    for shown_row in range(n):
        row = n - 1 - shown_row  # the top row of buttons holds the largest y
        for column in range(n):
            x, y = game.cell_centre(column, row)
            button = widgets.Button(
                description="",
                layout=widgets.Layout(width="46px", height="28px", padding="0px"),
                tooltip=f"({x:.2f}, {y:.2f})",
            )
            button.cell = (column, row)
            button.on_click(on_cell)
            buttons.append(button)
    grid = widgets.GridBox(
        buttons, layout=widgets.Layout(grid_template_columns=f"repeat({n}, 46px)")
    )
    go.on_click(lambda _: attempt(x_box.value, y_box.value))
    redraw()
    box = widgets.VBox(
        [widgets.HBox([grid, picture]), widgets.HBox([x_box, y_box, go]), status, history]
    )
    box.game = game
    return box
