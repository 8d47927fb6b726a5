"""QR codes: URL -> vector matrix (error correction M, a quiet zone of 4 modules), and the one function drawing it.

Building a code is the slow part (qrcode searches the best of 8 masks, ~3 ms):
a build keeps the codes it made on its BuildContext (`ctx.qr_code(url)`). `draw_qr` draws a code on a
canvas; the card painter draws each distinct code once per PDF into a Form
XObject (in module units) and reuses it, the board and the rulebook draw theirs
in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, black, white
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 4


@dataclass(frozen=True)
class QrCode:
    """A QR code: its modules (True = dark) without the quiet zone, and the runs to fill."""

    url: str
    size: int  # modules per side, quiet zone excluded
    runs: tuple[tuple[int, int, int], ...]  # (row from the top, first column, length) of dark modules

    @property
    def total_modules(self) -> int:
        """Modules per side including the quiet zone on both sides."""
        return self.size + 2 * QUIET_MODULES


def qr_code(url: str) -> QrCode:
    """The QR code for a URL: level M, horizontal runs of dark modules (computed afresh: callers keep them)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    q.add_data(url)
    q.make(fit=True)
    matrix = q.get_matrix()
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return QrCode(url, len(matrix), tuple(runs))


def draw_qr(
    c: Canvas,
    code: QrCode,
    x: float,
    y: float,
    size: float,
    light: Color = white,
    dark: Color = black,
    overdraw: float = 0.0,
) -> None:
    """Draw a code, quiet zone included, in the size×size box at (x, y): a light square, dark modules as one path.

    `overdraw` makes each run that much taller, so that no hairline shows between rows at some zoom levels.
    The canvas state (fill colour) is left changed: callers drawing more save and restore it around.
    """
    m = size / code.total_modules
    c.setFillColor(light)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(dark)
    p = c.beginPath()
    for row, col, length in code.runs:
        p.rect(x + (col + QUIET_MODULES) * m, y + size - (row + QUIET_MODULES + 1) * m, length * m, m + overdraw)
    c.drawPath(p, stroke=0, fill=1)
