"""The rulebook cover's picture: the game's actor families as a row of small cards, drawn from the data.

Each family is a card-shaped tile in its colour and pattern (the second cue beside colour, so the row reads in
greyscale too) with its icon on a white disc, its name below: the look of the actor cards, so a reader knows
the game at a glance, and a remix with other families gets its own cover without drawing anything.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from mallette_print.core.i18n import tr
from mallette_print.core.model import GameData
from mallette_print.core.units import mm
from mallette_print.draw.colours import INK, Palette, mix
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.icons import IconSet
from mallette_print.draw.patterns import draw_pattern
from mallette_print.draw.svg import SvgCache

CARD_RATIO = 88 / 63  # a poker card's height over its width
GAP = mm(3)
LABEL = 8.5  # pt, shrunk to fit a narrow tile


class FamilyRow(Flowable):
    """The families of a game as a row of card-shaped tiles with their names, as wide as the frame."""

    def __init__(
        self, data: GameData, lang: str, fam: FontFamily, max_height: float, svgs: SvgCache | None = None
    ) -> None:
        super().__init__()
        self.svgs = svgs
        g = data.game
        self.items = [(f.colour, f.pattern, f.icon, tr(f.label, lang, g.default_language)) for f in g.families]
        self.root = Path(data.root)
        self.fam = fam
        self.max_height = max_height
        self.tile_w = self.tile_h = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        n = len(self.items)
        if not n:
            return aw, 0.0
        # As wide as the frame allows, never taller than max_height (name line included).
        self.tile_w = min((aw - GAP * (n - 1)) / n, (self.max_height - LABEL * 2.8) / CARD_RATIO)
        self.tile_h = self.tile_w * CARD_RATIO
        self.width = aw
        self.height = self.tile_h + LABEL * 2.8
        return self.width, self.height

    def draw(self) -> None:
        c, n = self.canv, len(self.items)
        if not n:
            return
        pal = Palette()
        icons = IconSet(self.root, pal, self.svgs)
        w, h = self.tile_w, self.tile_h
        x = (self.width - (n * w + (n - 1) * GAP)) / 2
        y = LABEL * 2.8
        for colour, pattern, icon, label in self.items:
            c.saveState()
            clip = c.beginPath()
            clip.roundRect(x, y, w, h, mm(2))
            c.clipPath(clip, stroke=0, fill=0)
            c.setFillColor(pal(colour))
            c.rect(x, y, w, h, stroke=0, fill=1)
            draw_pattern(
                c,
                pattern or "none",
                x,
                y,
                w,
                h * 0.42,
                pal(mix(colour, "#000000", 0.3)),
                step=max(w / 7, mm(1.5)),
                weight=0.7,
            )
            c.restoreState()
            r = w * 0.3
            cx, cy = x + w / 2, y + h * 0.66
            c.setFillColor(pal("#FFFFFF"))
            c.setStrokeColor(pal(mix(colour, "#000000", 0.35)))
            c.setLineWidth(1.0)
            c.circle(cx, cy, r, stroke=1, fill=1)
            if icon:
                side = r * 1.25
                icons.draw(c, icon, cx - side / 2, cy - side / 2, side, INK)
            c.setFillColor(pal(INK))
            size, lines = self._label_lines(label, w + GAP * 0.25)
            c.setFont(self.fam.bold, size)
            for k, line in enumerate(lines):
                c.drawCentredString(x + w / 2, y - size * (1.35 + 1.15 * k), line)
            x += w + GAP

    def _label_lines(self, label: str, room: float) -> tuple[float, list[str]]:
        """The name at the largest size that fits the room, on one line or, when it must, two."""

        def fits(lines: list[str], size: float) -> bool:
            return all(stringWidth(t, self.fam.bold, size) <= room for t in lines)

        options = [[label]]
        words = label.split()
        if len(words) > 1:  # two lines, cut at the space that balances them best
            cuts = sorted(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))))
            options.append([" ".join(words[: cuts[0]]), " ".join(words[cuts[0] :])])
        size = LABEL
        while size >= 5.5:
            for lines in options:
                if fits(lines, size):
                    return size, lines
            size -= 0.25
        return 5.5, options[-1]
