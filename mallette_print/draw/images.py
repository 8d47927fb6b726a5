"""Bitmaps (PNG, JPEG) at the resolution their place on the page needs: the one place they are opened for drawing.

An image larger than 300 dpi at its printed size is downsampled before it is
embedded: more pixels print no sharper, and embedding them whole made the
PDF, the build's memory and its time grow with the file (an 8000×8000 PNG
took 27 s and 1.5 GB). An image that is small enough is embedded exactly as
before, from its file. core/assets.py has already refused files too large or
damaged to decode.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.lib.utils import ImageReader

PRINT_DPI = 300
POINTS_PER_INCH = 72


def needed_pixels(points: float) -> int:
    """Pixels that cover `points` at the print resolution."""
    return max(1, math.ceil(points / POINTS_PER_INCH * PRINT_DPI))


def downsampled(path: Path, width: float, height: float) -> io.BytesIO | None:
    """The image re-encoded at 300 dpi when fitted (proportions kept) into a width×height points box; None when
    the file has no more pixels than that."""
    from PIL import Image

    with Image.open(path) as img:
        w, h = img.size
        scale = min(width / w, height / h)  # points per pixel once fitted
        target = (needed_pixels(w * scale), needed_pixels(h * scale))
        if target[0] >= w or target[1] >= h:
            return None
        fmt = img.format or "PNG"
        img.draft(img.mode, target)  # JPEG: decode at a reduced scale already
        # Palette, 16-bit and other modes are resampled in full colour (a palette would be resampled by nearest).
        keep = ("L", "RGB", "CMYK") if fmt == "JPEG" else ("L", "LA", "RGB", "RGBA")
        src = img if img.mode in keep else img.convert("RGB" if fmt == "JPEG" else "RGBA")
        small = src.resize(target, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if fmt == "JPEG":
        small.save(out, "JPEG", quality=92)
    else:
        small.save(out, "PNG")
    out.seek(0)
    return out


def print_image(path: Path, width: float, height: float) -> ImageReader:
    """An ImageReader of the file for a width×height points box: the file itself, or a copy at 300 dpi."""
    from reportlab.lib.utils import ImageReader

    small = downsampled(path, width, height)
    return ImageReader(str(path) if small is None else small)
