"""The built site in a real browser: every page loads clean, offline, with math and images."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

import pytest

from book_pages import HTML, book_config, build_toy_book, toc_pages, toy_book
from conftest import serve

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
    # At 1280 px a table must fit the page: the theme scrolls a wider one sideways, and the
    # columns cut off are those a learner compares (expected against computed).
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('article table')]
            .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1)
            .map(t => t.rows[0].innerText.replace(/\\s+/g, ' ').slice(0, 80))"""
    )
    assert too_wide == [], f"tables wider than the page: {too_wide}"


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


_WORD = re.compile(r"[A-Za-z]{7,}")


def _prose(text: str) -> str:
    """A chapter's prose: without its front matter, code, math, directive options, roles."""
    text = text.split("\n---\n", 1)[1]
    text = re.sub(r"^(```|:::).*?^\1\s*$", " ", text, flags=re.S | re.M)  # fenced blocks
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]*\$", " ", text, flags=re.S)
    text = re.sub(r"\{[a-z:-]+\}`[^`]*`|`[^`]*`|\([^)]*\)|^:\w+:.*$", " ", text, flags=re.M)
    return text


def body_word(page_info) -> str:
    """A word of the chapter's prose, not of its title, in as few other pages as can be."""
    others = [p.text.lower() for p in PAGES if p is not page_info]
    title = page_info.title.lower()
    words = sorted(
        {w for w in _WORD.findall(_prose(page_info.text)) if w.lower()[:6] not in title},
        key=lambda w: (sum(w.lower() in text for text in others), w.lower()),
    )
    assert words, f"{page_info.docname} has no prose"
    return words[0]


def _search(open_page, query: str) -> tuple[list[str], Visit]:
    """Search the site and wait until the search has finished; the result links."""
    page, visit = open_page(f"search.html?q={quote(query)}")
    # Results arrive one by one; the heading changes only when the last has arrived.
    page.wait_for_function(
        "() => document.querySelector('#search-results h2')?.innerText === 'Search Results'",
        timeout=30_000,
    )
    results = page.locator("ul.search li a")
    return [results.nth(i).get_attribute("href") for i in range(results.count())], visit


@pytest.mark.parametrize("page_info", [p for p in PAGES if p.is_notebook], ids=lambda p: p.docname)
def test_search_finds_the_chapter_by_a_word_only_in_its_body(open_page, page_info) -> None:
    word = body_word(page_info)
    hrefs, visit = _search(open_page, word)
    assert any(page_info.html in href for href in hrefs), (word, hrefs)
    assert visit.console_errors == [] and visit.off_site == []


def test_search_for_a_word_in_no_page_finds_nothing(open_page) -> None:
    hrefs, _ = _search(open_page, "xylophonequartz")
    assert hrefs == []


def test_front_page_says_what_the_book_is(open_page) -> None:
    page, _ = open_page("index.html")
    page.wait_for_url("**/book/intro.html")
    text = page.locator("main").inner_text()
    for part in ("Linear Algebra", "Multivariate Calculus", "PCA"):
        assert part in text
    navigation = page.locator("nav.bd-links").inner_text()
    for caption in ("Linear Algebra", "Multivariate Calculus", "PCA", "Reference"):
        assert caption in navigation


def _generated_pages() -> list[str]:
    """The pages Sphinx makes itself: the indices and the highlighted source of mmlbook."""
    modules = sorted(
        path.relative_to(HTML).as_posix() for path in (HTML / "_modules").rglob("*.html")
    )
    return ["genindex.html", "py-modindex.html", *modules]


def test_generated_pages_include_every_module_source(site) -> None:
    pages = _generated_pages()
    assert "_modules/index.html" in pages
    assert "_modules/mmlbook/linalg/gram_schmidt.html" in pages


def test_generated_pages_load_clean_and_offline(open_page, site) -> None:
    problems = {}
    for path in _generated_pages():
        page, visit = open_page(path)
        page.wait_for_load_state("networkidle")
        text = page.locator("main").inner_text()
        if visit.console_errors or visit.failed or visit.off_site:
            problems[path] = (visit.console_errors, visit.failed, visit.off_site)
        elif path == "genindex.html" and "gram_schmidt() (in module mmlbook.linalg)" not in text:
            problems[path] = "the index lacks gram_schmidt"
        elif path == "py-modindex.html" and "mmlbook.linalg" not in text:
            problems[path] = "the module index lacks mmlbook.linalg"
        elif path.startswith("_modules/mmlbook/") and page.locator("div.highlight").count() == 0:
            problems[path] = "no highlighted source"
        page.context.close()
    assert problems == {}


def test_a_missing_generated_page_is_caught(open_page) -> None:
    _, visit = open_page("_modules/mmlbook/no_such_module.html")
    assert visit.failed != []


def test_an_undefined_tex_macro_is_caught(browser, tmp_path) -> None:
    """MathJax would draw an unknown macro as red text; the book makes it a TeX error,
    which the page test above refuses."""
    toy_book(
        tmp_path,
        {"page": "# A page\n\nKnown $\\mathbf{x}$, unknown $\\notamacro{x}$.\n\n"
         "```{code-cell} ipython3\nprint(1)\n```\n"},
    )
    result = build_toy_book(tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with serve(tmp_path / "_build" / "html") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/page.html", wait_until="load")
        _wait_for_mathjax(page)
        assert page.locator("mjx-container").count() == 2
        errors = page.locator("mjx-merror")
        assert errors.count() == 1
        assert "notamacro" in errors.first.get_attribute("data-mjx-error")
        context.close()
