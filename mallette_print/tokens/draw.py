"""Drawing tokens.pdf from its layout: standees (pawns, markers), deadline tokens, cut marks, fold lines, notice."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from mallette_print.core.i18n import tr
from mallette_print.core.licensing import notice, pdf_meta, short_attribution
from mallette_print.core.manifest import Family, Track
from mallette_print.core.model import ActorCard, GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.core.typography import typeset
from mallette_print.core.units import mm
from mallette_print.draw.colours import INK, colour, ink_on, shade, tint
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.icons import draw_icon
from mallette_print.draw.patterns import draw_pattern
from mallette_print.draw.pdf import new_canvas
from mallette_print.draw.svg import SvgCache
from mallette_print.tokens.layout import MARKER, PAWN, Block, Piece, Tent, TokenLayout

CUT = "#000000"  # cut marks: black, 0.5 pt
OUTLINE = "#9A9A9A"  # the pieces' outlines, on the cut lines: light, for scissors
FOLD = "#333333"
ROUND_COLOUR = "#1A1A1A"  # the round track is drawn in black on the board
DEADLINE_COLOUR = "#8C3B00"  # the challenges' colour (the tokens sit on challenge cards)

Face = Callable[[Canvas, float, float], None]  # draws one face in a local frame (0, 0) .. (w, h), upright


@dataclass(frozen=True)
class Pieces:
    """What each piece stands for, by ref: actor cards, their families, tracks (the round marker is `rounds`)."""

    actors: dict[str, ActorCard]
    families: dict[str, Family]
    tracks: dict[str, Track]
    rounds_icon: str | None


def asset(data: GameData, rel: str | None) -> str | None:
    """Absolute path of an asset when the file exists (icons repeat a label, never stand alone)."""
    if not rel:
        return None
    path = Path(data.root) / rel
    return str(path) if path.is_file() else None


def fit_lines(text: str, font: str, size: float, least: float, width: float, most: int) -> tuple[float, list[str]]:
    """The largest size from `size` down to `least` (half points) at which `text` takes at most `most` lines."""
    s = size
    while True:
        lines = simpleSplit(text, font, s, width)
        if (len(lines) <= most and all(stringWidth(t, font, s) <= width for t in lines)) or s <= least:
            return s, lines
        s -= 0.5


def _centred_lines(c: Canvas, font: str, size: float, lines: list[str], cx: float, top: float) -> None:
    c.setFont(font, size)
    for i, line in enumerate(lines):
        c.drawCentredString(cx, top - size * (0.95 + 1.12 * i), line)


class TokenPainter:
    """Draws the pieces of one tokens.pdf on one canvas."""

    def __init__(self, c: Canvas, fam: FontFamily, data: GameData, lang: str, svgs: SvgCache, pieces: Pieces):
        self.c, self.fam, self.data, self.lang, self.svgs, self.p = c, fam, data, lang, svgs, pieces
        self.words = Phrases(lang, data.game.default_language)

    def t(self, text: dict[str, str]) -> str:
        return typeset(tr(text, self.lang, self.data.game.default_language), self.lang)

    # --- faces -------------------------------------------------------------------------------------------
    def pawn_face(self, card: ActorCard) -> Face:
        fam_ = self.p.families[card.family]
        title, label = self.t(card.title), self.t(fam_.label)

        def draw(c: Canvas, w: float, h: float) -> None:
            band = mm(10)
            c.setFillColor(colour("#FFFFFF"))
            c.rect(0, 0, w, h, stroke=0, fill=1)
            c.setFillColor(colour(fam_.colour))
            c.rect(0, h - band, w, band, stroke=0, fill=1)
            c.rect(0, 0, w, mm(2.2), stroke=0, fill=1)
            draw_pattern(c, fam_.pattern, 0, h - band, w, band, shade(fam_.colour, 0.35), step=mm(2.2), weight=0.6)
            r = mm(3.9)
            c.setFillColor(colour("#FFFFFF"))
            c.circle(w / 2, h - band / 2, r, stroke=0, fill=1)
            size = r * 1.45
            draw_icon(c, asset(self.data, fam_.icon), w / 2 - size / 2, h - band / 2 - size / 2, size, INK, self.svgs)
            c.setFillColor(colour(INK))
            fs, lines = fit_lines(label, self.fam.regular, 6.5, 5.0, w - mm(2), 1)
            _centred_lines(c, self.fam.regular, fs, lines, w / 2, h - band - mm(0.6))
            box_top = h - band - mm(4)
            fs, lines = fit_lines(title, self.fam.bold, 9.0, 5.5, w - mm(2), 4)
            block = fs * (0.95 + 1.12 * (len(lines) - 1)) + fs * 0.25
            mid = (box_top + mm(2.2)) / 2
            _centred_lines(c, self.fam.bold, fs, lines, w / 2, mid + block / 2)
            c.setStrokeColor(colour(fam_.colour))
            c.setLineWidth(1.2)
            c.rect(0.6, 0.6, w - 1.2, h - 1.2, stroke=1, fill=0)

        return draw

    def marker_face(self, fill: str, icon: str | None, label: str) -> Face:
        def draw(c: Canvas, w: float, h: float) -> None:
            c.setFillColor(colour(fill))
            c.rect(0, 0, w, h, stroke=0, fill=1)
            r = mm(4.6)
            cy = h - mm(1.2) - r
            c.setFillColor(colour("#FFFFFF"))
            c.circle(w / 2, cy, r, stroke=0, fill=1)
            size = r * 1.45
            draw_icon(c, icon, w / 2 - size / 2, cy - size / 2, size, INK, self.svgs)
            c.setFillColor(colour(ink_on(fill)))
            fs, lines = fit_lines(label, self.fam.bold, 6.0, 4.5, w - mm(1.4), 2)
            room = cy - r
            block = fs * (0.95 + 1.12 * (len(lines) - 1)) + fs * 0.25
            _centred_lines(c, self.fam.bold, fs, lines, w / 2, room / 2 + block / 2)

        return draw

    # --- pieces ------------------------------------------------------------------------------------------
    def piece(self, pc: Piece) -> None:
        if pc.kind == "pawn":
            card = self.p.actors[pc.ref]
            self.tent(pc, PAWN, self.pawn_face(card), self.p.families[card.family].colour)
        elif pc.kind == "track":
            tk = self.p.tracks[pc.ref]
            self.tent(pc, MARKER, self.marker_face(tk.colour, asset(self.data, tk.icon), self.t(tk.label)), tk.colour)
        elif pc.kind == "round":
            label = self.words("tokens.rounds")
            self.tent(pc, MARKER, self.marker_face(ROUND_COLOUR, self.p.rounds_icon, label), ROUND_COLOUR)
        else:
            self.deadline(pc)
        c = self.c
        c.setStrokeColor(colour(OUTLINE))
        c.setLineWidth(0.3)
        c.rect(pc.x, pc.y, pc.w, pc.h, stroke=1, fill=0)

    def tent(self, pc: Piece, tent: Tent, face: Face, hue: str) -> None:
        """[foot | face | face | foot] along x; each face upright once folded (the apex is the middle fold)."""
        c = self.c
        f1, apex, f2 = (pc.x + mm(d) for d in tent.folds())
        fw, fh = pc.h, mm(tent.face)  # a face stands pc.h wide and face tall
        c.setFillColor(tint(hue, 0.18))
        c.rect(pc.x, pc.y, f1 - pc.x, pc.h, stroke=0, fill=1)
        c.rect(f2, pc.y, pc.x + pc.w - f2, pc.h, stroke=0, fill=1)
        # First face: its foot on the left, its top at the apex (page x up, page -y right).
        c.saveState()
        c.translate(f1, pc.y + pc.h)
        c.rotate(-90)
        face(c, fw, fh)
        c.restoreState()
        # Second face: its foot on the right, its top at the apex.
        c.saveState()
        c.translate(f2, pc.y)
        c.rotate(90)
        face(c, fw, fh)
        c.restoreState()
        # The glue foot (glued, printed side down, onto the back of the other foot) and the fold lines.
        c.setFillColor(colour(INK))
        glue = self.words("tokens.glue")
        fs, lines = fit_lines(glue, self.fam.bold, 7.0, 4.5, pc.h - mm(2), 1)
        c.saveState()
        c.translate((f2 + pc.x + pc.w) / 2, pc.y + pc.h / 2)
        c.rotate(90)
        _centred_lines(c, self.fam.bold, fs, lines, 0, fs * 0.45)
        c.restoreState()
        fold = self.words("tokens.fold")
        c.setStrokeColor(colour(FOLD))
        c.setLineWidth(0.6)
        c.setDash([mm(1.5), mm(1)])
        for x in (f1, apex, f2):
            c.line(x, pc.y, x, pc.y + pc.h)
        c.setDash([])
        c.setFont(self.fam.regular, 5)
        for x, side in ((f1, -1), (f2, 1)):  # the label beside each foot fold, on the foot
            c.saveState()
            c.translate(x + side * mm(1.2), pc.y + mm(1.2))
            c.rotate(90)
            c.drawString(0, -4 if side < 0 else 0, fold)
            c.restoreState()
        c.saveState()  # the apex fold's label, in a white slot at its lower end
        c.setFillColor(colour("#FFFFFF"))
        lw = stringWidth(fold, self.fam.regular, 5) + 2
        c.rect(apex - 3.2, pc.y + mm(2.6), 6.4, lw, stroke=0, fill=1)
        c.setFillColor(colour(INK))
        c.translate(apex + 1.8, pc.y + mm(2.6) + 1)
        c.rotate(90)
        c.drawString(0, 0, fold)
        c.restoreState()

    def deadline(self, pc: Piece) -> None:
        """A flat square: an hourglass (one round of a challenge's deadline)."""
        c = self.c
        c.setFillColor(tint(DEADLINE_COLOUR, 0.16))
        c.rect(pc.x, pc.y, pc.w, pc.h, stroke=0, fill=1)
        cx, cy, s = pc.x + pc.w / 2, pc.y + pc.h / 2, pc.w * 0.3
        c.setFillColor(colour(DEADLINE_COLOUR))
        p = c.beginPath()
        p.moveTo(cx - s * 0.75, cy + s)
        p.lineTo(cx + s * 0.75, cy + s)
        p.lineTo(cx, cy)
        p.lineTo(cx + s * 0.75, cy - s)
        p.lineTo(cx - s * 0.75, cy - s)
        p.lineTo(cx, cy)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.setLineWidth(1.2)
        c.setStrokeColor(colour(DEADLINE_COLOUR))
        c.line(cx - s * 0.95, cy + s + 1.4, cx + s * 0.95, cy + s + 1.4)
        c.line(cx - s * 0.95, cy - s - 1.4, cx + s * 0.95, cy - s - 1.4)


def draw_marks(c: Canvas, block: Block) -> None:
    """The cut marks of a block: black, 0.5 pt, solid."""
    c.setStrokeColor(colour(CUT))
    c.setLineWidth(0.5)
    for x1, y1, x2, y2 in block.cut_marks():
        c.line(x1, y1, x2, y2)


def tokens_pdf(
    data: GameData, lay: TokenLayout, lang: str, svgs: SvgCache, pieces: Pieces, headings: dict[str, str]
) -> tuple[bytes, int]:
    """tokens.pdf from its layout: (pdf, pages)."""
    words = Phrases(lang, data.game.default_language)
    buf = io.BytesIO()
    c, fam = new_canvas(buf, (lay.page_w, lay.page_h), pdf_meta(data, lang, words("pdf.tokens")))
    painter = TokenPainter(c, fam, data, lang, svgs, pieces)
    W, H = lay.page_w, lay.page_h
    left = mm(14)
    title = typeset(words("tokens.title"), lang)
    lines = [(notice(data, lang), fam.bold), (short_attribution(data, lang), fam.regular)]
    for n, blocks in enumerate(lay.sheets, 1):
        c.setFillColor(colour(INK))
        c.setFont(fam.bold, 12)
        c.drawString(left, H - mm(14), title)
        c.setFont(fam.regular, 9)
        c.drawRightString(W - left, H - mm(14), words("tokens.sheet", n=n, total=len(lay.sheets)))
        for block in blocks:
            c.setFillColor(colour(INK))
            size, head = fit_lines(headings[block.kind], fam.regular, 8.5, 6.0, W - 2 * left, 1)
            c.setFont(fam.regular, size)
            c.drawString(left, block.heading_y, " ".join(head))
            for pc in block.pieces:
                painter.piece(pc)
            draw_marks(c, block)
        # The licence notice, as on every other output, above the printer's unprinted border.
        c.setFillColor(colour(INK))
        text = f"{lines[0][0]} · {lines[1][0]}"
        size, _ = fit_lines(text, fam.regular, 7.0, 5.0, W - 2 * left, 1)
        x = left
        for i, (part, font) in enumerate(lines):
            part = part if i == 0 else f" · {part}"
            c.setFont(font, size)
            c.drawString(x, mm(9.5), part)
            x += stringWidth(part, font, size)
        c.showPage()
    c.save()
    return buf.getvalue(), len(lay.sheets)
