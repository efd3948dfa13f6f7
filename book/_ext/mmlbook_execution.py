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
2. **Parallel execution, while Sphinx reads.** Every page about to be read whose notebook
   has no valid record is staged in jupyter-cache's project and run by jupyter-cache's
   ``local-parallel`` executor and worker. Sphinx meanwhile reads the pages that need no
   run, then the chapters in the order they run, each as soon as its run is done. The
   executor has five changes (``ParallelExecutor``), the third and fourth because a chapter
   now and then took its whole cell timeout (120 s) instead of 5 s:

   - the notebooks are handed out one at a time, longest first, so that no core idles at
     the end while the other runs a long chapter;
   - each kernel's BLAS uses one thread, since there is a kernel per core already;
   - each kernel talks to its client over Unix sockets in a folder of its own instead of
     TCP ports: over TCP the client picks free ports and the kernel binds them a moment
     later, so two kernels started at once by two workers can pick the same port, and
     the loser's heartbeat fails ("Address already in use");
   - the client waits for a cell's reply in short polls (``PatientShellChannel``);
   - each kernel is forked from a warm interpreter that has already made the imports
     every chapter makes (``mmlbook_zygote``), saving about a second of CPU per chapter.

   Chapters run in their own folder, as myst-nb would run them. myst-nb then takes every
   page's outputs from the cache. A chapter that fails there is left to myst-nb, which
   runs it once more and reports the failure with its traceback.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import json
import logging as std_logging
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from queue import Empty
from typing import Any

from jupyter_cache.base import ProjectNb
from jupyter_cache.cache.main import JupyterCacheBase
from jupyter_cache.executors.base import ExecutorRunResult
from jupyter_cache.executors.basic import (
    ExecutionWorkerLocalMProc,
    JupyterExecutorLocalMproc,
    ProcessData,
)
from jupyter_cache.executors.utils import ExecutionResult, single_nb_execution
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from mmlbook_zygote import Zygote
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from traitlets import Type
from traitlets.config import Config

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


