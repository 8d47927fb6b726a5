"""board-tiles.pdf: the board tiled onto A4/Letter with an assembly map, labels, trim/glue hints and crosses.

The board is recorded once as a Form XObject; every tile page clips to its
window and shows the form shifted, so the file stays small and each tile is
exactly the matching part of board.pdf. Assembly: each sheet that has a
neighbour on its left (or above) is cut along that edge of the image and laid
over the neighbour's grey glue band, the registration crosses on top of each
other.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import Color, white
from reportlab.pdfgen.canvas import Canvas

from mallette_print.board.draw import FORM, define_board_form
from mallette_print.board.layout import BoardLayout
from mallette_print.board.tiling import PAPERS, Box, Tile, TilePlan, plan_tiles
from mallette_print.core.licensing import pdf_meta
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases, text
from mallette_print.core.typography import typeset
from mallette_print.core.units import mm
from mallette_print.draw.colours import INK, colour
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.markup import paragraph
from mallette_print.draw.pdf import new_canvas
from mallette_print.draw.svg import SvgCache
from mallette_print.pipeline.options import paper_label

GLUE = Color(0.55, 0.55, 0.55, alpha=0.35)
CROSS_ARM = mm(3)


def _w(lang: str, default: str) -> dict[str, str]:
    """The tiles' words (the phrasebook's `tiles.*`, with the shared `and`, `portrait` and `landscape`)."""
    words = Phrases(lang, default)
    out = {k: words(f"tiles.{k}") for k in ("title", "square", "cut", "glue", "left", "top", "none", "glue_band")}
    out.update({k: words(f"common.{k}") for k in ("and", "portrait", "landscape")})
    return out


def tiles_pdf(
    data: GameData, lay: BoardLayout, lang: str, paper: str, svgs: SvgCache, board: bytes | None = None
) -> tuple[bytes, int, TilePlan]:
    """board-tiles.pdf: an assembly map, then one page per tile; returns (pdf, pages, plan).

    `board`: board.pdf when the caller has it (where the board's text lies, for the crosses to stay off it)."""
    plan = plan_tiles(lay.page_w, lay.page_h, PAPERS[paper])
    if board is None:
        from mallette_print.board.draw import board_pdf

        board, _ = board_pdf(data, lay, lang, svgs)
    texts = text_boxes(board)
    buf = io.BytesIO()
    default = data.game.default_language
    meta = pdf_meta(data, lang, text("pdf.board_tiles", lang, default))
    c, fam = new_canvas(buf, (plan.sheet_w, plan.sheet_h), meta)
    define_board_form(c, fam, lay, data, svgs)
    _assembly_page(c, fam, plan, lay, lang, default, paper)
    c.showPage()
    for tile in plan.tiles:
        _tile_page(c, fam, plan, tile, lang, default, texts)
        c.showPage()
    c.save()
    return buf.getvalue(), 1 + len(plan.tiles), plan


def _neighbour(plan: TilePlan, row: int, col: int) -> Tile:
    return plan.tiles[row * plan.cols + col]


def _assembly_page(
    c: Canvas, fam: FontFamily, plan: TilePlan, lay: BoardLayout, lang: str, default: str, paper: str
) -> None:
    w = _w(lang, default)
    m = plan.margin + mm(3)
    W, H = plan.sheet_w, plan.sheet_h
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, 16)
    orient = w["landscape"] if plan.landscape else w["portrait"]
    c.drawString(
        m, H - m - 14, w["title"].format(n=plan.sheets, paper=paper_label(paper, lang, default), orient=orient)
    )
    y = H - m - 24
    square = mm(50)
    text_w = W - 2 * m - square - mm(8)
    for i, step in enumerate(Phrases(lang, default).texts("tiles.steps"), 1):
        para = paragraph(typeset(f"{i}. " + step.format(o=round(plan.overlap / mm(1))), lang), fam.regular, 10)
        _, ph = para.wrap(text_w, 1000)
        para.drawOn(c, m, y - ph)
        y -= ph + 4
    # The 50 mm test square, to check the printer did not scale the page.
    sx, sy = W - m - square, H - m - 20 - square
    c.setFillColor(colour("#D9D9D9"))
    c.setStrokeColor(colour(INK))
    c.setLineWidth(0.5)
    c.rect(sx, sy, square, square, stroke=1, fill=1)
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, 12)
    c.drawCentredString(sx + square / 2, sy + square / 2 - 4, w["square"])
    y = min(y, sy) - mm(6)
    # The board, reduced, with each tile's region and label.
    avail_w, avail_h = W - 2 * m, y - m
    k = min(avail_w / plan.board_w, avail_h / plan.board_h)
    bx, by = m + (avail_w - plan.board_w * k) / 2, m + (avail_h - plan.board_h * k) / 2
    c.saveState()
    c.translate(bx, by)
    c.scale(k, k)
    c.doForm(FORM)
    c.restoreState()
    c.setStrokeColor(colour(INK))
    c.setLineWidth(0.5)
    c.rect(bx, by, plan.board_w * k, plan.board_h * k, stroke=1, fill=0)
    for t in plan.tiles:
        r = Box(bx + t.src.x * k, by + t.src.y * k, t.src.w * k, t.src.h * k)
        c.setFillColor(Color(1, 1, 1, alpha=0.25))
        c.setStrokeColor(colour("#D55E00"))
        c.setLineWidth(1.4)
        c.rect(r.x, r.y, r.w, r.h, stroke=1, fill=1)
    for t in plan.tiles:
        cx, cy = bx + (t.src.x + t.src.w / 2) * k, by + (t.src.y + t.src.h / 2) * k
        c.setFillColor(white)
        c.setStrokeColor(colour("#D55E00"))
        c.roundRect(cx - 34, cy - 12, 68, 24, 4, stroke=1, fill=1)
        c.setFillColor(colour(INK))
        c.setFont(fam.bold, 13)
        c.drawCentredString(cx, cy - 4.5, t.label)


