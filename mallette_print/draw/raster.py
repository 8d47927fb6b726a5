"""PDF pages -> pixels: the one rasteriser (card PNGs, previews, Tabletop Simulator sheets).

Pixels are drawn from a PDF made by the same painter as the printed files, so a
PNG shows exactly what prints. pdfium renders each page; the document is closed
even when rendering fails.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

POINTS_PER_INCH = 72


def page_images(pdf: bytes, scales: Sequence[float]) -> Iterator[Image]:
    """The first len(scales) pages of a PDF as images, each at its scale (pixels per point), one at a time."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        for i, scale in enumerate(scales):
            yield doc[i].render(scale=scale).to_pil()
    finally:
        doc.close()


def png_bytes(image: Image, dpi: int) -> bytes:
    """An image as a PNG file that says its resolution."""
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def page_pngs(pdf: bytes, pages: int, dpi: int) -> list[bytes]:
    """The first `pages` pages of a PDF as PNG files at a resolution."""
    return [png_bytes(img, dpi) for img in page_images(pdf, [dpi / POINTS_PER_INCH] * pages)]
