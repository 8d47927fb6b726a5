"""Small rulebook flowables: images and SVG icons at a given size, vector QR codes, the 50 mm test square."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import Image as RLImage

from mallette_print.draw.qr import qr_code


@lru_cache(maxsize=256)
def svg_drawing(path: Path) -> Drawing:
    """An SVG file converted once per process (callers must not mutate it)."""
    from svglib.svglib import svg2rlg

    d = svg2rlg(str(path))
    if d is None:  # svglib returns None on unreadable files
        raise ValueError(f"cannot read SVG {path}")
    return d


class Svg(Flowable):
    """An SVG drawing scaled to a box, drawn without touching the cached drawing."""

    def __init__(self, path: Path, width: float, height: float) -> None:
        super().__init__()
        self.drawing = svg_drawing(path)
        sx = width / self.drawing.width
        sy = height / self.drawing.height
        self.scale = min(sx, sy)
        self.width = self.drawing.width * self.scale
        self.height = self.drawing.height * self.scale

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


def scaled_image(path: Path, max_w: float, max_h: float) -> Flowable:
    """A PNG/JPG/SVG image as large as fits in max_w x max_h, keeping its proportions."""
    if path.suffix.lower() == ".svg":
        d = svg_drawing(path)
        scale = min(max_w / d.width, max_h / d.height)
        return Svg(path, d.width * scale, d.height * scale)
    img = RLImage(str(path))
    iw, ih = img.imageWidth, img.imageHeight
    scale = min(max_w / iw, max_h / ih)
    img.drawWidth, img.drawHeight = iw * scale, ih * scale
    return img


class Qr(Flowable):
    """A vector QR code `size` points wide, quiet zone of 4 modules included, one filled path."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url, self.width, self.height = url, size, size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        code = qr_code(self.url)
        n, runs = code.size, code.runs
        module = self.width / (n + 8)
        c = self.canv
        c.saveState()
        c.setFillColor(colors.white)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(colors.black)
        p = c.beginPath()
        for r, col, length in runs:
            p.rect((col + 4) * module, self.height - (r + 5) * module, length * module, module)
        c.drawPath(p, stroke=0, fill=1)
        c.linkURL(self.url, (0, 0, self.width, self.height), relative=1)
        c.restoreState()


class TestSquare(Flowable):
    """A 50 mm square with its label, to check the print is at 100%."""

    def __init__(self, font: str, label: str, side: float = 50 * mm) -> None:
        super().__init__()
        self.font, self.label, self.side = font, label, side
        self.width = self.height = side

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        c: Any = self.canv
        s = self.side
        c.saveState()
        c.setLineWidth(0.5)
        c.setStrokeColor(colors.black)
        c.rect(0, 0, s, s, stroke=1, fill=0)
        # Millimetre ticks along two sides, long every 10 mm, so a ruler is not even needed to compare.
        for i in range(0, 51):
            t = (3 if i % 10 == 0 else 1.5 if i % 5 == 0 else 0.8) * mm
            c.line(i * mm, 0, i * mm, t)
            c.line(0, i * mm, t, i * mm)
        c.setFont(self.font, 14)
        c.drawCentredString(s / 2, s / 2 - 5, self.label)
        c.restoreState()
