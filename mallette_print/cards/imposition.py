"""Imposition: where each card goes on a sheet, cut and fold marks, and where its back goes.

Pure arithmetic in PDF points; nothing here touches reportlab. A card is drawn
in its own coordinates (origin at the bottom-left corner of its trim, y up) and
placed on a page by an affine matrix (the six numbers of a PDF `cm`). Backs are
placed by composing three maps, so every duplex mode is the same formula:

    back = M ∘ front ∘ S

where S turns the card over sideways in its own coordinates (u -> w - u), and
M is what the paper does: a mirror about the vertical axis for a long-edge
flip of a portrait sheet, about the horizontal axis for a short-edge flip, or
about the fold line for fold-and-glue sheets. Two mirrors make a rotation, so a
back is never drawn mirrored, and a card turned over sideways shows an upright
back in every mode (for a short-edge flip the back is drawn upside down on the
back page, which is what lands upright).
"""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.core.cardsize import CardSize
from mallette_print.core.units import mm

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

PAPERS_MM: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
DUPLEX_MODES = ("long", "short", "fold", "none")
MARK_GAP_MM = 1.5  # fold ticks start this far from the card edge so a slightly offset print never touches the art
# Cut marks that print: many home printers leave a quarter inch (6.35 mm) of every edge blank, and a cut mark
# starts outside the card's bleed (a back bleeds there). A margin of border + visible mark + bleed (+ a little
# room) around the grid keeps at least MARK_VISIBLE_MM of every mark on paper at both ends of every cut line.
NON_PRINTING_MM = 6.35
MARK_VISIBLE_MM = 3.0
MARK_ROOM_MM = 0.15


def mark_margin_mm(size: CardSize) -> float:
    """The margin around the grid that keeps MARK_VISIBLE_MM of each cut mark outside the border and bleed."""
    return NON_PRINTING_MM + MARK_VISIBLE_MM + max(size.bleed_mm, MARK_GAP_MM) + MARK_ROOM_MM


