"""Types as strict as the JSON Schema: a quoted number or a word for a boolean is refused, located, in every file
kind (game, deck, templates, board), by `mallette check` and `mallette build` alike, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from mallette_print.cli import main


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, text replaced, replacement, expected message without the column)
CASES = [
    (
        "cards/game.yaml",
        "year: 2026",
        "year: '2026'",
        "'year': expected a whole number, got the text '2026' (write 2026 without quotes)",
    ),
    (
        "cards/game.yaml",
        "players_min: 3",
        "players_min: 3.0",
        "'parameters.players_min': expected a whole number, got the number 3.0",
    ),
    (
        "cards/game.yaml",
        "challenges_to_win_by_actors: {5: 6,",
        "challenges_to_win_by_actors: {5: '6',",
        "expected a whole number, got the text '6' (write 6 without quotes)",
    ),
    (
        "cards/resources.yaml",
        "value: 3",
        'value: "3"',
        "'value': expected a whole number, got the text '3' (write 3 without quotes)",
    ),
    (
        "cards/resources.yaml",
        "fragile: true",
        'fragile: "yes"',
        "'fragile': expected true or false, got the text 'yes' (write true or false, without quotes)",
    ),
    (
        "cards/resources.yaml",
        "quantity: 3",
        "quantity: true",
        "'quantity': expected a whole number, got the boolean true",
    ),
    (
        "cards/templates.yaml",
        "bold: true",
        "bold: 1",
        "'title.bold': expected true or false, got the number 1",
    ),
    (
        "cards/board.yaml",
        "{deck: events, role: draw, at: [44mm, 244mm]}",
        "{deck: events, role: draw, at: [44mm, 244mm], rotate: 'no'}",
        "'rotate': expected true or false, got the text 'no'",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_lax_values_are_refused_with_the_expected_type(
    project: Path, runner, file: str, old: str, new: str, message: str
) -> None:
    edit(project / file, old, new)
    line = next(i for i, text in enumerate((project / file).read_text().splitlines(), 1) if new in text)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    found = [x for x in result.output.splitlines() if x.startswith(f"{file}:{line}:")]
    assert found and message in found[0], result.output


def test_build_refuses_them_too_and_writes_nothing(project: Path, runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "cards.pdf").write_bytes(b"earlier")
    edit(project / "cards/resources.yaml", "value: 3", 'value: "3"')
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "expected a whole number, got the text '3'" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["cards.pdf"]
    assert (out / "cards.pdf").read_bytes() == b"earlier"


def test_a_float_field_takes_whole_numbers_but_not_text(project: Path, runner) -> None:
    path = project / "cards/templates.yaml"
    edit(path, "bold: true}", "bold: true, leading: 1}")
    assert runner.invoke(main, ["check"]).exit_code == 0
    edit(path, "leading: 1}", "leading: '1.2'}")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "expected a number, got the text '1.2' (write 1.2 without quotes)" in result.output
