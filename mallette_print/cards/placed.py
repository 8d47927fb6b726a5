"""Drawing a face made of elements at fixed places (cards/placing.py lays them out), for cards/painter.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mallette_print.core.model import Template
from mallette_print.core.units import parse_length
from mallette_print.draw.patterns import draw_pattern
from mallette_print.draw.shapes import SHAPED, clip_to

if TYPE_CHECKING:
    from mallette_print.cards.faces import FaceLayout
    from mallette_print.cards.painter import CardPainter
    from mallette_print.cards.placing import Placed


def draw_placed(p: CardPainter, lay: FaceLayout) -> None:
    """Background, then each element in its box in the template's order, then the small print at the bottom."""
    c, s, pal = p.c, p.look.size, p.palette
    W, H, b = s.w, s.h, s.bleed
    band = lay.band_colour
    shape = lay.template.shape  # the painter clips the face to it (`shaped`)
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
        elif el.kind == "pattern":
            # Clipped to its box, and with everything else to the card's outline and bleed.
            x0, y0, x1, y1 = el.x, el.y, el.x + el.w, el.y + el.h
            x0, y0 = (-b if x0 <= 1e-6 else x0), (-b if y0 <= 1e-6 else y0)
            x1, y1 = (W + b if x1 >= W - 1e-6 else x1), (H + b if y1 >= H - 1e-6 else y1)
            weight = max(0.4, el.spacing * 0.12)
            draw_pattern(c, el.pattern, x0, y0, x1 - x0, y1 - y0, pal(el.colour or band), el.spacing, weight)
        elif el.kind in ("image", "icon") and el.path:
            c.saveState()
            path = c.beginPath()
            path.rect(el.x, el.y, el.w, el.h)
            c.clipPath(path, stroke=0, fill=0)
            # contain: the whole picture in the box; cover: the box filled, what overflows it cut off. The picture
            # keeps its own proportions: drawn in a square of its longer side, centred on the box.
            ratio = p.icons.aspect(el.path)
            fit = max if el.fit == "cover" else min
            scale = fit(el.w / ratio, el.h)  # the picture's height once fitted (its width is ratio times that)
            side = max(scale * ratio, scale)
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
            _text(p, el, el.x, cy + el.fitted.total / 2)
        elif el.kind == "text" and el.fitted is not None:
            _text(p, el, el.x, el.y + el.h)
    c.setFillColor(pal("#333333"))
    c.setFont(p.fam.regular, lay.small_size)
    S = s.safe
    # The notice (a remix's may take more than one line, at a smaller size), then the card reference under it.
    lines = [*lay.notice.split("\n"), lay.card_ref]
    if shape in ("circle", "hexagon"):
        # Centred, higher up: the outline's bottom is too narrow at the safe margin.
        for k, line in enumerate(reversed(lines)):
            c.drawCentredString(W / 2, lay.small_base + lay.small_size * (0.25 + 1.2 * k), line)
    else:
        for k, line in enumerate(reversed(lines)):
            c.drawString(S, S + lay.small_size * (0.25 + 1.2 * k), line)


def _text(p: CardPainter, el: Placed, x: float, top: float) -> None:
    """A fitted text, in its element's own font family when it has one (the family it was measured in)."""
    assert el.fitted is not None
    p._para(el.fitted, x, top, el.fam)


def shape_of(p: CardPainter, template: Template | str | None) -> tuple[str, float]:
    """The cut outline of a template (or of the template of that name) at the build's card size, and its corner
    radius in points."""
    tpl = p.data.templates.get(template or "") if not isinstance(template, Template) else template
    if tpl is None:
        return "rectangle", 0.0
    s = p.look.size
    tpl = tpl.at(s.name, s.w, s.h)
    return tpl.shape, parse_length(tpl.corner_radius)


def shaped(p: CardPainter, template: Template | str | None, draw: Callable[[], None]) -> None:
    """Draw clipped to a shaped template's outline grown by the bleed, so that a cut a little off the line leaves
    no white (as it is, for a rectangle)."""
    shape, radius = shape_of(p, template)
    if shape not in SHAPED:
        draw()
        return
    s = p.look.size
    p.c.saveState()
    clip_to(p.c, shape, s.w, s.h, radius, s.bleed)
    draw()
    p.c.restoreState()
