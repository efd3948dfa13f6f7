"""The book's ``glue`` where myst-nb is not installed: the chapters run in the browser.

A chapter glues the values its prose quotes with ``myst_nb.glue``, which imports Sphinx and
docutils. In the in-browser notebooks (JupyterLite, Pyodide) neither is available, so the
site's copy of each chapter imports this ``glue`` instead: the value is shown as
``myst_nb.glue`` shows it in a notebook, and there is no page to paste it into.
"""

from __future__ import annotations

from typing import Any

from mmlbook._validation import check_flag

__all__ = ["glue"]


def glue(name: str, variable: Any, display: bool = True) -> None:
    """Show a value that the book's page quotes under ``name``.

    Parameters
    ----------
    name : str
        The name the page refers to the value by; not empty.
    variable : object
        The value.
    display : bool, default True
        Whether to show the value as a cell output.

    Raises
    ------
    TypeError
        If ``name`` is not a string or ``display`` is not a boolean.
    ValueError
        If ``name`` is empty.

    Examples
    --------
    >>> glue("answer", 42, display=False)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}")
    if not name:
        raise ValueError("name must not be empty")
    if check_flag(display, "display"):
        from IPython.display import display as show

        show(variable)
