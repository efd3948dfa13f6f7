"""The whole book as one PDF (``make pdf``): every chapter, every figure, no broken reference.

Its text and images are read with poppler's ``pdftotext`` and ``pdfimages`` (Debian's
``poppler-utils``, which ``.ci/run`` installs with TeX Live).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from book_pages import REPO, toc_pages

pytestmark = pytest.mark.build

PAGES = toc_pages()


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: apt-get install poppler-utils (.ci/run does)")
    return path


@pytest.fixture(scope="module")
def pdf(site: Path) -> Path:
    """``make pdf`` after the HTML build (whose execution cache it reuses)."""
    result = subprocess.run(
        ["make", "pdf"], cwd=REPO, capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
    return REPO / "_build" / "latex" / "mmlbook.pdf"


@pytest.fixture(scope="module")
def pdf_text(pdf: Path) -> str:
    text = subprocess.run(
        [_poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    return " ".join(text.split())


def _plain(title: str) -> str:
    return re.sub(r"[*`]", "", title)


@pytest.mark.parametrize("page", PAGES[1:], ids=lambda p: p.docname)  # the root is the cover
def test_every_page_of_the_table_of_contents_is_in_the_pdf(pdf_text: str, page) -> None:
    assert _plain(page.title) in pdf_text


def test_every_figure_of_the_site_is_in_the_pdf(site: Path, pdf: Path, pdf_text: str) -> None:
    site_figures = sum(
        len(re.findall(r'<span class="caption-number">Fig\. ', (site / p.html).read_text()))
        for p in PAGES
    )
    assert site_figures > 0
    # Each caption starts "Fig. 4.1: "; a caption may also be quoted in the text.
    pdf_figures = set(re.findall(r"\bFig\. (\d+(?:\.\d+)*): ", pdf_text))
    assert len(pdf_figures) == site_figures
    listing = subprocess.run(
        [_poppler("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]  # two header lines
    assert len(listing) >= site_figures


def test_no_reference_is_left_unresolved(pdf_text: str) -> None:
    assert "??" not in pdf_text


def test_the_site_links_the_pdf(site: Path, pdf: Path) -> None:
    assert (site / "mmlbook.pdf").read_bytes() == pdf.read_bytes()
    intro = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="../mmlbook.pdf"' in intro
