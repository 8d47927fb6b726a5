"""draw/patterns.py: every pattern prints marks inside its box and nothing outside it."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL.Image import Image
from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from mallette_print.draw.patterns import draw_pattern, hatch, map_pattern
from mallette_print.draw.raster import page_images

KINDS = ["dots", "stripes", "grid", "waves", "checks", "cross"]
BOX = (100.0, 100.0, 200.0, 150.0)  # x, y, w, h in points, on a 400×400 page


def _render(draw: Callable[[Canvas], None]) -> Image:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(400, 400))
    draw(c)
    c.showPage()
    c.save()
    return next(page_images(buf.getvalue(), [1.0])).convert("L")


def _ink(img: Image, inside: bool) -> int:
    """Dark pixels inside the box (1 pt in from its edges) or outside it (1 pt out)."""
    x, y, w, h = BOX
    top = 400 - (y + h)  # pixel rows count from the top
    grey = img.tobytes()
    count = 0
    for py in range(400):
        for px in range(400):
            within = x + 1 <= px < x + w - 1 and top + 1 <= py < top + h - 1
            beyond = not (x - 1 <= px < x + w + 1 and top - 1 <= py < top + h + 1)
            if (within if inside else beyond) and grey[py * 400 + px] < 128:
                count += 1
    return count


@pytest.mark.parametrize("kind", KINDS)
def test_a_card_pattern_stays_in_its_box(kind: str) -> None:
    img = _render(lambda c: draw_pattern(c, kind, *BOX, black, step=10, weight=1.5))
    assert _ink(img, inside=True) > 300
    assert _ink(img, inside=False) == 0


def test_no_pattern_draws_nothing() -> None:
    img = _render(lambda c: draw_pattern(c, "none", *BOX, black))
    assert min(img.tobytes()) == 255


def test_hatching_stays_in_its_box() -> None:
    img = _render(lambda c: hatch(c, *BOX, black, 8, 1.5))
    assert _ink(img, inside=True) > 300
    assert _ink(img, inside=False) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_a_board_pattern_shows_the_same_with_or_without_its_window(kind: str) -> None:
    # The window only leaves out marks the clip hides: what prints must not change.
    x, y = BOX[0], BOX[1]

    def draw(window: tuple[float, float, float, float] | None) -> Callable[[Canvas], None]:
        def go(c: Canvas) -> None:
            c.saveState()
            p = c.beginPath()
            p.rect(x + 60, y + 40, 50, 30)
            c.clipPath(p, stroke=0, fill=0)
            map_pattern(c, kind, 0, 0, 400, 400, Color(0, 0, 0), 2.0, window=window)
            c.restoreState()

        return go

    clipped = _render(draw((x + 60, y + 40, x + 110, y + 70)))
    whole = _render(draw(None))
    assert clipped.tobytes() == whole.tobytes()
    assert min(clipped.tobytes()) < 128  # and something does show
