"""Fill patterns (dots, stripes, grid, waves, checks, cross): a second cue beside colour, visible in greyscale."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas


def draw_pattern(c: Canvas, kind: str, x: float, y: float, w: float, h: float, colour: Color,
                 step: float = 5.0, weight: float = 0.9) -> None:
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
        r = step * 0.18
        for j in range(ny):
            for i in range(nx):
                cx = x + i * step + (step / 2 if j % 2 else 0)
                path.circle(cx, y + j * step, r)
        c.drawPath(path, stroke=0, fill=1)
    elif kind in ("stripes", "cross"):
        n = int((w + h) // step) + 2
        for i in range(n):
            x0 = x - h + i * step
            path.moveTo(x0, y)
            path.lineTo(x0 + h, y + h)
            if kind == "cross":
                path.moveTo(x0 + h, y)
                path.lineTo(x0, y + h)
        c.drawPath(path, stroke=1, fill=0)
    elif kind == "grid":
        for i in range(nx):
            path.moveTo(x + i * step, y)
            path.lineTo(x + i * step, y + h)
        for j in range(ny):
            path.moveTo(x, y + j * step)
            path.lineTo(x + w, y + j * step)
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
        for j in range(ny):
            for i in range(nx):
                if (i + j) % 2 == 0:
                    path.rect(x + i * step, y + j * step, step, step)
        c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
