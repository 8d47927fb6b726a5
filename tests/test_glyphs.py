"""Characters: those that never print are refused at load; those the font lacks are located errors, in check too."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.charset import uncovered
from mallette_print.draw.fonts import coverage

FIELD = 'fr: "Habitant·es'


def _spoil(game: Path, text: str, old: str = FIELD) -> None:
    actors = game / "cards" / "actors.yaml"
    body = actors.read_text(encoding="utf-8")
    assert old in body
    actors.write_text(body.replace(old, old[:5] + text + old[5:], 1), encoding="utf-8")


def _fails(game: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--game", str(game)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


def test_the_font_draws_the_shipped_game() -> None:
    covered = coverage()
    assert ord("é") in covered and ord("œ") in covered and ord("«") in covered and 0x1F600 not in covered


@pytest.mark.parametrize(
    "char, name",
    [
        ("😀", "U+1F600 (GRINNING FACE)"),
        ("漢", "U+6F22 (CJK UNIFIED IDEOGRAPH-6F22)"),
        ("\u0627", "U+0627 (ARABIC LETTER ALEF)"),
    ],
)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_character_the_font_lacks_names_file_line_card_field_and_character(
    char: str, name: str, command: str, sample_game: Path, tmp_path: Path
) -> None:
    _spoil(sample_game, char)
    out = _fails(sample_game, command, *(["--out", str(tmp_path / "out")] if command == "build" else []))
    assert "cards/actors.yaml:19:11: card 'regie-quartier', field description.fr: character " + name in out
    assert "not in the font (Atkinson Hyperlegible)" in out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "escape, name",
    [
        ("\\uD800", "U+D800 (surrogate)"),
        ("\\0", "U+0000 (control character)"),
        ("\\x07", "U+0007 (control character)"),
        ("\\u202E", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("\\u200F", "U+200F (RIGHT-TO-LEFT MARK)"),
        ("\\uFFFF", "U+FFFF (noncharacter)"),
    ],
)
def test_a_character_that_never_prints_is_refused_at_load(escape: str, name: str, sample_game: Path) -> None:
    _spoil(sample_game, escape)
    out = _fails(sample_game, "check")
    assert f"card 'regie-quartier', field description.fr: character {name} cannot be printed" in out


def test_a_nul_next_to_an_inline_icon_is_refused(sample_game: Path) -> None:
    _spoil(sample_game, "\\0:marchande:\\x001\\0 ")
    assert "U+0000 (control character)" in _fails(sample_game, "check")


def test_a_character_the_font_lacks_in_the_board_or_the_rules_is_located(project: Path) -> None:
    rules = project / "rules" / "fr.md"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("## But du jeu", "## But du jeu 🎲", 1), encoding="utf-8"
    )
    board = project / "cards" / "board.yaml"
    board.write_text(board.read_text(encoding="utf-8").replace("qr:\n", "qr:\n  # 🎲 a comment is not printed\n"))
    out = _fails(project, "check")
    assert "rules/fr.md:11:15: rulebook: character U+1F3B2 (GAME DIE) is not in the font" in out
    assert "board.yaml" not in out


def test_tabs_line_ends_and_narrow_spaces_are_drawable() -> None:
    assert list(uncovered("a\tb\nc\r\u202fd é", coverage())) == []


@pytest.mark.parametrize(
    "old, new", [('width="24"', 'width="0"'), ('viewBox="0 0 24 24" width="24" height="24"', 'viewBox="0 0 1e30 1e30"')]
)
def test_check_reports_an_svg_that_cannot_be_drawn(old: str, new: str, sample_game: Path) -> None:
    svg = sample_game / "assets" / "icons" / "deck-actor.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert "deck-actor.svg: cannot draw this SVG: width and height must be" in _fails(sample_game, "check")
