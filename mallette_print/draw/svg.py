"""SVG files as reportlab drawings: the one loader and its cache, and drawing one in place.

Every output reads its SVGs here (card icons, board icons, rulebook figures). A
file is parsed once per (path, modification time, size, colour, colour space):
an edited file has a new stamp, so a long-running process (`mallette watch`)
draws the new version, and the old entry ages out of the cache. Drawings are
shared between callers and canvases, so nobody may change one: recolouring
happens here, on a fresh parse, before the drawing is cached.

The cache is an object (`SvgCache`) with a module default; a per-build context
can own its own one and pass it down.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from mallette_print.core.errors import DataError, Problem, problem
from mallette_print.draw.colours import Palette, to_cmyk
from mallette_print.draw.fonts import register_family

SvgKey = tuple[str, int, int, str | None, str]  # path, mtime_ns, size in bytes, colour or None, colour space
RGB = Palette()


def file_stamp(path: str | Path) -> tuple[int, int]:
    """(modification time in ns, size in bytes) of a file; (0, 0) when it cannot be read."""
    try:
        st = Path(path).stat()
    except OSError:
        return 0, 0
    return st.st_mtime_ns, st.st_size


def _recolour(node: Any, colour: Color) -> None:
    """Paint every filled or stroked shape of a drawing in one colour (icons are single-colour)."""
    for attr in ("fillColor", "strokeColor"):
        if getattr(node, attr, None) is not None:
            setattr(node, attr, colour)
    for child in getattr(node, "contents", []) or []:
        _recolour(child, colour)


def _to_cmyk(node: Any) -> None:
    """Convert the colours of a drawing to CMYK, each as close as the naive conversion gets."""
    for attr in ("fillColor", "strokeColor"):
        col = getattr(node, attr, None)
        if col is not None and not isinstance(col, CMYKColor) and hasattr(col, "hexval"):
            setattr(node, attr, to_cmyk("#" + col.hexval()[2:8]))
    for child in getattr(node, "contents", []) or []:
        _to_cmyk(child)


MAX_SVG_SIZE = 1e5  # user units; an icon or a board picture is far smaller, and 0 or 1e30 breaks the scaling


def _reference_root(path: str) -> str:
    """The game folder holding this file (the nearest folder above it with cards/game.yaml), else its own folder."""
    p = Path(path).resolve()
    for folder in p.parents:
        if (folder / "cards" / "game.yaml").is_file():
            return str(folder)
    return str(p.parent)


def _parse(path: str, colour: str | None, palette: Palette) -> Drawing:
    """Read an SVG file into a drawing in its final colours; DataError (located at the file) if it cannot be read."""
    from svglib.svglib import svg2rlg

    try:
        # Validation (core/svgcheck.py) already refuses references leaving the game folder; svglib's own containment
        # is a second fence, for callers that draw a file no validation has seen.
        d = svg2rlg(path, external_reference_root=_reference_root(path))
    except Exception as exc:
        raise DataError([problem(Path(path), 0, 0, "", f"cannot read this SVG: {exc}")]) from None
    if d is None:  # svglib logs and returns None on some unreadable files
        raise DataError([problem(Path(path), 0, 0, "", "cannot read this SVG")])
    if not all(0 < v <= MAX_SVG_SIZE for v in (d.width, d.height)):  # also false for NaN
        msg = f"width and height must be more than 0 and at most {MAX_SVG_SIZE:g} (got {d.width:g} × {d.height:g})"
        raise DataError(
            [problem(Path(path), 0, 0, "", f"cannot draw this SVG: {msg}; fix its width, height or viewBox")]
        )
    if colour is not None:
        _recolour(d, palette(colour))
    elif palette.cmyk:
        _to_cmyk(d)
    return d


def svg_problems(path: str | Path) -> list[Problem]:
    """Why an SVG file cannot be drawn (located at the file), or nothing: for `mallette check`, which draws nothing."""
    try:
        _parse(str(path), None, RGB)
    except DataError as exc:
        return list(exc.problems)
    return []


class SvgCache:
    """Parsed SVG drawings by (path, mtime_ns, size, colour, colour space), the least recently used dropped first."""

    def __init__(self, maxsize: int = 256) -> None:
        self.maxsize = maxsize
        self.parses = 0  # files actually read (tests and benchmarks count them)
        self._entries: OrderedDict[SvgKey, Drawing] = OrderedDict()
        self._lock = threading.Lock()  # watch mode may render outputs from more than one thread

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    @staticmethod
    def key(path: str | Path, colour: str | None = None, palette: Palette = RGB) -> SvgKey:
        """The key a drawing is cached under: the file as it is on disk now, and the colours asked for."""
        mtime_ns, size = file_stamp(path)
        return str(path), mtime_ns, size, colour, palette.space

    def drawing(self, path: str | Path, colour: str | None = None, palette: Palette = RGB) -> Drawing:
        """The file as a drawing: recoloured in one colour, or in its own colours (in CMYK for a CMYK palette)."""
        key = self.key(path, colour, palette)
        with self._lock:
            d = self._entries.get(key)
            if d is not None:
                self._entries.move_to_end(key)
                return d
        d = _parse(key[0], colour, palette)
        with self._lock:
            self.parses += 1
            self._entries[key] = d
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return d

    def clear(self) -> None:
        """Forget every drawing (and the count of parses)."""
        with self._lock:
            self._entries.clear()
            self.parses = 0


DEFAULT_CACHE = SvgCache()


def svg_drawing(
    path: str | Path, colour: str | None = None, palette: Palette = RGB, cache: SvgCache | None = None
) -> Drawing:
    """An SVG file as a reportlab drawing, from `cache` (the module's default cache when None). Do not change it."""
    return (DEFAULT_CACHE if cache is None else cache).drawing(path, colour, palette)


def draw_svg(c: Canvas, drawing: Drawing, x: float, y: float, scale: float) -> None:
    """Draw a drawing in place (no form) with its lower-left corner at (x, y), scaled."""
    from reportlab.graphics import renderPDF

    # The graphics renderer starts every drawing by selecting its default font, Helvetica, an unembedded base-14
    # font; the drawing's initialFontName overrides it: our embedded font, set on a copy (drawings are shared).
    # (reportlab's stubs leave initialFontName out of Drawing, hence Any.)
    copied: Any = copy.copy(drawing)
    copied.initialFontName = register_family().regular
    c.saveState()
    if x or y:  # a flowable draws at its own origin: no move is written then
        c.translate(x, y)
    c.scale(scale, scale)
    renderPDF.draw(copied, c, 0, 0)
    c.restoreState()
