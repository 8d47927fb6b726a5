"""Fill patterns (dots, stripes, grid, waves, checks, cross): a second cue beside colour, visible in greyscale.

Patterns exist so that families, zones and tracks stay distinguishable in
greyscale and for colour-blind readers; colour is never the only cue.

Two looks share the motif geometry here:
- `draw_pattern`, the cards' and the rulebook cover's: a motif every `step`, clipped to the box;
- `map_pattern`, the board's: finer marks anchored at the box's corner, sized by the board's scale, drawn
  inside the caller's clip, leaving out the marks that cannot show (the map's zones are large).
Their stripes, waves and cross differ (the board's cross is a field of plus signs, the cards' a diagonal
cross-hatching; the board's waves are sine polylines, the cards' Bézier curves): making them one look would
change the printed board or cards, a design decision left open. `hatch` is the cards' stripes alone, clipped
to a box (the board's danger spaces).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from mallette_print.core.units import mm

Shows = Callable[[float, float, float, float], bool]  # does a mark within (x0, y0, x1, y1) show?


def _always(x0: float, y0: float, x1: float, y1: float) -> bool:
    return True


# --- motif geometry (one path each; the counts are the callers', as each look rounds them its own way) -----


def _dots(
    p: PDFPathObject, x: float, y: float, step: float, r: float, nx: int, ny: int, shows: Shows = _always
) -> None:
    """Dots of radius r every step, odd rows shifted by half a step."""
    for j in range(ny):
        off = step / 2 if j % 2 else 0
        for i in range(nx):
            cx, cy = x + i * step + off, y + j * step
            if shows(cx - r, cy - r, cx + r, cy + r):
                p.circle(cx, cy, r)


def _checks(p: PDFPathObject, x: float, y: float, s: float, nx: int, ny: int, shows: Shows = _always) -> None:
    """A checkerboard of s×s squares, the one at the corner filled."""
    for j in range(ny):
        for i in range(nx):
            if (i + j) % 2 == 0 and shows(x + i * s, y + j * s, x + (i + 1) * s, y + (j + 1) * s):
                p.rect(x + i * s, y + j * s, s, s)


def _grid(
    p: PDFPathObject,
    x: float,
    y: float,
    w: float,
    h: float,
    step: float,
    nx: int,
    ny: int,
    pen: float = 0.0,
    shows: Shows = _always,
) -> None:
    """Vertical then horizontal lines every step across the box (pen: the line width, for `shows`)."""
    for i in range(nx):
        if shows(x + i * step - pen, y, x + i * step + pen, y + h):
            p.moveTo(x + i * step, y)
            p.lineTo(x + i * step, y + h)
    for j in range(ny):
        if shows(x, y + j * step - pen, x + w, y + j * step + pen):
            p.moveTo(x, y + j * step)
            p.lineTo(x + w, y + j * step)


def _diagonals(p: PDFPathObject, x: float, y: float, h: float, step: float, n: int, both: bool = False) -> None:
    """n lines rising at 45° every step from x - h along the bottom edge (and the falling ones too if both)."""
    for i in range(n):
        x0 = x - h + i * step
        p.moveTo(x0, y)
        p.lineTo(x0 + h, y + h)
        if both:
            p.moveTo(x0 + h, y)
            p.lineTo(x0, y + h)


# --- the cards' look --------------------------------------------------------------------------------------


def draw_pattern(
    c: Canvas, kind: str, x: float, y: float, w: float, h: float, colour: Color, step: float = 5.0, weight: float = 0.9
) -> None:
    """Fill the rectangle with a pattern in one colour, clipped to the rectangle."""
    if kind == "none":
        return
    c.saveState()
    p = c.beginPath()
    p.rect(x, y, w, h)
    c.clipPath(p, stroke=0, fill=0)
    c.setFillColor(colour)
    c.setStrokeColor(colour)
    c.setLineWidth(weight)
    path = c.beginPath()
    nx, ny = int(w // step) + 2, int(h // step) + 2
    if kind == "dots":
        _dots(path, x, y, step, step * 0.18, nx, ny)
        c.drawPath(path, stroke=0, fill=1)
    elif kind in ("stripes", "cross"):
        _diagonals(path, x, y, h, step, int((w + h) // step) + 2, both=kind == "cross")
        c.drawPath(path, stroke=1, fill=0)
    elif kind == "grid":
        _grid(path, x, y, w, h, step, nx, ny)
        c.drawPath(path, stroke=1, fill=0)
    elif kind == "waves":
        amp = step * 0.25
        for j in range(ny):
            yy = y + j * step
            path.moveTo(x - step, yy)
            for i in range(nx + 1):
                x0 = x - step + i * step
                path.curveTo(x0 + step / 3, yy + amp, x0 + 2 * step / 3, yy - amp, x0 + step, yy)
        c.drawPath(path, stroke=1, fill=0)
    elif kind == "checks":
        _checks(path, x, y, step, nx, ny)
        c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def hatch(c: Canvas, x: float, y: float, w: float, h: float, colour: Color, step: float, width: float) -> None:
    """Diagonal hatching over a box (danger spaces); clipped to the box."""
    c.saveState()
    clip = c.beginPath()
    clip.rect(x, y, w, h)
    c.clipPath(clip, stroke=0, fill=0)
    c.setStrokeColor(colour)
    c.setLineWidth(width)
    p = c.beginPath()
    _diagonals(p, x, y, h, step, int((w + h) / step) + 2)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


# --- the board's look -------------------------------------------------------------------------------------


def map_pattern(
    c: Canvas,
    kind: str,
    x: float,
    y: float,
    w: float,
    h: float,
    ink: Color,
    scale: float,
    window: tuple[float, float, float, float] | None = None,
) -> None:
    """Fill the box with the board's pattern in the colour (call inside a clip).

    window (x0, y0, x1, y1): the part that shows through the clip; marks wholly outside it are left out (the
    pattern stays anchored at the box's corner, so what shows is the same, with far fewer path operations).
    """
    step = mm(4.5) * scale
    wx0, wy0, wx1, wy1 = window or (x - step, y - step, x + w + 2 * step, y + h + 2 * step)

    def shows(x0: float, y0: float, x1: float, y1: float) -> bool:
        return x1 >= wx0 and x0 <= wx1 and y1 >= wy0 and y0 <= wy1

    c.saveState()
    c.setStrokeColor(ink)
    c.setFillColor(ink)
    lw = 0.9 * scale
    c.setLineWidth(lw)
    p = c.beginPath()
    if kind == "dots":
        _dots(p, x, y, step, 0.75 * scale * 1.4, int(w / step) + 2, int(h / step) + 2, shows)
        c.drawPath(p, stroke=0, fill=1)
    elif kind == "stripes":
        for i in range(-int(h / step) - 1, int(w / step) + 2):
            # The stripe x - y = d crosses the window only if d lies between its corners' x - y (plus the pen).
            d = x + i * step - y
            if wx0 - wy1 - lw <= d <= wx1 - wy0 + lw:
                p.moveTo(x + i * step, y)
                p.lineTo(x + i * step + h, y + h)
        c.drawPath(p, stroke=1, fill=0)
    elif kind == "grid":
        lw = 0.6 * scale
        _grid(p, x, y, w, h, step, int(w / step) + 2, int(h / step) + 2, lw, shows)
        c.setLineWidth(lw)
        c.drawPath(p, stroke=1, fill=0)
    elif kind == "checks":
        s = step * 0.8
        _checks(p, x, y, s, int(w / s) + 2, int(h / s) + 2, shows)
        c.drawPath(p, stroke=0, fill=1)
    elif kind == "waves":
        amp, period = step * 0.25, step * 1.6
        for j in range(int(h / step) + 2):
            y0 = y + j * step
            if not shows(x, y0 - amp - lw, x + w + period, y0 + amp + lw):
                continue
            p.moveTo(x, y0)
            for k in range(1, int(w / (period / 8)) + 2):
                xx = x + k * period / 8
                p.lineTo(xx, y0 + amp * math.sin(2 * math.pi * k / 8))
        c.drawPath(p, stroke=1, fill=0)
    elif kind == "cross":
        arm = step * 0.22
        for j in range(int(h / step) + 2):
            for i in range(int(w / step) + 2):
                cx, cy = x + i * step + (step / 2 if j % 2 else 0), y + j * step
                if not shows(cx - arm - lw, cy - arm - lw, cx + arm + lw, cy + arm + lw):
                    continue
                p.moveTo(cx - arm, cy)
                p.lineTo(cx + arm, cy)
                p.moveTo(cx, cy - arm)
                p.lineTo(cx, cy + arm)
        c.drawPath(p, stroke=1, fill=0)
    c.restoreState()
