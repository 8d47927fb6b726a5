"""Cut marks that print on a home printer, measured on the built card sheets: every cut line has a mark at both
ends with at least 3 mm of it inside a quarter-inch (6.35 mm) non-printing border and outside every card's bleed,
on A4 and Letter, at every size preset and in every duplex mode."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from pypdf.generic import ContentStream

from mallette_print import load_game
from mallette_print.cards.imposition import DUPLEX_MODES, Box, SheetPlan, plan_sheet
from mallette_print.cards.painter import CardLook
from mallette_print.cards.sheets import render_sheets
from mallette_print.core.cardsize import PRESETS
from mallette_print.core.model import GameData
from mallette_print.pipeline.context import BuildContext

REPO = Path(__file__).resolve().parent.parent
MM = 72 / 25.4
BORDER = 6.35 * MM
VISIBLE = 3.0 * MM
MARK_WIDTH = 0.25
CARD = "vente-services"  # one resource card, printed 3 times: a partial sheet, every cut mark all the same


@pytest.fixture(scope="module")
def game() -> tuple[GameData, BuildContext]:
    return load_game(REPO), BuildContext()


def visible_length(seg: tuple[float, float, float, float], page: tuple[float, float], bleeds: list[Box]) -> float:
    """The longest piece of an axis-aligned mark inside the printable band and outside every bleed box, in points."""
    x0, y0, x1, y1 = seg
    vertical = abs(x0 - x1) < 1e-6
    at, lo, hi = (x0, min(y0, y1), max(y0, y1)) if vertical else (y0, min(x0, x1), max(x0, x1))
    across_max, along_max = (page[0], page[1]) if vertical else (page[1], page[0])
    if not BORDER <= at <= across_max - BORDER:
        return 0.0
    pieces = [(max(lo, BORDER), min(hi, along_max - BORDER))]
    for b in bleeds:
        b_at = (b[0], b[2]) if vertical else (b[1], b[3])
        b_along = (b[1], b[3]) if vertical else (b[0], b[2])
        if not b_at[0] < at < b_at[1]:
            continue
        pieces = [
            piece
            for p0, p1 in pieces
            for piece in ((p0, min(p1, b_along[0])), (max(p0, b_along[1]), p1))
            if piece[1] > piece[0]
        ]
    return max((p1 - p0 for p0, p1 in pieces if p1 > p0), default=0.0)


def cut_boxes(plan: SheetPlan) -> list[Box]:
    """What is cut out: each card, or each front with its back beside it in fold mode."""
    if plan.duplex != "fold":
        return [s.box for s in plan.fronts]
    return [
        (min(f.box[0], b.box[0]), min(f.box[1], b.box[1]), max(f.box[2], b.box[2]), max(f.box[3], b.box[3]))
        for f, b in zip(plan.fronts, plan.backs)
    ]


def sheet_geometry(pdf: bytes, index: int) -> tuple[tuple[float, float], list[tuple[float, ...]], list[Box]]:
    """The page size, the cut marks (0.25 pt strokes, in PDF coordinates) and the card clip rectangles of a page."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[index]
        W, H = float(page.width), float(page.height)
        marks = [
            (ln["x0"], H - ln["top"], ln["x1"], H - ln["bottom"])
            for ln in page.lines
            if abs(ln["linewidth"] - MARK_WIDTH) < 0.01
        ]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    ops = ContentStream(reader.pages[index].get_contents(), reader).operations
    clips = [[float(v) for v in args] for (args, op), (_, nxt) in zip(ops, ops[1:]) if op == b"re" and nxt == b"W*"]
    return (W, H), marks, [(x, y, x + w, y + h) for x, y, w, h in clips]


