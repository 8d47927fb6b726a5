"""draw/qr.py: the QR matrix of a URL (kept once per build on its context), and the one drawer: what it draws scans back to the URL."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from mallette_print.draw.qr import QUIET_MODULES, draw_qr, qr_code
from mallette_print.draw.raster import page_images
from mallette_print.pipeline.context import BuildContext

URL = "https://example.org/fiches/f03-cooperation"


def test_a_build_computes_a_code_once_per_url() -> None:
    ctx = BuildContext()
    assert ctx.qr_code(URL) is ctx.qr_code(URL)
    assert BuildContext().qr_code(URL) is not ctx.qr_code(URL)  # a new build starts from nothing
    assert BuildContext().qr_code(URL) == ctx.qr_code(URL)
    code = ctx.qr_code(URL)
    assert code.total_modules == code.size + 2 * QUIET_MODULES


@pytest.mark.parametrize("overdraw", [0.0, 0.01])
def test_the_drawn_code_scans_back_to_its_url(overdraw: float) -> None:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(200, 200))
    draw_qr(c, qr_code(URL), 40, 40, 120, overdraw=overdraw)
    c.showPage()
    c.save()
    img = next(page_images(buf.getvalue(), [4.0]))
    assert [r.text for r in zxingcpp.read_barcodes(img)] == [URL]


def test_a_code_drawn_in_module_units_scans_too() -> None:
    # The card painter draws each code once in a form, one unit per module, in the output's colour space.
    code = qr_code(URL)
    n = code.total_modules
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(200, 200))
    c.translate(20, 20)
    c.scale(160 / n, 160 / n)
    draw_qr(c, code, 0, 0, n, CMYKColor(0, 0, 0, 0), CMYKColor(0, 0, 0, 1))
    c.showPage()
    c.save()
    img = next(page_images(buf.getvalue(), [4.0]))
    assert [r.text for r in zxingcpp.read_barcodes(img)] == [URL]
