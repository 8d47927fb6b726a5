"""Impose A5 (or half-letter) pages two-up on landscape A4 (or Letter) sheets in saddle-stitch order.

pikepdf places each page as a Form XObject at scale 1, so fonts and images are
shared, not copied per sheet. Two A5 pages are 296 mm wide but A4 is 297 mm:
the pair is centred (0.5 mm each side). A fold tick at the top and the bottom
of each front shows where to fold: it runs FOLD_TICK from the sheet's edge, so
that 4 mm of it stay visible inside a printer's 6.35 mm (1/4 in) non-printing
border.
"""

from __future__ import annotations

import io

from mallette_print.core.units import mm
from mallette_print.rulebook.booklet_order import saddle_stitch

NON_PRINTING = mm(6.35)  # the widest unprinted border of common home printers (1/4 in)
FOLD_TICK = NON_PRINTING + mm(4)


def sheet_size(paper: str) -> tuple[float, float]:
    """The landscape sheet a booklet is printed on: A4 or Letter."""
    return (11 * 72, 8.5 * 72) if paper == "letter" else (mm(297), mm(210))


def impose(pages_pdf: bytes, paper: str) -> tuple[bytes, int]:
    """The booklet PDF (two pages per side, padded with blanks) and its number of sides."""
    import pikepdf

    W, H = sheet_size(paper)
    with pikepdf.open(io.BytesIO(pages_pdf)) as src, pikepdf.new() as out:
        n = len(src.pages)
        box = src.pages[0].mediabox
        pw, ph = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
        x0, y0 = (W - 2 * pw) / 2, (H - ph) / 2
        forms = {}
        for sheet in saddle_stitch(n):
            for front, side in ((True, sheet.front), (False, sheet.back)):
                page = out.add_blank_page(page_size=(W, H))
                for k, number in enumerate((side.left, side.right)):
                    if number > n:
                        continue  # padding: a blank page
                    if number not in forms:
                        forms[number] = out.copy_foreign(src.pages[number - 1].as_form_xobject())
                    name = page.add_resource(forms[number], pikepdf.Name.XObject, pikepdf.Name(f"/P{number}"))
                    cm = f"q 1 0 0 1 {x0 + k * pw:.3f} {y0:.3f} cm {name} Do Q\n"
                    page.contents_add(pikepdf.Stream(out, cm.encode()), prepend=False)
                if front:
                    tick = FOLD_TICK
                    marks = (
                        f"q 0.4 w 0.45 G [2 2] 0 d {W / 2:.3f} {H:.3f} m {W / 2:.3f} {H - tick:.3f} l S "
                        f"{W / 2:.3f} 0 m {W / 2:.3f} {tick:.3f} l S Q\n"
                    )
                    page.contents_add(pikepdf.Stream(out, marks.encode()), prepend=False)
        out.docinfo = out.copy_foreign(src.docinfo)  # type: ignore[assignment]
        if "/Metadata" in src.Root:  # the licence XMP (see xmp.py)
            out.Root.Metadata = out.copy_foreign(src.Root.Metadata)
        buf = io.BytesIO()
        out.save(buf, deterministic_id=True)
        return buf.getvalue(), len(out.pages)
