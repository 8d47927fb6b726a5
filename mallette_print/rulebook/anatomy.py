"""The card anatomy figure: one real card of each deck type, drawn by the card renderer, with callouts.

The card is the one `cards.pdf` prints (cards.painter.draw_card_face), scaled
down; callout positions come from the same fitted layout (render.faces), so a
template change moves the callouts with it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from mallette_print.cards.faces import FaceLayout
from mallette_print.cards.layouts import deck_layouts
from mallette_print.cards.painter import CardLook, draw_card_face
from mallette_print.core.cardsize import CardSize
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.units import mm
from mallette_print.draw.fonts import register_family
from mallette_print.draw.markup import escape
from mallette_print.pipeline.context import BuildContext
from mallette_print.rulebook.words import word


def callouts(data: GameData, deck: Deck, lay: FaceLayout, size: CardSize, lang: str) -> list[tuple[float, float, str]]:
    """(x, y) anchors on the card (points, card coordinates) and their labels, top to bottom."""
    from mallette_print.core.units import parse_length

    tpl = data.templates[deck.template].at(size.name, size.w, size.h)
    d = data.game.default_language
    W, H, S = size.w, size.h, size.safe
    band_h = parse_length(tpl.band_height) if tpl.band != "none" else S
    band = {"family": "a_band_family", "kind": "a_band_kind"}.get(tpl.band, "a_band_type")
    fields = ", ".join(word(f"f_{f}", lang, d) for f in tpl.show if f"f_{f}" in _FIELD_KEYS)
    out = [
        (W * 0.72, H - band_h / 2, word(band, lang, d)),
        (W * 0.3, (lay.title_top + lay.rule_y) / 2, word("a_title", lang, d)),
        # The middle of the body text as set (a short body leaves the lower part of its box empty).
        (W * 0.5, lay.body_top - (lay.body.total if lay.body else 0) / 2, word("a_body", lang, d, fields=fields)),
    ]
    if lay.qr_url:
        out.append((W - S - lay.qr_size / 2, S + lay.qr_size / 2, word("a_fiche", lang, d)))
    out.append((S + mm(4), S + lay.small_size * 0.8, word("a_notice", lang, d)))
    return out


_FIELD_KEYS = {
    f"f_{k}"
    for k in (
        "description",
        "resources",
        "ability",
        "zone",
        "zones",
        "value",
        "fragile",
        "families",
        "effects",
        "example",
        "issue",
        "solved_by",
        "reward",
        "deadline",
        "question",
        "effect",
        "tracks",
        "fragility",
        "definition",
    )
}


class CardAnatomy(Flowable):
    """A real card at `scale` with its callouts in a column on its right."""

    def __init__(
        self,
        ctx: BuildContext,
        data: GameData,
        deck: Deck,
        card: Card,
        lang: str,
        size: CardSize,
        scale: float,
        width: float,
        style: ParagraphStyle,
    ) -> None:
        super().__init__()
        fam = register_family()
        self.ctx = ctx
        got = deck_layouts(ctx, data, deck, lang, size, fam)
        if isinstance(got, list):
            raise ValueError(f"card '{card.id}' does not fit its template")
        lay = got[card.id]
        self.data, self.deck, self.card, self.lang, self.size, self.scale = data, deck, card, lang, size, scale
        self.points = callouts(data, deck, lay, size, lang)
        self.width, self.height = width, size.h * scale
        self.style = style
        self.gap = mm(6)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c: Any = self.canv
        s, size = self.scale, self.size
        cw = size.w * s
        # At the build's card size: the callouts come from the layout at that size.
        draw_card_face(self.ctx, c, self.data, self.deck, self.card, self.lang, 0, 0, CardLook(size=size), scale=s)
        c.saveState()
        c.setStrokeColor(colors.HexColor("#9AA5AD"))
        c.setLineWidth(0.4)
        c.roundRect(0, 0, cw, size.h * s, mm(3) * s, stroke=1, fill=0)  # the trim line, so white cards show
        label_x = cw + self.gap
        label_w = self.width - label_x
        paras = [Paragraph(escape(text, quotes=False), self.style) for _, _, text in self.points]
        heights = [p.wrap(label_w, self.height)[1] for p in paras]
        # Labels at their anchors' heights, pushed down so they never overlap.
        ys: list[float] = []
        floor = self.height
        for (_, y, _), h in zip(self.points, heights):
            top = min(y * s + h / 2, floor)
            ys.append(top)
            floor = top - h - 2
        shift = max(0.0, -(ys[-1] - heights[-1])) if ys else 0.0
        for (_, y, _), p, h, top in zip(self.points, paras, heights, ys):
            top += shift
            # Leaders start at the card's edge, level with the part they name, so they never cross its text.
            ay = y * s
            ly = top - min(h, self.style.leading) / 2 - 1
            elbow = cw + self.gap * 0.45
            c.setStrokeColor(colors.HexColor("#1A1A1A"))
            c.setFillColor(colors.HexColor("#1A1A1A"))
            c.setLineWidth(0.6)
            c.line(cw - 2.5, ay, elbow, ay)
            c.line(elbow, ay, label_x - 2, ly)
            c.circle(cw - 2.5, ay, 1.3, stroke=0, fill=1)
            p.drawOn(c, label_x, top - h)
        c.restoreState()


def sample_cards(data: GameData) -> list[tuple[Deck, Card]]:
    """The first card of the first deck of each type, in deck order (of the flowing layout: the callouts point at
    its band, title and body; a card of placed elements has none of those where the callouts would point)."""
    seen: set[str] = set()
    out: list[tuple[Deck, Card]] = []
    for d in data.decks:
        flowing = [c for c in d.cards if not data.templates[c.template or d.template].elements]
        if d.type not in seen and flowing:
            seen.add(d.type)
            out.append((d, flowing[0]))
    return out
