"""The built site in a real browser: every page loads clean, offline, with math and images."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

import pytest

from book_pages import book_config, toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()


@dataclass
class Visit:
    """What the browser saw while loading one page."""

    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    off_site: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser, site_url):
    """Open a page of the site; record console errors, failed and off-site requests."""
    contexts = []

    def _open(path: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        visit = Visit()
        host = urlparse(site_url).netloc

        def route(route_, request):
            if urlparse(request.url).netloc != host and not request.url.startswith("data:"):
                visit.off_site.append(request.url)
                return route_.abort()
            return route_.continue_()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
        page.on("pageerror", lambda e: visit.console_errors.append(str(e)))
        page.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))
        page.on(
            "response", lambda r: r.status >= 400 and visit.failed.append(f"{r.url} ({r.status})")
        )
        page.goto(f"{site_url}/{path}", wait_until="load")
        return page, visit

    yield _open
    for context in contexts:
        context.close()


def _wait_for_mathjax(page) -> None:
    page.wait_for_function(
        "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20_000
    )
    page.evaluate("() => MathJax.startup.promise")


@pytest.mark.parametrize("page_info", PAGES, ids=lambda p: p.docname)
def test_page_loads_clean_and_offline(open_page, page_info) -> None:
    page, visit = open_page(page_info.html)
    # Load every image now rather than when scrolled to.
    page.evaluate("() => document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    page.wait_for_function(
        "() => [...document.images].every(i => i.complete)", timeout=20_000
    )
    if page_info.has_math:
        _wait_for_mathjax(page)
    page.wait_for_load_state("networkidle")

    assert visit.console_errors == []
    assert visit.failed == []
    assert visit.off_site == []
    broken = page.evaluate(
        "() => [...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == []
    if page_info.has_math:
        assert page.locator("mjx-container").count() > 0, "math in the source was not rendered"
        assert page.locator("mjx-merror").count() == 0, "MathJax reported a TeX error"
    if page_info.is_notebook:
        assert page.locator(".cell_output").count() > 0, "an executed chapter shows no output"


@pytest.mark.parametrize("page_info", [p for p in PAGES if p.is_notebook], ids=lambda p: p.docname)
def test_binder_link_points_at_the_chapter(open_page, page_info) -> None:
    repository = book_config()["repository"]
    owner_repo = urlparse(repository["url"]).path.strip("/")
    expected = (
        f"https://mybinder.org/v2/gh/{owner_repo}/{repository['branch']}"
        f"?urlpath=lab/tree/{page_info.docname}.md"
    )
    page, _ = open_page(page_info.html)
    links = page.locator("a[href*='mybinder.org']")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert hrefs == {expected}


def _search_word(title: str) -> str:
    words = re.findall(r"[A-Za-z]{5,}", title)
    return max(words, key=len)


@pytest.mark.parametrize("page_info", [p for p in PAGES if p.is_notebook], ids=lambda p: p.docname)
def test_search_finds_the_chapter_by_a_word_of_its_title(open_page, page_info) -> None:
    word = _search_word(page_info.title)
    page, visit = open_page(f"search.html?q={quote(word)}")
    results = page.locator("ul.search li a")
    results.first.wait_for(timeout=20_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(page_info.html in href for href in hrefs), (word, hrefs)
    assert visit.console_errors == [] and visit.off_site == []


def test_front_page_says_what_the_book_is(open_page) -> None:
    page, _ = open_page("index.html")
    page.wait_for_url("**/book/intro.html")
    text = page.locator("main").inner_text()
    for part in ("Linear Algebra", "Multivariate Calculus", "PCA"):
        assert part in text
    navigation = page.locator("nav.bd-links").inner_text()
    for caption in ("Linear Algebra", "Multivariate Calculus", "PCA", "Reference"):
        assert caption in navigation
