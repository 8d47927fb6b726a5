"""Icons from assets/ (SVG as vector drawings, PNG/JPEG as images): the index of icon names, and drawing them.

Cards and the rulebook draw icons through an IconSet, once per canvas as a form
(named after what it draws); the board draws its few icons in place with
`draw_icon`. Both read SVG files through draw/svg.py, the one loader.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from mallette_print.core.model import GameData
from mallette_print.draw.colours import INK, Palette
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

    def _load(self, rel: str, colour: str | None) -> Any:
        key = (rel, colour)
        if key not in self._drawings:
            path = self.root / rel
            d: Any  # a vector drawing or a raster image
            if path.suffix.lower() == ".svg":
                d = svg_drawing(path, colour, self.palette, self.svgs)
            else:
                from reportlab.lib.utils import ImageReader

                d = ImageReader(str(path))
            self._drawings[key] = d
        return self._drawings[key]

    def draw(self, c: Canvas, rel: str, x: float, y: float, size: float, colour: str | None = INK) -> None:
        """Draw an icon (recoloured, or in its own colours when colour is None) fitted into a size×size square."""
        d = self._load(rel, colour)
        key = (id(c), rel, colour or "")
        if hasattr(d, "getSize"):  # a raster image: drawn as is, aspect kept
            c.drawImage(d, x, y, size, size, preserveAspectRatio=True, anchor="c", mask="auto")
            return
        name = self._forms.get(key)
        w, h = float(d.width), float(d.height)
        if name is None:
            # Named after what it draws, so that two icon sets drawing on one canvas (the rulebook's text and
            # its card figures) share a form instead of redefining it.
            digest = hashlib.sha1(f"{rel}|{colour}|{self.palette.cmyk}".encode("utf-8")).hexdigest()[:12]
            name = f"icon_{digest}"
            self._forms[key] = name
        if not c.hasForm(name):
            from reportlab.graphics import renderPDF
            from reportlab.graphics.shapes import STATE_DEFAULTS

            c.beginForm(name, 0, 0, w, h)
            # The graphics renderer starts every drawing by selecting its default font, Helvetica, which would
            # put an unembedded base-14 font in the PDF; point that default at our embedded font meanwhile.
            saved = STATE_DEFAULTS["fontName"]
            STATE_DEFAULTS["fontName"] = c._fontname
            try:
                renderPDF.draw(d, c, 0, 0, showBoundary=False)
            finally:
                STATE_DEFAULTS["fontName"] = saved
            c.endForm()
        scale = size / max(w, h)
        c.saveState()
        c.translate(x + (size - w * scale) / 2, y + (size - h * scale) / 2)
        c.scale(scale, scale)
        c.doForm(name)
        c.restoreState()


def inline_icon_drawer(icons: IconSet, paths: dict[str, str], colour: str = INK) -> Any:
    """The `onDraw` callback that draws the `:name:` icons of a text (see textfit.icon_markup) at text height."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from mallette_print.draw.textfit import ICON_SPACES, NBSP

    def draw(c: Canvas, kind: str, name: str) -> None:
        info = c._curr_tx_info  # type: ignore[attr-defined]
        tx = info["tx"]
        style = info["xs"].style
        size = tx._fontsize or style.fontSize
        slot = stringWidth(NBSP, tx._fontname or style.fontName, size) * ICON_SPACES
        side = min(slot, size * 1.1)
        rel = paths.get(name)
        if rel is not None:
            # The slot starts one non-breaking space before the callback (see textfit.icon_markup).
            x0 = info["cur_x"] - slot / ICON_SPACES
            icons.draw(c, rel, x0 + (slot - side) / 2, info["cur_y"] - 0.2 * size, side, colour)

    return draw


def draw_icon(c: Canvas, path: str | None, x: float, y: float, size: float, ink: str | None = None,
              svgs: SvgCache | None = None) -> None:
    """Draw an SVG icon in place (no form), scaled into a size×size box at (x, y), optionally in another ink."""
    if not path:
        return
    drawing = svg_drawing(path, ink, cache=svgs)
    if not drawing.width or not drawing.height:
        return
    draw_svg(c, drawing, x, y, size / max(drawing.width, drawing.height))
