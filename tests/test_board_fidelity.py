"""Board print fidelity measured in the built PDFs: US sizes at true card size, no sliver tiles, labels inside
the paper, registration crosses off the labels."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from mallette_print.board.outputs import board_outputs
from mallette_print.core.units import mm, to_mm
from mallette_print.core.validate import load_game
from mallette_print.pipeline.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def game():
    return load_game(ROOT)


def _outputs(game, tmp_path: Path, **kw) -> dict[str, bytes]:
    return {o.name: o.content for o in board_outputs(game, BuildOptions(out=tmp_path, **kw))}


@pytest.mark.parametrize("size", ["tabloid", "ledger"])
def test_us_board_keeps_deck_spaces_at_true_card_size(game, tmp_path, size):
    pdf = _outputs(game, tmp_path, lang="en", paper="letter", board_size=size)["board.pdf"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert (round(to_mm(page.width), 1), round(to_mm(page.height), 1)) == (431.8, 279.4)
        # The card outline of each deck space (light grey, thin) measures 63×88 mm poker cards.
        cards = [
            (to_mm(c["width"]), to_mm(c["height"]))
            for c in page.curves
            if c.get("stroking_color") == (0.603922, 0.603922, 0.603922) and to_mm(c["width"]) > 40
        ]
    assert len(cards) == 5
    for w, h in cards:
        assert w == pytest.approx(63, abs=0.05) and h == pytest.approx(88, abs=0.05)


def test_letter_default_board_is_tabloid(game, tmp_path):
    assert BuildOptions(out=tmp_path, lang="en", paper="letter").board_size == "tabloid"
    assert BuildOptions(out=tmp_path, lang="en").board_size == "a3"


def _windows(pdf: bytes) -> list[tuple[float, float]]:
    """The board window (clip rectangle) of each tile page, in mm."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages[1:]:
        ops = ContentStream(page.get_contents(), reader).operations
        clip = next(a for i, (a, op) in enumerate(ops) if op == b"re" and ops[i + 1][1] in (b"W", b"W*"))
        out.append((to_mm(float(clip[2])), to_mm(float(clip[3]))))
    return out


def test_a2_on_a4_has_no_sliver_sheet(game, tmp_path):
    # Before: the last column showed 24 mm of board, 14 mm of it new. Now 4 columns of 156 mm, 2 rows of 215 mm.
    windows = _windows(_outputs(game, tmp_path, lang="fr", board_size="a2")["board-tiles.pdf"])
    assert len(windows) == 8
    for w, h in windows:
        assert w == pytest.approx(156, abs=0.01) and h == pytest.approx(215, abs=0.01)
        assert min(w, h) - 10 >= 140  # new board on every sheet, past the 10 mm overlap


CASES = [("fr", "a4", "a2"), ("en", "letter", "a1"), ("en", "letter", "tabloid"), ("fr", "a4", "a3")]


@pytest.mark.parametrize("lang,paper,size", CASES)
def test_tile_labels_inside_the_paper_and_crosses_off_them(game, tmp_path, lang, paper, size):
    pdf = _outputs(game, tmp_path, lang=lang, paper=paper, board_size=size)["board-tiles.pdf"]
    glue = r"(colle|glue) · [A-Z]+\d+ (se pose ici|goes here)"
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages[1:]:
            labels = page.search(r"[A-Z]+\d+ \(\d+/\d+\)") + page.search(glue)
            labels += page.search(r"(Rien à couper|Coupez|Nothing to cut|Cut)[^.]*\.")
            assert len(labels) >= 2
            for t in labels:  # inside the paper and its 5 mm printer margin
                assert t["x0"] >= mm(5) - 0.5 and t["x1"] <= page.width - mm(5) + 0.5, t["text"]
                assert t["top"] >= mm(5) - 0.5 and t["bottom"] <= page.height - mm(5) + 0.5, t["text"]
            # Registration crosses: the black 3 mm circles drawn with a 0.5 pt line.
            crosses = [
                c
                for c in page.curves
                if abs(to_mm(c["width"]) - 3) < 0.1
                and c.get("linewidth") == 0.5
                and max(c["stroking_color"] or (1,)) == 0
            ]
            # At least two per overlap band (every tile page has two bands or more): two points register a sheet,
            # and where the board's own text fills a band the crosses keep off it (tests/test_tile_crosses.py).
            assert len(crosses) >= 4
            for c in crosses:
                for t in labels:
                    apart = c["x1"] < t["x0"] or c["x0"] > t["x1"] or c["bottom"] < t["top"] or c["top"] > t["bottom"]
                    assert apart, f"cross over {t['text']!r}"
