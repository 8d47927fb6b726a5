"""Small rulebook flowables: images and SVG icons at a given size, vector QR codes, the 50 mm test square.

They draw through the toolkit (draw/svg.py loads the SVGs, draw/qr.py draws the codes); only the flowable
wrapping is the rulebook's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable
from reportlab.platypus import Image as RLImage

from mallette_print.core.units import mm
from mallette_print.draw.images import downsampled
from mallette_print.draw.qr import QrCode, draw_qr
from mallette_print.draw.svg import SvgCache, draw_svg, svg_drawing


class Svg(Flowable):
    """An SVG drawing scaled to a box, drawn without touching the cached drawing."""

    def __init__(self, path: Path, width: float, height: float, svgs: SvgCache | None = None) -> None:
        super().__init__()
        # Read when the story is built, from the file as it is now (the build's cache knows the file's stamp).
        self.drawing = svg_drawing(path, cache=svgs)
        sx = width / self.drawing.width
        sy = height / self.drawing.height
        self.scale = min(sx, sy)
        self.width = self.drawing.width * self.scale
        self.height = self.drawing.height * self.scale

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_svg(self.canv, self.drawing, 0, 0, self.scale)


def scaled_image(path: Path, max_w: float, max_h: float, svgs: SvgCache | None = None) -> Flowable:
    """A PNG/JPG/SVG image as large as fits in max_w x max_h, keeping its proportions."""
    if path.suffix.lower() == ".svg":
        d = svg_drawing(path, cache=svgs)
        scale = min(max_w / d.width, max_h / d.height)
        return Svg(path, d.width * scale, d.height * scale, svgs)
    img = RLImage(str(path))
    iw, ih = img.imageWidth, img.imageHeight
    scale = min(max_w / iw, max_h / ih)
    small = downsampled(path, iw * scale, ih * scale)  # more than 300 dpi at this size: a smaller copy
    if small is not None:
        img = RLImage(small)
    img.drawWidth, img.drawHeight = iw * scale, ih * scale
    return img


class Qr(Flowable):
    """A vector QR code `size` points wide, quiet zone of 4 modules included, one filled path."""

    def __init__(self, code: QrCode, size: float) -> None:
        super().__init__()
        self.code, self.url, self.width, self.height = code, code.url, size, size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        draw_qr(c, self.code, 0, 0, self.width)
        c.linkURL(self.url, (0, 0, self.width, self.height), relative=1)
        c.restoreState()


class TestSquare(Flowable):
    """A 50 mm square with its label, to check the print is at 100%."""

    def __init__(self, font: str, label: str, side: float = mm(50)) -> None:
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
            t = mm(3 if i % 10 == 0 else 1.5 if i % 5 == 0 else 0.8)
            c.line(mm(i), 0, mm(i), t)
            c.line(0, mm(i), t, mm(i))
        c.setFont(self.font, 14)
        c.drawCentredString(s / 2, s / 2 - 5, self.label)
        c.restoreState()
