"""Execute, before Sphinx reads them, only the chapters that need it, and in parallel.

myst-nb's ``cache`` mode keys a notebook's outputs on its code cells alone (jupyter-cache),
so a change in ``mmlbook`` would leave stale outputs. This module adds two things and
keeps jupyter-cache as the store and as the executor:

1. **A chapter's dependencies.** The modules of ``mmlbook`` that a chapter's code cells
   import are followed through the package's own imports, statically (``ast``: nothing is
   imported), together with the data files beside them. A digest of their contents and of
   the Python environment (interpreter and installed distributions) is recorded beside
   each cache record. A record whose digest no longer matches is removed, so exactly the
   chapters that import a changed module, directly or through another one, run again.
   Each of those files is also noted as a Sphinx dependency of the page, so that Sphinx
   re-reads exactly those pages. Imports by name at run time (``importlib``) are not seen.
2. **Parallel execution.** Every page about to be read whose notebook has no valid record
   is staged in jupyter-cache's project and run by jupyter-cache's ``local-parallel``
   executor: one kernel per core, in the chapter's folder as myst-nb would. myst-nb then
   takes every page's outputs from the cache. A chapter that fails there is left to
   myst-nb, which runs it once more and reports the failure with its traceback.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import json
import logging as std_logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

PACKAGE = "mmlbook"
PACKAGE_DIR = Path(__file__).resolve().parents[2] / PACKAGE
DIGESTS_FILE = "mmlbook-dependencies.json"  # inside the execution cache: it travels with it
EVERYTHING = "*"  # what unparsable code may import


# -- What a chapter depends on ------------------------------------------------------------


def _python_source(code: str) -> str:
    """A code cell as Python: lines of IPython magics and shell escapes are blanked."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()
    )


def imported_names(source: str, module: str = "", is_package: bool = False) -> set[str]:
    """The absolute dotted names that ``source`` imports: modules, or names in modules.

    ``module`` names the module ``source`` belongs to, to resolve relative imports.
    ``from a.b import c`` gives ``a.b`` and ``a.b.c``, since ``c`` may be a submodule.
    Source that does not parse gives ``{EVERYTHING}``.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {EVERYTHING}
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".") if is_package else module.split(".")[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def _in_package(name: str) -> bool:
    return name == PACKAGE or name.startswith(f"{PACKAGE}.")


def _module_file(name: str, package_dir: Path) -> Path | None:
    relative = Path(*name.split(".")[1:])
    for candidate in (package_dir / relative / "__init__.py", package_dir / f"{relative}.py"):
        if candidate.is_file():
            return candidate
    return None


def package_modules(names: Iterable[str], package_dir: Path = PACKAGE_DIR) -> set[Path]:
    """The source files of the package that importing ``names`` runs, transitively.

    Importing ``a.b.c`` runs ``a/__init__.py``, ``a/b/__init__.py`` and ``a/b/c.py``, and
    each of those is followed through its own imports. ``EVERYTHING`` among ``names``
    gives every module of the package.
    """
    names = set(names)
    if EVERYTHING in names:
        return set(package_dir.rglob("*.py"))
    pending = [name for name in names if _in_package(name)]
    seen: set[str] = set()
    files: set[Path] = set()
    while pending:
        parts = pending.pop().split(".")
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            if prefix in seen:
                continue
            seen.add(prefix)
            path = _module_file(prefix, package_dir)
            if path is None:
                continue  # a function or a class imported from a module
            files.add(path)
            imported = imported_names(path.read_text("utf-8"), prefix, path.stem == "__init__")
            if EVERYTHING in imported:
                return set(package_dir.rglob("*.py"))
            pending.extend(name for name in imported if _in_package(name))
    return files


def dependency_files(code_cells: Iterable[str], package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every file of the package a chapter's code depends on: modules, and data beside them."""
    names: set[str] = set()
    for code in code_cells:
        names |= imported_names(_python_source(code))
    modules = package_modules(names, package_dir)
    data = {
        path
        for folder in {module.parent for module in modules}
        for path in folder.iterdir()
        if path.is_file() and path.suffix not in {".py", ".pyc"}
    }
    return sorted(modules | data)


