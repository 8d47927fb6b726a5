"""Tiling a large board onto home-printer sheets: pure arithmetic on PDF points.

Each sheet keeps a printer margin on every side and, above the bottom margin,
an information strip (tile label, trim and glue hints); the rest is the window
that shows part of the board. Neighbouring windows share exactly `overlap` of
the board, so the glued board has no gap. The board is shared evenly: every
column shows the same width of board (and every row the same height), so no
sheet carries a sliver; the part shown sits at the window's top-left corner
and the rest of the window stays blank. Both paper orientations are tried and
the one that needs fewer sheets wins (on a tie, the one whose sheets hold the
larger share of new board, then portrait).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mallette_print.core.units import mm

PAPERS: dict[str, tuple[float, float]] = {"a4": (mm(210), mm(297)), "letter": (612.0, 792.0)}
BOARD_SIZES: dict[str, tuple[float, float]] = {  # landscape: boards are wider than tall
    "a3": (mm(420), mm(297)),
    "a2": (mm(594), mm(420)),
    "a1": (mm(841), mm(594)),
    # US copy-shop sheet, 11×17 in: the board is landscape, so `tabloid` and `ledger` (the name of the same sheet
    # turned landscape) both give a 17×11 in board.
    "tabloid": (17 * 72.0, 11 * 72.0),
    "ledger": (17 * 72.0, 11 * 72.0),
}


def default_board_size(paper: str) -> str:
    """The board size a build uses when none is asked for: tabloid with Letter paper, A3 otherwise."""
    return "tabloid" if paper == "letter" else "a3"


MARGIN = mm(5)
OVERLAP = mm(10)
INFO_STRIP = mm(8)


@dataclass(frozen=True)
class Box:
    """A rectangle in points, PDF orientation (origin bottom-left)."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Tile:
    """One sheet: which part of the board it shows and where that part lands on the sheet."""

    row: int  # 0 = top row of the board ("A")
    col: int  # 0 = left column ("1")
    number: int  # 1-based, row by row
    count: int
    src: Box  # the part of the board shown, in board coordinates
    dest_x: float  # where src's bottom-left corner lands on the sheet
    dest_y: float
    has_left: bool
    has_right: bool
    has_top: bool
    has_bottom: bool

    @property
    def name(self) -> str:
        """Row letter and column number, e.g. 'B2'."""
        return f"{row_letter(self.row)}{self.col + 1}"

    @property
    def label(self) -> str:
        """The label printed on the sheet, e.g. 'B2 (4/6)'."""
        return f"{self.name} ({self.number}/{self.count})"


@dataclass(frozen=True)
class TilePlan:
    """The tiles of a board on one paper size and orientation."""

    board_w: float
    board_h: float
    sheet_w: float
    sheet_h: float
    landscape: bool
    rows: int
    cols: int
    margin: float
    overlap: float
    strip: float
    tiles: tuple[Tile, ...]

    @property
    def window(self) -> Box:
        """The sheet area that shows the board (inside the margins, above the information strip)."""
        return Box(
            self.margin,
            self.margin + self.strip,
            self.sheet_w - 2 * self.margin,
            self.sheet_h - 2 * self.margin - self.strip,
        )

    @property
    def sheets(self) -> int:
        """Number of sheets to print."""
        return len(self.tiles)

    @property
    def least_new(self) -> float:
        """The narrowest strip of new board any sheet adds (width or height past the overlap it shares)."""
        return min(
            min(t.src.w - (self.overlap if t.has_left else 0), t.src.h - (self.overlap if t.has_top else 0))
            for t in self.tiles
        )


def row_letter(row: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    out = ""
    row += 1
    while row:
        row, rem = divmod(row - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def count_along(length: float, window: float, overlap: float) -> int:
    """Sheets needed along one side: n windows overlapping by `overlap` cover `length`."""
    if window <= overlap:
        raise ValueError("the window must be larger than the overlap")
    if length <= window + 1e-6:
        return 1
    return math.ceil((length - overlap - 1e-6) / (window - overlap))


def share(length: float, count: int, overlap: float) -> float:
    """The length of board each of `count` evenly shared windows shows (neighbours overlap by `overlap`)."""
    return (length + (count - 1) * overlap) / count


def plan_orientation(
    board_w: float,
    board_h: float,
    sheet_w: float,
    sheet_h: float,
    margin: float = MARGIN,
    overlap: float = OVERLAP,
    strip: float = INFO_STRIP,
) -> TilePlan:
    """The tiles for one sheet orientation (sheet_w × sheet_h as given)."""
    ww = sheet_w - 2 * margin
    wh = sheet_h - 2 * margin - strip
    cols = count_along(board_w, ww, overlap)
    rows = count_along(board_h, wh, overlap)
    count = rows * cols
    tw, th = share(board_w, cols, overlap), share(board_h, rows, overlap)
    tiles: list[Tile] = []
    for r in range(rows):
        for c in range(cols):
            x0 = c * (tw - overlap)
            top = r * (th - overlap)  # distance from the board's top edge
            w = min(tw, board_w - x0)
            h = min(th, board_h - top)
            src = Box(x0, board_h - top - h, w, h)
            # The window's top-left corner is the board region's top-left corner.
            tiles.append(
                Tile(
                    row=r,
                    col=c,
                    number=r * cols + c + 1,
                    count=count,
                    src=src,
                    dest_x=margin,
                    dest_y=sheet_h - margin - h,
                    has_left=c > 0,
                    has_right=c < cols - 1,
                    has_top=r > 0,
                    has_bottom=r < rows - 1,
                )
            )
    return TilePlan(
        board_w=board_w,
        board_h=board_h,
        sheet_w=sheet_w,
        sheet_h=sheet_h,
        landscape=sheet_w > sheet_h,
        rows=rows,
        cols=cols,
        margin=margin,
        overlap=overlap,
        strip=strip,
        tiles=tuple(tiles),
    )


def plan_tiles(
    board_w: float,
    board_h: float,
    paper: tuple[float, float],
    margin: float = MARGIN,
    overlap: float = OVERLAP,
    strip: float = INFO_STRIP,
) -> TilePlan:
    """The tiling with the fewest sheets over both orientations of `paper`.

    On a tie the orientation whose sheets hold the larger share of new board wins, then portrait.
    """
    short, long_ = sorted(paper)
    portrait = plan_orientation(board_w, board_h, short, long_, margin, overlap, strip)
    landscape = plan_orientation(board_w, board_h, long_, short, margin, overlap, strip)
    if (landscape.sheets, -landscape.least_new) < (portrait.sheets, -portrait.least_new - 1e-6):
        return landscape
    return portrait
