"""The booklet's fold ticks stay visible on printers that leave a 6.35 mm (1/4 in) border unprinted."""

from __future__ import annotations

import io

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from mallette_print.core.units import mm, to_mm
from mallette_print.rulebook.booklet import impose, sheet_size

BORDER = mm(6.35)


def _pages(paper: str, n: int = 8) -> bytes:
    w, h = sheet_size(paper)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(w / 2, h))
    for i in range(n):
        c.drawString(mm(15), mm(15), f"page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_fold_ticks_reach_3mm_past_a_quarter_inch_border(paper):
    pdf, sides = impose(_pages(paper), paper)
    W, H = sheet_size(paper)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            ticks = [seg for seg in page.lines if abs(seg["x0"] - W / 2) < 0.01 and abs(seg["x1"] - W / 2) < 0.01]
            if i % 2:  # backs carry no tick
                assert ticks == []
                continue
            assert len(ticks) == 2
            top = next(t for t in ticks if t["top"] < 1)
            bottom = next(t for t in ticks if t["bottom"] > H - 1)
            # Each tick runs from the edge; at least 3 mm of it lies inside the printable area.
            assert to_mm(top["bottom"] - BORDER) >= 3 and to_mm(H - BORDER - bottom["top"]) >= 3
            assert to_mm(top["bottom"]) == pytest.approx(10.35, abs=0.01)
    # Rendered: dark pixels on the fold line between 6.35 mm and 9.35 mm from the top and the bottom edge.
    k = 200 / 72
    img = np.asarray(pdfium.PdfDocument(pdf)[0].render(scale=k).to_pil().convert("L"), dtype=np.int16)
    col = img[:, int(W / 2 * k) - 1 : int(W / 2 * k) + 2].min(axis=1)
    for a, b in ((BORDER, BORDER + mm(3)), (H - BORDER - mm(3), H - BORDER)):
        seg = col[int(a * k) : int(b * k)]
        assert (seg < 200).mean() > 0.3  # a dashed line: about half its length is ink
