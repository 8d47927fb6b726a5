"""Checks on image and icon files named in the data, before any renderer opens them.

A file that is not really an image, an SVG with entity tricks or references to
files outside the game folder (core/svgcheck.py), or a bitmap so large it
would eat the machine's memory is refused here with a located error, so a
renderer only ever sees files it can draw. A bitmap is decoded once here
(its pixel count bounded first), so a truncated or damaged file is refused
too, not only a wrong header.
"""

from __future__ import annotations

import functools
import io
import struct
from pathlib import Path

from mallette_print.core.svgcheck import svg_problem

MAX_ASSET_BYTES = 20 * 1024 * 1024
# 25 Mpx: an A3 page at 300 dpi is 17.5 Mpx, a poker card 0.9 Mpx; more pixels print no sharper, they only cost
# memory (4 bytes each, decoded) and time. Larger images are refused; images larger than their place on the page
# needs are downsampled when drawn (draw/images.py).
MAX_PIXELS = 25_000_000
MAX_SIDE = 12000
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")


def raster_problem(source: Path | bytes) -> str | None:
    """Why this PNG or JPEG (a file, or its bytes) cannot be used, or None when it is fine."""
    from PIL import Image, UnidentifiedImageError

    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # read the header only; our own limit follows
    try:
        with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as img:
            width, height = img.size
            fmt = img.format
            if fmt not in ("PNG", "JPEG"):
                return f"expected a PNG or JPEG image, got {fmt}"
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                return (
                    f"image too large ({width}×{height} px; at most {MAX_SIDE} px a side and "
                    f"{MAX_PIXELS // 10**6} Mpx): reduce it (300 dpi at its printed size is enough)"
                )
            img.load()  # bounded by the limit above; a truncated or damaged file fails here, not in a renderer
    except UnidentifiedImageError:
        return "this is not a readable PNG or JPEG image"
    except OSError as exc:
        return f"this image is damaged or truncated ({exc}); export it again"
    except (ValueError, SyntaxError, EOFError, struct.error, Image.DecompressionBombError) as exc:
        return f"this is not a readable image ({type(exc).__name__})"
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    return None


def asset_problem(path: Path, root: Path | None = None) -> str | None:
    """Why this image file cannot be used, or None when it is fine.

    `root` is the game folder: files an SVG refers to must stay inside it (None: an SVG may refer to no file).
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot read this image: {exc.strerror or exc}"
    if not path.is_file():  # a folder, a pipe or a device would block or fail the reading
        return "this is not a regular file"
    if size > MAX_ASSET_BYTES:
        return f"image file too large ({size // (1024 * 1024)} MiB; at most {MAX_ASSET_BYTES // (1024 * 1024)} MiB)"
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return svg_problem(path, root)
    if suffix in RASTER_SUFFIXES:
        st = path.stat()
        return _file_raster_problem(str(path), st.st_mtime_ns, st.st_size)
    return None


@functools.lru_cache(maxsize=256)
def _file_raster_problem(path: str, mtime_ns: int, size: int) -> str | None:
    """raster_problem of a file as it is on disk (the stamp is in the key): a photo on 50 cards is decoded once."""
    return raster_problem(Path(path))
