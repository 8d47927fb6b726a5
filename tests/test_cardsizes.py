"""Every advertised card size builds the shipped game: per-size template variants (`sizes:` in templates.yaml),
the board's message when its deck spaces are too small, and the anatomy figure drawn at the build's size."""

from __future__ import annotations

import ctypes
import re
import shutil
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from click.testing import CliRunner
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from mallette_print.cards.layouts import deck_layouts
from mallette_print.cli import main
from mallette_print.core.cardsize import parse_card_size
from mallette_print.core.errors import DataError
from mallette_print.core.model import Template
from mallette_print.core.units import mm
from mallette_print.core.validate import load_game
from mallette_print.draw.fonts import register_family
from mallette_print.pipeline.context import BuildContext
from mallette_print.rulebook.anatomy import CardAnatomy, callouts, sample_cards

REPO = Path(__file__).resolve().parent.parent

# The presets and a custom size; tarot and square cards need the A2 board (the A3 one's deck spaces are too small,
# and the build says so: see test_a_board_too_small_names_the_board_size_that_holds_the_cards).
SIZES = {
    "poker": (),
    "bridge": (),
    "tarot": ("--board-size", "a2"),
    "mini": (),  # no QR code (Fiche N instead) and no second band label: cards/templates.yaml
    "square": ("--board-size", "a2"),
    "60x90": (),
}


def test_size_variants_apply_by_name_and_by_width_or_height() -> None:
    tpl = Template(
        show=["a", "b", "c"],
        sizes=[
            {"max_height": "75mm", "show": ["a", "b"], "body": {"size": "8pt", "min_size": "6pt"}},
            {"names": ["mini", "50x60"], "show": ["a"]},
        ],
    )
    at = {n: tpl.at(s.name, s.w, s.h) for n, s in ((n, parse_card_size(n)) for n in ("poker", "square", "mini"))}
    assert at["poker"] is tpl
    assert at["square"].show == ["a", "b"] and at["square"].body.min_size == "6pt"
    assert at["mini"].show == ["a"] and at["mini"].body.min_size == "6pt"  # every variant that applies, in order
    custom = parse_card_size("50x60")
    assert tpl.at(custom.name, custom.w, custom.h).show == ["a"]


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        ("{show: [definition]}", "say which card sizes it is for"),
        ("{names: [huge], show: [definition]}", "expected one of poker, bridge, tarot, mini, square"),
        ("{names: [mini], body: {size: 6pt, min_size: 5pt}}", "never smaller than 5.5 pt"),
    ],
)
def test_size_variant_mistakes_are_located_errors(tmp_path: Path, variant: str, message: str) -> None:
    shutil.copytree(REPO / "cards", tmp_path / "cards")
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    path = tmp_path / "cards" / "templates.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    show: [definition, question]\n"
    assert text.count(old) == 1
    # The notion template is the last one: its own `sizes` replaced by the one variant.
    path.write_text(text[: text.index(old)] + old + f"    sizes:\n      - {variant}\n", encoding="utf-8")
    line = text.splitlines().index("    show: [definition, question]") + 3
    with pytest.raises(DataError) as exc:
        load_game(tmp_path)
    got = str(exc.value)
    assert f"cards/templates.yaml:{line}:" in got and message in got, got


