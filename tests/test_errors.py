"""A long list of problems ends with one line that says how many, where, and where most of them are."""

from __future__ import annotations

from mallette_print.core.errors import DataError, Problem


def _problems(n: int, path: str, first_card: int = 0) -> list[Problem]:
    return [Problem(path, i + 1, 5, f"card 'c{first_card + i // 2}'", f"text {i} does not fit") for i in range(n)]


def test_a_few_problems_end_with_the_plain_count() -> None:
    text = str(DataError(_problems(3, "cards/actors.yaml")))
    assert text.splitlines()[-1] == "3 errors found; nothing was written."
    assert str(DataError(_problems(1, "cards/actors.yaml"))).splitlines()[-1] == "1 error found; nothing was written."


def test_many_problems_end_with_one_summary_line() -> None:
    problems = _problems(30, "cards/resources.yaml") + _problems(8, "cards/actors.yaml", 100)
    problems.append(Problem("cards/board.yaml", 3, 1, "deck space #1", "too small"))
    lines = str(DataError(problems)).splitlines()
    assert len(lines) == 40
    assert (
        lines[-1] == "39 errors found in 19 cards of 3 files (most in cards/resources.yaml: 30); nothing was written."
    )
