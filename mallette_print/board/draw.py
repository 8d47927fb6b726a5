"""Draw the board (territory map, tracks, deck spaces, legend, QR and licence) and write board.pdf.

The board is drawn once, as a Form XObject named 'board', that board.pdf
shows on its single page and board-tiles.pdf reuses on every tile.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import Color, white
from reportlab.pdfgen.canvas import Canvas

from mallette_print.board.layout import BoardLayout, DeckSlot, TrackRow, ZoneShape
from mallette_print.board.room import label_plate
from mallette_print.core.errors import DataError
from mallette_print.core.licensing import pdf_meta
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.core.qrfit import BOARD_QR_MAX_MM
from mallette_print.core.typography import typeset
from mallette_print.core.units import mm
from mallette_print.draw.colours import INK, colour, shade, tint
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.icons import draw_icon
from mallette_print.draw.markup import paragraph
from mallette_print.draw.patterns import hatch, map_pattern
from mallette_print.draw.pdf import new_canvas
from mallette_print.draw.qr import draw_qr, qr_code
from mallette_print.draw.svg import SvgCache

FORM = "board"
LICENCE_ICONS = ("licence-cc", "licence-by", "licence-sa")


def define_board_form(c: Canvas, fam: FontFamily, lay: BoardLayout, data: GameData, svgs: SvgCache) -> None:
    """Record the whole board once as the Form XObject 'board' (page coordinates of the board)."""
    c.beginForm(FORM, 0, 0, lay.page_w, lay.page_h)
    draw_board(c, fam, lay, data, svgs)
    c.endForm()


def draw_board(c: Canvas, fam: FontFamily, lay: BoardLayout, data: GameData, svgs: SvgCache) -> None:
    """Draw every part of the board at its laid-out place."""
    _title(c, fam, lay)
    _map(c, fam, lay, svgs)
    for row in lay.tracks:
        _track(c, fam, lay, row, svgs)
    _track(c, fam, lay, lay.rounds, svgs)
    for slot in lay.decks:
        _deck(c, fam, lay, slot, svgs)
    _legend(c, fam, lay, data)
    _qr_block(c, fam, lay, data, svgs)


def _text(lay: BoardLayout, s: str) -> str:
    return typeset(s, lay.lang)


def _title(c: Canvas, fam: FontFamily, lay: BoardLayout) -> None:
    b, f = lay.title_box, lay.fonts
    y = b.y + b.h - f["title"]
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, f["title"])
    c.drawString(b.x, y, lay.title)
    c.setFont(fam.regular, f["subtitle"])
    y -= f["subtitle"] * 1.45
    c.drawString(b.x, y, _text(lay, lay.subtitle))
    c.setFont(fam.italic, f["info"])
    c.setFillColor(colour("#444444"))
    c.drawString(b.x, y - f["info"] * 1.4, lay.info)


def _zone_path(c: Canvas, z: ZoneShape):
    p = c.beginPath()
    if z.shape == "polygon":
        p.moveTo(*z.points[0])
        for pt in z.points[1:]:
            p.lineTo(*pt)
        p.close()
    elif z.shape == "ellipse" and z.box:
        p.ellipse(z.box.x, z.box.y, z.box.w, z.box.h)
    elif z.box:
        p.rect(z.box.x, z.box.y, z.box.w, z.box.h)
    return p


def _zone_bounds(z: ZoneShape) -> tuple[float, float, float, float] | None:
    """The box a zone's clip can show (None: unknown, the whole map)."""
    if z.shape == "polygon" and z.points:
        xs, ys = [p[0] for p in z.points], [p[1] for p in z.points]
        return min(xs), min(ys), max(xs), max(ys)
    if z.box:
        return z.box.x, z.box.y, z.box.x + z.box.w, z.box.y + z.box.h
    return None