def test_a_board_too_small_names_the_board_size_that_holds_the_cards(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--game", str(REPO), "--out", str(tmp_path), "--size", "tarot"])
    assert result.exit_code != 0
    assert "(add --board-size a2 for tarot cards, or move the space in board.yaml)" in result.output
    assert not (tmp_path / "cards.pdf").exists()


def _chars_min_size(path: Path) -> float:
    """The smallest text on any page, in points as printed: each character's font size times the scale of its
    effective matrix (text matrix and CTM: a card drawn smaller, or turned a quarter, counts as drawn)."""
    doc = pdfium.PdfDocument(path)
    smallest = float("inf")
    try:
        for page in doc:
            text = page.get_textpage()
            for i in range(text.count_chars()):
                if chr(pdfium_c.FPDFText_GetUnicode(text, i)).isspace():
                    continue
                m = pdfium_c.FS_MATRIX()
                assert pdfium_c.FPDFText_GetMatrix(text, i, ctypes.byref(m))
                size = pdfium_c.FPDFText_GetFontSize(text, i) * abs(m.a * m.d - m.b * m.c) ** 0.5
                smallest = min(smallest, size)
    finally:
        doc.close()
    return smallest


def test_the_smallest_text_is_measured_as_printed(tmp_path: Path) -> None:
    """The measure above on a page of known sizes: 10 pt, 10 pt at half scale, 6 pt turned a quarter."""
    path = tmp_path / "sizes.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica", 10)
    c.drawString(100, 100, "A")
    c.saveState()
    c.scale(0.5, 0.5)
    c.drawString(100, 400, "B")
    c.restoreState()
    c.saveState()
    c.translate(300, 300)
    c.rotate(90)
    c.setFont("Helvetica", 6)
    c.drawString(0, 0, "C")
    c.restoreState()
    c.save()
    assert _chars_min_size(path) == pytest.approx(5.0)
    c = Canvas(str(path))
    c.translate(300, 300)
    c.rotate(90)
    c.setFont("Helvetica", 6)
    c.drawString(0, 0, "C")
    c.save()
    assert _chars_min_size(path) == pytest.approx(6.0)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_shipped_game_builds_at_every_size_with_no_card_text_under_5_5_pt(
    tmp_path: Path, size: str, lang: str
) -> None:
    args = ["build", "--game", str(REPO), "--out", str(tmp_path), "--size", size, "--lang", lang, *SIZES[size]]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output[-3000:]
    assert _chars_min_size(tmp_path / "cards.pdf") >= 5.5 - 1e-6


@pytest.mark.parametrize("size", ["poker", "tarot", "square"])
def test_anatomy_callouts_point_at_text_drawn_on_the_card(tmp_path: Path, size: str) -> None:
    """Each callout of the title, the body and the small print is level with text drawn on the card itself."""
    data, card_size, ctx = load_game(REPO), parse_card_size(size), BuildContext()
    scale = mm(42) / card_size.w
    style = ParagraphStyle("callout", fontName=register_family().regular, fontSize=8.5, leading=10)
    path = tmp_path / "anatomy.pdf"
    c = Canvas(str(path), pagesize=(mm(200), mm(200)))
    origin = mm(10)
    figures = []
    for deck, card in sample_cards(data):
        fig = CardAnatomy(ctx, data, deck, card, "fr", card_size, scale, mm(120), style)
        fig.drawOn(c, origin, origin)
        c.showPage()
        lay = deck_layouts(ctx, data, deck, "fr", card_size, register_family())
        assert not isinstance(lay, list)
        figures.append(callouts(data, deck, lay[card.id], card_size, "fr"))
    c.save()
    with pdfplumber.open(path) as pdf:
        for page, points in zip(pdf.pages, figures):
            on_card = [ch for ch in page.chars if ch["x1"] <= origin + card_size.w * scale + 0.5]
            assert on_card
            # title, body and small print (the band is drawn in the band's colour, the fiche is a QR code)
            for _x, y, label in [points[1], points[2], points[-1]]:
                top = page.height - (origin + y * scale)  # pdfplumber measures from the top
                near = [ch for ch in on_card if ch["top"] - 3 <= top <= ch["bottom"] + 3]
                assert near, (size, label, y)


@pytest.mark.parametrize("size", ["mini", "square"])
def test_a_card_too_long_for_a_small_size_is_located_and_the_output_ends_with_one_summary_line(
    tmp_path: Path, size: str
) -> None:
    game = tmp_path / "game"
    for folder in ("cards", "assets", "rules"):
        shutil.copytree(REPO / folder, game / folder)
    path = game / "cards" / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    old = "title: {fr: Régie de quartier, en: Neighbourhood trust, es: Empresa de barrio}"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "title: {fr: " + "Régie de quartier " * 5 + ", en: x}"), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    out = tmp_path / "out"
    args = ["build", "--game", str(game), "--out", str(out), "--size", size, "--board-size", "a2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    # one line: the count (and, when the errors spread, over how many cards and files), then what was not written
    assert re.fullmatch(r"1 error found[^;\n]*; nothing was written\.", lines[-1]), result.output
    assert any(f"cards/actors.yaml:{line}:" in ln and "'regie-quartier'" in ln and "'title'" in ln for ln in lines)
    assert not out.exists() or not any(out.iterdir())
