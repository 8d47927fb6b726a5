"""Card faces and backs drawn with reportlab, each distinct one once per PDF as a Form XObject.

`draw_card_face` and `draw_card_back` are the public entry points other
outputs use (the rulebook's card anatomy figure, previews); the sheet and
print-shop renderers use `CardPainter` directly to place forms with the
matrices of the imposition (the card sheets draw a face printed only once
straight on the page: a form per card costs 1 KB and time for nothing). A card is drawn in its own coordinates: origin at
the bottom-left corner of its trim, backgrounds reaching into the bleed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from mallette_print.cards.faces import DISC, FICHE_GAP, FaceLayout, small_print_height
from mallette_print.cards.imposition import Box, Matrix
from mallette_print.cards.layouts import deck_layouts
from mallette_print.cards.placed import draw_placed, shaped
from mallette_print.core.cardsize import PRESETS, CardSize
from mallette_print.core.errors import DataError, Problem
from mallette_print.core.i18n import tr
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.units import mm, parse_length
from mallette_print.draw.colours import INK, Palette, ink_on, mix
from mallette_print.draw.fonts import FontFamily, register_family
from mallette_print.draw.icons import IconSet, icon_index, inline_icon_drawer
from mallette_print.draw.patterns import draw_pattern
from mallette_print.draw.qr import draw_qr
from mallette_print.draw.textfit import BOX_PAD, ICON_CALLBACK, Fitted, make_paragraph
from mallette_print.pipeline.context import BuildContext

RIBBON = mm(2.2)
BADGE_CAPTION_PT = 5.5  # the word under a badge's value (value, rounds): no text on a card is smaller


@dataclass(frozen=True)
class CardLook:
    """Drawing choices that change every card: size, ink saving, designer guides, CMYK."""

    size: CardSize = PRESETS["poker"]
    ink_saver: bool = False
    guides: bool = False
    cmyk: bool = False


@dataclass
class CardPainter:
    """Draws the cards of one game in one language on one canvas, caching layouts and forms."""

    c: Canvas
    data: GameData
    lang: str
    look: CardLook = CardLook()
    ctx: BuildContext = field(default_factory=BuildContext)
    fam: FontFamily = field(default_factory=register_family)
    _layouts: dict[tuple[str, str], FaceLayout] = field(default_factory=dict)
    _laid_out: set[str] = field(default_factory=set)
    _forms: dict[tuple[str, ...], str] = field(default_factory=dict)
    _captions: dict[tuple[int, float], tuple[Fitted, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.palette = Palette(self.look.cmyk)
        self.icons = IconSet(Path(self.data.root), self.palette, self.ctx.svgs)
        self.icon_paths = icon_index(self.data)
        self.c.setNamedCB(ICON_CALLBACK, inline_icon_drawer(self.icons, self.icon_paths, INK))

    # --- layout ---------------------------------------------------------

    def layout_all(self, cards: list[tuple[Deck, Card]]) -> None:
        """Fit every card of the decks these cards belong to; raise one DataError listing every text that does not fit.

        The body text of a deck is set at one size, the largest at which every card of the deck fits, so that
        cards of a deck look alike (only titles shrink card by card). Layouts are cached for the process
        on the build's context (cards/layouts.py): the anatomy figure of the rulebook draws the same cards as the sheets.
        """
        problems: list[Problem] = []
        decks = {d.id: d for d, _ in cards}
        for deck in decks.values():
            if deck.id not in self._laid_out:
                got = deck_layouts(self.ctx, self.data, deck, self.lang, self.look.size, self.fam)
                if isinstance(got, list):
                    problems.extend(got)
                else:
                    self._layouts.update(((deck.id, cid), lay) for cid, lay in got.items())
                    self._laid_out.add(deck.id)
        if problems:
            raise DataError(problems)

    def layout(self, deck: Deck, card: Card) -> FaceLayout:
        """The fitted layout of a card face (raises DataError if a text of its deck does not fit)."""
        lay = self._layouts.get((deck.id, card.id))
        if lay is None:
            self.layout_all([(deck, card)])
            lay = self._layouts[(deck.id, card.id)]
        return lay

    # --- forms ----------------------------------------------------------

    def _form(self, key: tuple[str, ...], draw: Any) -> str:
        name = self._forms.get(key)
        if name is None:
            name = f"f{len(self._forms)}"
            self._forms[key] = name  # before drawing: a form drawn inside this one takes the next name
            s = self.look.size
            # The stub types the box's lower corner as ints; reportlab writes any number into the form's /BBox.
            self.c.beginForm(name, -s.bleed, -s.bleed, s.w + s.bleed, s.h + s.bleed)  # type: ignore[arg-type]
            draw()
            self.c.endForm()
        return name

    def face_form(self, deck: Deck, card: Card) -> str:
        """The form name of a card face (drawn on first use)."""
        lay = self.layout(deck, card)
        return self._form(("face", deck.id, card.id), lambda: shaped(self, lay.template, lambda: self._draw_face(lay)))

    def draw_face(self, deck: Deck, card: Card) -> None:
        """Draw a card face right here, in card coordinates (for a face drawn once: no form)."""
        lay = self.layout(deck, card)
        shaped(self, lay.template, lambda: self._draw_face(lay))

    def back_form(self, deck: Deck) -> str:
        """The form name of a deck's back (drawn on first use)."""
        return self._form(("back", deck.id), lambda: self._draw_back(deck))

    def place(self, form: str, matrix: Matrix, clip: Box | None = None) -> None:
        """Draw a card form on the page through a matrix, clipped to a box in card coordinates."""
        c = self.c
        c.saveState()
        c.transform(*matrix)
        if clip is not None:
            p = c.beginPath()
            p.rect(clip[0], clip[1], clip[2] - clip[0], clip[3] - clip[1])
            c.clipPath(p, stroke=0, fill=0)
        c.doForm(form)
        c.restoreState()

    def qr_form(self, url: str) -> tuple[str, int]:
        """The form of a QR code in module units (quiet zone included) and its size in modules."""
        code = self.ctx.qr_code(url)
        n = code.total_modules
        key = ("qr", url)
        name = self._forms.get(key)
        if name is None:
            name = f"q{len(self._forms)}"
            c = self.c
            c.beginForm(name, 0, 0, n, n)
            draw_qr(c, code, 0, 0, n, self.palette("#FFFFFF"), self.palette("#000000"))
            c.endForm()
            self._forms[key] = name
        return name, n

    # --- drawing helpers --------------------------------------------------

    def _para(self, fitted: Fitted, x: float, top: float, fam: FontFamily | None = None) -> float:
        """Draw fitted blocks from `top` down in the family they were fitted in (None: the build's); return the bottom."""
        c, y = self.c, top
        tint = mix(self._band, "#FFFFFF", 0.82)
        # The paragraphs the fit wrapped are drawn as they are (in RGB: they carry the text colour as RGB).
        ready = [] if self.look.cmyk else fitted.take_wrapped()
        for i, (block, h) in enumerate(zip(fitted.blocks, fitted.heights)):
            y -= fitted.gap(block)
            para = (
                ready[i]
                if i < len(ready)
                else make_paragraph(
                    fam or self.fam,
                    block,
                    fitted.style,
                    fitted.size,
                    fitted.lang,
                    colour=self.palette(fitted.style.colour),
                )
            )
            if block.boxed:
                c.saveState()
                if self.look.ink_saver:
                    c.setStrokeColor(self.palette(self._band))
                    c.setLineWidth(0.8)
                    c.roundRect(x, y - h, fitted.width, h, mm(1.5), stroke=1, fill=0)
                else:
                    c.setFillColor(self.palette(tint))
                    c.roundRect(x, y - h, fitted.width, h, mm(1.5), stroke=0, fill=1)
                c.restoreState()
                if i >= len(ready):
                    para.wrap(fitted.width - 2 * BOX_PAD, 1e6)
                para.drawOn(c, x + BOX_PAD, y - h + BOX_PAD)
            else:
                if i >= len(ready):
                    para.wrap(fitted.width, 1e6)
                para.drawOn(c, x, y - h)
            y -= h
        return y

    def _disc(self, cx: float, cy: float, ring: str) -> None:
        """A white disc with a ring, centred on (cx, cy): one form per ring colour (two per card otherwise)."""
        c, r = self.c, DISC / 2
        key = ("disc", ring)
        name = self._forms.get(key)
        if name is None:
            name = f"d{len(self._forms)}"
            self._forms[key] = name
            c.beginForm(name, -r - 1, -r - 1, r + 1, r + 1)  # type: ignore[arg-type]  # stub: int corner (see _form)
            c.setFillColor(self.palette("#FFFFFF"))
            c.setStrokeColor(self.palette(ring))
            c.setLineWidth(1.0)
            c.circle(0, 0, r, stroke=1, fill=1)
            c.endForm()
        c.saveState()
        c.translate(cx, cy)
        c.doForm(name)
        c.restoreState()

    # --- faces ------------------------------------------------------------

    def _draw_face(self, lay: FaceLayout) -> None:
        if lay.placed:
            draw_placed(self, lay)
            if self.look.guides:
                self._guides()
            return
        c, s, tpl, pal, tf = self.c, self.look.size, lay.template, self.palette, lay.fam  # tf: the template's font
        W, H, S, b = s.w, s.h, s.safe, s.bleed
        ink_saver = self.look.ink_saver
        self._band = lay.band_colour if tpl.band != "none" else "#555555"
        band_h = parse_length(tpl.band_height) if tpl.band != "none" else 0.0
        c.setFillColor(pal("#FFFFFF" if ink_saver else tpl.background))
        c.rect(-b, -b, W + 2 * b, H + 2 * b, stroke=0, fill=1)
        dark = mix(self._band, "#000000", 0.35)
        if band_h:
            if ink_saver:
                c.setFillColor(pal(self._band))
                c.rect(-b, H - mm(2), W + 2 * b, mm(2) + b, stroke=0, fill=1)
                draw_pattern(
                    c, lay.band_pattern, -b, H - band_h, W + 2 * b, RIBBON, pal(self._band), step=mm(1.8), weight=0.6
                )
                label_ink = INK
            else:
                c.setFillColor(pal(self._band))
                c.rect(-b, H - band_h, W + 2 * b, band_h + b, stroke=0, fill=1)
                draw_pattern(
                    c, lay.band_pattern, -b, H - band_h, W + 2 * b, RIBBON, pal(dark), step=mm(1.8), weight=0.7
                )
                label_ink = ink_on(self._band)
        else:
            label_ink = INK
        # Left badge: the family / kind / type icon on a white disc, so it reads on any colour.
        cy = H - S - DISC / 2
        self._disc(S + DISC / 2, cy, dark)
        if lay.band_icon:
            side = DISC * 0.64
            self.icons.draw(c, lay.band_icon, S + DISC / 2 - side / 2, cy - side / 2, side, INK)
        x_lab = S + DISC + mm(2)
        c.setFillColor(pal(label_ink))
        # Labels sit between the top safe line and the pattern ribbon.
        zone_top, zone_bottom = H - S, H - band_h + RIBBON + mm(0.9)
        if lay.group_label:
            c.setFont((tf or self.fam).bold, 6.0)
            c.drawString(x_lab, zone_top - 6.0 * 0.72, lay.type_label.upper(), charSpace=0.6)
            c.setFont((tf or self.fam).bold, lay.group_size)
            c.drawString(x_lab, zone_bottom + lay.group_size * 0.22, lay.group_label)
        else:
            c.setFont((tf or self.fam).bold, 9.5)
            c.drawString(x_lab, (zone_top + zone_bottom) / 2 - 9.5 * 0.33, lay.type_label)
        if lay.badge:
            bx = W - S - DISC / 2
            self._disc(bx, cy, dark)
            c.setFillColor(pal(INK))
            big = 15.0 if not lay.badge.small else 13.0
            c.setFont(self.fam.bold, big)
            dy = big * 0.35 - (mm(0.9) if lay.badge.small else 0)
            c.drawCentredString(bx, cy - dy, lay.badge.big)
            if lay.badge.small:
                # The smallest size a home printer keeps legible, its baseline high enough that the caption's
                # box (ascent to descent) stays inside the ring's inner edge (tests/test_fidelity.py measures it).
                c.setFont(self.fam.regular, BADGE_CAPTION_PT)
                c.drawCentredString(bx, cy - DISC / 2 + mm(1.9), lay.badge.small)
        # Title, a short rule in the band colour, then the body.
        if lay.title is not None:
            self._para(lay.title, S, lay.title_top, tf)
        c.setStrokeColor(pal(self._band if tpl.band != "none" else "#555555"))
        c.setLineWidth(1.4)
        c.line(S, lay.rule_y, S + mm(12), lay.rule_y)
        used = self._para(lay.body, S, lay.body_top, tf) if lay.body else lay.body_top
        # The card's picture, or its icon in a light tint, in the room the text leaves free.
        free = used - mm(2) - lay.body_bottom
        # An image always has its room (faces.py keeps IMAGE_ROOM under the text); an icon only when there is room.
        if (free >= mm(14) or (lay.image and lay.image_room)) and (lay.image or lay.band_icon):
            side = min(free, mm(30), W - 2 * S)
            y_img = lay.body_bottom + (free - side) / 2
            if lay.image:
                self.icons.draw(c, lay.image, W / 2 - side / 2, y_img, side, None)
            elif lay.band_icon:
                self.icons.draw(
                    c,
                    lay.band_icon,
                    W / 2 - side / 2,
                    y_img,
                    side,
                    mix(self._band, "#FFFFFF", 0.72 if ink_saver else 0.55),
                )
        # Footer: QR code on the right, the fiche it links to beside it, small print at the bottom left.
        if lay.qr_url:
            name, n = self.qr_form(lay.qr_url)
            c.saveState()
            c.translate(W - S - lay.qr_size, S)
            c.scale(lay.qr_size / n, lay.qr_size / n)
            c.doForm(name)
            c.restoreState()
            if lay.fiche_text:
                # The same caption on every card of a fiche (one Fitted per fiche and game): one form, drawn where
                # the card wants it. Keyed by the object, kept alive with its form so its id is never reused.
                fiche = lay.fiche_text
                held = self._captions.get((id(fiche), lay.qr_size))
                if held is None or held[0] is not fiche:
                    name = self._form(
                        ("fiche", str(len(self._captions))), lambda: self._para(fiche, S, S + lay.qr_size, tf)
                    )
                    held = self._captions[(id(fiche), lay.qr_size)] = (fiche, name)
                c.doForm(held[1])
        elif lay.fiche_text:
            # No code on this card (qr: false): its fiche's number above the small print.
            top = S + small_print_height(lay.card_ref, lay.small_size, lay.notice) + FICHE_GAP + lay.fiche_text.total
            self._para(lay.fiche_text, S, top, tf)
        c.setFillColor(pal("#333333"))
        c.setFont(self.fam.regular, lay.small_size)
        # The notice, then the card id and version (on two lines when the id is long), from the bottom up.
        # A wrapped notice's last line may hold the card reference too, right-aligned after a tab (cards/smallprint.py).
        lines = [*lay.notice.split("\n"), *(lay.card_ref.split("\n") if lay.card_ref else [])]
        for k, text in enumerate(lines):
            y = S + lay.small_size * (0.25 + 1.2 * (len(lines) - 1 - k))
            left, _, right = text.partition("\t")
            c.drawString(S, y, left)
            if right:
                c.drawRightString(W - S, y, right)
        if self.look.guides:
            self._guides()

    def _guides(self) -> None:
        c, s = self.c, self.look.size
        c.saveState()
        c.setLineWidth(0.4)
        c.setStrokeColor(self.palette("#E6007E"))
        c.rect(0, 0, s.w, s.h, stroke=1, fill=0)
        c.setStrokeColor(self.palette("#00A0E6"))
        c.setDash(2, 2)
        c.rect(s.safe, s.safe, s.w - 2 * s.safe, s.h - 2 * s.safe, stroke=1, fill=0)
        c.restoreState()

    # --- backs ------------------------------------------------------------

    def _draw_back(self, deck: Deck) -> None:
        # A shaped deck's back is clipped like its faces (the same outline, symmetric: it stays registered).
        shaped(self, deck.template, lambda: self._draw_back_face(deck))

    def _draw_back_face(self, deck: Deck) -> None:
        c, s, pal = self.c, self.look.size, self.palette
        W, H, b = s.w, s.h, s.bleed
        back = deck.back
        g = self.data.game
        if self.look.ink_saver:
            bg, motif, ink = "#FFFFFF", mix(back.colour, "#FFFFFF", 0.6), mix(back.colour, "#000000", 0.2)
        else:
            bg, motif = back.colour, mix(back.colour, "#FFFFFF", 0.16)
            ink = ink_on(back.colour)
        c.setFillColor(pal(bg))
        c.rect(-b, -b, W + 2 * b, H + 2 * b, stroke=0, fill=1)
        draw_pattern(c, back.pattern, -b, -b, W + 2 * b, H + 2 * b, pal(motif), step=mm(4), weight=0.8)
        # The centre plate keeps the title readable over the pattern.
        r = min(W, H) * 0.27
        cx, cy = W / 2, H / 2 + mm(4)
        c.setFillColor(pal("#FFFFFF"))
        c.setStrokeColor(pal(ink if self.look.ink_saver else "#FFFFFF"))
        c.setLineWidth(1.5)
        c.circle(cx, cy, r, stroke=1, fill=1)
        if back.icon:
            side = r * 1.2
            self.icons.draw(c, back.icon, cx - side / 2, cy - side / 2, side, mix(back.colour, "#000000", 0.1))
        title = tr(back.title, self.lang, g.default_language)
        size = 14.0
        while stringWidth(title, self.fam.bold, size) > W - 2 * s.safe and size > 8:
            size -= 0.5
        c.setFillColor(pal(ink))
        c.setFont(self.fam.bold, size)
        c.drawCentredString(cx, cy - r - mm(3) - size * 0.7, title)
        if back.subtitle:
            sub = tr(back.subtitle, self.lang, g.default_language)
            sub_size = 7.5
            while stringWidth(sub, self.fam.italic, sub_size) > W - 2 * s.safe and sub_size > 5.5:
                sub_size -= 0.25
            c.setFont(self.fam.italic, sub_size)
            c.drawCentredString(cx, cy - r - mm(3) - size * 0.7 - sub_size * 1.6, sub)
        c.setFont(self.fam.bold, 6.5)
        c.drawCentredString(cx, H - s.safe - 6.5, tr(g.title, self.lang, g.default_language).upper(), charSpace=0.5)
        if self.look.guides:
            self._guides()


