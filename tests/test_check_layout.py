"""`mallette check` lays the cards and the board out as `build` would, without drawing (issue 17, items 4 and 5).

Before, `check` said "valid" and `build` then refused the same data: a text too long for the card, an unknown
inline icon, a deck space too small for the card size. An overflow now names every field of the box and blames the
longest one (not whichever crosses the bottom), and a card that lowers a whole deck's text size is named.
"""

from __future__ import annotations

import re
from pathlib import Path

from mallette_print.cli import main

DESCRIPTION = 'fr: "Habitant·es, élu·es et bailleurs entretiennent ensemble le quartier et y créent des emplois."'
LONG = (
    " Elle forme des jeunes du quartier aux métiers du bâtiment et de l’entretien des espaces verts, avec les"
    " bailleurs sociaux et la mission locale, tient une conciergerie solidaire au pied des immeubles, anime des"
    " ateliers de réparation ouverts à toutes et tous chaque samedi matin et accueille les nouveaux habitant·es."
)


def _lengthen(game: Path, extra: str) -> Path:
    actors = game / "cards" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    assert DESCRIPTION in text
    actors.write_text(text.replace(DESCRIPTION, DESCRIPTION[:-1] + extra + '"', 1), encoding="utf-8")
    return actors


def _line(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_check_refuses_a_text_that_build_would_refuse(sample_game: Path, runner) -> None:
    actors = _lengthen(sample_game, LONG)
    checked = runner.invoke(main, ["check"])
    built = runner.invoke(main, ["build", "--only", "actors", "--out", str(sample_game / "out"), "-q"])
    assert checked.exit_code == built.exit_code == 1, checked.output
    overflow = [line for line in checked.output.splitlines() if "do not fit together" in line]
    assert overflow and overflow[0] in built.output
    # Located at the French description, the longest field, with every field's share of the box.
    assert overflow[0].startswith(f"cards/actors.yaml:{_line(actors, 'Elle forme des jeunes')}:")
    assert "card 'regie-quartier'" in overflow[0]
    assert re.search(r"description \d+ lines, resources \d+ lines?, ability \d+ lines?", overflow[0])
    assert re.search(r"\d+\.\d mm too tall at 7 pt.*the longest is description", overflow[0])
    assert not (sample_game / "out").exists()


def test_check_lays_out_at_the_size_and_language_asked(sample_game: Path, runner) -> None:
    _lengthen(sample_game, LONG[:160])
    assert runner.invoke(main, ["check"]).exit_code == 0
    at_mini = runner.invoke(main, ["check", "--size", "mini"])
    assert at_mini.exit_code == 1
    assert "card 'regie-quartier'" in at_mini.output and "at 44×68" not in at_mini.output
    english_only = runner.invoke(main, ["check", "--size", "mini", "--lang", "en"])
    assert "the fr text" not in english_only.output and "the fr texts" not in english_only.output
    assert "en" in english_only.output.splitlines()[-1] or english_only.exit_code == 1


def test_check_refuses_an_unknown_inline_icon(sample_game: Path, runner) -> None:
    actors = sample_game / "cards" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("en 1 ressource marchande.", "en 1 ressource :marchand: marchande.", 1), "utf-8")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "unknown inline icon ':marchand:'" in result.output and "did you mean 'marchande'?" in result.output


def test_check_refuses_deck_spaces_too_small_for_the_card_size(project: Path, runner) -> None:
    result = runner.invoke(main, ["check", "--size", "tarot", "--lang", "fr"])
    assert result.exit_code == 1
    assert "cards/board.yaml:" in result.output and "tarot cards" in result.output
    assert "--board-size a2" in result.output


def test_a_card_that_lowers_its_whole_deck_is_named(sample_game: Path, runner) -> None:
    actors = _lengthen(sample_game, LONG[:160])  # 7.5 pt alone; the other cards fit at 8.5 pt or more
    result = runner.invoke(main, ["check", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "note:" in line and "deck 'actors'" in line]
    assert len(notes) == 1, result.output
    assert notes[0].startswith(f"cards/actors.yaml:{_line(actors, '- id: regie-quartier')}:")
    got = re.search(r"all (\d+) cards of deck 'actors' is set at ([\d.]+) pt .* would be at ([\d.]+) pt", notes[0])
    assert got, notes[0]
    assert int(got[1]) == (sample_game / "cards" / "actors.yaml").read_text("utf-8").count("  - id: ")
    assert float(got[3]) - float(got[2]) >= 0.5


def test_no_note_when_no_card_stands_out(sample_game: Path, runner) -> None:
    _lengthen(sample_game, LONG[:40])  # 8.25 pt alone; another card needs 8.5 pt: a quarter point is no news
    result = runner.invoke(main, ["check", "--lang", "fr"])
    assert result.exit_code == 0
    assert "deck 'actors'" not in result.output
