"""mmlbook.glue: the chapters' glue in the browser, where myst-nb is not installed."""

from __future__ import annotations

import pytest

from mmlbook.glue import glue


def test_a_displayed_value_is_shown_and_a_hidden_one_is_not(capsys) -> None:
    glue("shown", 3.25)
    glue("hidden", 4.5, display=False)
    assert capsys.readouterr().out == "3.25\n"


@pytest.mark.parametrize(
    ("name", "display", "error", "argument"),
    [(1, True, TypeError, "name"), ("", True, ValueError, "name"),
     ("x", "no", TypeError, "display")],
)
def test_bad_arguments_are_refused_by_name(name, display, error, argument) -> None:
    with pytest.raises(error, match=argument):
        glue(name, 1.0, display=display)
