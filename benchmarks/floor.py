"""The bare-reportlab floor of the benchmark (bench.py): the bench's cards drawn straight with reportlab.

What a careful hand-written script would do to draw the same sheets, with the same caching, and nothing of the
pipeline (no validation, no fitting search, no layout cache): the yardstick the pipeline's time is divided by.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any


def floor(game: Path, out: Path | None = None) -> float:
    """Seconds bare reportlab needs to draw the same sheets with sensible caching (see bench.py's docstring).

    Every primitive the pipeline draws on a bench card is drawn here too, in the same order: background, band,
    two ringed discs, kind icon, type and kind labels, value and its label, title, the rule under it, the body
    with its inline icon (an onDraw callback, as reportlab offers), QR code, fiche caption, notice and card id,
    each card clipped to its cell; cut marks and a label per sheet; backs clipped. Not drawn: the instruction
    page and the calibration back (two pages of 122). `out` keeps the PDF, to compare it with the pipeline's.
    """
    import yaml
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from mallette_print.cards.imposition import plan_sheet
    from mallette_print.core.cardsize import PRESETS
    from mallette_print.core.units import mm
    from mallette_print.draw.colours import ink_on, mix
    from mallette_print.draw.fonts import register_family
    from mallette_print.draw.patterns import draw_pattern
    from mallette_print.draw.qr import qr_code
    from mallette_print.draw.textfit import to_markup

    fam = register_family()
    deck = yaml.safe_load((game / "cards" / "bench.yaml").read_text(encoding="utf-8"))
    manifest = yaml.safe_load((game / "cards" / "game.yaml").read_text(encoding="utf-8"))
    kinds = {k["id"]: k for k in manifest["resource_kinds"]}
    fiches = {f["id"]: f for f in manifest["fiches"]["items"]}
    base = manifest["fiches"]["base_url"]
    t0 = time.perf_counter()
    size = PRESETS["poker"]
    plan = plan_sheet("a4", size, "long", (0.0, 0.0))
    W, H, S, B = size.w, size.h, size.safe, size.bleed
    buf = io.BytesIO()
    # The stub types initialFontName as a float (reportlab takes a font name) and beginForm's lower corner as
    # ints (reportlab takes any number): see mallette_print/draw/pdf.py and cards/painter.py.
    c = Canvas(buf, pagesize=(plan.page_w, plan.page_h), invariant=1, initialFontName=fam.regular, pageCompression=1)  # type: ignore[arg-type]
    forms: dict[str, str] = {}
    white, ink, grey = HexColor("#FFFFFF"), HexColor("#1A1A1A"), HexColor("#333333")

    def dark(hex_colour: str) -> Any:
        col = HexColor(hex_colour)
        return HexColor("#" + "".join(f"{round(255 * v * 0.65):02X}" for v in (col.red, col.green, col.blue)))

    looks = {
        k: (HexColor(v["colour"]), dark(v["colour"]), v["label"]["fr"], v["icon"], HexColor(ink_on(v["colour"])))
        for k, v in kinds.items()
    }

    icon_width: dict[str, float] = {}

    def icon_form(rel: str) -> str:
        if rel not in forms:
            from reportlab.graphics import renderPDF
            from svglib.svglib import svg2rlg

            d: Any = svg2rlg(str(game / rel))
            forms[rel] = f"i{len(forms)}"
            icon_width[rel] = float(d.width)
            c.beginForm(forms[rel], 0, 0, d.width, d.height)
            renderPDF.draw(d, c, 0, 0)
            c.endForm()
        return forms[rel]

    def place_icon(rel: str, x: float, y: float, side: float) -> None:
        name = icon_form(rel)
        c.saveState()
        c.translate(x, y)
        c.scale(side / icon_width[rel], side / icon_width[rel])
        c.doForm(name)
        c.restoreState()

    def inline_icon(canvas: Canvas, kind: str | None, label: str | None) -> None:
        # Where the callback sits: reportlab tells an onDraw callback only through `_curr_tx_info`, set on the
        # canvas for the call (see mallette_print/draw/icons.inline_icon_drawer); the stub does not know it.
        info = canvas._curr_tx_info  # type: ignore[attr-defined]
        size_pt = info["tx"]._fontsize
        rel = kinds[label]["icon"] if label in kinds else f"assets/icons/{label}.svg"
        place_icon(rel, info["cur_x"], info["cur_y"] - 0.2 * size_pt, size_pt * 1.1)

    c.setNamedCB("icon", inline_icon)

    def disc_form(ring: Any) -> str:
        key = f"disc-{ring.hexval()}"
        if key not in forms:
            forms[key] = f"d{len(forms)}"
            c.beginForm(forms[key], -mm(6), -mm(6), mm(6), mm(6))  # type: ignore[arg-type]  # stub: int corner
            c.setFillColor(white)
            c.setStrokeColor(ring)
            c.setLineWidth(1.0)
            c.circle(0, 0, mm(5), stroke=1, fill=1)
            c.endForm()
        return forms[key]

    def place(name: str, x: float, y: float) -> None:
        c.saveState()
        c.translate(x, y)
        c.doForm(name)
        c.restoreState()

    qr_sizes: dict[str, int] = {}

    def qr_form(url: str) -> tuple[str, int]:
        # Each code computed once, when its form is made: a careful script keeps it, as the pipeline does.
        if url not in forms:
            code = qr_code(url)
            n = qr_sizes[url] = code.total_modules
            forms[url] = f"q{len(forms)}"
            c.beginForm(forms[url], 0, 0, n, n)
            p = c.beginPath()
            for row, col, length in code.runs:
                p.rect(4 + col, n - 4 - row - 1, length, 1)
            c.drawPath(p, stroke=0, fill=1)
            c.endForm()
        return forms[url], qr_sizes[url]

    def caption_form(f: dict[str, Any]) -> str:
        # The same caption on every card of a fiche: one form each.
        key = f"caption-{f['id']}"
        if key not in forms:
            forms[key] = f"c{len(forms)}"
            c.beginForm(forms[key], -B, -B, W + B, H + B)  # type: ignore[arg-type]  # stub: int corner
            fiche = Paragraph(f"<b>Fiche {f['number']}</b><br/>{f['short']['fr']}", small_style)
            _, fh = fiche.wrap(W - 2 * S - qr_side - mm(2), 1e6)
            fiche.drawOn(c, S, S + qr_side - fh)
            c.endForm()
        return forms[key]

    # Backs bleed past the outer edges of their grid (never into a neighbour), as the sheets do.
    grid = (
        min(b.box[0] for b in plan.backs),
        min(b.box[1] for b in plan.backs),
        max(b.box[2] for b in plan.backs),
        max(b.box[3] for b in plan.backs),
    )

    def outer(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = box
        return (
            x0 - B if abs(x0 - grid[0]) < 0.01 else x0,
            y0 - B if abs(y0 - grid[1]) < 0.01 else y0,
            x1 + B if abs(x1 - grid[2]) < 0.01 else x1,
            y1 + B if abs(y1 - grid[3]) < 0.01 else y1,
        )

    def clip(box: tuple[float, float, float, float]) -> None:
        p = c.beginPath()
        p.rect(box[0], box[1], box[2] - box[0], box[3] - box[1])
        c.clipPath(p, stroke=0, fill=0)

    back = "back"
    # The deck's back as the painter draws it: colour, pattern, a ringed white plate, the icon (in its own
    # colours: the painter recolours it), the deck's title fitted to the width, the game's title at the top.
    spec = deck["back"]
    r, cx, cy = min(W, H) * 0.27, W / 2, H / 2 + mm(4)
    c.beginForm(back, -B, -B, W + B, H + B)  # type: ignore[arg-type]  # stub: int corner
    c.setFillColor(HexColor(spec["colour"]))
    c.rect(-B, -B, W + 2 * B, H + 2 * B, stroke=0, fill=1)
    draw_pattern(
        c,
        spec["pattern"],
        -B,
        -B,
        W + 2 * B,
        H + 2 * B,
        HexColor(mix(spec["colour"], "#FFFFFF", 0.16)),
        step=mm(4),
        weight=0.8,
    )
    c.setFillColor(white)
    c.setStrokeColor(white)
    c.setLineWidth(1.5)
    c.circle(cx, cy, r, stroke=1, fill=1)
    place_icon(spec["icon"], cx - r * 0.6, cy - r * 0.6, r * 1.2)
    back_title, back_size = spec["title"]["fr"], 14.0
    while stringWidth(back_title, fam.bold, back_size) > W - 2 * S and back_size > 8:
        back_size -= 0.5
    c.setFillColor(HexColor(ink_on(spec["colour"])))
    c.setFont(fam.bold, back_size)
    c.drawCentredString(cx, cy - r - mm(3) - back_size * 0.7, back_title)
    c.setFont(fam.bold, 6.5)
    c.drawCentredString(cx, H - S - 6.5, manifest["title"]["fr"].upper(), charSpace=0.5)
    c.endForm()
    title_style = ParagraphStyle("t", fontName=fam.bold, fontSize=12, leading=13.2, textColor=ink)
    # The body at the size the pipeline's fit finds for this deck (a script would choose one that fits).
    body_style = ParagraphStyle(
        "b",
        fontName=fam.regular,
        fontSize=8.25,
        leading=9.9,
        hyphenationLang="fr_FR",
        embeddedHyphenation=1,
        textColor=ink,
    )
    small_style = ParagraphStyle("s", fontName=fam.regular, fontSize=7.5, leading=9, textColor=ink)
    qr_side = mm(20)
    disc_y = H - S - mm(5)
    cards = deck["cards"]
    per = plan.per_sheet
    for k in range(0, len(cards), per):
        chunk = cards[k : k + per]
        for slot, card in zip(plan.fronts, chunk):
            band, ring, label, icon, label_ink = looks[card["kind"]]
            c.saveState()
            clip(slot.box)
            c.transform(*slot.matrix)
            c.setFillColor(white)
            c.rect(-B, -B, W + 2 * B, H + 2 * B, stroke=0, fill=1)
            c.setFillColor(band)
            c.rect(-B, H - mm(13), W + 2 * B, mm(13) + B, stroke=0, fill=1)
            place(disc_form(ring), S + mm(5), disc_y)
            place_icon(icon, S + mm(1.8), disc_y - mm(3.2), mm(6.4))
            c.setFillColor(label_ink)
            c.setFont(fam.bold, 6)
            c.drawString(S + mm(12), H - S - mm(1.5), "RESSOURCE", charSpace=0.6)
            c.setFont(fam.bold, 9.5)
            c.drawString(S + mm(12), H - S - mm(6), label)
            place(disc_form(ring), W - S - mm(5), disc_y)
            c.setFillColor(ink)
            c.setFont(fam.bold, 13)
            c.drawCentredString(W - S - mm(5), disc_y - mm(1), str(card["value"]))
            c.setFont(fam.regular, 5.2)
            c.drawCentredString(W - S - mm(5), disc_y - mm(3.7), "Valeur")
            title = Paragraph(card["title"]["fr"], title_style)
            _, th = title.wrap(W - 2 * S, 1e6)
            top = H - mm(15) - th
            title.drawOn(c, S, top)
            c.setStrokeColor(band)
            c.setLineWidth(1.4)
            c.line(S, top - mm(1.3), S + mm(12), top - mm(1.3))
            body = Paragraph(to_markup(card["description"]["fr"], "fr").replace("mallette_icon", "icon"), body_style)
            _, bh = body.wrap(W - 2 * S, 1e6)
            body.drawOn(c, S, top - mm(3) - bh)
            f = fiches[card["fiche"]]
            name, n = qr_form(base + f["slug"])
            c.saveState()
            c.translate(W - S - qr_side, S)
            c.scale(qr_side / n, qr_side / n)
            c.doForm(name)
            c.restoreState()
            c.doForm(caption_form(f))
            c.setFillColor(grey)
            c.setFont(fam.regular, 5.5)
            c.drawString(S, S + 8, manifest["notice"])
            c.drawString(S, S + 1.4, f"{card['id']} · v{manifest['version']}")
            c.restoreState()
        c.saveState()
        c.setLineWidth(0.25)
        marks = c.beginPath()
        for m in plan.cut_marks:
            marks.moveTo(m.x0, m.y0)
            marks.lineTo(m.x1, m.y1)
        c.drawPath(marks, stroke=1, fill=0)
        c.restoreState()
        c.setFont(fam.regular, 6.5)
        c.drawCentredString(plan.page_w / 4, mm(5), f"Banc d'essai · recto feuille {k // per + 1}")
        c.showPage()
        for slot, _ in zip(plan.backs, chunk):
            c.saveState()
            clip(outer(slot.box))
            c.transform(*slot.matrix)
            c.doForm(back)
            c.restoreState()
        c.showPage()
    c.save()
    seconds = time.perf_counter() - t0
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "floor.pdf").write_bytes(buf.getvalue())
    return seconds
