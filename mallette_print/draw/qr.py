"""URL -> QR code as a vector matrix: error correction M, a quiet zone of 4 modules.

Building a code is the slow part (qrcode searches the best of 8 masks, ~3 ms),
so codes are cached per URL for the whole process; the renderer then draws each
distinct code once per PDF as a Form XObject and reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=512)
def qr_code(url: str) -> QrCode:
    """The QR code for a URL (cached): level M, horizontal runs of dark modules."""
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
