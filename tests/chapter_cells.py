"""Run the code cells of a MyST chapter in one IPython shell, in this process.

    python tests/chapter_cells.py book/pca/pca.md [--skip-tag remove-cell] [--show X.shape]

The cells run in order, in the chapter's folder, as the build runs them, but without a
kernel: no sockets between two processes, so nothing to lose under load. Cells carrying
one of the ``--skip-tag`` tags are left out. The first cell that raises stops the run:
its number and source go to stderr (the traceback is IPython's), and the exit status is 1.
After a run without error, each ``--show`` expression is evaluated in the chapter's
namespace and printed as ``expression = repr(value)``, one a line.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jupytext


def code_cells(path: Path, skip_tags: frozenset[str] = frozenset()) -> list[str]:
    """The sources of the chapter's code cells in order, without those tagged ``skip_tags``."""
    notebook = jupytext.read(path)
    return [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and not skip_tags & set(cell.metadata.get("tags", []))
    ]


def run(path: Path, skip_tags: frozenset[str] = frozenset(), show: tuple[str, ...] = ()) -> int:
    """Run the cells; 0 if every one ran, else 1 after reporting the one that failed."""
    from IPython.core.interactiveshell import InteractiveShell

    cells = code_cells(path, skip_tags)
    os.chdir(path.parent)
    shell = InteractiveShell.instance()
    for number, source in enumerate(cells, start=1):
        if not shell.run_cell(source, silent=True).success:
            print(f"{path}: code cell {number} of {len(cells)} failed:\n{source}", file=sys.stderr)
            return 1
    for expression in show:
        print(f"{expression} = {shell.ev(expression)!r}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapter", type=Path)
    parser.add_argument("--skip-tag", action="append", default=[])
    parser.add_argument("--show", action="append", default=[])
    arguments = parser.parse_args()
    sys.exit(run(arguments.chapter.resolve(), frozenset(arguments.skip_tag), tuple(arguments.show)))
