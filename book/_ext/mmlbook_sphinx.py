"""The book's own Sphinx extension: what jupyter-book does not do for us.

1. **Offline MathJax.** MathJax 3 comes from the pinned ``django-static-mathjax`` package
   and is copied into the site's ``_static/mathjax/``, so math renders with no network.
2. **Re-execution when the package changes.** The execution cache keys on a notebook's
   code cells only, so a change in ``mmlbook`` would leave stale outputs. The hash of the
   package's sources is a config value that forces a full re-read when it changes, and
   when it differs from the last finished build's, the execution cache is cleared so
   every executable page runs again.
3. **Executed downloads.** On a cache hit myst-nb 1.4 renders the cached outputs but writes
   the *unexecuted* notebook as the page's ``.ipynb`` download; we make it write the
   executed one.
4. **One copy of each inline script.** Sphinx 7.4 emits some inline scripts (e.g.
   sphinx-thebe's ``const THEBE_JS_URL``) twice, and the second declaration is a console
   error on every page; we keep the first of any identical script.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "mmlbook"
MATHJAX_TARGET = "mathjax"  # under the site's _static/
HASH_FILE = "mmlbook-source-hash"


def _mathjax_source() -> Path:
    import mathjax  # the django-static-mathjax distribution

    source = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (source / "tex-chtml.js").is_file():
        raise FileNotFoundError(f"MathJax files not found in {source}")
    return source


def package_hash(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash every Python source of ``mmlbook``: names and contents, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _execution_cache(app: Sphinx) -> Path:
    # myst-nb's own default when the book sets no cache path
    default = Path(app.outdir).parent / ".jupyter_cache"
    return Path(app.config.nb_execution_cache_path or default)


def _hash_path(app: Sphinx) -> Path:
    # Kept inside the cache, so a cache restored elsewhere (CI) carries its own hash.
    return _execution_cache(app) / HASH_FILE


def record_package_hash(app: Sphinx, config: Any) -> None:
    """Put the package's hash in the config: a changed hash makes Sphinx re-read every page."""
    config.mmlbook_source_hash = package_hash()


def clear_stale_execution_cache(app: Sphinx) -> None:
    """Empty the execution cache when ``mmlbook`` changed since the last build."""
    recorded = _hash_path(app)
    changed = not recorded.is_file() or recorded.read_text() != app.config.mmlbook_source_hash
    cache = _execution_cache(app)
    if changed and cache.exists():
        logger.info("mmlbook changed since the last build: clearing the execution cache")
        shutil.rmtree(cache)


def remember_package_hash(app: Sphinx, exception: Exception | None) -> None:
    """Record the hash only after a build that finished, so a failed one retries."""
    if exception is None and _execution_cache(app).is_dir():
        _hash_path(app).write_text(app.config.mmlbook_source_hash)


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
    app.add_config_value("mmlbook_source_hash", "", "env")
    app.connect("config-inited", use_local_mathjax)
    app.connect("config-inited", record_package_hash)
    app.connect("builder-inited", clear_stale_execution_cache)
    app.connect("build-finished", copy_mathjax)
    app.connect("build-finished", remember_package_hash)
    # After every other handler has added its scripts.
    app.connect("html-page-context", drop_duplicate_scripts, priority=1000)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