@dataclass(frozen=True)
class Segment:
    """A straight mark on the page, in points."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Slot:
    """One card position: the matrix from card coordinates to the page, and its trim box on the page."""

    matrix: Matrix
    box: Box
    rotated: bool


@dataclass(frozen=True)
class SheetPlan:
    """Everything about one kind of sheet: page size, card slots, their backs and the marks."""

    page_w: float
    page_h: float
    duplex: str
    cols: int
    rows: int
    rotated: bool
    fronts: tuple[Slot, ...]
    backs: tuple[Slot, ...]  # same order as fronts; on the next page, or on the same page for 'fold'
    cut_marks: tuple[Segment, ...]
    fold_marks: tuple[Segment, ...]
    grid: Box
    fold_lines: tuple[Segment, ...] = ()  # 'fold': the edge each front shares with its back, same order as fronts

    @property
    def per_sheet(self) -> int:
        """Cards per sheet."""
        return len(self.fronts)


def compose(m1: Matrix, m2: Matrix) -> Matrix:
    """The map 'apply m2, then m1'."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + c1 * b2,
        b1 * a2 + d1 * b2,
        a1 * c2 + c1 * d2,
        b1 * c2 + d1 * d2,
        a1 * e2 + c1 * f2 + e1,
        b1 * e2 + d1 * f2 + f1,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """A point mapped by a matrix."""
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def box_of(m: Matrix, w: float, h: float) -> Box:
    """The page bounding box of a w×h rectangle at the origin mapped by m."""
    pts = [apply(m, x, y) for x in (0.0, w) for y in (0.0, h)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def paper_size(paper: str, landscape: bool = False) -> tuple[float, float]:
    """Paper width and height in points."""
    w, h = PAPERS_MM[paper]
    return (mm(h), mm(w)) if landscape else (mm(w), mm(h))


def _card_matrix(x: float, y: float, size: CardSize, rotated: bool) -> Matrix:
    # Rotated cards turn a quarter left: the card's top points to the left of the page.
    if rotated:
        return (0.0, 1.0, -1.0, 0.0, x + size.h, y)
    return (1.0, 0.0, 0.0, 1.0, x, y)


def _fit(avail_w: float, avail_h: float, cell_w: float, cell_h: float) -> tuple[int, int]:
    eps = 1e-6
    return int((avail_w + eps) // cell_w), int((avail_h + eps) // cell_h)


@dataclass(frozen=True)
class _Choice:
    count: int
    landscape: bool
    rotated: bool
    cols: int
    rows: int
    fold_axis: str  # "x" (fold line vertical, pairs side by side), "y", or "" (no fold)


def _choose(paper: str, size: CardSize, duplex: str, margin: float) -> _Choice:
    best: _Choice | None = None
    # Duplex sheets stay portrait: a landscape page changes which edge is "long" for the printer.
    orientations = (False, True) if duplex == "fold" else (False,)
    for landscape in orientations:
        pw, ph = paper_size(paper, landscape)
        for rotated in (False, True):
            cw, ch = (size.h, size.w) if rotated else (size.w, size.h)
            axes = ("x", "y") if duplex == "fold" else ("",)
            for axis in axes:
                cols, rows = _fit(
                    pw - 2 * margin, ph - 2 * margin, cw * (2 if axis == "x" else 1), ch * (2 if axis == "y" else 1)
                )
                count = cols * rows
                if axis == "x":
                    cols *= 2
                elif axis == "y":
                    rows *= 2
                cand = _Choice(count, landscape, rotated, cols, rows, axis)
                if count > 0 and (best is None or count > best.count):
                    best = cand
    if best is None:
        w, h = PAPERS_MM[paper]
        raise ValueError(
            f"a {size.w_mm:g}x{size.h_mm:g} mm card does not fit on {paper.upper()} "
            f"({w:g}x{h:g} mm) with {mm_str(margin)} margins (the cut marks and the printer's border)"
        )
    return best


def mm_str(points: float) -> str:
    """Points as a short millimetre string."""
    return f"{points / mm(1):.4g} mm"


def plan_sheet(
    paper: str,
    size: CardSize,
    duplex: str = "long",
    offset_mm: tuple[float, float] = (0.0, 0.0),
    margin_mm: float | None = None,
) -> SheetPlan:
    """The sheet layout holding the most cards of this size with at least `margin_mm` around the grid (by default
    the margin that keeps the cut marks printable, `mark_margin_mm`)."""
    if duplex not in DUPLEX_MODES:
        raise ValueError(f"expected a duplex mode among {', '.join(DUPLEX_MODES)}, got {duplex!r}")
    margin = mm(mark_margin_mm(size) if margin_mm is None else margin_mm)
    ch_ = _choose(paper, size, duplex, margin)
    pw, ph = paper_size(paper, ch_.landscape)
    cell_w, cell_h = (size.h, size.w) if ch_.rotated else (size.w, size.h)
    gx0 = (pw - ch_.cols * cell_w) / 2
    gy0 = (ph - ch_.rows * cell_h) / 2
    grid = (gx0, gy0, gx0 + ch_.cols * cell_w, gy0 + ch_.rows * cell_h)
    flip_card: Matrix = (-1.0, 0.0, 0.0, 1.0, size.w, 0.0)  # S: turn the card over sideways
    fronts: list[Slot] = []
    backs: list[Slot] = []
    fold_xs: list[float] = []
    fold_ys: list[float] = []
    fold_lines: list[Segment] = []
    for r in range(ch_.rows):
        # Rows are numbered from the top of the page: reading order.
        y = gy0 + (ch_.rows - 1 - r) * cell_h
        for c in range(ch_.cols):
            x = gx0 + c * cell_w
            if ch_.fold_axis == "x" and c % 2 == 1:
                continue
            if ch_.fold_axis == "y" and r % 2 == 1:
                continue
            m = _card_matrix(x, y, size, ch_.rotated)
            fronts.append(Slot(m, box_of(m, size.w, size.h), ch_.rotated))
            if duplex == "none":
                continue
            if ch_.fold_axis == "x":
                xf = x + cell_w
                fold_xs.append(xf)
                fold_lines.append(Segment(xf, y, xf, y + cell_h))
                paper_map: Matrix = (-1.0, 0.0, 0.0, 1.0, 2 * xf, 0.0)
            elif ch_.fold_axis == "y":
                yf = y  # the back sits below its front
                fold_ys.append(yf)
                fold_lines.append(Segment(x, yf, x + cell_w, yf))
                paper_map = (1.0, 0.0, 0.0, -1.0, 0.0, 2 * yf)
            elif duplex == "long":
                paper_map = (-1.0, 0.0, 0.0, 1.0, pw + mm(offset_mm[0]), mm(offset_mm[1]))
            else:
                paper_map = (1.0, 0.0, 0.0, -1.0, mm(offset_mm[0]), ph + mm(offset_mm[1]))
            bm = compose(paper_map, compose(m, flip_card))
            backs.append(Slot(bm, box_of(bm, size.w, size.h), ch_.rotated))
    gap = max(size.bleed, mm(MARK_GAP_MM))
    cuts = _cut_marks(pw, ph, grid, cell_w, cell_h, ch_.cols, ch_.rows, set(fold_xs), set(fold_ys), gap)
    folds = _margin_marks(pw, ph, grid, sorted(set(fold_xs)), sorted(set(fold_ys)))
    return SheetPlan(
        pw,
        ph,
        duplex,
        ch_.cols,
        ch_.rows,
        ch_.rotated,
        tuple(fronts),
        tuple(backs),
        cuts,
        folds,
        grid,
        tuple(fold_lines),
    )


def _margin_marks(
    pw: float, ph: float, grid: Box, xs: list[float], ys: list[float], gap: float = mm(MARK_GAP_MM)
) -> tuple[Segment, ...]:
    """Marks in the margins only, from `gap` outside the grid to the paper edge, for each line."""
    gx0, gy0, gx1, gy1 = grid
    out: list[Segment] = []
    for x in xs:
        out.append(Segment(x, gy1 + gap, x, ph))
        out.append(Segment(x, 0.0, x, gy0 - gap))
    for y in ys:
        out.append(Segment(0.0, y, gx0 - gap, y))
        out.append(Segment(gx1 + gap, y, pw, y))
    return tuple(out)


def _cut_marks(
    pw: float,
    ph: float,
    grid: Box,
    cell_w: float,
    cell_h: float,
    cols: int,
    rows: int,
    fold_xs: set[float],
    fold_ys: set[float],
    gap: float,
) -> tuple[Segment, ...]:
    xs = [grid[0] + i * cell_w for i in range(cols + 1)]
    ys = [grid[1] + j * cell_h for j in range(rows + 1)]
    xs = [x for x in xs if not any(abs(x - f) < 1e-6 for f in fold_xs)]
    ys = [y for y in ys if not any(abs(y - f) < 1e-6 for f in fold_ys)]
    return _margin_marks(pw, ph, grid, xs, ys, gap)


def parse_offset(text: str) -> tuple[float, float]:
    """'DX,DY' in millimetres (e.g. '1.5,-0.5'); ValueError says what was expected."""
    parts = text.replace(" ", "").removesuffix("mm").split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        dx, dy = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(f"expected two millimetre values 'DX,DY' such as '1.5,-0.5', got {text!r}") from None
    if abs(dx) > 20 or abs(dy) > 20:
        raise ValueError(f"an offset beyond 20 mm is not a printer misalignment, got {text!r}")
    return dx, dy
