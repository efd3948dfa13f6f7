"""The book builds clean, every table-of-contents entry becomes a page, outputs are real."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from book_pages import BIN, REPO, toc_pages, toc_parts

pytestmark = pytest.mark.build

PAGES = toc_pages()
NOTEBOOKS = [page for page in PAGES if page.is_notebook]


def test_clean_build_succeeds_without_warnings(clean_build) -> None:
    assert clean_build.returncode == 0, clean_build.log[-5000:]
    sphinx_problem = re.compile(r"\b(WARNING|ERROR|CRITICAL):")
    problems = [line for line in clean_build.log.splitlines() if sphinx_problem.search(line)]
    assert problems == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.docname)
def test_every_toc_entry_becomes_a_page(site: Path, page) -> None:
    html = (site / page.html).read_text(encoding="utf-8")
    assert f"<title>{page.title}" in html.replace("&amp;", "&") or page.title in html


def test_chapters_are_numbered_within_their_course_and_overviews_are_not(site: Path) -> None:
    """A course's overview page carries no number; its first chapter is chapter 1."""
    html = (site / "book" / "intro.html").read_text(encoding="utf-8")
    sidebar = dict(
        re.findall(r'toctree-l1[^"]*"><a class="[^"]*" href="([^"]+)\.html">([^<]*)</a>', html)
    )
    numbered_parts = 0
    for part in toc_parts():
        for position, docname in enumerate(part.docnames, start=1):
            label = sidebar[docname.removeprefix("book/")]
            if docname.endswith("/index"):  # a course's overview page
                assert not part.numbered and not re.match(r"\d+\. ", label), (docname, label)
            if part.numbered:
                assert label.startswith(f"{position}. "), (docname, label)
            else:
                assert not re.match(r"\d+\. ", label), (docname, label)
        numbered_parts += part.numbered
    assert numbered_parts >= 3  # one per course


def test_front_page_redirects_to_the_introduction(site: Path) -> None:
    assert "book/intro.html" in (site / "index.html").read_text()


@pytest.mark.parametrize("page", NOTEBOOKS, ids=lambda p: p.docname)
def test_download_gives_the_executed_notebook(site: Path, page) -> None:
    notebook = json.loads((site / "_sources" / f"{page.docname}.ipynb").read_text())
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code_cells, "a chapter without code is not executable"
    executed = [cell for cell in code_cells if cell.get("execution_count")]
    assert executed, "the downloadable notebook has not been executed"
    outputs = [output for cell in code_cells for output in cell.get("outputs", [])]
    errors = [output for output in outputs if output["output_type"] == "error"]
    assert errors == []
    html = (site / page.html).read_text(encoding="utf-8")
    assert f'_sources/{page.docname}.ipynb"' in html.replace("../", "")


