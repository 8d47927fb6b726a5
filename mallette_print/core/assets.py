"""Checks on image and icon files named in the data, before any renderer opens them.

A file that is not really an image, an SVG with entity tricks, or a bitmap so
large it would eat the machine's memory is refused here with a located error,
so a renderer only ever sees files it can draw.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

MAX_ASSET_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 8000 * 8000
MAX_SIDE = 12000
_SVG_ROOT = re.compile(rb"<svg[\s>]")


def asset_problem(path: Path) -> str | None:
    """Why this image file cannot be used, or None when it is fine."""
    try:
        size = path.stat().st_size
        if size > MAX_ASSET_BYTES:
            return f"image file too large ({size // (1024 * 1024)} MiB; at most {MAX_ASSET_BYTES // (1024 * 1024)} MiB)"
        suffix = path.suffix.lower()
        if suffix == ".svg":
            head = path.read_bytes()
            if b"<!ENTITY" in head or b"<!DOCTYPE" in head.upper():
                return "SVG files with DOCTYPE or ENTITY declarations are refused (they can hide XML bombs)"
            if not _SVG_ROOT.search(head[:4096]):
                return "this is not an SVG file (no <svg> element at its start)"
            return None
        if suffix in (".png", ".jpg", ".jpeg"):
            from PIL import Image, UnidentifiedImageError

            limit = Image.MAX_IMAGE_PIXELS
            Image.MAX_IMAGE_PIXELS = None  # read the header only; our own limit follows
            try:
                with Image.open(path) as img:
                    width, height = img.size
                    fmt = img.format
            except UnidentifiedImageError:
                return "this is not a readable PNG or JPEG image"
            finally:
                Image.MAX_IMAGE_PIXELS = limit
            if fmt not in ("PNG", "JPEG"):
                return f"expected a PNG or JPEG image, got {fmt}"
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                return (
                    f"image too large ({width}×{height} px; at most {MAX_SIDE} px a side and {MAX_PIXELS // 10**6} Mpx)"
                )
            return None
    except OSError as exc:
        return f"cannot read this image: {exc}"
    except (ValueError, SyntaxError, EOFError, struct.error) as exc:  # what Pillow raises on damaged headers
        return f"this is not a readable image ({type(exc).__name__})"
    return None
