"""What running a chapter in the browser costs a reader: bytes and seconds of a first visit.

Run with ``make bench-lite`` after ``make book``. The built site is served locally and a
chapter (the sandpit by default) is opened in a fresh headless Chromium from its page's
"Run in your browser" button. Reported: the bytes and requests of that first visit up to the
first executed cell, the seconds until the notebook shows and until its first cell has run,
and the size the in-browser copy adds to the site (``_build/html/lite``). The budget of
issue 14: the site's addition under ~80 MB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from book_pages import CHROMIUM, CHROMIUM_ARGS, HTML  # noqa: E402
from conftest import serve  # noqa: E402

ADDITION_BUDGET_MB = 80.0
TIMEOUT_MS = 300_000


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def first_visit(docname: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with serve(HTML) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        host = urlparse(url).netloc
        context.route(
            "**/*",
            lambda route, request: (
                route.continue_() if urlparse(request.url).netloc == host else route.abort()
            ),
        )
        page = context.new_page()
        page.goto(f"{url}/{docname}.html", wait_until="load")
        href = page.locator("a.btn", has_text="Run in your browser").first.get_attribute("href")
        transferred = {"bytes": 0, "requests": 0}

        def finished(request) -> None:
            transferred["requests"] += 1
            transferred["bytes"] += request.sizes()["responseBodySize"]

        # On the context, not the page: the kernel's worker fetches Pyodide and the wheels.
        context.on("requestfinished", finished)
        start = time.perf_counter()
        page.goto(urljoin(page.url, href), wait_until="load")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=TIMEOUT_MS)
        visible = time.perf_counter() - start
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT_MS
        )
        page.locator(".jp-Notebook .jp-CodeCell").first.click()
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(
            """() => /^\\[\\d+\\]:$/.test(document.querySelector(
                '.jp-CodeCell .jp-InputArea-prompt').textContent.trim())""",
            timeout=TIMEOUT_MS,
        )
        first_cell = time.perf_counter() - start
        browser.close()
    return {
        "first_visit_mb": transferred["bytes"] / 1e6,
        "requests": transferred["requests"],
        "notebook_visible_s": visible,
        "first_cell_s": first_cell,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", default="book/calculus/sandpit")
    args = parser.parse_args()
    if not (HTML / "lite" / "index.html").is_file():
        sys.exit("No built site with JupyterLite: run 'make book' first.")
    addition = folder_bytes(HTML / "lite") / 1e6
    result = first_visit(args.chapter)
    print(f"site addition (_build/html/lite): {addition:.1f} MB (budget {ADDITION_BUDGET_MB} MB)")
    print(f"first visit of {args.chapter} in JupyterLite, up to its first executed cell:")
    print(f"  transferred {result['first_visit_mb']:.1f} MB in {result['requests']} requests")
    print(f"  notebook visible after {result['notebook_visible_s']:.1f} s")
    print(f"  first cell executed after {result['first_cell_s']:.1f} s")
    if addition > ADDITION_BUDGET_MB:
        sys.exit(f"the in-browser copy adds {addition:.1f} MB, over the budget")


if __name__ == "__main__":
    main()
