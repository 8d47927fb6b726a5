"""Cut outlines of shaped cards (a template's `shape:`): rectangle, rounded, circle, hexagon.

All in card coordinates (points, from the trim's lower left corner), for a w×h trim:
- rounded: the trim with corners of radius `radius`;
- circle: the ellipse inscribed in the trim (a circle on a square card);
- hexagon: pointy-top, its corners at the middle of the top and bottom edges and at a quarter and three quarters
  of the height on the sides (a regular hexagon when w = 0.866 h, e.g. 52 × 60 mm).
`offset` grows the outline outwards (the bleed: > 0) or shrinks it inwards (the safe area: < 0).
"""

from __future__ import annotations

import math

from reportlab.pdfgen.canvas import Canvas

SHAPED = ("rounded", "circle", "hexagon")


def chord(shape: str, w: float, h: float, y: float) -> float:
    """The outline's width at height y from the bottom of the trim (circle and hexagon; the trim's width else)."""
    if shape == "circle":
        a, b = w / 2, h / 2
        t = 1 - ((y - b) / b) ** 2
        return 2 * a * math.sqrt(t) if t > 0 else 0.0
    if shape == "hexagon":
        return w * min(1.0, y / (h / 4), (h - y) / (h / 4)) if 0 < y < h else 0.0
    return w


def small_print_base(shape: str, w: float, h: float, safe: float, width: float) -> float:
    """Where the small print (notice, card id: `width` wide, centred) starts from the bottom: at the safe margin,
    or on a circle or hexagon as low as the outline is `width` and two safe margins wide."""
    if shape not in ("circle", "hexagon"):
        return safe
    y = safe
    while y < h / 2 and chord(shape, w, h, y) < width + 2 * safe:
        y += 0.25 * 72 / 25.4
    return y


def hexagon(w: float, h: float, offset: float = 0.0) -> list[tuple[float, float]]:
    """The hexagon's corners, counter-clockwise, each edge moved `offset` outwards."""
    pts = [(w / 2, 0.0), (w, h / 4), (w, 3 * h / 4), (w / 2, h), (0.0, 3 * h / 4), (0.0, h / 4)]
    if not offset:
        return pts
    lines = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        dx, dy = x1 - x0, y1 - y0
        n = math.hypot(dx, dy)
        nx, ny = dy / n, -dx / n  # outward normal of a counter-clockwise polygon
        lines.append(((x0 + nx * offset, y0 + ny * offset), (dx, dy)))
    out = []
    for (p0, d0), (p1, d1) in zip(lines[-1:] + lines[:-1], lines):
        den = d0[0] * d1[1] - d0[1] * d1[0]
        t = ((p1[0] - p0[0]) * d1[1] - (p1[1] - p0[1]) * d1[0]) / den
        out.append((p0[0] + t * d0[0], p0[1] + t * d0[1]))
    return out


def outline_path(c: Canvas, shape: str, w: float, h: float, radius: float, offset: float = 0.0) -> object:
    """A path of the outline (grown by `offset`), to clip to or to stroke."""
    p = c.beginPath()
    if shape == "circle":
        p.ellipse(-offset, -offset, w + 2 * offset, h + 2 * offset)
    elif shape == "hexagon":
        pts = hexagon(w, h, offset)
        p.moveTo(*pts[0])
        for pt in pts[1:]:
            p.lineTo(*pt)
        p.close()
    elif shape == "rounded":
        p.roundRect(-offset, -offset, w + 2 * offset, h + 2 * offset, max(0.0, radius + offset))
    else:
        p.rect(-offset, -offset, w + 2 * offset, h + 2 * offset)
    return p


def clip_to(c: Canvas, shape: str, w: float, h: float, radius: float, offset: float) -> None:
    """Clip what follows to the outline grown by `offset` (inside a saveState the caller restores)."""
    c.clipPath(outline_path(c, shape, w, h, radius, offset), stroke=0, fill=0)  # type: ignore[arg-type]


def inside(shape: str, w: float, h: float, radius: float, inset: float, x: float, y: float) -> bool:
    """Whether a point lies inside the outline shrunk by `inset` (the safe area)."""
    eps = 1e-6
    if shape == "circle":
        a, b = w / 2 - inset, h / 2 - inset
        return a > 0 and b > 0 and ((x - w / 2) / a) ** 2 + ((y - h / 2) / b) ** 2 <= 1 + eps
    if shape == "hexagon":
        pts = hexagon(w, h, -inset)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
            if (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) < -eps:
                return False
        return True
    if not (inset - eps <= x <= w - inset + eps and inset - eps <= y <= h - inset + eps):
        return False
    if shape == "rounded":
        r = max(0.0, radius - inset)
        cx = min(max(x, inset + r), w - inset - r)
        cy = min(max(y, inset + r), h - inset - r)
        return math.hypot(x - cx, y - cy) <= r + eps
    return True


def box_inside(shape: str, w: float, h: float, radius: float, inset: float, box: tuple[float, ...]) -> bool:
    """Whether a box (x, y, bw, bh, from the lower left) lies inside the safe area (the shapes are convex)."""
    x, y, bw, bh = box
    return all(inside(shape, w, h, radius, inset, px, py) for px in (x, x + bw) for py in (y, y + bh))
