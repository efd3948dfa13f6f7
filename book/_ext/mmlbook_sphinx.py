"""The book's own Sphinx extension: what jupyter-book does not do for us.

1. **Offline MathJax.** MathJax 3 comes from the pinned ``django-static-mathjax`` package
   and is copied into the site's ``_static/mathjax/``, so math renders with no network.
2. **Execution: only what changed, in parallel.** A chapter runs again when its code or a
   module of ``mmlbook`` it imports (transitively) changed, and all chapters to run are
   run in parallel by jupyter-cache while Sphinx reads the other pages
   (``mmlbook_execution``).
3. **Executed downloads.** On a cache hit myst-nb 1.4 renders the cached outputs but writes
   the *unexecuted* notebook as the page's ``.ipynb`` download; we make it write the
   executed one.
4. **One copy of each inline script.** Sphinx 7.4 emits some inline scripts (e.g.
   sphinx-thebe's ``const THEBE_JS_URL``) twice, and the second declaration is a console
   error on every page; we keep the first of any identical script.
5. **Numbers within each course.** Figures, equations and exercises are counted from 1 in
   each course's chapters, as the chapters are (``mmlbook_numbering``).
6. **Writing on every core.** The pages are written in parallel, and numbered references
   are resolved without unpickling a page per reference (``mmlbook_writing``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import mmlbook_execution
import mmlbook_numbering
import mmlbook_writing
from sphinx.application import Sphinx

MATHJAX_TARGET = "mathjax"  # under the site's _static/


def _mathjax_source() -> Path:
    import mathjax  # the django-static-mathjax distribution

    source = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (source / "tex-chtml.js").is_file():
        raise FileNotFoundError(f"MathJax files not found in {source}")
    return source


def use_local_mathjax(app: Sphinx, config: Any) -> None:
    config.mathjax_path = f"{MATHJAX_TARGET}/tex-chtml.js"


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / MATHJAX_TARGET
    if not (target / "tex-chtml.js").is_file():
        shutil.copytree(_mathjax_source(), target, dirs_exist_ok=True)


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for script in scripts:
        # The same inline script arrives once with filename None and once with "".
        filename = getattr(script, "filename", str(script)) or ""
        key = (filename, tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def keep_cached_outputs_in_downloads() -> None:
    """Make myst-nb's cache client merge cached outputs into the notebook it writes."""
    from myst_nb.core.execute.cache import NotebookClientCache

    original = NotebookClientCache.start_client
    if getattr(original, "mmlbook_patched", False):
        return

    def start_client(self: NotebookClientCache) -> None:
        source = self._notebook
        original(self)
        if self._notebook is not source:  # a cache hit replaced it by a merged copy
            source.cells = self._notebook.cells
            self._notebook = source

    start_client.mmlbook_patched = True  # type: ignore[attr-defined]
    NotebookClientCache.start_client = start_client


def setup(app: Sphinx) -> dict[str, Any]:
    keep_cached_outputs_in_downloads()
    mmlbook_execution.setup(app)
    mmlbook_numbering.setup(app)
    mmlbook_writing.setup(app)
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    # After every other handler has added its scripts.
    app.connect("html-page-context", drop_duplicate_scripts, priority=1000)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