def _cross(c: Canvas, x: float, y: float) -> None:
    """A registration cross with a white halo, readable on any part of the board."""
    c.saveState()
    for colour_, width in ((white, 2.2), (colour("#000000"), 0.5)):
        c.setStrokeColor(colour_)
        c.setLineWidth(width)
        c.line(x - CROSS_ARM, y, x + CROSS_ARM, y)
        c.line(x, y - CROSS_ARM, x, y + CROSS_ARM)
    c.setLineWidth(0.5)
    c.circle(x, y, CROSS_ARM * 0.5, stroke=1, fill=0)
    c.restoreState()


def _bands(plan: TilePlan, tile: Tile) -> list[tuple[str, Box]]:
    """Overlap bands of a tile in sheet coordinates: ('left'|'right'|'top'|'bottom', box)."""
    o = plan.overlap
    x, y, w, h = tile.dest_x, tile.dest_y, tile.src.w, tile.src.h
    out: list[tuple[str, Box]] = []
    if tile.has_left:
        out.append(("left", Box(x, y, o, h)))
    if tile.has_right:
        out.append(("right", Box(x + w - o, y, o, h)))
    if tile.has_top:
        out.append(("top", Box(x, y + h - o, w, o)))
    if tile.has_bottom:
        out.append(("bottom", Box(x, y, w, o)))
    return out


