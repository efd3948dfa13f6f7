"""Write the pages on every core, and resolve references without repeating work per reference.

Three costs of Sphinx 7.4's writing phase, measured on this book with every chapter's outputs
already cached (the whole Sphinx pass about 31 s on 2 cores, writing about a third of it):

1. **Serial writing.** jupyter-book 1.x has no option for Sphinx's parallel build (``-j``).
   Reading stays serial, since it waits for the chapters as they run
   (``mmlbook_execution``); writing comes after every chapter has run and has the cores to
   itself. Once the environment is complete (``env-updated``) the build is made parallel:
   the main process resolves each page's references and child processes, one per core,
   turn the pages into HTML.
2. **Numbered references.** For each ``{numref}`` Sphinx's standard domain unpickles the
   whole doctree of the page that holds the target, only to read the target's kind and
   caption; the book's 120 such references unpickled 20 pages 120 times. Here each target
   page is unpickled once per build and only read, never changed, by those lookups.
3. **Citations.** For each citation sphinxcontrib-bibtex asks pybtex for its plain-text
   backend, and pybtex searches every installed distribution's entry points for it: 83
   searches, about 1.5 s of the serial part of writing. The answer cannot change during a
   build (the plugins are registered when the extensions are set up), so it is kept.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment


def write_in_parallel(app: Sphinx, env: BuildEnvironment) -> None:
    # Sphinx writes with ``parallel - 1`` children besides the main process.
    app.parallel = max(app.parallel, len(os.sched_getaffinity(0)) + 1)


# Pages holding numbered targets, unpickled once per build (cleared when pages are re-read).
_target_doctrees: dict[str, nodes.document] = {}


def forget_target_doctrees(*args: Any) -> None:
    _target_doctrees.clear()


def unpickle_numref_targets_once() -> None:
    original = StandardDomain._resolve_numref_xref
    if getattr(original, "mmlbook_memoised", False):
        return

    def resolve(self: StandardDomain, env: BuildEnvironment, *args: Any, **kwargs: Any):
        real = env.get_doctree

        def get_doctree(docname: str) -> nodes.document:
            if docname not in _target_doctrees:
                _target_doctrees[docname] = real(docname)
            return _target_doctrees[docname]

        env.get_doctree = get_doctree  # shadows the method for this lookup only
        try:
            return original(self, env, *args, **kwargs)
        finally:
            del env.get_doctree

    resolve.mmlbook_memoised = True  # type: ignore[attr-defined]
    StandardDomain._resolve_numref_xref = resolve


def find_pybtex_plugins_once() -> None:
    import pybtex.plugin

    if not hasattr(pybtex.plugin._load_entry_point, "cache_info"):
        pybtex.plugin._load_entry_point = functools.cache(pybtex.plugin._load_entry_point)


def setup(app: Sphinx) -> None:
    unpickle_numref_targets_once()
    find_pybtex_plugins_once()
    app.connect("env-updated", forget_target_doctrees)
    app.connect("build-finished", forget_target_doctrees)
    app.connect("env-updated", write_in_parallel)