def environment_fingerprint() -> str:
    """The interpreter and every installed distribution, with versions."""
    distributions = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    return "\n".join([sys.version, *distributions])


def dependency_digest(files: Iterable[Path], environment: str, package_dir: Path) -> str:
    digest = hashlib.sha256(environment.encode())
    for path in files:
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


# -- The Sphinx side ----------------------------------------------------------------------


def _cache_mode_notebook(env: BuildEnvironment, docname: str):
    """The page as myst-nb reads it, if myst-nb would execute it through the cache."""
    from myst_nb.core.read import create_nb_reader

    nb_config = env.mystnb_config
    path = Path(env.doc2path(docname))
    if any(PurePosixPath(path.as_posix()).match(p) for p in nb_config.execution_excludepatterns):
        return None
    content = path.read_text("utf-8")
    reader = create_nb_reader(str(path), env.myst_config, nb_config, content)
    if reader is None:
        return None
    notebook = reader.read(content)
    overrides = notebook.metadata.get(nb_config.metadata_key, {})
    if overrides.get("execution_mode", nb_config.execution_mode) != "cache":
        return None
    return path, notebook, reader.read_fmt


def execute_pages_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before Sphinx reads ``docnames``: drop stale records, run what is missing in parallel."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    nb_config = env.mystnb_config
    dependencies: dict[str, list[str]] = {}
    app.mmlbook_dependencies = dependencies  # read back by note_dependencies
    if nb_config.execution_mode != "cache":
        return
    cache = get_cache(nb_config.execution_cache_path)
    digests_path = Path(cache.path) / DIGESTS_FILE
    digests = json.loads(digests_path.read_text()) if digests_path.is_file() else {}
    environment = environment_fingerprint()

    staged = []
    succeeded: set[str] = set()
    for docname in sorted(docnames):
        found = _cache_mode_notebook(env, docname)
        if found is None:
            continue
        path, notebook, read_fmt = found
        code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        files = dependency_files(code)
        dependencies[docname] = [str(file) for file in files]
        digest = dependency_digest(files, environment, PACKAGE_DIR)
        try:
            record = cache.match_cache_notebook(notebook)
        except KeyError:
            record = None
        if record is not None and digests.get(record.hashkey) != digest:
            logger.info(f"{docname}: a module it imports or an installed package changed")
            cache.remove_cache(record.pk)
            record = None
        if record is None:
            project = cache.add_nb_to_project(str(path), read_data=read_fmt)
            staged.append((docname, notebook, digest, project.pk))

    if staged:
        logger.info(
            f"executing {len(staged)} notebook(s) in parallel over {os.cpu_count()} cores: "
            + ", ".join(docname for docname, *_ in staged)
        )
        executor = load_executor(
            "local-parallel", cache, logger=std_logging.getLogger("mmlbook.execution")
        )
        result = executor.run_and_cache(
            filter_pks=[pk for *_, pk in staged],
            timeout=nb_config.execution_timeout,
            allow_errors=nb_config.execution_allow_errors,
        )
        succeeded = set(result.succeeded)
    for docname, notebook, digest, _pk in staged:
        try:
            digests[cache.match_cache_notebook(notebook).hashkey] = digest
        except KeyError:
            # A failure is left to myst-nb, which runs the page again and reports why; a
            # success that the page does not match would run it twice, unnoticed.
            if str(Path(env.doc2path(docname)).absolute()) in succeeded:
                logger.warning(f"{docname}: executed, but myst-nb will not find it in the cache")
    current = {record.hashkey for record in cache.list_cache_records()}
    digests_path.write_text(
        json.dumps({key: value for key, value in digests.items() if key in current}, indent=1)
    )


def note_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make Sphinx re-read a page when a file of ``mmlbook`` it depends on changes."""
    for path in getattr(app, "mmlbook_dependencies", {}).get(docname, []):
        app.env.note_dependency(path)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", execute_pages_to_read)
    app.connect("source-read", note_dependencies)
