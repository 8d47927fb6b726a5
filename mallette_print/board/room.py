"""Room for cards on the map: where each zone's label plate sits, and a place in each zone that holds a card at
its true size without covering the zone's name or a zone drawn on top (the centre): the open challenges and
the laid cooperations of a zone go in it (tests/test_board_room.py checks every board size).
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from mallette_print.board.layout import BoardLayout, ZoneShape
from mallette_print.board.tiling import Box
from mallette_print.core.typography import typeset
from mallette_print.core.units import mm
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.markup import paragraph

# Search step and the spacing of the points checked along a card's edges, in millimetres at the board's scale.
STEP_MM = 1.0
EDGE_MM = 4.0
# The card place keeps this far from the zone's border and from its label (millimetres at the board's scale).
CLEAR_MM = 0.5


def label_plate(fam: FontFamily, lay: BoardLayout, z: ZoneShape, text: str) -> tuple[Box, Box, float]:
    """The box of a zone's label plate (name, icon and description), of its name row, and the description's
    height."""
    k, f = lay.scale, lay.fonts
    pad = mm(2.2) * k
    icon_size = mm(9) * k
    chip = mm(3.2) * k
    # Wide enough for the zone's name in any language (English names run longer).
    name_w = stringWidth(z.label, fam.bold, f["zone"])
    width = max(mm(58) * k, name_w + icon_size + chip + 2 * pad + mm(2.5) * k)
    para = paragraph(text, fam.regular, f["zone_text"]) if text else None
    _, ph = para.wrap(width - 2 * pad, 10_000) if para else (0, 0)
    head = max(icon_size, f["zone"] * 1.3)
    h = pad * 2 + head + (ph + pad * 0.6 if para else 0)
    plate = Box(z.label_at[0] - width / 2, z.label_at[1] - h / 2, width, h)
    name_h = pad * 1.5 + head
    return plate, Box(plate.x, plate.y + h - name_h, width, name_h), ph


def _in_shape(z: ZoneShape, x: float, y: float) -> bool:
    if z.shape == "polygon":
        inside = False
        pts = z.points
        j = len(pts) - 1
        for i in range(len(pts)):
            (xi, yi), (xj, yj) = pts[i], pts[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        return inside
    if z.box is None:
        return False
    b = z.box
    if z.shape == "ellipse":
        cx, cy, rx, ry = b.x + b.w / 2, b.y + b.h / 2, b.w / 2, b.h / 2
        return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
    return b.x <= x <= b.x + b.w and b.y <= y <= b.y + b.h


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def _grow(b: Box, d: float) -> Box:
    return Box(b.x - d, b.y - d, b.w + 2 * d, b.h + 2 * d)


def _edge_points(r: Box, step: float) -> list[tuple[float, float]]:
    nx, ny = max(2, int(r.w / step) + 1), max(2, int(r.h / step) + 1)
    xs = [r.x + r.w * i / (nx - 1) for i in range(nx)]
    ys = [r.y + r.h * i / (ny - 1) for i in range(ny)]
    return [(x, r.y) for x in xs] + [(x, r.y + r.h) for x in xs] + [(r.x, y) for y in ys] + [(r.x + r.w, y) for y in ys]


def _fits(lay: BoardLayout, i: int, r: Box, plates: list[Box], edge: float) -> bool:
    z = lay.zones[i]
    above = lay.zones[i + 1 :]  # zones drawn later cover this one
    if any(_overlap(r, p) for p in plates):
        return False
    for x, y in _edge_points(r, edge):
        if not _in_shape(z, x, y) or any(_in_shape(a, x, y) for a in above):
            return False
    # A corner of this zone, or of a zone drawn on top, poking into the card between the checked points.
    corners = [p for a in (z, *above) for p in a.points]
    corners += [(a.box.x + a.box.w / 2, a.box.y + a.box.h / 2) for a in above if a.box is not None]
    return not any(r.x < x < r.x + r.w and r.y < y < r.y + r.h for x, y in corners)


def card_places(lay: BoardLayout, fam: FontFamily, card_w: float, card_h: float) -> dict[str, Box | None]:
    """For each zone, a place (in points) holding a card of card_w × card_h points, upright or turned, clear of
    every label plate and of the zones drawn on top; None where the zone has no such room."""
    k = lay.scale
    clear = mm(CLEAR_MM) * k
    # A card may cover a zone's description, never its name.
    plates = [_grow(label_plate(fam, lay, z, typeset(z.description, lay.lang))[1], clear) for z in lay.zones]
    step, edge = mm(STEP_MM) * k, mm(EDGE_MM) * k
    out: dict[str, Box | None] = {}
    for i, z in enumerate(lay.zones):
        out[z.id] = None
        xs = [p[0] for p in z.points] if z.points else [z.box.x, z.box.x + z.box.w] if z.box else []
        ys = [p[1] for p in z.points] if z.points else [z.box.y, z.box.y + z.box.h] if z.box else []
        if not xs:
            continue
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        tries: list[tuple[float, Box]] = []
        for w, h in ((card_w, card_h), (card_h, card_w)):
            w2, h2 = w + 2 * clear, h + 2 * clear
            nx, ny = int((max(xs) - min(xs) - w2) / step) + 1, int((max(ys) - min(ys) - h2) / step) + 1
            for a in range(max(0, nx)):
                for b in range(max(0, ny)):
                    r = Box(min(xs) + a * step, min(ys) + b * step, w2, h2)
                    tries.append(((r.x + w2 / 2 - cx) ** 2 + (r.y + h2 / 2 - cy) ** 2, r))
        # Nearest the zone's middle first: the place a player looks for.
        for _, r in sorted(tries, key=lambda t: t[0]):
            if _fits(lay, i, r, plates, edge):
                out[z.id] = Box(r.x + clear, r.y + clear, r.w - 2 * clear, r.h - 2 * clear)
                break
    return out