def test_first_look_shows_figures_computed_by_mmlbook(site: Path) -> None:
    html = (site / "book" / "first_look.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="\.\./(_images/[^"]+\.png)"', html)
    assert len(images) == 2
    for image in images:
        assert (site / image).stat().st_size > 10_000
    assert re.search(r"Fig\. 1", html) and re.search(r"Fig\. 2", html)


def test_mathjax_is_served_by_the_site_itself(site: Path) -> None:
    html = (site / "book" / "notation.html").read_text(encoding="utf-8")
    assert 'src="../_static/mathjax/tex-chtml.js' in html
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert (site / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()
    assert "cdn.jsdelivr.net" not in html


def test_each_inline_script_appears_once(site: Path) -> None:
    html = (site / "book" / "first_look.html").read_text(encoding="utf-8")
    assert html.count("const THEBE_JS_URL") == 1


def test_api_reference_documents_the_package(site: Path) -> None:
    html = (site / "book" / "api.html").read_text(encoding="utf-8")
    assert 'id="mmlbook.plotting.linalg.plot_transformation"' in html
    assert 'id="mmlbook.plotting.use_book_style"' in html


def test_bibliography_lists_the_textbook(site: Path) -> None:
    html = (site / "book" / "bibliography.html").read_text(encoding="utf-8")
    assert "Mathematics for Machine Learning" in html
    assert "Deisenroth" in html


def test_favicon_is_linked_and_present(site: Path) -> None:
    html = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'rel="icon" href="../_static/favicon.svg"' in html
    assert (site / "_static" / "favicon.svg").is_file()


PROBE_PAGES = {
    # page: what its code imports; each page prints what it imported and a fresh token,
    # so a token that changes between two builds shows that the page ran again.
    "direct": "from mmlbook.probe.base import VALUE",
    "indirect": "from mmlbook.probe.derived import VALUE",
    "unrelated": "from mmlbook.probe.other import VALUE",
}


def _probe_book(root: Path) -> None:
    """A copy of the book's machinery with three pages and a small ``mmlbook.probe``."""
    for name in ("_config.yml", "book/references.bib"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("mmlbook", "book/_ext", "book/_assets"):
        shutil.copytree(REPO / name, root / name, ignore=ignore)
    probe = root / "mmlbook" / "probe"
    probe.mkdir()
    (probe / "__init__.py").write_text("")
    (probe / "base.py").write_text("VALUE = 'first-version'\n")
    (probe / "derived.py").write_text("from .base import VALUE\n")
    (probe / "other.py").write_text("VALUE = 'other'\n")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: direct\nchapters:\n  - file: indirect\n  - file: unrelated\n"
    )
    front_matter = (REPO / "book" / "first_look.md").read_text().split("\n---\n")[0]
    for page, imports in PROBE_PAGES.items():
        (root / f"{page}.md").write_text(
            f"{front_matter}\n---\n\n# Probe {page}\n\nSome prose.\n\n"
            f"```{{code-cell}} ipython3\nimport uuid\n{imports}\n"
            "print(VALUE, uuid.uuid4().hex)\n```\n"
        )


def _build_probe_book(root: Path) -> dict[str, tuple[str, str]]:
    """Build incrementally; each page's printed (value, token)."""
    # The kernel must import the copied package, not the installed one.
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(root), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    printed = {}
    for page in PROBE_PAGES:
        html = (root / "_build" / "html" / f"{page}.html").read_text()
        (line,) = re.findall(r"([a-z]+-version|other) ([0-9a-f]{32})", html)
        printed[page] = line
    return printed


def test_a_change_in_mmlbook_re_executes_exactly_the_chapters_that_import_it(
    tmp_path: Path,
) -> None:
    """Edit one module: the pages importing it, directly or through another module, run
    again; the page importing only another module keeps its outputs from the cache."""
    _probe_book(tmp_path)
    first = _build_probe_book(tmp_path)
    assert first["direct"][0] == first["indirect"][0] == "first-version"

    assert _build_probe_book(tmp_path) == first  # nothing changed, nothing ran

    (tmp_path / "mmlbook" / "probe" / "base.py").write_text("VALUE = 'second-version'\n")
    second = _build_probe_book(tmp_path)
    re_ran = {page for page in PROBE_PAGES if second[page][1] != first[page][1]}
    assert re_ran == {"direct", "indirect"}
    assert second["direct"][0] == second["indirect"][0] == "second-version"
    assert second["unrelated"] == first["unrelated"]

    # A prose-only edit re-reads the page but runs nothing.
    page = tmp_path / "unrelated.md"
    page.write_text(page.read_text().replace("Some prose.", "Some other prose."))
    assert _build_probe_book(tmp_path) == second
    assert "Some other prose." in (tmp_path / "_build" / "html" / "unrelated.html").read_text()

    # The download of a page from the cache is the executed notebook.
    download = json.loads((tmp_path / "_build" / "html" / "_sources" / "direct.ipynb").read_text())
    code = [cell for cell in download["cells"] if cell["cell_type"] == "code"]
    assert "".join(code[0]["outputs"][0]["text"]).startswith("second-version ")
