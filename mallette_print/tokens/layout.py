"""Where every piece of tokens.pdf goes (pure arithmetic, points; sizes chosen in millimetres).

A pawn or a marker is a folding standee: a strip laid flat along the page, [foot | face | face | foot]; fold it on
the three dashed lines into an A-frame, printed side out, and glue one foot over the other under it. Both faces
carry the same picture, each upright once standing, so the piece reads from both sides. Deadline tokens are flat
squares.

Pieces of one kind touch in a grid, so each cut line runs straight across the grid (scissors or a guillotine);
every cut line is marked at both ends by a `MARK_MM` line outside the grid, in the margin or in the gap between
grids, never inside a piece; the grids keep `MARGIN_MM` from the sides, so a mark lies wholly beyond the 6.35 mm
that home printers may leave unprinted.
"""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.core.units import mm

PAPERS_MM: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}

MARGIN_MM = 14.0  # left and right of the grids: the marks of horizontal lines sit in it
MARK_MM = 5.0  # length of a cut mark
MARK_GAP_MM = 1.5  # between a grid's edge and its marks
TOP_MM = 21.0  # from the top edge to the first grid's heading (the page title above)
BOTTOM_MM = 15.0  # from the bottom edge to the lowest mark (the notice below)
HEADING_MM = 5.5  # a grid's heading line
BLOCK_GAP_MM = 3.0  # between one grid's lower marks and the next grid's heading


@dataclass(frozen=True)
class Tent:
    """A folding standee, in millimetres: strip `width` across, faces `face` tall, feet `foot` long each."""

    width: float
    face: float
    foot: float

    @property
    def length(self) -> float:
        """The strip's length on the sheet."""
        return 2 * self.foot + 2 * self.face

    def folds(self) -> tuple[float, float, float]:
        """Distances of the three fold lines from the strip's start (foot | face | face | foot)."""
        return (self.foot, self.foot + self.face, self.foot + 2 * self.face)

    @property
    def footprint(self) -> tuple[float, float]:
        """(width, depth) of the standing piece on the table: the strip's width by one foot."""
        return (self.width, self.foot)


# An actor pawn: 24 mm wide, 30 mm faces; it stands ~29 mm tall on a 24 x 10 mm footprint, so two columns of
# three pawns fit the smallest zone of the board (the centre-bourg ellipse) even on the tabloid board.
PAWN = Tent(width=24.0, face=30.0, foot=10.0)
# A track or round marker: stands on a 6 mm foot, less than one space of a track (8.9 mm on the tabloid board, the
# smallest, since the board's tracks column was narrowed to give every zone room for a card).
MARKER = Tent(width=18.0, face=18.0, foot=6.0)
DEADLINE_MM = 16.0  # a flat square deadline token