def measure(data: GameData, ctx: BuildContext, paper: str, name: str, duplex: str) -> dict[str, float]:
    """Build a cards.pdf and measure, on its first card sheet, the shortest visible mark at each end of each cut
    line (in mm) and the cards per sheet."""
    size = PRESETS[name]
    plan = plan_sheet(paper, size, duplex)
    pdf, _ = render_sheets(data, "fr", paper, size, duplex, (0.0, 0.0), CardLook(size), (CARD,), ctx)
    first_sheet = 2 if duplex in ("long", "short") else 1
    page, marks, clips = sheet_geometry(pdf, first_sheet)
    assert page == pytest.approx((plan.page_w, plan.page_h))
    slots = [s.box for s in plan.fronts] + ([s.box for s in plan.backs] if duplex == "fold" else [])
    # The cards drawn on the sheet are where the plan says (the marks are measured against the plan's slots).
    assert clips and all(any(c == pytest.approx(s, abs=0.01) for s in slots) for c in clips)
    bleed = size.bleed
    bleeds = [(b[0] - bleed, b[1] - bleed, b[2] + bleed, b[3] + bleed) for b in slots]
    boxes = cut_boxes(plan)
    gx0, gy0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    gx1, gy1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    xs = sorted({round(v, 3) for b in boxes for v in (b[0], b[2])})
    ys = sorted({round(v, 3) for b in boxes for v in (b[1], b[3])})
    worst = {"columns": 1e9, "rows": 1e9}
    for x in xs:
        on_line = [m for m in marks if abs(m[0] - x) < 0.01 and abs(m[2] - x) < 0.01]
        for end in ("below", "above"):
            here = [m for m in on_line if (max(m[1], m[3]) <= gy0 if end == "below" else min(m[1], m[3]) >= gy1)]
            best = max((visible_length(m, page, bleeds) for m in here), default=0.0)
            worst["columns"] = min(worst["columns"], best / MM)
    for y in ys:
        on_line = [m for m in marks if abs(m[1] - y) < 0.01 and abs(m[3] - y) < 0.01]
        for end in ("left", "right"):
            here = [m for m in on_line if (max(m[0], m[2]) <= gx0 if end == "left" else min(m[0], m[2]) >= gx1)]
            best = max((visible_length(m, page, bleeds) for m in here), default=0.0)
            worst["rows"] = min(worst["rows"], best / MM)
    # No cut mark enters a card's bleed.
    for m in marks:
        xlo, xhi, ylo, yhi = min(m[0], m[2]), max(m[0], m[2]), min(m[1], m[3]), max(m[1], m[3])
        for b in bleeds:
            assert not (xlo < b[2] - 0.01 and xhi > b[0] + 0.01 and ylo < b[3] - 0.01 and yhi > b[1] + 0.01), (m, b)
    return {**worst, "per_sheet": plan.per_sheet, "cut_lines": len(xs) + len(ys)}


@pytest.mark.parametrize("duplex", DUPLEX_MODES)
@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_cut_line_has_3mm_of_mark_visible_at_both_ends(
    game: tuple[GameData, BuildContext], paper: str, name: str, duplex: str
) -> None:
    data, ctx = game
    got = measure(data, ctx, paper, name, duplex)
    assert got["cut_lines"] >= 4
    assert got["columns"] >= 3.0 - 1e-6, got
    assert got["rows"] >= 3.0 - 1e-6, got


def test_a_mark_is_measured_only_inside_the_border_and_outside_the_bleed() -> None:
    # A vertical mark from the paper edge up to a card's bleed: only the part between the border and the bleed.
    page = (100 * MM, 100 * MM)
    bleed_box = (10 * MM, 20 * MM, 50 * MM, 60 * MM)
    assert visible_length((30 * MM, 0.0, 30 * MM, 18 * MM), page, [bleed_box]) / MM == pytest.approx(11.65)
    assert visible_length((30 * MM, 0.0, 30 * MM, 25 * MM), page, [bleed_box]) / MM == pytest.approx(13.65)
    assert visible_length((30 * MM, 0.0, 30 * MM, 6 * MM), page, [bleed_box]) == 0.0
    assert visible_length((3 * MM, 0.0, 3 * MM, 50 * MM), page, []) == 0.0  # inside the side border
