"""Fixtures shared by the tests: a clean build of the book, a local server, a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from book_pages import BIN, CHROMIUM, CHROMIUM_ARGS, HTML, REPO, require_chromium

# Property tests check correctness, not speed: on a machine busy with a book build a
# single example can take longer than hypothesis's default 200 ms deadline.
settings.register_profile("mmlbook", deadline=None)
settings.load_profile("mmlbook")


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    """Close the figures a test drew, so that figures do not pile up across tests."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    log: str


@pytest.fixture(scope="session")
def clean_build() -> BuildResult:
    """Build the whole book as the tests demand: every page, warnings and broken references
    as errors. ``--all`` re-reads every page, so an earlier failed build cannot hide a
    problem; the execution cache stays valid (the book clears it when ``mmlbook`` changes).
    """
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--all"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return BuildResult(result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site(clean_build: BuildResult) -> Path:
    """The built site's folder, after a build that must have succeeded."""
    if clean_build.returncode != 0:
        pytest.fail(f"the book did not build:\n{clean_build.log[-5000:]}")
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; its address."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 on a free port."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright (never a downloaded browser)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