def text_boxes(board: bytes) -> list[Box]:
    """The box of every character printed on the board (board.pdf's page: the board's own coordinates)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(board)
    try:
        page = doc[0].get_textpage()
        boxes = [page.get_charbox(i) for i in range(page.count_chars())]
    finally:
        doc.close()
    return [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes if x1 > x0 and y1 > y0]


def _near(boxes: list[Box], b: Box, dx: float, dy: float) -> list[Box]:
    """The boxes (board coordinates) a cross in band `b` (sheet coordinates) could touch, moved onto the sheet."""
    r = CROSS_ARM + mm(1)
    moved = (Box(t.x + dx, t.y + dy, t.w, t.h) for t in boxes)
    return [
        t for t in moved if t.x < b.x + b.w + r and t.x + t.w > b.x - r and t.y < b.y + b.h + r and t.y + t.h > b.y - r
    ]


def _tile_page(
    c: Canvas, fam: FontFamily, plan: TilePlan, tile: Tile, lang: str, default: str, texts: list[Box]
) -> None:
    w = _w(lang, default)
    s = tile.src
    c.saveState()
    clip = c.beginPath()
    clip.rect(tile.dest_x, tile.dest_y, s.w, s.h)
    c.clipPath(clip, stroke=0, fill=0)
    c.translate(tile.dest_x - s.x, tile.dest_y - s.y)
    c.doForm(FORM)
    c.restoreState()
    for side, b in _bands(plan, tile):
        # The glue label sits on the right and bottom bands; the left and top bands are the same strip of board
        # as a neighbour's labelled band, so their crosses dodge that label too and land on the neighbour's.
        other = _partner(plan, tile, side)
        label = typeset(w["glue_band"].format(who=(other if side in ("right", "bottom") else tile).name), lang)
        box = _label_box(c, fam, b, side, label)
        if side in ("right", "bottom"):
            c.setFillColor(GLUE)
            c.rect(b.x, b.y, b.w, b.h, stroke=0, fill=1)
            c.saveState()
            c.setStrokeColor(colour("#333333"))
            c.setLineWidth(0.6)
            c.setDash(3, 2)
            if side == "right":
                c.line(b.x, b.y, b.x, b.y + b.h)
            else:
                c.line(b.x, b.y + b.h, b.x + b.w, b.y + b.h)
            c.restoreState()
            _band_text(c, fam, box, side, label)
        # Off the glue label and off the board's own text (a strip of board both neighbours show alike, so the
        # crosses of the two bands still fall on each other).
        for x, y in cross_spots(side, b, box, _near(texts, b, tile.dest_x - s.x, tile.dest_y - s.y)):
            _cross(c, x, y)
    _info_strip(c, fam, plan, tile, lang, w)


def _partner(plan: TilePlan, tile: Tile, side: str) -> Tile:
    dr, dc = {"left": (0, -1), "right": (0, 1), "top": (-1, 0), "bottom": (1, 0)}[side]
    return _neighbour(plan, tile.row + dr, tile.col + dc)


def _clear(x: float, y: float, boxes: list[Box]) -> bool:
    """Whether a cross at (x, y), its halo and 1 mm of air stay off every box (a label, the board's text)."""
    r = CROSS_ARM + mm(1)
    return all(x + r <= t.x or x - r >= t.x + t.w or y + r <= t.y or y - r >= t.y + t.h for t in boxes)


def cross_spots(side: str, b: Box, label: Box, text: list[Box] | None = None) -> list[tuple[float, float]]:
    """Registration crosses of a band: at 1/6, 1/2 and 5/6 of it, slid along it off its label and off the board's
    text (or left out)."""
    avoid = [label, *(text or [])]
    vertical = side in ("left", "right")
    start, length = (b.y, b.h) if vertical else (b.x, b.w)
    lo, hi = start + CROSS_ARM, start + length - CROSS_ARM
    out: list[tuple[float, float]] = []
    for f in (1 / 6, 1 / 2, 5 / 6):
        at = start + length * f
        # The spot itself, then 1 mm steps either side of it, nearer ones first, inside the band, apart from the
        # crosses already placed.
        for k in range(int(length / mm(1)) + 1):
            spots = [(b.x + b.w / 2, t) if vertical else (t, b.y + b.h / 2) for t in (at - k * mm(1), at + k * mm(1))]
            ok = [
                p
                for p, t in zip(spots, (at - k * mm(1), at + k * mm(1)))
                if lo <= t <= hi
                and _clear(*p, avoid)
                and all(abs(p[0] - q[0]) + abs(p[1] - q[1]) > 2 * CROSS_ARM for q in out)  # apart from the others
            ]
            if ok:
                out.append(ok[0])
                break
    return out


def _label_box(c: Canvas, fam: FontFamily, b: Box, side: str, text: str) -> Box:
    """Where a band's glue label goes on the sheet: a third along the band, kept inside it."""
    width = c.stringWidth(text, fam.bold, 9) + 8
    if side in ("left", "right"):
        cy = min(max(b.y + b.h / 3, b.y + width / 2), b.y + b.h - width / 2)
        return Box(b.x + b.w / 2 - 7, cy - width / 2, 14, width)
    cx = min(max(b.x + b.w / 3, b.x + width / 2), b.x + b.w - width / 2)
    return Box(cx - width / 2, b.y + b.h / 2 - 7, width, 14)


def _band_text(c: Canvas, fam: FontFamily, box: Box, side: str, text: str) -> None:
    c.saveState()
    c.translate(box.x + box.w / 2, box.y + box.h / 2)
    width = box.w
    if side == "right":
        c.rotate(90)
        width = box.h
    c.setFillColor(white)
    c.setStrokeColor(colour("#333333"))
    c.setLineWidth(0.5)
    c.roundRect(-width / 2, -7, width, 14, 3, stroke=1, fill=1)
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, 9)
    c.drawCentredString(0, -3.2, text)
    c.restoreState()


def _info_strip(c: Canvas, fam: FontFamily, plan: TilePlan, tile: Tile, lang: str, w: dict[str, str]) -> None:
    y0, h = plan.margin, plan.strip
    x = plan.margin
    base = y0 + h / 2 - 4
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, 13)
    c.drawString(x, base, tile.label)
    x += c.stringWidth(tile.label, fam.bold, 13) + mm(4)
    edges = [w[e] for e, on in (("left", tile.has_left), ("top", tile.has_top)) if on]
    cut = w["cut"].format(edges=w["and"].join(edges)) if edges else w["none"].capitalize() + "."
    glue_for = [
        n.name
        for n, on in (
            (_neighbour(plan, tile.row, tile.col + 1) if tile.has_right else None, tile.has_right),
            (_neighbour(plan, tile.row + 1, tile.col) if tile.has_bottom else None, tile.has_bottom),
        )
        if on and n is not None
    ]
    text = cut + (" " + w["glue"].format(who=w["and"].join(glue_for)) if glue_for else "")
    # A small map of the sheets, this one filled, at the right end of the strip; the text stops short of it.
    cell = min(h * 0.8 / plan.rows, mm(4))
    mx = plan.sheet_w - plan.margin - plan.cols * cell
    text = typeset(text, lang)
    size = min(9.0, 9 * (mx - mm(3) - x) / c.stringWidth(text, fam.regular, 9))
    c.setFont(fam.regular, size)
    c.drawString(x, base + 0.5, text)
    my = y0 + (h - plan.rows * cell) / 2
    c.setLineWidth(0.5)
    c.setStrokeColor(colour(INK))
    for t in plan.tiles:
        c.setFillColor(colour(INK) if t is tile else white)
        c.rect(mx + t.col * cell, my + (plan.rows - 1 - t.row) * cell, cell, cell, stroke=1, fill=1)
