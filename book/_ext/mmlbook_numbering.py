"""Figures, equations and exercises numbered within each course, as its chapters are.

Each course is a numbered toctree of its own, and its chapters are numbered from 1
(``use_multitoc_numbering: false``). Sphinx numbers a figure ``(chapter, count)`` with one
counter per chapter number for the whole book, so the first chapter of the Calculus part
continued the count of the first chapter of Linear Algebra: its first figure read
"Fig. 1.11" and its first exercise "Exercise 1.6". Here every numbered toctree counts
its own figures, equations and exercises (every enumerable kind) from 1.

Sphinx recomputes the numbers whenever a page changes and rewrites each page whose
numbers differ from those kept from the last build. It computes figure numbers its own
way, and chapter numbers continuously through the book (sphinx-external-toc restarts them
in each part only afterwards). So before it recomputes, it is handed back the numbers it
would itself have kept: its own figure numbers, kept aside in
``env.mmlbook_sphinx_fignumbers``, and chapter numbers made continuous again. It then
rewrites only the pages whose numbers really changed, instead of every page after the
first part at every build.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterator

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

FigureNumbers = dict[str, dict[str, dict[str, tuple[int, ...]]]]  # doc -> kind -> id -> number

SPHINX_NUMBERS = "mmlbook_sphinx_fignumbers"


def numbered_parts(env: BuildEnvironment) -> list[tuple[int, list[str]]]:
    """Each numbered toctree of the root page: its number of chapters, and its documents
    (chapters and the pages under them) in reading order."""
    parts = []
    for toctree in env.get_doctree(env.config.root_doc).findall(addnodes.toctree):
        if toctree.get("numbered"):
            chapters = [doc for _, doc in toctree["entries"] if doc in env.all_docs]
            parts.append((len(chapters), list(_reading_order(env, chapters))))
    return parts


def _reading_order(env: BuildEnvironment, docnames: list[str]) -> Iterator[str]:
    for docname in docnames:
        if docname in env.all_docs:
            yield docname
            yield from _reading_order(env, env.toctree_includes.get(docname, []))


def renumber_within_parts(
    parts: list[tuple[int, list[str]]], numbers: FigureNumbers
) -> FigureNumbers:
    """Sphinx's numbers with each part's counters started from 1.

    Within a part the order of Sphinx's numbers is kept; only the last component (the
    count under a chapter number) changes.
    """
    renumbered = copy.deepcopy(numbers)
    for _, part in parts:
        counters: dict[tuple[str, tuple[int, ...]], int] = defaultdict(int)
        for docname in part:
            for kind, by_id in renumbered.get(docname, {}).items():
                for node_id in sorted(by_id, key=by_id.__getitem__):
                    *prefix, _ = by_id[node_id]
                    counters[kind, tuple(prefix)] += 1
                    by_id[node_id] = (*prefix, counters[kind, tuple(prefix)])
    return renumbered


def give_sphinx_its_own_numbers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if hasattr(env, SPHINX_NUMBERS):
        env.toc_fignumbers = getattr(env, SPHINX_NUMBERS)
    chapters_before = 0
    for chapters, part in numbered_parts(env):
        for docname in part:
            env.toc_secnumbers[docname] = {
                anchor: (number[0] + chapters_before, *number[1:]) if number else number
                for anchor, number in env.toc_secnumbers.get(docname, {}).items()
            }
        chapters_before += chapters
    return []


def number_within_parts(app: Sphinx, env: BuildEnvironment) -> list[str]:
    setattr(env, SPHINX_NUMBERS, copy.deepcopy(env.toc_fignumbers))
    env.toc_fignumbers = renumber_within_parts(numbered_parts(env), env.toc_fignumbers)
    return []


def setup(app: Sphinx) -> None:
    # Sphinx's own numbering is an env-get-updated handler at the default priority, 500.
    app.connect("env-get-updated", give_sphinx_its_own_numbers, priority=400)
    app.connect("env-get-updated", number_within_parts, priority=600)

