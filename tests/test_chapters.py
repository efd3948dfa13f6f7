"""Every course chapter has the anatomy of the chapter guide (docs/CHAPTER_GUIDE.md).

These read the MyST sources: what the build proves about them (that the claims hold,
the figures draw, the references resolve) is the business of the build and its tests.
"""

from __future__ import annotations

import re

import pytest
from test_claims import claim_checks

from book_pages import toc_pages, toc_parts
from chapter_cells import code_cells

COURSE_CHAPTERS = [
    page
    for part in toc_parts() if part.numbered
    for page in toc_pages() if page.docname in part.docnames
]

#: Course chapters without a *Try it* widget yet. It may only shrink.
AWAITING_TRY_IT: frozenset[str] = frozenset()

#: Assignment chapters whose course cases another chapter checks, and why.
CHECKED_ELSEWHERE = {
    "book/calculus/sandpit_hessian": "the second half of the sandpit assignment, whose "
    "course cases (the intro pit's deepest point) the sandpit chapter checks",
}


def _section(text: str, heading: str) -> str:
    """The body of the ``##`` section called ``heading``, up to the next ``##``."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def test_the_course_chapters_are_found() -> None:
    parts = {page.docname.split("/")[1] for page in COURSE_CHAPTERS}
    assert parts == {"linear_algebra", "calculus", "pca"}
    assert len(COURSE_CHAPTERS) >= 15


@pytest.mark.parametrize("page", COURSE_CHAPTERS, ids=lambda page: page.docname)
def test_a_chapter_backs_its_statements_with_claim_checks(page) -> None:
    assert claim_checks(page.text), (
        f"{page.docname} has no claim check: every statement about a computed result needs "
        "an assert in a removed cell (CONTRIBUTING.md, 'Every statement is true')"
    )


@pytest.mark.parametrize("page", COURSE_CHAPTERS, ids=lambda page: page.docname)
def test_a_chapter_has_at_least_four_exercises_each_with_a_hidden_solution(page) -> None:
    exercises = re.findall(r"^`{3,}\{exercise\}", page.text, re.M)
    solutions = re.findall(
        r"^`{3,}\{solution(?:-start)?\}[^\n]*\n:class: dropdown", page.text, re.M
    )
    assert len(exercises) >= 4, f"{page.docname} has {len(exercises)} exercises, not 4"
    assert len(solutions) == len(exercises), (
        f"{page.docname}: {len(exercises)} exercises but {len(solutions)} dropdown solutions"
    )


@pytest.mark.parametrize("page", COURSE_CHAPTERS, ids=lambda page: page.docname)
def test_an_assignment_chapter_lets_a_learner_check_their_solution(page) -> None:
    solved = _section(page.text, "The assignment, solved")
    if not solved:
        pytest.skip(f"{page.docname} carries no assignment")
    if page.docname in CHECKED_ELSEWHERE:
        pytest.skip(CHECKED_ELSEWHERE[page.docname])
    heading = re.search(r"^#{2,3} Check your own solution\s*$", page.text, re.M)
    assert heading, f"{page.docname} solves an assignment but has no 'Check your own solution'"
    check = page.text[heading.start():]
    assert re.search(r"\bcheck_\w+\(", check), (
        f"{page.docname}: its 'Check your own solution' runs no checker"
    )


@pytest.mark.parametrize("page", COURSE_CHAPTERS, ids=lambda page: page.docname)
def test_a_chapter_has_a_try_it_widget_with_its_first_frame_on_the_page(page) -> None:
    if page.docname in AWAITING_TRY_IT:
        pytest.skip(f"{page.docname} is listed in AWAITING_TRY_IT")
    assert _live_widget_then_figure(page.text), (
        f"{page.docname} has no Try it: a live cell tagged [remove-output, widget] followed "
        "by a captioned figure of its first frame (CONTRIBUTING.md, 'Try it')"
    )


def _live_widget_then_figure(text: str) -> bool:
    live = re.search(r"^:tags: \[remove-output, widget\]", text, re.M)
    return bool(live) and bool(re.search(r"mystnb:\s*\n\s*figure:", text[live.end():]))


def test_the_awaiting_list_names_only_chapters_that_still_lack_try_it() -> None:
    done = [page.docname for page in COURSE_CHAPTERS
            if page.docname in AWAITING_TRY_IT and _live_widget_then_figure(page.text)]
    assert not done, f"remove from AWAITING_TRY_IT, they have a Try it now: {done}"


#: Characters of the code font that fit the code area of a page at a 1280 px window
#: (684 px); a longer line scrolls sideways and the reader sees it cut off.
CODE_WIDTH = 76
_HIDDEN_TAGS = frozenset({"remove-cell", "remove-input"})


@pytest.mark.parametrize("page", toc_pages(), ids=lambda page: page.docname)
def test_visible_code_fits_the_width_of_the_page(page) -> None:
    long_lines = [
        f"code cell {number}: {len(line)} characters: {line.strip()}"
        for number, source in enumerate(code_cells(page.source, _HIDDEN_TAGS), start=1)
        for line in source.splitlines()
        if len(line) > CODE_WIDTH
    ]
    assert not long_lines, (
        f"{page.docname}: {len(long_lines)} visible code line(s) longer than {CODE_WIDTH} "
        "characters, which scroll sideways at a 1280 px window:\n" + "\n".join(long_lines)
    )
