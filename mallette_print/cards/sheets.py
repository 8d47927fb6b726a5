"""cards.pdf: an instruction page with a 50 mm square (and the duplex calibration sheet), then the card sheets.

Each deck starts on a new sheet, so all the backs of a sheet are the same and
a small duplex misalignment never shows another deck's back.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from mallette_print.cards.imposition import NON_PRINTING_MM, Box, Segment, SheetPlan, plan_sheet
from mallette_print.cards.painter import CardLook, CardPainter, painter_for
from mallette_print.cards.placed import shape_of
from mallette_print.core.cardsize import CardSize
from mallette_print.core.i18n import tr
from mallette_print.core.licensing import attribution, pdf_meta
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.phrasebook import Phrases, text
from mallette_print.core.typography import colon, typeset
from mallette_print.core.units import mm
from mallette_print.draw.markup import escape
from mallette_print.draw.pdf import new_canvas
from mallette_print.draw.shapes import SHAPED, outline_path
from mallette_print.pipeline.context import BuildContext

MARK_WIDTH = 0.25  # pt: thin enough not to look like part of the art, dark enough to see on any printer
STEP_NUMBER = re.compile(r"^\d+\.\s*")
FOLD_WIDTH = 0.6  # pt: the fold line on a fold-and-glue pair
CUT_LINE_PT = 0.5  # a shaped card's outline on its sheet
FOLD_DASH = (2.0, 1.5)  # pt: dash and gap, the same as the fold marks in the margins

SHEET_KEYS = (
    "title",
    "scale",
    "long",
    "short",
    "fold",
    "none",
    "calib",
    "cut",
    "contents",
    "pages",
    "page",
    "cards",
    "square",
    "front",
    "sheet",
    "target",
    "scales",
    "offset_now",
    "dx_scale",
    "dy_scale",
)


def texts(lang: str, default: str | None = None) -> dict[str, str]:
    """The sheet texts (the phrasebook's `sheets.*`) in the language's typography, and its colon."""
    words = Phrases(lang, default)
    out = {k: typeset(words(f"sheets.{k}"), lang) for k in SHEET_KEYS}
    out["colon"] = colon(lang)
    return out


@dataclass(frozen=True)
class SheetJob:
    """One output of card sheets: the plan, the look and the cards in print order per deck."""

    plan: SheetPlan
    look: CardLook
    decks: tuple[tuple[Deck, tuple[Card, ...]], ...]


def expand(data: GameData, selection: tuple[str, ...] = ()) -> tuple[tuple[Deck, tuple[Card, ...]], ...]:
    """Every deck with its printed cards (quantities expanded), optionally only the selected card or deck ids."""
    out = []
    for deck in data.decks:
        cards = tuple(
            card
            for card in deck.cards
            for _ in range(card.quantity)
            if not selection or card.id in selection or deck.id in selection
        )
        if cards:
            out.append((deck, cards))
    return tuple(out)


def _marks(c: Canvas, segments: tuple[Segment, ...], colour: Color, dashed: bool = False) -> None:
    c.saveState()
    c.setStrokeColor(colour)
    c.setLineWidth(MARK_WIDTH if not dashed else 0.5)
    if dashed:
        c.setDash(2, 1.5)
    p = c.beginPath()
    for s in segments:
        p.moveTo(s.x0, s.y0)
        p.lineTo(s.x1, s.y1)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def _fold_lines(c: Canvas, lines: list[Segment], p: CardPainter) -> None:
    """The fold between each front and its back, on the pair itself (the margin dashes are cut away): black
    dashes over a white line, so that it shows on any back, dark or light (ink saver) alike."""
    if not lines:
        return
    c.saveState()
    c.setLineWidth(FOLD_WIDTH)
    for colour, dash in (("#FFFFFF", None), ("#000000", FOLD_DASH)):
        c.setStrokeColor(p.palette(colour))
        if dash:
            c.setDash(*dash)
        path = c.beginPath()
        for s in lines:
            path.moveTo(s.x0, s.y0)
            path.lineTo(s.x1, s.y1)
        c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def _outer_clip(box: Box, printed: Sequence[Box], bleed: float) -> Box:
    """A card box grown by the bleed on every side that no other printed card touches (never into a neighbour;
    next to an empty slot of a partial sheet, or on the grid's outline, a back bleeds)."""
    x0, y0, x1, y1 = box
    eps = 0.01

    def touched(edge: int) -> bool:
        # edge: 0 left, 1 bottom, 2 right, 3 top; a neighbour shares that edge and overlaps along it.
        opposite = (edge + 2) % 4
        along = (1, 3) if edge in (0, 2) else (0, 2)
        return any(
            abs(b[opposite] - box[edge]) < eps
            and min(box[along[1]], b[along[1]]) - max(box[along[0]], b[along[0]]) > eps
            for b in printed
        )

    return (
        x0 if touched(0) else x0 - bleed,
        y0 if touched(1) else y0 - bleed,
        x1 if touched(2) else x1 + bleed,
        y1 if touched(3) else y1 + bleed,
    )


def _place_clipped(p: CardPainter, form: str, matrix: tuple[float, ...], page_clip: Box) -> None:
    c = p.c
    c.saveState()
    path = c.beginPath()
    path.rect(page_clip[0], page_clip[1], page_clip[2] - page_clip[0], page_clip[3] - page_clip[1])
    c.clipPath(path, stroke=0, fill=0)
    p.place(form, matrix)  # type: ignore[arg-type]
    c.restoreState()


def _draw_clipped(p: CardPainter, deck: Deck, card: Card, matrix: tuple[float, ...], page_clip: Box) -> None:
    # The same as _place_clipped with the face's form, without the form: the page clip lies within the form's box.
    c = p.c
    c.saveState()
    path = c.beginPath()
    path.rect(page_clip[0], page_clip[1], page_clip[2] - page_clip[0], page_clip[3] - page_clip[1])
    c.clipPath(path, stroke=0, fill=0)
    c.transform(*matrix)
    p.draw_face(deck, card)
    c.restoreState()


def _outline(p: CardPainter, template: str | None, matrix: tuple[float, ...], colour: Color) -> None:
    """A shaped card's cut line, on its front: its outline, thin, over the printed bleed (the marks at the sheet's
    edge still give the grid of bounding rectangles)."""
    shape, radius = shape_of(p, template)
    if shape not in SHAPED:
        return
    c, s = p.c, p.look.size
    c.saveState()
    c.transform(*matrix)
    c.setStrokeColor(colour)
    c.setLineWidth(CUT_LINE_PT)
    c.drawPath(outline_path(c, shape, s.w, s.h, radius), stroke=1, fill=0)  # type: ignore[arg-type]
    c.restoreState()


def _page_label(c: Canvas, p: CardPainter, plan: SheetPlan, text: str) -> None:
    """A small label in the bottom margin, in the middle of the first column, to sort printed sheets: above the
    printer's blank border (its descenders included), below the cards' bleed."""
    margin = plan.grid[1]
    if margin < mm(8):
        return
    cell_w = (plan.grid[2] - plan.grid[0]) / plan.cols
    c.setFont(p.fam.regular, 6.5)
    c.setFillColor(p.palette("#555555"))
    c.drawCentredString(plan.grid[0] + cell_w / 2, max(margin / 2 - 2, mm(NON_PRINTING_MM) + 2), text)


def render_sheets(
    data: GameData,
    lang: str,
    paper: str,
    size: CardSize,
    duplex: str,
    offset: tuple[float, float],
    look: CardLook,
    selection: tuple[str, ...] = (),
    ctx: BuildContext | None = None,
) -> tuple[bytes, int]:
    """cards.pdf: instruction (and calibration) page, then sheets of fronts each followed by its backs."""
    plan = plan_sheet(paper, size, duplex, offset)
    decks = expand(data, selection)
    buf = io.BytesIO()
    c, fam = new_canvas(
        buf, (plan.page_w, plan.page_h), pdf_meta(data, lang, text("pdf.cards", lang, data.game.default_language))
    )
    p = painter_for(ctx or BuildContext(), c, data, lang, look)
    p.layout_all([(d, card) for d, cards in decks for card in cards])
    t = texts(lang, data.game.default_language)
    # Work out the page numbers first, for the contents list on page 1.
    first = 3 if duplex in ("long", "short") else 2
    per = plan.per_sheet
    pages_per_sheet = 2 if duplex in ("long", "short") else 1
    contents = []
    page = first
    for deck, cards in decks:
        sheets = -(-len(cards) // per)
        contents.append((deck, len(cards), page, page + sheets * pages_per_sheet - 1))
        page += sheets * pages_per_sheet
    instruction_page(c, p, data, lang, plan, duplex, offset, contents)
    pages = 1
    if duplex in ("long", "short"):
        calibration_back(c, p, plan, duplex, offset, lang)
        pages += 1
    black = p.palette("#000000")
    # A face printed once is drawn straight on its sheet; a form pays off only for faces printed several times
    # (each form is a separately compressed stream: 1 KB more per card, and slower to write).
    uses = Counter((deck.id, card.id) for deck, cards in decks for card in cards)
    for deck, cards in decks:
        title = tr(deck.title, lang, data.game.default_language)
        n_sheets = -(-len(cards) // per)
        for k in range(n_sheets):
            chunk = cards[k * per : (k + 1) * per]
            for slot, card in zip(plan.fronts, chunk):
                if uses[(deck.id, card.id)] > 1:
                    _place_clipped(p, p.face_form(deck, card), slot.matrix, slot.box)
                else:
                    _draw_clipped(p, deck, card, slot.matrix, slot.box)
                _outline(p, card.template or deck.template, slot.matrix, black)
            if duplex == "fold":
                for slot, _ in zip(plan.backs, chunk):
                    _place_clipped(p, p.back_form(deck), slot.matrix, slot.box)
                _marks(c, plan.fold_marks, black, dashed=True)
                _fold_lines(c, [line for line, _ in zip(plan.fold_lines, chunk)], p)
            _marks(c, plan.cut_marks, black)
            _page_label(
                c,
                p,
                plan,
                f"{title} · {t['front'] if duplex in ('long', 'short') else ''} "
                f"{t['sheet']} {k + 1}/{n_sheets}".replace("  ", " "),
            )
            c.showPage()
            pages += 1
            if duplex in ("long", "short"):
                printed = [slot.box for slot, _ in zip(plan.backs, chunk)]
                for slot, _ in zip(plan.backs, chunk):
                    _place_clipped(p, p.back_form(deck), slot.matrix, _outer_clip(slot.box, printed, size.bleed))
                c.showPage()
                pages += 1
    c.save()
    return buf.getvalue(), pages


def _para(
    c: Canvas, p: CardPainter, text: str, x: float, top: float, width: float, size: float = 10.0, bold: bool = False
) -> float:
    style = ParagraphStyle(
        "i",
        fontName=p.fam.bold if bold else p.fam.regular,
        fontSize=size,
        leading=size * 1.3,
        textColor=p.palette("#1A1A1A"),
    )
    para = Paragraph(text, style)
    _, h = para.wrap(width, 1e6)
    para.drawOn(c, x, top - h)
    return top - h


def instruction_page(
    c: Canvas,
    p: CardPainter,
    data: GameData,
    lang: str,
    plan: SheetPlan,
    duplex: str,
    offset: tuple[float, float],
    contents: list[tuple[Deck, int, int, int]],
) -> None:
    """Page 1: how to print, the 50 mm test square, the contents, the calibration target when duplex."""
    t = texts(lang, data.game.default_language)
    W, H = plan.page_w, plan.page_h
    x, width = mm(20), W - mm(40)
    g = data.game
    y = H - mm(20)
    title = escape(tr(g.title, lang, g.default_language), quotes=False)
    y = _para(c, p, f"{title} – {t['title']}", x, y, width, 16, bold=True)
    y = _para(
        c,
        p,
        f"v{escape(g.version, quotes=False)} · {p.look.size.w_mm:g} × {p.look.size.h_mm:g} mm · "
        f"{plan.per_sheet} {t['cards']}/{t['page']}",
        x,
        y - mm(1),
        width,
        9,
    )
    y -= mm(4)
    steps = ("scale", duplex) + (("calib",) if duplex in ("long", "short") else ()) + ("cut",)
    for n, key in enumerate(steps, 1):
        # Numbered here, so that a mode without the calibration step counts 1, 2, 3 (an older phrasebook's own
        # number is dropped).
        y = _para(c, p, f"{n}. {STEP_NUMBER.sub('', t[key], count=1)}", x, y, width, 10) - mm(2)
    # The 50 mm test square.
    sq = mm(50)
    c.setStrokeColor(p.palette("#000000"))
    c.setLineWidth(0.5)
    top = y - mm(3)
    c.rect(x, top - sq, sq, sq, stroke=1, fill=0)
    c.setFont(p.fam.bold, 12)
    c.setFillColor(p.palette("#1A1A1A"))
    c.drawCentredString(x + sq / 2, top - sq / 2 - 4, t["square"])
    # Contents beside the square.
    cx = x + sq + mm(10)
    # (The calibration sheet on its own has no cards: no contents heading then.)
    cy = _para(c, p, f"<b>{t['contents']}</b>", cx, top, width - sq - mm(10), 10) if contents else top
    for deck, n, first, last in contents:
        pages = f"{t['page']} {first}" if first == last else f"{t['pages']} {first}–{last}"
        deck_title = escape(tr(deck.title, lang, g.default_language), quotes=False)
        cy = _para(c, p, f"{deck_title}{t['colon']} {n} {t['cards']}, {pages}", cx, cy, width - sq - mm(10), 9)
    y = min(top - sq, cy) - mm(6)
    if duplex in ("long", "short"):
        calibration_front(c, p, plan, lang, y)
    _para(c, p, escape(attribution(data, lang), quotes=False), x, mm(22), width, 7)
    c.showPage()


CAL_HALF = mm(18)
LABEL_STAGGER = 6.0  # pt: how much higher every other label of the horizontal scale sits


def _target_point(plan: SheetPlan) -> tuple[float, float]:
    return plan.page_w / 2, mm(60)


def calibration_front(c: Canvas, p: CardPainter, plan: SheetPlan, lang: str, top: float) -> None:
    """The front of the duplex calibration: a long vertical and horizontal line crossing at a known point."""
    t = texts(lang, p.data.game.default_language)
    px, py = _target_point(plan)
    c.setFont(p.fam.bold, 8)
    c.setFillColor(p.palette("#1A1A1A"))
    c.drawCentredString(px, py + CAL_HALF + mm(4), t["target"])
    c.setStrokeColor(p.palette("#000000"))
    c.setLineWidth(0.8)
    c.line(px, py - CAL_HALF, px, py + CAL_HALF)
    c.line(px - CAL_HALF, py, px + CAL_HALF, py)
    c.circle(px, py, mm(2), stroke=1, fill=0)


def calibration_back(
    c: Canvas, p: CardPainter, plan: SheetPlan, duplex: str, offset: tuple[float, float], lang: str
) -> None:
    """The back of the calibration sheet: millimetre scales centred where the front's lines should fall."""
    t = texts(lang, p.data.game.default_language)
    px, py = _target_point(plan)
    # Where the front's point lands on the back page for this duplex mode (offset included, so a good
    # offset reads 0 and the reading is what to add to the current offset).
    if duplex == "long":
        qx, qy = plan.page_w - px + mm(offset[0]), py + mm(offset[1])
    else:
        qx, qy = px + mm(offset[0]), plan.page_h - py + mm(offset[1])
    ink = p.palette("#000000")
    c.setStrokeColor(ink)
    c.setFillColor(ink)
    # The horizontal scale (DX) crosses the front's vertical line above the target, the vertical scale (DY)
    # crosses its horizontal line to the right; neither touches the other.
    hy, vx = qy + mm(12), qx + mm(12)
    c.setLineWidth(0.3)
    for i in range(-16, 17):
        v = i * 0.5
        L = mm(3.2 if i % 4 == 0 else 2.0 if i % 2 == 0 else 1.2)
        c.line(qx + mm(v), hy, qx + mm(v), hy + L)
        c.line(vx, qy + mm(v), vx + L, qy + mm(v))
        if i % 4 == 0:
            text = f"\u2212{-int(v)}" if v < 0 else f"{int(v)}"
            c.setFont(p.fam.bold if v == 0 else p.fam.regular, 5.5)
            # Every other label of the horizontal scale a line higher: side by side, '−8' and '−6' 2 mm apart
            # touched (0.12 mm of ink overlapping); the vertical scale's labels are one above the other.
            c.drawCentredString(qx + mm(v), hy + L + 2 + (LABEL_STAGGER if i % 8 else 0), text)
            c.drawString(vx + L + 2, qy + mm(v) - 2.3, text)
    c.setLineWidth(0.6)
    c.line(qx - mm(8), hy, qx + mm(8), hy)
    c.line(vx, qy - mm(8), vx, qy + mm(8))
    c.setFont(p.fam.bold, 8)
    c.drawString(qx + mm(9), hy + mm(1), t["dx_scale"])
    c.drawString(vx + mm(7), qy - 3, t["dy_scale"])
    c.setFont(p.fam.bold, 8)
    c.drawCentredString(plan.page_w / 2, qy - mm(16), t["scales"])
    c.setFont(p.fam.regular, 7)
    c.drawCentredString(
        plan.page_w / 2, qy - mm(20), f"{t['offset_now']}{t['colon']} {offset[0]:+g}, {offset[1]:+g} mm"
    )
    c.showPage()


def calibration_pdf(
    data: GameData,
    lang: str,
    paper: str,
    duplex: str,
    offset: tuple[float, float],
    size: CardSize,
    ctx: BuildContext | None = None,
) -> bytes:
    """duplex-calibration.pdf: the instruction page and its back, on their own."""
    plan = plan_sheet(paper, size, duplex, offset)
    buf = io.BytesIO()
    c, _ = new_canvas(
        buf, (plan.page_w, plan.page_h), pdf_meta(data, lang, text("pdf.calibration", lang, data.game.default_language))
    )
    p = painter_for(ctx or BuildContext(), c, data, lang, CardLook(size))
    instruction_page(c, p, data, lang, plan, duplex, offset, [])
    calibration_back(c, p, plan, duplex, offset, lang)
    c.save()
    return buf.getvalue()