@dataclass(frozen=True)
class Piece:
    """One piece on a sheet: `kind` pawn, track, round or deadline; `ref` the actor card or track id."""

    kind: str
    ref: str
    x: float
    y: float
    w: float
    h: float


Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class Block:
    """Pieces of one kind in a grid (row-major from the top left), with its heading above."""

    kind: str  # pawns, markers or deadline: the heading's phrase
    pieces: tuple[Piece, ...]
    x0: float
    top: float  # top of the grid (the heading and the upper marks are above it)
    pw: float
    ph: float
    cols: int

    @property
    def rows(self) -> int:
        return -(-len(self.pieces) // self.cols)

    @property
    def heading_y(self) -> float:
        """Baseline of the heading."""
        return self.top + mm(MARK_GAP_MM + MARK_MM) + mm(1.6)

    def _filled(self, row: int) -> int:
        """Pieces in a row."""
        return max(0, min(self.cols, len(self.pieces) - row * self.cols))

    def cut_lines(self) -> list[Segment]:
        """Every cut line of the grid (x1, y1, x2, y2), each edge shared by two pieces once."""
        lines: list[Segment] = []
        for i in range(self.cols + 1):  # column boundaries: down to the last row that has a piece beside them
            last = max(r for r in range(self.rows) if self._filled(r) >= max(i, 1))
            x = self.x0 + i * self.pw
            lines.append((x, self.top, x, self.top - (last + 1) * self.ph))
        for j in range(self.rows + 1):  # row boundaries: as far as the longer of the two rows they separate
            n = max(self._filled(j - 1) if j > 0 else 0, self._filled(j))
            y = self.top - j * self.ph
            lines.append((self.x0, y, self.x0 + n * self.pw, y))
        return lines

    def cut_marks(self) -> list[Segment]:
        """Two marks per cut line, one beyond each end, in line with it."""
        g, n = mm(MARK_GAP_MM), mm(MARK_MM)
        marks: list[Segment] = []
        for x1, y1, x2, y2 in self.cut_lines():
            if x1 == x2:  # vertical: above and below
                marks += [(x1, y1 + g, x1, y1 + g + n), (x2, y2 - g, x2, y2 - g - n)]
            else:
                marks += [(x1 - g - n, y1, x1 - g, y1), (x2 + g, y2, x2 + g + n, y2)]
        return marks

    @property
    def bottom(self) -> float:
        """Lowest point of the block (its lower marks)."""
        return self.top - self.rows * self.ph - mm(MARK_GAP_MM + MARK_MM)


@dataclass(frozen=True)
class TokenLayout:
    """Every sheet of tokens.pdf: its blocks, on paper `page_w` x `page_h`."""

    page_w: float
    page_h: float
    sheets: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class Request:
    """Pieces of one kind to lay out: (kind, ref) each, and the size of one on the sheet (points)."""

    kind: str
    items: tuple[tuple[str, str], ...]
    pw: float
    ph: float


def block_height(rows: int, ph: float) -> float:
    """A grid of `rows` rows with its heading and both rows of marks."""
    return mm(HEADING_MM) + 2 * mm(MARK_GAP_MM + MARK_MM) + rows * ph


def lay_out(paper: str, requests: list[Request]) -> TokenLayout:
    """Fill sheets with the requests' grids, in order, rows flowing onto the next sheet when one is full."""
    w_mm, h_mm = PAPERS_MM[paper]
    W, H = mm(w_mm), mm(h_mm)
    usable = W - 2 * mm(MARGIN_MM)
    sheets: list[list[Block]] = [[]]
    cursor = H - mm(TOP_MM)
    for req in requests:
        if not req.items:
            continue
        most = max(1, int(usable // req.pw))
        rows = -(-len(req.items) // most)
        cols = -(-len(req.items) // rows)  # as many columns as the rows need, so the last row is nearly full
        left = list(req.items)
        while left:
            room = cursor - mm(BOTTOM_MM) - block_height(0, req.ph)
            fit = int(room // req.ph) if room > 0 else 0
            if fit < 1:
                if not sheets[-1]:  # cannot happen with the sizes above: a row always fits an empty sheet
                    raise ValueError(f"a row of {req.kind} does not fit on {paper}")
                sheets.append([])
                cursor = H - mm(TOP_MM)
                continue
            take = left[: fit * cols]
            left = left[len(take) :]
            x0 = (W - cols * req.pw) / 2
            top = cursor - mm(HEADING_MM) - mm(MARK_GAP_MM + MARK_MM)
            pieces = tuple(
                Piece(kind, ref, x0 + (i % cols) * req.pw, top - (i // cols + 1) * req.ph, req.pw, req.ph)
                for i, (kind, ref) in enumerate(take)
            )
            block = Block(req.kind, pieces, x0, top, req.pw, req.ph, cols)
            sheets[-1].append(block)
            cursor = block.bottom - mm(BLOCK_GAP_MM)
    return TokenLayout(W, H, tuple(tuple(s) for s in sheets if s))
