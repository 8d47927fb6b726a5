"""draw/raster.py: PDF pages to pixels, at the size and resolution asked."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from mallette_print.draw.raster import page_images, page_pngs


def _pdf(*pages: tuple[float, float]) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf)
    for w, h in pages:
        c.setPageSize((w, h))
        c.setFillColorRGB(1, 0, 0)
        c.rect(0, 0, w / 2, h, stroke=0, fill=1)  # the left half red
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pngs_have_the_pixel_size_and_resolution_asked() -> None:
    pngs = page_pngs(_pdf((72, 144), (144, 72)), 2, 150)
    images = [Image.open(io.BytesIO(p)) for p in pngs]
    assert [im.size for im in images] == [(150, 300), (300, 150)]
    assert all(im.format == "PNG" and round(im.info["dpi"][0]) == 150 for im in images)


def test_each_page_is_drawn_at_its_own_scale() -> None:
    images = list(page_images(_pdf((100, 100), (100, 100)), [1.0, 2.0]))
    assert [im.size for im in images] == [(100, 100), (200, 200)]
    left, right = images[1].convert("RGB").getpixel((50, 100)), images[1].convert("RGB").getpixel((150, 100))
    assert left == (255, 0, 0) and right == (255, 255, 255)


def test_only_the_pages_asked_are_drawn() -> None:
    assert len(page_pngs(_pdf((72, 72), (72, 72), (72, 72)), 2, 72)) == 2
