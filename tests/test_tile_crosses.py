"""Board tiles: the registration crosses never cover the board's own text (zone labels, track numbers, titles),
measured on board-tiles.pdf: no cross (its arms and white halo) meets a character drawn on the sheet."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from mallette_print.board.outputs import board_outputs
from mallette_print.core.units import mm, to_mm
from mallette_print.core.validate import load_game
from mallette_print.pipeline.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]
ARM = mm(3) + 1.1  # a cross's arm and half its white halo


@pytest.fixture(scope="module")
def game():
    return load_game(ROOT)


def windows(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """The board window (clip rectangle: x, y, w, h in PDF points) of each tile page."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages[1:]:
        ops = ContentStream(page.get_contents(), reader).operations
        clip = next(a for i, (a, op) in enumerate(ops) if op == b"re" and ops[i + 1][1] in (b"W", b"W*"))
        out.append(tuple(float(v) for v in clip))
    return out


def cross_centres(reader: PdfReader, index: int) -> list[tuple[float, float]]:
    """The centres of the registration crosses of a page: their horizontal arms, 6 mm lines drawn on the sheet."""
    ops = ContentStream(reader.pages[index].get_contents(), reader).operations
    out = set()
    for (a, op), (b, nxt) in zip(ops, ops[1:]):
        if op == b"m" and nxt == b"l":
            (x0, y0), (x1, y1) = (float(v) for v in a), (float(v) for v in b)
            if abs(y0 - y1) < 0.01 and abs(abs(x1 - x0) - 2 * mm(3)) < 0.01:
                out.add((round((x0 + x1) / 2, 2), round(y0, 2)))
    return sorted(out)


def crosses_over_text(pdf: bytes) -> tuple[int, list[str]]:
    """(crosses, what each cross touches) over every tile page, in PDF coordinates (y up)."""
    reader = PdfReader(io.BytesIO(pdf))
    doc = pdfium.PdfDocument(pdf)
    count, hits = 0, []
    try:
        for index, (wx, wy, ww, wh) in enumerate(windows(pdf), 1):
            text = doc[index].get_textpage()
            chars = []
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                left, bottom, right, top = text.get_charbox(i)
                # The characters drawn on the sheet: inside the board window (the rest of the form is clipped).
                if ch.strip() and wx <= (left + right) / 2 <= wx + ww and wy <= (bottom + top) / 2 <= wy + wh:
                    chars.append((ch, left, bottom, right, top))
            centres = cross_centres(reader, index)
            count += len(centres)
            for cx, cy in centres:
                for ch, left, bottom, right, top in chars:
                    if right > cx - ARM and left < cx + ARM and top > cy - ARM and bottom < cy + ARM:
                        hits.append(f"page {index + 1}: cross at {to_mm(cx):.0f},{to_mm(cy):.0f} mm over {ch!r}")
    finally:
        doc.close()
    return count, hits


@pytest.mark.parametrize("lang,paper,size", [("fr", "a4", "a3"), ("en", "letter", "tabloid"), ("fr", "a4", "a2")])
def test_registration_crosses_never_cover_the_boards_text(game, tmp_path, lang, paper, size) -> None:
    outputs = {
        o.name: o.content
        for o in board_outputs(game, BuildOptions(out=tmp_path, lang=lang, paper=paper, board_size=size))
    }
    count, hits = crosses_over_text(outputs["board-tiles.pdf"])
    assert count >= 2 * 2 * (len(windows(outputs["board-tiles.pdf"])))  # two bands a sheet at least, two crosses each
    assert not hits, hits[:10]