def _map(c: Canvas, fam: FontFamily, lay: BoardLayout, svgs: SvgCache) -> None:
    b, k = lay.map_box, lay.scale
    # One zone at a time, in file order, so a zone drawn later (the centre) covers its neighbours' borders.
    for z in lay.zones:
        c.saveState()
        c.setFillColor(tint(z.colour, 0.32))
        c.drawPath(_zone_path(c, z), stroke=0, fill=1)
        c.clipPath(_zone_path(c, z), stroke=0, fill=0)
        light = z.pattern in ("checks", "dots")  # filled patterns: lighter, to save ink
        map_pattern(
            c,
            z.pattern,
            b.x,
            b.y,
            b.w,
            b.h,
            tint(z.colour, 0.6) if light else shade(z.colour, 0.25),
            k,
            window=_zone_bounds(z),
        )
        c.restoreState()
        # Border: a white road with a dashed dark edge, so neighbouring zones read apart in greyscale too.
        c.saveState()
        c.setLineJoin(1)
        c.setStrokeColor(white)
        c.setLineWidth(3.2 * k)
        c.drawPath(_zone_path(c, z), stroke=1, fill=0)
        c.setStrokeColor(colour("#4D4D4D"))
        c.setLineWidth(0.6 * k)
        c.setDash(2 * k, 1.6 * k)
        c.drawPath(_zone_path(c, z), stroke=1, fill=0)
        c.restoreState()
    c.saveState()
    c.setStrokeColor(colour(INK))
    c.setLineWidth(1.4 * k)
    c.roundRect(b.x, b.y, b.w, b.h, mm(3) * k, stroke=1, fill=0)
    c.restoreState()
    for z in lay.zones:
        _zone_label(c, fam, lay, z, svgs)


def _zone_label(c: Canvas, fam: FontFamily, lay: BoardLayout, z: ZoneShape, svgs: SvgCache) -> None:
    k, f = lay.scale, lay.fonts
    pad = mm(2.2) * k
    icon_size = mm(9) * k
    chip = mm(3.2) * k
    plate, _, _ = label_plate(fam, lay, z, _text(lay, z.description))
    para = paragraph(_text(lay, z.description), fam.regular, f["zone_text"]) if z.description else None
    if para:
        para.wrap(plate.w - 2 * pad, 10_000)
    head = max(icon_size, f["zone"] * 1.3)
    x, y, width, h = plate.x, plate.y, plate.w, plate.h
    c.saveState()
    c.setFillColor(white)
    c.setStrokeColor(shade(z.colour, 0.35))
    c.setLineWidth(1.6 * k)
    c.roundRect(x, y, width, h, mm(2.5) * k, stroke=1, fill=1)
    # A colour chip repeats the map's cue inside the label.
    c.setFillColor(tint(z.colour, 0.9))
    c.rect(x, y, chip, h, stroke=0, fill=1)
    top = y + h - pad
    draw_icon(c, z.icon, x + pad + chip * 0.6, top - icon_size, icon_size, svgs=svgs)
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, f["zone"])
    c.drawString(x + pad + chip * 0.6 + icon_size + mm(1.5) * k, top - head / 2 - f["zone"] * 0.35, z.label)
    if para:
        para.drawOn(c, x + pad + chip * 0.4, y + pad)
    c.restoreState()


def _track(c: Canvas, fam: FontFamily, lay: BoardLayout, row: TrackRow, svgs: SvgCache) -> None:
    k, f = lay.scale, lay.fonts
    hd = row.header
    isz = min(hd.h * 0.9, mm(6.5) * k)
    c.saveState()
    draw_icon(c, row.icon, hd.x, hd.y + (hd.h - isz) / 2, isz, svgs=svgs)
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, f["track"])
    base = hd.y + (hd.h - f["track"] * 0.7) / 2
    c.drawString(hd.x + isz + mm(1.5) * k, base, row.label)
    if row.note:
        c.setFont(fam.regular, f["note"])
        c.setFillColor(colour("#333333"))
        c.drawRightString(hd.x + hd.w, base, _text(lay, row.note))
    for sp in row.spaces:
        b = sp.box
        r = mm(1.6) * k
        c.setLineWidth(1.1 * k)
        c.setStrokeColor(shade(row.colour, 0.2))
        c.setFillColor(shade(row.colour, 0.55) if sp.end else (tint(row.colour, 0.18)))
        c.roundRect(b.x, b.y, b.w, b.h, r, stroke=0, fill=1)
        if sp.danger and not sp.end:
            hatch(
                c,
                b.x,
                b.y,
                b.w,
                b.h,
                tint(row.colour, 0.85) if row.colour != "#000000" else Color(0.55, 0.55, 0.55),
                mm(1.8) * k,
                0.9 * k,
            )
        c.setLineWidth(2.2 * k if sp.danger else 1.1 * k)
        c.roundRect(b.x, b.y, b.w, b.h, r, stroke=1, fill=0)
        cx, cy = b.x + b.w / 2, b.y + b.h / 2
        if sp.start:
            c.setFillColor(white)
            c.setLineWidth(1.3 * k)
            c.setStrokeColor(colour(INK))
            c.circle(cx, cy, min(b.w, b.h) * 0.36, stroke=1, fill=1)
        if sp.danger and not sp.end and not sp.start:
            c.setFillColor(white)
            c.circle(cx, cy, f["number"] * 0.72, stroke=0, fill=1)
        c.setFillColor(white if sp.end else colour(INK))
        c.setFont(fam.bold, f["number"])
        c.drawCentredString(cx, cy - f["number"] * 0.35, str(sp.number))
    c.restoreState()


