"""Icons from assets/ (SVG as vector drawings, PNG/JPEG as images): the index of icon names, and drawing them.

Cards and the rulebook draw icons through an IconSet, once per canvas as a form
(named after what it draws); the board draws its few icons in place with
`draw_icon`. Both read SVG files through draw/svg.py, the one loader.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from mallette_print.core.model import GameData
from mallette_print.draw.colours import INK, Palette
from mallette_print.draw.fonts import register_family
from mallette_print.draw.images import needed_pixels, print_image
from mallette_print.draw.svg import SvgCache, draw_svg, svg_drawing


def icon_index(data: GameData) -> dict[str, str]:
    """Names usable as `:name:` in card text -> icon paths (game ids first, then icon file names).

    It lists the icons folder: callers that need it per card keep it on their BuildContext.
    """
    g = data.game
    names: dict[str, str] = {}
    icons_dir = Path(data.root) / "assets" / "icons"
    if icons_dir.is_dir():
        for p in sorted(icons_dir.glob("*.svg")):
            names[p.stem] = str(p.relative_to(data.root))
    items: list[Any] = [*g.families, *g.resource_kinds, *g.zones, *g.tracks]
    for item in items:
        if item.icon:
            names[item.id] = item.icon
    return names


@dataclass
class IconSet:
    """The icons of one build: each (file, colour) loaded once, and drawn once per canvas as a PDF form."""

    root: Path
    palette: Palette
    svgs: SvgCache | None = None  # None: the module's default cache
    _drawings: dict[tuple[str, str | None], Any] = field(default_factory=dict)
    _forms: dict[tuple[int, str, str], str] = field(default_factory=dict)

    def _load(self, rel: str, colour: str | None, size: float) -> Any:
        path = self.root / rel
        raster = path.suffix.lower() != ".svg"
        # A bitmap is kept per printed size (downsampled to 300 dpi there), a drawing per colour.
        key = (rel, f"@{needed_pixels(size)}" if raster else colour)
        if key not in self._drawings:
            d: Any  # a vector drawing or a raster image
            if raster:
                d = print_image(path, size, size)
            else:
                d = svg_drawing(path, colour, self.palette, self.svgs)
            self._drawings[key] = d
        return self._drawings[key]

    def aspect(self, rel: str) -> float:
        """The picture's width over its height (a bitmap's pixels, a drawing's size)."""
        path = self.root / rel
        if path.suffix.lower() != ".svg":
            from reportlab.lib.utils import ImageReader

            px, py = ImageReader(str(path)).getSize()
            w, h = float(px), float(py)
        else:
            d = self._load(rel, None, 1.0)
            w, h = float(d.width), float(d.height)
        return w / h if w > 0 and h > 0 else 1.0

    def draw(self, c: Canvas, rel: str, x: float, y: float, size: float, colour: str | None = INK) -> None:
        """Draw an icon (recoloured, or in its own colours when colour is None) fitted into a size×size square."""
        d = self._load(rel, colour, size)
        key = (id(c), rel, colour or "")
        if hasattr(d, "getSize"):  # a raster image: drawn as is, aspect kept
            c.drawImage(d, x, y, size, size, preserveAspectRatio=True, anchor="c", mask="auto")
            return
        name = self._forms.get(key)
        w, h = float(d.width), float(d.height)
        if name is None:
            # Named after what it draws, so that two icon sets drawing on one canvas (the rulebook's text and
            # its card figures) share a form instead of redefining it.
            digest = hashlib.sha1(f"{rel}|{colour}|{self.palette.cmyk}".encode()).hexdigest()[:12]
            name = f"icon_{digest}"
            self._forms[key] = name
        if not c.hasForm(name):
            from reportlab.graphics import renderPDF

            # The graphics renderer starts every drawing by selecting its default font, Helvetica, which would put
            # an unembedded base-14 font in the PDF; a drawing's initialFontName overrides that default: our
            # embedded font, named on a copy (the parsed drawing is shared between canvases).
            drawing = copy.copy(d)
            drawing.initialFontName = register_family().regular
            c.beginForm(name, 0, 0, w, h)
            renderPDF.draw(drawing, c, 0, 0, showBoundary=False)
            c.endForm()
        scale = size / max(w, h)
        c.saveState()
        c.translate(x + (size - w * scale) / 2, y + (size - h * scale) / 2)
        c.scale(scale, scale)
        c.doForm(name)
        c.restoreState()


# An `<onDraw name=... label=...>` callback: reportlab calls it with the canvas, the kind ("onDraw") and the label.
# (The stub has the two strings the other way round, the label first; accepting `str | None` for both suits both.)
OnDraw = Callable[[Canvas, str | None, str | None], None]


def inline_icon_drawer(icons: IconSet, paths: dict[str, str], colour: str = INK) -> OnDraw:
    """The `onDraw` callback that draws the `:name:` icons of a text (see textfit.icon_markup) at text height."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from mallette_print.draw.textfit import ICON_SPACES, NBSP

    def draw(c: Canvas, kind: str | None, name: str | None) -> None:
        # Where the callback sits and in which font, as the paragraph drawing it hands over: reportlab has no public
        # way to tell an onDraw callback that. It sets `_curr_tx_info` on the canvas for the call (its maintainers'
        # documented advice for onDraw callbacks); the stub does not know that attribute.
        info = c._curr_tx_info  # type: ignore[attr-defined]
        tx = info["tx"]  # the paragraph's text object: its font at the callback is that of the text before it
        style = info["xs"].style
        size = tx._fontsize or style.fontSize
        slot = stringWidth(NBSP, tx._fontname or style.fontName, size) * ICON_SPACES
        side = min(slot, size * 1.1)
        rel = paths.get(name) if name is not None else None
        if rel is not None:
            # The slot starts one non-breaking space before the callback (see textfit.icon_markup).
            x0 = info["cur_x"] - slot / ICON_SPACES
            icons.draw(c, rel, x0 + (slot - side) / 2, info["cur_y"] - 0.2 * size, side, colour)

    return draw


def draw_icon(
    c: Canvas, path: str | None, x: float, y: float, size: float, ink: str | None = None, svgs: SvgCache | None = None
) -> None:
    """Draw an SVG icon in place (no form), scaled into a size×size box at (x, y), optionally in another ink."""
    if not path:
        return
    drawing = svg_drawing(path, ink, cache=svgs)
    if not drawing.width or not drawing.height:
        return
    draw_svg(c, drawing, x, y, size / max(drawing.width, drawing.height))
