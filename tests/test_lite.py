"""The chapters in the reader's browser: the site's JupyterLite and its Pyodide."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from book_pages import REPO, toc_pages
from chapter_cells import code_cells

sys.path.insert(0, str(REPO / "book" / "_ext"))
import mmlbook_lite  # noqa: E402

SERVED = Path("lite") / "static" / "pyodide"
NODE = shutil.which("node")


def test_a_dependency_named_by_its_display_name_is_unresolved() -> None:
    lock = {
        "packages": {
            "ipython": {"depends": ["prompt_toolkit", "traitlets"]},
            "prompt-toolkit": {"depends": []},
            "traitlets": {"depends": []},
        }
    }
    assert mmlbook_lite.unresolved_dependencies(lock) == ["ipython -> prompt_toolkit"]
    lock["packages"]["ipython"]["depends"] = ["prompt-toolkit", "traitlets"]
    assert mmlbook_lite.unresolved_dependencies(lock) == []


def _wheel_cache() -> Path:
    cache = mmlbook_lite.WHEELS
    if not (cache / mmlbook_lite.CARRIER).is_file():
        pytest.skip("no wheels fetched yet: make book")
    if not (mmlbook_lite.NPM_PYODIDE / "pyodide-lock.json").is_file():
        pytest.skip("no Pyodide core: make book")
    return cache


@pytest.mark.build
def test_a_corrupted_pyodide_wheel_fails_the_build(tmp_path) -> None:
    cache = _wheel_cache()
    corrupted = tmp_path / "wheels"
    corrupted.mkdir()
    victim = mmlbook_lite.CARRIER_DIR + "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
    with (
        zipfile.ZipFile(cache / mmlbook_lite.CARRIER) as source,
        zipfile.ZipFile(corrupted / mmlbook_lite.CARRIER, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == victim:
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.writestr(info, data)
    with pytest.raises(Exception, match="numpy-2.0.2.*sha256"):
        mmlbook_lite.build_pyodide(tmp_path / "pyodide", corrupted)


@pytest.mark.build
def test_the_served_lock_resolves_and_matches_its_files(site) -> None:
    folder = site / SERVED
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    assert mmlbook_lite.unresolved_dependencies(lock) == []
    import hashlib

    for key, entry in lock["packages"].items():
        data = (folder / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], key
    served = {path.name for path in folder.iterdir()}
    named = {entry["file_name"] for entry in lock["packages"].values()}
    assert served - named == {"pyodide-lock.json", *mmlbook_lite.CORE_FILES}


@pytest.mark.build
def test_every_chapter_page_links_its_notebook_in_the_sites_jupyterlite(site) -> None:
    from urllib.parse import parse_qs, urljoin, urlparse

    chapters = [page for page in toc_pages() if page.is_notebook]
    assert len(chapters) > 10
    for page in chapters:
        html = (site / page.html).read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*lite/notebooks/index\.html[^"]*)"', html)
        assert len(hrefs) == 1, page.docname
        url = urlparse(urljoin(f"http://site/{page.html}", hrefs[0].replace("&amp;", "&")))
        assert url.path == "/lite/notebooks/index.html", page.docname
        (path,) = parse_qs(url.query)["path"]
        assert path == f"{page.docname}.ipynb"
        notebook = json.loads((site / "lite" / "files" / path).read_text())
        assert notebook["metadata"]["kernelspec"]["name"] == "python"
        assert "from myst_nb import" not in "".join(
            "".join(cell["source"]) for cell in notebook["cells"]
        )


NODE_SCRIPT = r"""
const path = require("path");
const folder = process.argv[2];
const { loadPyodide } = require(path.join(folder, "pyodide.js"));
(async () => {
  const pyodide = await loadPyodide({ indexURL: folder + "/" });
  await pyodide.loadPackage(
    ["numpy", "scipy", "matplotlib", "scikit-learn", "ipywidgets", "networkx", "mmlbook"],
    { messageCallback: () => {} });
  const out = pyodide.runPython(`
import os
os.environ["MPLBACKEND"] = "Agg"
import json, sys
import numpy, scipy, matplotlib, sklearn, ipywidgets, networkx, mmlbook
import mmlbook.widgets.calculus, mmlbook.widgets.linalg, mmlbook.widgets.pca
import mmlbook.plotting.calculus, mmlbook.plotting.linalg, mmlbook.plotting.pca
from mmlbook.linalg import determinant
from mmlbook.glue import glue
json.dumps({"python": sys.version.split()[0], "numpy": numpy.__version__,
            "scipy": scipy.__version__, "matplotlib": matplotlib.__version__,
            "sklearn": sklearn.__version__,
            "det": determinant([[2.0, 1.0], [1.0, 3.0]])})
`);
  console.log(out);
})().catch((error) => { console.error(error); process.exit(1); });
"""


@pytest.mark.build
@pytest.mark.skipif(NODE is None, reason="needs Node.js")
def test_the_served_pyodide_imports_what_the_chapters_import(site, tmp_path) -> None:
    script = tmp_path / "load.cjs"
    script.write_text(NODE_SCRIPT)
    result = subprocess.run(
        [NODE, str(script), str(site / SERVED)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    versions = json.loads(result.stdout.strip().splitlines()[-1])
    assert versions["python"].startswith("3.12.")
    assert (versions["numpy"], versions["scipy"], versions["matplotlib"], versions["sklearn"]) == (
        "2.0.2",
        "1.14.1",
        "3.8.4",
        "1.6.1",
    )
    assert versions["det"] == pytest.approx(5.0)


CHAPTER_RUNNER = Path(__file__).with_name("lite_chapter.cjs")


@pytest.mark.build
@pytest.mark.skipif(NODE is None, reason="needs Node.js")
@pytest.mark.parametrize(
    "page", [page for page in toc_pages() if page.is_notebook], ids=lambda page: page.docname
)
def test_every_cell_of_a_chapter_runs_under_the_served_pyodide(site, page) -> None:
    """Every code cell of the chapter's in-browser notebook, hidden claim checks included,
    on the site's own Pyodide and wheels (in Node: the browser tests run four chapters in
    JupyterLite itself); every figure draws."""
    notebook = site / "lite" / "files" / f"{page.docname}.ipynb"
    workdir = f"/drive/{Path(page.docname).parent.as_posix()}"
    result = subprocess.run(
        [NODE, str(CHAPTER_RUNNER), str(site / SERVED), str(notebook), workdir],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    failures = "\n".join(f"cell {f['cell']}: {f['error']}" for f in report["failures"])
    assert not report["failures"], f"{page.docname} under Pyodide:\n{failures}"
    assert report["cells"] == len(code_cells(page.source))
    captioned = len(re.findall(r"^\s+figure:\s*$", page.text, re.M))
    assert report["figures"] >= captioned, f"{report['figures']} drew, {captioned} captioned"


@pytest.mark.build
@pytest.mark.skipif(NODE is None, reason="needs Node.js")
def test_the_chapter_runner_reports_what_fails_under_pyodide_and_counts_figures(
    site, tmp_path
) -> None:
    """SciPy 1.14.1 in Pyodide has no ``dtrcon`` (mmlbook once used it): the runner says so."""
    import nbformat

    cells = ["import matplotlib.pyplot as plt\nplt.plot([1, 2]);",
             "from scipy.linalg.lapack import dtrcon"]
    notebook = tmp_path / "broken.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]),
                   notebook)
    result = subprocess.run(
        [NODE, str(CHAPTER_RUNNER), str(site / SERVED), str(notebook), "/drive"],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert (report["cells"], report["figures"]) == (2, 1)
    (failure,) = report["failures"]
    assert failure["cell"] == 1 and "cannot import name 'dtrcon'" in failure["error"]


# The Pyodide kernel starts in 20-30 s on a loaded 2-core machine, and a chapter's first cell
# loads numpy, scipy, matplotlib and scikit-learn: the timeouts are generous on purpose.
KERNEL_TIMEOUT_MS = 240_000
FONT_CACHE_NOTE = "Matplotlib is building the font cache; this may take a moment."


def run_chapter_in_lite(browser, site_url: str, docname: str) -> dict:
    """Open a chapter's page, follow its "Run in your browser" button, run every cell.

    Every request to a host other than the site's is aborted and recorded.
    """
    from urllib.parse import urljoin, urlparse

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    host = urlparse(site_url).netloc
    seen: dict[str, list[str]] = {"off_site": [], "failed": []}

    def route(route_, request):
        if urlparse(request.url).netloc != host and not request.url.startswith(("data:", "blob:")):
            seen["off_site"].append(request.url)
            return route_.abort()
        return route_.continue_()

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on(
            "response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.url} ({r.status})")
        )
        page.goto(f"{site_url}/{docname}.html", wait_until="load")
        href = page.locator("a.btn", has_text="Run in your browser").first.get_attribute("href")
        page.goto(urljoin(page.url, href), wait_until="load")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=KERNEL_TIMEOUT_MS)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=KERNEL_TIMEOUT_MS
        )
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-CodeCell .jp-InputArea-prompt')].map((p) => p.textContent.trim());
                return prompts.length > 0 && prompts.every((p) => /^\\[\\d+\\]:$/.test(p));
            }""",
            timeout=KERNEL_TIMEOUT_MS * 3,
        )
        return {
            **seen,
            "errors": page.locator(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
            ).all_inner_texts(),
            "figures": page.locator(".jp-OutputArea-output img").count(),
            "widgets": page.locator(".jp-OutputArea-output .jupyter-widgets").count(),
        }
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("docname", "has_widget"),
    [
        ("book/calculus/sandpit", True),
        ("book/linear_algebra/pagerank", False),
        # Where WebAssembly numpy differs: a singular solve and an indefinite Cholesky give
        # non-finite values instead of LinAlgError, and np.bincount refuses int64 (wasm32).
        ("book/calculus/gradient_descent", True),
        ("book/pca/distances_angles", True),
    ],
)
def test_a_chapter_runs_in_the_sites_jupyterlite(browser, site_url, docname, has_widget):
    result = run_chapter_in_lite(browser, site_url, docname)
    assert result["off_site"] == []
    assert result["failed"] == []
    # A fresh Pyodide has no font cache: matplotlib says so on stderr while it builds one.
    errors = [text for text in result["errors"] if not text.startswith(FONT_CACHE_NOTE)]
    assert errors == []
    assert result["figures"] > 0
    if has_widget:
        assert result["widgets"] > 0
