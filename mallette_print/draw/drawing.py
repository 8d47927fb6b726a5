"""Small drawing helpers shared by the board pages: colours, patterns, icons, QR codes, wrapped text.

Patterns exist so that zones and tracks stay distinguishable in greyscale and
for colour-blind readers; colour is never the only cue.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from mallette_print.draw.qr import QUIET_MODULES, qr_code
from mallette_print.draw.textfit import Alignment
from mallette_print.core.units import mm

INK = "#1A1A1A"


def colour(hex_: str) -> Color:
    """A reportlab colour from '#RRGGBB'."""
    return HexColor(hex_)


def tint(hex_: str, amount: float) -> Color:
    """The colour mixed with white: amount 0 = white, 1 = the colour."""
    c = HexColor(hex_)
    return Color(1 - (1 - c.red) * amount, 1 - (1 - c.green) * amount, 1 - (1 - c.blue) * amount)


def shade(hex_: str, amount: float) -> Color:
    """The colour mixed with black: amount 0 = the colour, 1 = black."""
    c = HexColor(hex_)
    return Color(c.red * (1 - amount), c.green * (1 - amount), c.blue * (1 - amount))


def fr_spacing(text: str, lang: str) -> str:
    """French typography: non-breaking spaces before : ; ! ? and inside « » (never U+202F)."""
    if not lang.startswith("fr"):
        return text
    for mark in (":", ";", "!", "?", "»"):
        text = text.replace(f" {mark}", f"\u00a0{mark}")
    return text.replace("« ", "«\u00a0")


def escape(text: str) -> str:
    """Text safe inside a reportlab Paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraph(text: str, font: str, size: float, colour_: str = INK, align: Alignment = 0,
              leading: float = 1.2) -> Paragraph:
    """A wrapped paragraph in one font and size."""
    style = ParagraphStyle("p", fontName=font, fontSize=size, leading=size * leading, textColor=colour(colour_),
                           alignment=align)
    return Paragraph(escape(text), style)


def pattern(c: Canvas, kind: str, x: float, y: float, w: float, h: float, ink: Color | str, scale: float,
            window: tuple[float, float, float, float] | None = None) -> None:
    """Fill the box with a pattern in the colour (call inside a clip).

    window (x0, y0, x1, y1): the part that shows through the clip; marks wholly outside it are left out (the
    pattern stays anchored at the box's corner, so what shows is the same, with far fewer path operations).
    """
    step = mm(4.5) * scale
    wx0, wy0, wx1, wy1 = window or (x - step, y - step, x + w + 2 * step, y + h + 2 * step)

    def shows(x0: float, y0: float, x1: float, y1: float) -> bool:
        return x1 >= wx0 and x0 <= wx1 and y1 >= wy0 and y0 <= wy1

    c.saveState()
    c.setStrokeColor(ink if isinstance(ink, Color) else colour(ink))
    c.setFillColor(ink if isinstance(ink, Color) else colour(ink))
    lw = 0.9 * scale
    c.setLineWidth(lw)
    p = c.beginPath()
    if kind == "dots":
        r = 0.75 * scale * 1.4
        for j in range(int(h / step) + 2):
            off = step / 2 if j % 2 else 0
            for i in range(int(w / step) + 2):
                cx, cy = x + i * step + off, y + j * step
                if shows(cx - r, cy - r, cx + r, cy + r):
                    p.circle(cx, cy, r)
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
        for i in range(int(w / step) + 2):
            if shows(x + i * step - lw, y, x + i * step + lw, y + h):
                p.moveTo(x + i * step, y)
                p.lineTo(x + i * step, y + h)
        for j in range(int(h / step) + 2):
            if shows(x, y + j * step - lw, x + w, y + j * step + lw):
                p.moveTo(x, y + j * step)
                p.lineTo(x + w, y + j * step)
        c.setLineWidth(lw)
        c.drawPath(p, stroke=1, fill=0)
    elif kind == "checks":
        s = step * 0.8
        for j in range(int(h / s) + 2):
            for i in range(int(w / s) + 2):
                if (i + j) % 2 == 0 and shows(x + i * s, y + j * s, x + (i + 1) * s, y + (j + 1) * s):
                    p.rect(x + i * s, y + j * s, s, s)
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


def hatch(c: Canvas, x: float, y: float, w: float, h: float, hex_: Color, step: float, width: float) -> None:
    """Diagonal hatching over a box (danger spaces); clipped to the box."""
    c.saveState()
    clip = c.beginPath()
    clip.rect(x, y, w, h)
    c.clipPath(clip, stroke=0, fill=0)
    c.setStrokeColor(hex_)
    c.setLineWidth(width)
    p = c.beginPath()
    n = int((w + h) / step) + 2
    for i in range(n):
        p.moveTo(x - h + i * step, y)
        p.lineTo(x + i * step, y + h)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


@lru_cache(maxsize=128)
def _svg(path: str, mtime: float, ink: str | None) -> Any:
    """The SVG as a reportlab Drawing, converted once per file (and per recolouring)."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(path)
    if drawing is not None and ink is not None:
        _recolour(drawing, colour(ink))
    return drawing


def _recolour(node: Any, ink: Color) -> None:
    # Icons are single-colour: every painted fill and stroke takes the new ink.
    for attr in ("fillColor", "strokeColor"):
        if getattr(node, attr, None) is not None:
            setattr(node, attr, ink)
    for child in getattr(node, "contents", []) or []:
        _recolour(child, ink)


def icon(c: Canvas, path: str | None, x: float, y: float, size: float, ink: str | None = None) -> None:
    """Draw an SVG icon scaled into a size×size box at (x, y), optionally in another ink ('#RRGGBB')."""
    if not path:
        return
    from reportlab.graphics import renderPDF

    p = Path(path)
    drawing = _svg(str(p), p.stat().st_mtime, ink)
    if drawing is None or not drawing.width or not drawing.height:
        return
    k = size / max(drawing.width, drawing.height)
    c.saveState()
    c.translate(x, y)
    c.scale(k, k)
    renderPDF.draw(drawing, c, 0, 0)
    c.restoreState()


def qr(c: Canvas, url: str, x: float, y: float, size: float) -> None:
    """A vector QR code (quiet zone included) filling a size×size box, dark modules as one path."""
    code = qr_code(url)
    m = size / code.total_modules
    q = QUIET_MODULES * m
    c.saveState()
    c.setFillColor(colour("#FFFFFF"))
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(colour("#000000"))
    p = c.beginPath()
    for r, col, length in code.runs:
        # Slight overdraw avoids hairline gaps between modules at some zoom levels.
        p.rect(x + q + col * m, y + size - q - (r + 1) * m, length * m, m + 0.01)
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()
