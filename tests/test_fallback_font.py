"""A fallback font declared in game.yaml draws the characters the family lacks; what neither has stays a located
error. The fallback here is Bitstream Vera, shipped in reportlab's package and used from there at test time only
((c) 2003 Bitstream, Inc., Bitstream Vera License: free to use and bundle; not copied into this repository, so not
in assets/CREDITS, which the rulebook prints)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber
import pytest
import reportlab
from click.testing import CliRunner
from fontTools.ttLib import TTFont as FontFile

from mallette_print.cards.painter import CardLook
from mallette_print.cards.sheets import render_sheets
from mallette_print.cli import main
from mallette_print.core.cardsize import PRESETS
from mallette_print.core.validate import load_game
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.verify import activate_fonts, verify

REPO = Path(__file__).resolve().parent.parent
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
DELTA = "\u2206"  # INCREMENT: in Vera, not in Atkinson Hyperlegible
TITLE = "title: {fr: Régie de quartier, en: Neighbourhood trust, es: Empresa de barrio}"


def make_game(root: Path, fallback: str | None, title: str) -> Path:
    for folder in ("cards", "assets", "rules"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "assets" / "fonts").mkdir()
    shutil.copy(VERA, root / "assets" / "fonts" / "Vera.ttf")
    actors = root / "cards" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    assert text.count(TITLE) == 1
    actors.write_text(text.replace(TITLE, f"title: {{fr: {title}, en: x}}"), encoding="utf-8")
    if fallback is not None:
        with (root / "cards" / "game.yaml").open("a", encoding="utf-8") as f:
            f.write(f"fonts:\n  fallback: [{fallback}]\n")
    return root


def vera_advance(ch: str) -> float:
    """The advance width of a Vera glyph, in em."""
    font = FontFile(str(VERA))
    return font["hmtx"][font.getBestCmap()[ord(ch)]][0] / font["head"].unitsPerEm


def test_a_character_the_family_lacks_is_drawn_with_the_fallback_glyph(tmp_path: Path) -> None:
    data = load_game(make_game(tmp_path, "assets/fonts/Vera.ttf", f"Régie {DELTA} quartier"))
    try:
        verify(data, ["fr"])  # no located error: the fallback has the character
        activate_fonts(data, ["fr"])
        size = PRESETS["tarot"]  # upright on A4
        pdf, _ = render_sheets(
            data, "fr", "a4", size, "long", (0.0, 0.0), CardLook(size), ("regie-quartier",), BuildContext()
        )
    finally:
        activate_fonts(load_game(REPO), ["fr"])  # the family alone again, for the other tests of this process
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [ch for ch in doc.pages[2].chars if ch["text"] == DELTA]
    assert chars, "the title's character is on the card"
    notdef = 0.527  # Atkinson Hyperlegible's empty box, in em
    assert abs(vera_advance(DELTA) - notdef) > 0.1
    for ch in chars:
        # The glyph's advance is Vera's (its width in em at the character's size), not the empty box's.
        assert (ch["x1"] - ch["x0"]) / ch["size"] == pytest.approx(vera_advance(DELTA), abs=0.005)


@pytest.mark.parametrize(
    ("fallback", "title", "expected"),
    [
        # neither font has the emoji: located at the card's title, naming both fonts
        (
            "assets/fonts/Vera.ttf",
            "Régie \U0001f600",
            "character U+1F600 (GRINNING FACE) is not in the font (Atkinson Hyperlegible, nor in the fallback "
            "fonts Vera.ttf)",
        ),
        # no fallback declared: the character the family lacks is an error as before
        (None, f"Régie {DELTA}", "character U+2206 (INCREMENT) is not in the font (Atkinson Hyperlegible)"),
        # a fallback that is no font: located at its line in game.yaml
        ("assets/fonts/notes.ttf", "Régie", "fonts: notes.ttf cannot be used as a font"),
        # a fallback outside the game folder or missing: refused by the loader, located
        ("../Vera.ttf", "Régie", "path '../Vera.ttf' leaves the game folder"),
        ("assets/fonts/missing.ttf", "Régie", "missing.ttf"),
    ],
)
def test_what_no_font_draws_and_unusable_fallbacks_are_located_errors(
    tmp_path: Path, fallback: str | None, title: str, expected: str
) -> None:
    game = make_game(tmp_path / "game", fallback, title)
    (game / "assets" / "fonts" / "notes.ttf").write_text("not a font\n", encoding="utf-8")
    shutil.copy(VERA, tmp_path / "Vera.ttf")
    result = CliRunner().invoke(main, ["check", "--game", str(game)])
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    line = next(ln for ln in result.output.splitlines() if expected in ln)
    if fallback in (None, "assets/fonts/Vera.ttf"):
        assert "cards/actors.yaml:" in line and "regie-quartier" in line
    else:  # at the fallback's own line in game.yaml
        game_yaml = (game / "cards" / "game.yaml").read_text(encoding="utf-8").splitlines()
        assert f"cards/game.yaml:{len(game_yaml)}:" in line
    assert "Traceback" not in result.output