def _deck(c: Canvas, fam: FontFamily, lay: BoardLayout, slot: DeckSlot, svgs: SvgCache) -> None:
    k, f = lay.scale, lay.fonts
    o, cb = slot.outline, slot.card
    c.saveState()
    c.setFillColor(colour("#F3F3F3") if slot.role == "draw" else white)
    c.setStrokeColor(colour("#555555"))
    c.setLineWidth(1.0 * k)
    if slot.role == "discard":
        c.setDash(3 * k, 2 * k)
    c.roundRect(o.x, o.y, o.w, o.h, mm(3.5) * k, stroke=1, fill=1)
    c.setDash()
    c.setStrokeColor(colour("#9A9A9A"))
    c.setLineWidth(0.6 * k)
    c.roundRect(cb.x, cb.y, cb.w, cb.h, mm(3) * k, stroke=1, fill=0)
    size = min(cb.w, cb.h) * 0.42
    ix, iy = cb.x + (cb.w - size) / 2, cb.y + (cb.h - size) / 2 + mm(2) * k
    # A light grey icon marks the space without a block of black ink.
    draw_icon(c, slot.icon, ix, iy, size, ink="#BDBDBD", svgs=svgs)
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, f["deck"])
    c.drawCentredString(cb.x + cb.w / 2, cb.y + cb.h - mm(4) * k - f["deck"] * 0.7, slot.title)
    c.setFont(fam.regular, f["deck_role"])
    c.drawCentredString(cb.x + cb.w / 2, cb.y + mm(4) * k, _text(lay, slot.role_text))
    c.restoreState()


def _legend_symbol(c: Canvas, lay: BoardLayout, symbol: str, x: float, y: float, s: float) -> None:
    k = lay.scale
    c.saveState()
    c.setLineWidth(1.0 * k)
    c.setStrokeColor(colour("#333333"))
    if symbol in ("track", "round"):
        c.setFillColor(tint("#0072B2", 0.18))
        c.roundRect(x, y, s, s, mm(1) * k, stroke=1, fill=1)
        c.setFillColor(white)
        c.circle(x + s / 2, y + s / 2, s * 0.3, stroke=1, fill=1)
    elif symbol == "danger":
        c.setFillColor(tint("#D55E00", 0.18))
        c.roundRect(x, y, s, s, mm(1) * k, stroke=0, fill=1)
        hatch(c, x, y, s, s, tint("#D55E00", 0.85), mm(1.4) * k, 0.8 * k)
        c.setLineWidth(2 * k)
        c.setStrokeColor(shade("#D55E00", 0.2))
        c.roundRect(x, y, s, s, mm(1) * k, stroke=1, fill=0)
    elif symbol == "zone":
        c.setFillColor(tint("#009E73", 0.32))
        c.rect(x, y, s, s, stroke=0, fill=1)
        p = c.beginPath()
        p.rect(x, y, s, s)
        c.clipPath(p, stroke=0, fill=0)
        map_pattern(c, "stripes", x, y, s, s, shade("#009E73", 0.25), k * 0.6)
    elif symbol == "deck":
        c.setFillColor(colour("#F3F3F3"))
        c.roundRect(x + s * 0.18, y, s * 0.64, s, mm(0.8) * k, stroke=1, fill=1)
    c.restoreState()