@functools.cache  # every chapter follows the same modules: parse each once per build
def imported_names(source: str, module: str = "", is_package: bool = False) -> frozenset[str]:
    """The absolute dotted names that ``source`` imports: modules, or names in modules.

    ``module`` names the module ``source`` belongs to, to resolve relative imports.
    ``from a.b import c`` gives ``a.b`` and ``a.b.c``, since ``c`` may be a submodule.
    Source that does not parse gives ``{EVERYTHING}``.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset({EVERYTHING})
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
    return frozenset(names)


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
    # A set: a distribution found twice on sys.path (the editable install's metadata in
    # site-packages, and its mmlbook.egg-info when the build starts in the repository with
    # ``python -m``) is still one distribution, and must not re-run every chapter.
    distributions = sorted(
        {f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()}
    )
    return "\n".join([sys.version, *distributions])


def dependency_digest(files: Iterable[Path], environment: str, package_dir: Path) -> str:
    digest = hashlib.sha256(environment.encode())
    for path in files:
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


# -- Running the chapters -----------------------------------------------------------------


REPLY_POLL_S = 0.1


class PatientShellChannel(AsyncZMQSocketChannel):
    """A shell channel that waits for a message in polls of ``REPLY_POLL_S``.

    nbclient waits for a cell's ``execute_reply`` with one poll as long as the cell's
    timeout. Now and then (here, about one run in thirty of a widget cell, with two kernels
    running) that poll does not wake when the reply arrives, though the kernel sent it at
    once (the reply's own time stamp says so), and returns it only when the timeout ends.
    A short poll, repeated, finds it.
    """

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = REPLY_POLL_S if deadline is None else deadline - time.monotonic()
            try:
                return await super().get_msg(timeout=max(min(left, REPLY_POLL_S), 0.0))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise


class PatientKernelClient(AsyncKernelClient):
    """nbclient's kernel client, with the shell channel above."""

    shell_channel_class = Type(PatientShellChannel)


_zygote: Zygote | None = None  # the worker's, started by ``start_worker``


class ForkedKernelManager(AsyncKernelManager):
    """jupyter-client's kernel manager, with the kernel forked by the worker's zygote."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if _zygote is None or not Zygote.can_start(kernel_cmd):
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        provisioner = self.provisioner
        kernel = _zygote.fork(kernel_cmd, kw["env"], kw.get("cwd"))
        provisioner.process = kernel
        provisioner.pid = provisioner.pgid = kernel.pid
        provisioner.cwd = kw.get("cwd")
        self._reconcile_connection_info(provisioner.connection_info)


class SocketFileWorker(ExecutionWorkerLocalMProc):
    """jupyter-cache's worker: the kernel on Unix sockets in a folder of its own, a patient
    client, and the kernel stopped at once when the notebook is done."""

    @staticmethod
    def execute(project_nb: ProjectNb, data: ProcessData) -> ExecutionResult:
        with tempfile.TemporaryDirectory(prefix="mmlbook-kernel-") as sockets:
            kernel_settings = Config(
                {
                    "KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")},
                    "AsyncKernelManager": {"client_factory": PatientKernelClient},
                }
            )
            result = single_nb_execution(
                project_nb.nb,
                cwd=str(Path(project_nb.uri).parent),
                timeout=data.timeout,
                allow_errors=data.allow_errors,
                config=kernel_settings,
                kernel_manager_class=ForkedKernelManager,
                # Every output is in by now; a graceful shutdown would spend about half a
                # second of CPU per chapter in the kernel's interpreter teardown.
                shutdown_kernel="immediate",
            )
        for cell in result.nb.cells:
            if cell.cell_type == "code":
                cell.outputs = join_stream_chunks(cell.outputs)
        return result


def join_stream_chunks(outputs: list) -> list:
    """The outputs with each run of ``stream`` outputs of one name joined into one.

    A kernel sends what a cell prints in chunks, cut wherever its flush timer fires, so a
    busy machine cuts ``print("a:", x)`` after ``"a:"``. myst-nb's merging of streams strips
    and re-joins chunks with newlines (and kept a copy: "pairwise dot products:\n 0.0 …"
    followed by " 0.0 …" again), so the page depended on the load; joined here, the chunks
    are exactly what was printed.
    """
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def start_worker() -> None:
    """In a worker: one BLAS/OpenMP thread per kernel, and the zygote that forks them.

    There is one worker per core; a kernel whose BLAS spreads over every core competes
    with the other worker's kernel, which slows both and makes the chapters' timings
    (the PCA chapter's Gram route against the covariance route) depend on what runs next.
    The zygote is started after, so that it and its kernels have the setting.
    """
    global _zygote
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    _zygote = Zygote()


class UntruncatedCache(JupyterCacheBase):
    """The cache as a worker writes to it: without trimming it to its size limit.

    jupyter-cache trims after caching each notebook, by listing the records to keep and
    then deleting every other record; a record another worker commits between the two
    queries is deleted, whatever the limit. Then a chapter that ran is not found by
    myst-nb, which runs it again. The pool trims once, when every run is in.
    """

    def truncate_caches(self) -> None:
        pass


class ChaptersInFlight:
    """Notebooks being run by a pool of workers, one notebook at a time, in a given order.

    The results come back in that order; ``wait_for`` blocks until one notebook's is in.
    """

    def __init__(
        self,
        cache: Any,
        pks: list[int],
        uris: list[str],
        timeout: int,
        allow_errors: bool,
        worker: ExecutionWorkerLocalMProc,
    ) -> None:
        self.cache = cache
        work = [
            ProcessData(pk, uri, UntruncatedCache(cache.path), timeout, allow_errors)
            for pk, uri in zip(pks, uris, strict=True)
        ]
        self.uris = uris
        self.statuses: dict[str, int] = {}
        self._pool = multiprocessing.Pool(initializer=start_worker)
        # chunksize 1: imap's default hands out runs of neighbouring notebooks
        self._results = self._pool.imap(worker, work, chunksize=1)
        self._pool.close()

    def wait_for(self, uri: str) -> int:
        """The status of the run of ``uri`` (0 succeeded, 1 excepted, 2 errored)."""
        while uri not in self.statuses:
            status, done = next(self._results)
            self.statuses[done] = status
        return self.statuses[uri]

    def wait_for_all(self) -> dict[str, int]:
        for uri in self.uris:
            self.wait_for(uri)
        self._pool.join()
        self.cache.truncate_caches()
        return self.statuses

    def stop(self) -> None:
        """End the runs still going (a build that failed does not wait for them)."""
        self._pool.terminate()
        self._pool.join()


class ParallelExecutor(JupyterExecutorLocalMproc):
    """jupyter-cache's ``local-parallel`` executor, one notebook at a time, in the order given."""

    _EXECUTION_WORKER = SocketFileWorker

    def start(
        self, pks: list[int], timeout: int = 30, allow_errors: bool = False
    ) -> ChaptersInFlight:
        """Start running the project's notebooks ``pks``, in that order, and return at once."""
        records = {
            record.pk: record for record in self.get_records(filter_pks=pks, clear_tracebacks=True)
        }
        return ChaptersInFlight(
            self.cache,
            pks,
            [records[pk].uri for pk in pks],
            timeout,
            allow_errors,
            self._EXECUTION_WORKER(),
        )

    def run_and_cache(
        self, *, filter_uris=None, filter_pks=None, timeout=30, allow_errors=False, force=False
    ) -> ExecutorRunResult:
        pks = filter_pks or [record.pk for record in self.get_records(filter_uris)]
        statuses = self.start(pks, timeout, allow_errors).wait_for_all()
        return ExecutorRunResult(
            succeeded=[uri for uri, status in statuses.items() if status == 0],
            excepted=[uri for uri, status in statuses.items() if status == 1],
            errored=[uri for uri, status in statuses.items() if status == 2],
        )


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


class DependencyDigests:
    """The digest of each cache record's dependencies, in a file inside the cache."""

    def __init__(self, cache: Any) -> None:
        self.cache = cache
        self.path = Path(cache.path) / DIGESTS_FILE
        self.digests = json.loads(self.path.read_text()) if self.path.is_file() else {}

    def matches(self, hashkey: str, digest: str) -> bool:
        return self.digests.get(hashkey) == digest

    def record(self, docname: str, notebook: Any, digest: str, succeeded: bool) -> None:
        try:
            self.digests[self.cache.match_cache_notebook(notebook).hashkey] = digest
        except KeyError:
            # A failure is left to myst-nb, which runs the page again and reports why; a
            # success that the page does not match would run it twice, unnoticed.
            if succeeded:
                logger.warning(f"{docname}: executed, but myst-nb will not find it in the cache")

    def save(self) -> None:
        current = {record.hashkey for record in self.cache.list_cache_records()}
        kept = {key: value for key, value in self.digests.items() if key in current}
        self.path.write_text(json.dumps(kept, indent=1))


class RunningChapters:
    """The chapters being run while Sphinx reads the pages that need no run."""

    def __init__(
        self,
        chapters: ChaptersInFlight,
        staged: dict[str, tuple[str, Any, str]],
        digests: DependencyDigests,
    ) -> None:
        self.chapters = chapters
        self.staged = staged  # docname: (uri, notebook, digest)
        self.digests = digests

    def wait_for_page(self, docname: str) -> None:
        if docname not in self.staged:
            return
        uri, notebook, digest = self.staged.pop(docname)
        status = self.chapters.wait_for(uri)
        self.digests.record(docname, notebook, digest, succeeded=status == 0)

    def finish(self) -> None:
        for docname in list(self.staged):
            self.wait_for_page(docname)
        self.chapters.wait_for_all()
        self.digests.save()


def execute_pages_to_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before Sphinx reads ``docnames``: drop stale records, start what is missing in parallel.

    The chapters run while Sphinx reads the other pages: ``docnames`` is reordered so that
    those come first and the chapters follow in the order they run, and each chapter's
    reading waits for its run (``wait_for_page``).
    """
    from jupyter_cache import get_cache

    nb_config = env.mystnb_config
    dependencies: dict[str, list[str]] = {}
    app.mmlbook_dependencies = dependencies  # read back by note_dependencies
    app.mmlbook_running = None
    if nb_config.execution_mode != "cache":
        return
    cache = get_cache(nb_config.execution_cache_path)
    digests = DependencyDigests(cache)
    environment = environment_fingerprint()

    staged = []
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
        if record is not None and not digests.matches(record.hashkey, digest):
            logger.info(f"{docname}: a module it imports or an installed package changed")
            cache.remove_cache(record.pk)
            record = None
        if record is None:
            project = cache.add_nb_to_project(str(path), read_data=read_fmt)
            staged.append((docname, notebook, digest, project))

    if not staged:
        digests.save()
        return
    # The longest chapters first, so that no core idles at the end while the other runs one.
    # How long a chapter takes is not known before it runs: its code's length is the
    # estimate, good enough to start the few long ones first.
    staged.sort(
        key=lambda page: -sum(len(c.source) for c in page[1].cells if c.cell_type == "code")
    )
    logger.info(
        f"executing {len(staged)} notebook(s) in parallel over {os.cpu_count()} cores: "
        + ", ".join(docname for docname, *_ in staged)
    )
    executor = ParallelExecutor(cache, logger=std_logging.getLogger("mmlbook.execution"))
    chapters = executor.start(
        [project.pk for *_, project in staged],
        timeout=nb_config.execution_timeout,
        allow_errors=nb_config.execution_allow_errors,
    )
    app.mmlbook_running = RunningChapters(
        chapters,
        {docname: (project.uri, notebook, digest) for docname, notebook, digest, project in staged},
        digests,
    )
    running = [docname for docname, *_ in staged]
    docnames[:] = [docname for docname in docnames if docname not in set(running)] + running


def wait_for_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before Sphinx reads a page: wait for its run, and note the files it depends on.

    Each dependency becomes a Sphinx dependency of the page, so that Sphinx re-reads
    exactly the pages that depend on a changed file of ``mmlbook``.
    """
    running = getattr(app, "mmlbook_running", None)
    if running is not None:
        running.wait_for_page(docname)
    for path in getattr(app, "mmlbook_dependencies", {}).get(docname, []):
        app.env.note_dependency(path)


def finish_running(app: Sphinx, env: BuildEnvironment) -> None:
    """Every page is read: record the digests of the chapters that ran."""
    running = getattr(app, "mmlbook_running", None)
    if running is not None:
        app.mmlbook_running = None
        running.finish()


def stop_running(app: Sphinx, exception: Exception | None) -> None:
    running = getattr(app, "mmlbook_running", None)
    if running is not None:
        app.mmlbook_running = None
        running.chapters.stop()


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", execute_pages_to_read)
    app.connect("source-read", wait_for_page)
    app.connect("env-updated", finish_running)
    app.connect("build-finished", stop_running)
