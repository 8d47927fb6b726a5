"""Layouts as data, on the designers' guide's worked example (Seed Swap, a game of its own): a game's font family,
cut shapes drawn and measured on the sheets, pattern elements, images fitted by their own proportions.

The example's font is Bitstream Vera Sans Bold, shipped in reportlab's package and copied from there at test time
only ((c) 2003 Bitstream, Inc., Bitstream Vera License: free to use, embed and bundle; not in this repository).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
import reportlab
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from mallette_print.cli import main
from mallette_print.core.errors import DataError
from mallette_print.core.validate import load_game

REPO = Path(__file__).resolve().parent.parent
VERA_BOLD = Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"
MM = 72 / 25.4


def write_example(game: Path) -> Path:
    """The guide's worked example, written out from its blocks (each under its file name), with its font."""
    text = (REPO / "docs" / "designers.md").read_text(encoding="utf-8")
    section = text.split("## A worked example: Seed Swap", 1)[1].split("\n## ", 1)[0]
    files = re.findall(r"\*\*`([^`]+)`\*\*\n\n```\w+\n(.*?)\n```", section, re.S)
    assert {name for name, _ in files} >= {"cards/game.yaml", "cards/templates.yaml", "cards/seeds.csv"}
    for name, body in files:
        (game / name).parent.mkdir(parents=True, exist_ok=True)
        (game / name).write_text(body + "\n", encoding="utf-8")
    (game / "assets" / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy(VERA_BOLD, game / "assets" / "fonts" / "VeraBd.ttf")
    return game


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _outlines(page: pdfplumber.page.Page, least_mm: float = 30) -> list[tuple[float, float, float, float]]:
    """The stroked outlines on a sheet at least `least_mm` across: (x0, top, x1, bottom) in points."""
    found = [
        (o["x0"], o["top"], o["x1"], o["bottom"])
        for o in page.curves + page.rects
        if o.get("stroke") and o["x1"] - o["x0"] > least_mm * MM
    ]
    return sorted(found)


@pytest.fixture(scope="module")
def seed_swap(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example, built once: its tokens at 52 x 60 mm, printed both sides (long edge)."""
    game = write_example(tmp_path_factory.mktemp("seed-swap"))
    out = game / "out"
    args = ["build", "--game", str(game), "--size", "52x60", "--only", "seeds", "--duplex", "long", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return game, out / "cards-partial.pdf"


def test_the_guides_seed_swap_prints_hexagon_tokens_in_its_own_font(seed_swap: tuple[Path, Path]) -> None:
    _, pdf = seed_swap
    reader = PdfReader(pdf)
    front = " ".join(reader.pages[2].extract_text().split())
    for words in ("Tomato", "Runner bean", "Garlic", "Sow in: Spring", "Keep the seeds of the best"):
        assert words in front, front
    fonts = {
        str(f.get_object()["/BaseFont"]): f.get_object()
        for f in reader.pages[2]["/Resources"]["/Font"].values()  # type: ignore[index,union-attr]
    }
    vera = [name for name in fonts if "VeraSans-Bold" in name]
    assert vera, sorted(fonts)
    # Embedded, as a subset (the name's six-letter tag), never referenced from the reader's machine.
    descriptor = fonts[vera[0]]["/FontDescriptor"].get_object()
    assert "/FontFile2" in descriptor and re.match(r"/?[A-Z]{6}\+", vera[0]), vera[0]
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[2]
        title = [ch for ch in page.chars if ch["text"] in "Tomato" and "Vera" in ch["fontname"]]
        assert title, {ch["fontname"] for ch in page.chars}


def test_hexagon_outline_is_the_cut_line_and_backs_stay_registered(seed_swap: tuple[Path, Path]) -> None:
    _, pdf = seed_swap
    with pdfplumber.open(pdf) as doc:
        front, back = doc.pages[2], doc.pages[3]
        outlines = _outlines(front)
        assert len(outlines) == 3, outlines  # one per token
        for x0, top, x1, bottom in outlines:
            # Turned a quarter on the sheet: 60 mm across, 52 mm down, to a tenth of a millimetre.
            assert (x1 - x0) / MM == pytest.approx(60.0, abs=0.1)
            assert (bottom - top) / MM == pytest.approx(52.0, abs=0.1)
        # The sheet's cut marks stay (the grid of bounding rectangles), outside the cards.
        marks = [ln for ln in front.lines if abs(ln["x1"] - ln["x0"]) < 0.01 or abs(ln["top"] - ln["bottom"]) < 0.01]
        assert len(marks) >= 8
        # Each back (its fill, the token and its bleed) lies under its front, mirrored across the long edge.
        width = float(front.width)
        fills = [
            ((r["x0"] + r["x1"]) / 2, (r["top"] + r["bottom"]) / 2)
            for r in back.rects
            if r.get("fill") and abs((r["x1"] - r["x0"]) / MM - 66.0) < 0.1
        ]
        for x0, top, x1, bottom in outlines:
            cx, cy = width - (x0 + x1) / 2, (top + bottom) / 2
            assert any(abs(fx - cx) < 0.1 * MM and abs(fy - cy) < 0.1 * MM for fx, fy in fills), (cx, cy, fills)


ROUND = """  seed-round:
    extends: base
    shape: circle
    elements:
      - {kind: pattern, pattern: stripes, spacing: 3, colour: "#CFE8D5", box: [0, 0, 40, 40]}
      - {kind: text, field: title, box: [8, 6, 24, 6], style: {size: 9pt, min_size: 7pt, align: centre}}
      - {kind: image, field: image, fit: cover, box: [6, 13, 13, 13]}
      - {kind: image, field: image, fit: contain, box: [21, 13, 13, 13]}
"""


def test_a_40_mm_circle_with_a_wide_picture_in_cover_and_contain(tmp_path: Path) -> None:
    game = write_example(tmp_path / "round")
    with (game / "cards" / "templates.yaml").open("a", encoding="utf-8") as f:
        f.write(ROUND)
    csv = game / "cards" / "seeds.csv"
    _edit(csv, "#template,seed-token", "#template,seed-round")
    # A short notice, centred low on the round token (the default one would need the lowest 25 mm of it).
    _edit(game / "cards" / "game.yaml", "licensor: ", 'notice: "© Seed Library"\nlicensor: ')
    _edit(csv, "id,title:en,season,weeks,tip:en", "id,title:en,season,weeks,tip:en,image")
    _edit(csv, 'on paper."', 'on paper.",assets/wide.png')
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")  # one token
    picture = Image.new("RGB", (200, 100), "#D55E00")  # twice as wide as high
    picture.paste("#0072B2", (100, 0, 200, 100))
    picture.save(game / "assets" / "wide.png")
    out = tmp_path / "out"
    args = ["build", "--game", str(game), "--size", "40x40", "--only", "seeds", "--duplex", "none", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out / "cards-partial.pdf") as doc:
        page = doc.pages[1]
        (x0, top, x1, bottom), *more = _outlines(page)
        assert not more
        assert (x1 - x0) / MM == pytest.approx(40.0, abs=0.1) and (bottom - top) / MM == pytest.approx(40.0, abs=0.1)
        # The picture keeps its 2:1 proportions: cover fills the 13 mm box (26 x 13 mm, cut to the box), contain
        # fits inside it (13 x 6.5 mm). Sizes as placed, whichever way the sheet turns the card.
        sizes = sorted(
            tuple(sorted((round((i["x1"] - i["x0"]) / MM, 1), round((i["bottom"] - i["top"]) / MM, 1))))
            for i in page.images
        )
        assert sizes == [(6.5, 13.0), (13.0, 26.0)], sizes


def _check(game: Path, *more: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--game", str(game), "--size", "52x60", *more])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (
            "cards/templates.yaml",
            "font: display",
            "font: dispaly",
            "cards/templates.yaml:7:11: template 'seed-token': unknown font 'dispaly' (the game's: display)",
        ),
        (
            "assets/CREDITS",
            "VeraBd.ttf",
            "Vera Bold",
            "cards/game.yaml:39:24: font family 'display': the licence of VeraBd.ttf is not recorded",
        ),
        (
            "cards/seeds.csv",
            "tomato,Tomato,",
            "tomato,Řepa,",
            "cards/seeds.csv: cell B9: card 'tomato': the en text of 'title' has characters the font family "
            "'display' (VeraBd.ttf) cannot draw: 'Ř' U+0158 (LATIN CAPITAL LETTER R WITH CARON)",
        ),
    ],
)
def test_font_mistakes_are_located(tmp_path: Path, path: str, old: str, new: str, expected: str) -> None:
    game = write_example(tmp_path / "game")
    _edit(game / path, old, new)
    code, output = _check(game)
    assert code == 1 and expected in output, output


def test_a_font_file_that_is_not_a_font_is_refused_by_check_and_build(tmp_path: Path) -> None:
    game = write_example(tmp_path / "game")
    (game / "assets" / "fonts" / "VeraBd.ttf").write_bytes(b"not a font at all" * 10)
    code, output = _check(game)
    assert code == 1 and "cards/game.yaml:39:24: font family 'display': VeraBd.ttf" in output, output
    args = ["build", "--game", str(game), "--size", "52x60", "--only", "seeds", "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "font family 'display': VeraBd.ttf" in result.output, result.output
    assert not (tmp_path / "out" / "cards-partial.pdf").exists()


def test_texts_are_fitted_with_the_games_font_widths(tmp_path: Path) -> None:
    # The same title fits its box in the default font, and is too wide for it in the wider Vera Sans Bold.
    game = write_example(tmp_path / "game")
    _edit(game / "cards" / "seeds.csv", "tomato,Tomato,", "tomato,Purple sprouting broccoli of Nine Star Perennial,")
    code, output = _check(game)
    assert code == 1 and "card 'tomato': the en text of 'title' in its box does not fit" in output, output
    _edit(game / "cards" / "templates.yaml", "    font: display\n", "")
    code, output = _check(game)
    assert code == 0, output


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "pattern: dots",
            "pattern: zigzag",
            "cards/templates.yaml:9:34: elements #1: 'pattern': expected one of 'dots', 'stripes', 'grid', 'waves', "
            "'checks' or 'cross', got 'zigzag'",
        ),
        ("spacing: 4", "spacing: 1", "cards/templates.yaml:9:68: elements #1: 'spacing': expected a number ≥ 1.5"),
        ("kind: pattern, pattern: dots,", "kind: pattern,", "a pattern element needs 'pattern'"),
    ],
)
def test_pattern_mistakes_are_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    game = write_example(tmp_path / "game")
    _edit(game / "cards" / "templates.yaml", old, new)
    with pytest.raises(DataError) as err:
        load_game(game)
    problems = [str(p) for p in err.value.problems]
    assert any(expected in p for p in problems), problems


def test_check_warns_about_a_box_outside_the_hexagons_safe_area(tmp_path: Path) -> None:
    game = write_example(tmp_path / "game")
    _edit(game / "cards" / "templates.yaml", "box: [21, 8, 10, 9]", "box: [14, 6, 24, 11]")
    code, output = _check(game)
    assert code == 0, output
    assert (
        "cards/templates.yaml:10:9: template 'seed-token': warning: element 2 (badge) has its box [14, 6, 24, 11] mm "
        "outside the safe area of the hexagon 52 x 60 mm card (its outline less 4 mm): it may be cut into"
    ) in output, output


def test_a_rounded_outline_and_a_flowing_circle_warning(tmp_path: Path) -> None:
    game = write_example(tmp_path / "game")
    templates = game / "cards" / "templates.yaml"
    _edit(templates, "    shape: hexagon\n", "    shape: rounded\n    corner_radius: 6mm\n")
    with templates.open("a", encoding="utf-8") as f:
        f.write("  seed-flowing:\n    extends: base\n    shape: circle\n")
    code, output = _check(game)
    assert (
        code == 0
        and (
            "cards/templates.yaml:18:12: template 'seed-flowing': warning: a circle card with the flowing layout: its "
            "texts are set in the rectangle and the outline cuts into them"
        )
        in output
    ), output
    out = tmp_path / "out"
    args = ["build", "--game", str(game), "--size", "52x60", "--only", "seeds", "--duplex", "none", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out / "cards-partial.pdf") as doc:
        page = doc.pages[1]
        outlines = [o for o in page.curves if o.get("stroke") and o["x1"] - o["x0"] > 30 * MM]
        assert len(outlines) == 3
        for o in outlines:
            assert (o["x1"] - o["x0"]) / MM == pytest.approx(60.0, abs=0.1)
            assert (o["bottom"] - o["top"]) / MM == pytest.approx(52.0, abs=0.1)
            # The corners are arcs of 6 mm: no point of the outline at the bounding box's corners.
            corner = (o["x0"], o["top"])
            assert min(abs(x - corner[0]) + abs(y - corner[1]) for x, y in o["pts"]) > 1.5 * MM


def _flowing_in_display(game: Path) -> Path:
    """The example's tokens on the flowing layout (template `base`), which sets its texts in the `display` font."""
    write_example(game)
    _edit(game / "cards" / "templates.yaml", "  base:\n", "  base:\n    font: display\n")
    _edit(game / "cards" / "seeds.csv", "#template,seed-token", "#template,base")
    return game


def test_a_flowing_template_sets_its_texts_in_its_own_font(tmp_path: Path) -> None:
    game = _flowing_in_display(tmp_path / "game")
    out = tmp_path / "out"
    args = ["build", "--game", str(game), "--only", "seeds", "--duplex", "none", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    page = PdfReader(out / "cards-partial.pdf").pages[1]
    fonts = {
        str(f.get_object()["/BaseFont"]): f.get_object()
        for f in page["/Resources"]["/Font"].values()  # type: ignore[index,union-attr]
    }
    vera = [name for name in fonts if "VeraSans-Bold" in name]
    assert vera and re.match(r"/?[A-Z]{6}\+", vera[0]), sorted(fonts)  # embedded, as a subset
    assert "/FontFile2" in fonts[vera[0]]["/FontDescriptor"].get_object()
    with pdfplumber.open(out / "cards-partial.pdf") as doc:
        chars = doc.pages[1].chars
    in_vera = "".join(ch["text"] for ch in chars if "Vera" in ch["fontname"])
    in_default = "".join(ch["text"] for ch in chars if "Atkinson" in ch["fontname"])
    # The band's label, the title and the body in the template's font; the notice and card id in the build's.
    assert in_vera.startswith("SeedTomato"), in_vera  # the band's label "Seed", then the title
    for words in ("Tomato", "Runner bean", "Sow in: Spring", "Weeks to harvest: 12", "Keep the seeds of the"):
        assert words in in_vera and words not in in_default, (words, in_vera)
    assert "tomato · v1.0" in in_default and "tomato · v1.0" not in in_vera, in_default


def test_a_flowing_template_fits_its_texts_with_its_fonts_widths(tmp_path: Path) -> None:
    # This title fits the card's two title lines in the default font, not in the wider Vera Sans Bold.
    game = _flowing_in_display(tmp_path / "game")
    title = " ".join(["Tomato Heartbreaker"] * 3)
    _edit(game / "cards" / "seeds.csv", "tomato,Tomato,", f"tomato,{title},")
    result = CliRunner().invoke(main, ["check", "--game", str(game)])
    assert result.exit_code == 1, result.output
    assert (
        "cards/seeds.csv: cell B9: card 'tomato': the en text of 'title' (at most 2 lines) does not fit: it overflows "
        "by 3.5 mm at 9 pt"
    ) in result.output, result.output
    _edit(game / "cards" / "templates.yaml", "    font: display\n", "")
    result = CliRunner().invoke(main, ["check", "--game", str(game)])
    assert result.exit_code == 0, result.output


def test_a_character_the_flowing_templates_font_lacks_is_located(tmp_path: Path) -> None:
    game = _flowing_in_display(tmp_path / "game")
    _edit(game / "cards" / "seeds.csv", "dry them on paper", "dry them on a Řepa leaf")
    result = CliRunner().invoke(main, ["check", "--game", str(game)])
    assert result.exit_code == 1, result.output
    assert (
        "cards/seeds.csv: cell E9: card 'tomato': the en text of 'tip' has characters the font family 'display' "
        "(VeraBd.ttf) cannot draw: 'Ř' U+0158 (LATIN CAPITAL LETTER R WITH CARON)"
    ) in result.output, result.output
