"""Drawing a face made of elements at fixed places (cards/placing.py lays them out), for cards/painter.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mallette_print.cards.faces import FaceLayout
    from mallette_print.cards.painter import CardPainter


def draw_placed(p: CardPainter, lay: FaceLayout) -> None:
    """Background, then each element in its box in the template's order, then the small print at the bottom."""
    c, s, pal = p.c, p.look.size, p.palette
    W, H, b = s.w, s.h, s.bleed
    band = lay.band_colour
    c.setFillColor(pal("#FFFFFF" if p.look.ink_saver else lay.template.background))
    c.rect(-b, -b, W + 2 * b, H + 2 * b, stroke=0, fill=1)
    p._band = band
    for el in lay.placed:
        if el.kind == "band":
            c.setFillColor(pal(el.colour or band))
            # A band touching an edge of the card runs into the bleed, so that a cut a little off leaves no white.
            x0 = -b if el.x <= 1e-6 else el.x
            y0 = -b if el.y <= 1e-6 else el.y
            x1 = W + b if el.x + el.w >= W - 1e-6 else el.x + el.w
            y1 = H + b if el.y + el.h >= H - 1e-6 else el.y + el.h
            c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        elif el.kind in ("image", "icon") and el.path:
            c.saveState()
            path = c.beginPath()
            path.rect(el.x, el.y, el.w, el.h)
            c.clipPath(path, stroke=0, fill=0)
            # contain: the whole picture in the box; cover: the box filled, what overflows it cut off.
            side = max(el.w, el.h) if el.fit == "cover" else min(el.w, el.h)
            colour = el.colour if el.kind == "icon" else None
            p.icons.draw(c, el.path, el.x + (el.w - side) / 2, el.y + (el.h - side) / 2, side, colour)
            c.restoreState()
        elif el.kind == "qr" and el.url:
            name, n = p.qr_form(el.url)
            side = min(el.w, el.h)
            c.saveState()
            c.translate(el.x + (el.w - side) / 2, el.y + (el.h - side) / 2)
            c.scale(side / n, side / n)
            c.doForm(name)
            c.restoreState()
        elif el.kind == "badge" and el.fitted is not None:
            r = min(el.w, el.h) / 2
            cx, cy = el.x + el.w / 2, el.y + el.h / 2
            c.setFillColor(pal("#FFFFFF"))
            c.setStrokeColor(pal(el.colour or band))
            c.setLineWidth(1.2)
            c.circle(cx, cy, r, stroke=1, fill=1)
            p._para(el.fitted, el.x, cy + el.fitted.total / 2)
        elif el.kind == "text" and el.fitted is not None:
            p._para(el.fitted, el.x, el.y + el.h)
    c.setFillColor(pal("#333333"))
    c.setFont(p.fam.regular, lay.small_size)
    S = s.safe
    c.drawString(S, S + lay.small_size * 1.45, lay.notice)
    c.drawString(S, S + lay.small_size * 0.25, lay.card_ref)