def painter_for(ctx: BuildContext, c: Canvas, data: GameData, lang: str, look: CardLook | None = None) -> CardPainter:
    """The build's painter for this canvas, game, language and look (created once: its forms are the canvas's)."""
    look = look or CardLook()
    painter = ctx.per_canvas(c, (lang, look), lambda: CardPainter(c, data, lang, look, ctx))
    if painter.data is not data:  # the same canvas drawing another game: never mix their forms
        raise ValueError("a canvas draws the cards of one game")
    return painter


def draw_card_face(
    ctx: BuildContext,
    c: Canvas,
    data: GameData,
    deck: Deck,
    card: Card,
    lang: str,
    x: float,
    y: float,
    look: CardLook | None = None,
    scale: float = 1.0,
    bleed: bool = False,
) -> None:
    """Draw a card face with its trim's lower-left corner at (x, y), clipped to the trim (or the bleed)."""
    p = painter_for(ctx, c, data, lang, look)
    _place_card(p, p.face_form(deck, card), x, y, scale, bleed)


def draw_card_back(
    ctx: BuildContext,
    c: Canvas,
    data: GameData,
    deck: Deck,
    lang: str,
    x: float,
    y: float,
    look: CardLook | None = None,
    scale: float = 1.0,
    bleed: bool = False,
) -> None:
    """Draw a deck's card back with its trim's lower-left corner at (x, y)."""
    p = painter_for(ctx, c, data, lang, look)
    _place_card(p, p.back_form(deck), x, y, scale, bleed)


def _place_card(p: CardPainter, form: str, x: float, y: float, scale: float, bleed: bool) -> None:
    s = p.look.size
    clip = (-s.bleed, -s.bleed, s.w + s.bleed, s.h + s.bleed) if bleed else (0.0, 0.0, s.w, s.h)
    p.place(form, (scale, 0.0, 0.0, scale, x, y), clip)