def _legend(c: Canvas, fam: FontFamily, lay: BoardLayout, data: GameData) -> None:
    k, f, b = lay.scale, lay.fonts, lay.legend_box
    pad = mm(2.5) * k
    c.saveState()
    c.setFillColor(colour("#FAFAF7"))
    c.setStrokeColor(colour("#333333"))
    c.setLineWidth(0.9 * k)
    c.roundRect(b.x, b.y, b.w, b.h, mm(2.5) * k, stroke=1, fill=1)
    c.setFillColor(colour(INK))
    c.setFont(fam.bold, f["legend_title"])
    y = b.y + b.h - pad - f["legend_title"] * 0.8
    c.drawString(b.x + pad, y, lay.legend_title)
    y -= mm(1.8) * k
    s = mm(5) * k
    text_x = b.x + pad + s + mm(2) * k
    for item in lay.legend:
        para = paragraph(_text(lay, item.text), fam.regular, f["legend"], leading=1.15)
        _, ph = para.wrap(b.x + b.w - pad - text_x, 10_000)
        top = y
        y -= max(ph, s)
        if y < b.y + pad * 0.5:
            bd = data.board
            raise DataError(
                [
                    bd.problem(
                        ("legend", "box"),
                        "legend",
                        f"the legend text does not fit in its box at {f['legend'] / k:g} pt "
                        "(make the box taller or the texts shorter)",
                    )
                ]
            )
        _legend_symbol(c, lay, item.symbol, b.x + pad, top - s, s)
        para.drawOn(c, text_x, top - ph)
        y -= mm(1.3) * k
    c.restoreState()


def _qr_block(c: Canvas, fam: FontFamily, lay: BoardLayout, data: GameData, svgs: SvgCache) -> None:
    k, f, b = lay.scale, lay.fonts, lay.qr_box
    size = min(b.w, mm(BOARD_QR_MAX_MM) * k)
    x = b.x + (b.w - size) / 2
    top = b.y + b.h
    c.saveState()
    # Slight overdraw avoids hairline gaps between modules at some zoom levels.
    draw_qr(c, qr_code(lay.qr_url), x, top - size, size, colour("#FFFFFF"), colour("#000000"), overdraw=0.01)
    c.restoreState()
    y = top - size
    para = paragraph(_text(lay, lay.qr_caption), fam.bold, f["small"], align=1)
    _, ph = para.wrap(b.w, 10_000)
    para.drawOn(c, b.x, y - ph)
    y -= ph + mm(2) * k
    isz = mm(6) * k
    names = [n for n in LICENCE_ICONS if _licence_icon(data, n)]
    total = len(names) * isz + max(0, len(names) - 1) * mm(1) * k
    ix = b.x + (b.w - total) / 2
    for n in names:
        draw_icon(c, _licence_icon(data, n), ix, y - isz, isz, svgs=svgs)
        ix += isz + mm(1) * k
    if names:
        y -= isz + mm(1.5) * k
    for text, font in ((lay.notice, fam.bold), (lay.attribution, fam.regular)):
        para = paragraph(_text(lay, text), font, f["small"], align=1, leading=1.12)
        _, ph = para.wrap(b.w, 10_000)
        para.drawOn(c, b.x, y - ph)
        y -= ph + mm(1.2) * k
    if y < b.y - 0.5:
        raise DataError(
            [
                data.board.problem(
                    ("qr", "box"),
                    "QR block",
                    "the QR code, caption and licence notice do not fit in the box at 9 pt (make it taller or wider)",
                )
            ]
        )


def _licence_icon(data: GameData, name: str) -> str | None:
    from pathlib import Path

    p = Path(data.root) / "assets" / "icons" / f"{name}.svg"
    return str(p) if p.is_file() else None


def board_pdf(data: GameData, lay: BoardLayout, lang: str, svgs: SvgCache) -> tuple[bytes, int]:
    """board.pdf: the whole board on one page of its own size."""
    buf = io.BytesIO()
    meta = pdf_meta(data, lang, Phrases(lang, data.game.default_language)("pdf.board"))
    c, fam = new_canvas(buf, (lay.page_w, lay.page_h), meta)
    define_board_form(c, fam, lay, data, svgs)
    c.doForm(FORM)
    c.showPage()
    c.save()
    return buf.getvalue(), 1
