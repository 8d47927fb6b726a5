"""The rulebook's credits section: full attribution (TASL), the licence with a QR code to its deed, the chain of
adaptations, and the credits of the assets as assets/CREDITS writes them."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from mallette_print.core.i18n import tr
from mallette_print.core.licensing import attribution, deed_url
from mallette_print.core.model import GameData
from mallette_print.core.qrfit import LICENCE_QR_MM
from mallette_print.core.units import mm
from mallette_print.draw.markup import escape
from mallette_print.rulebook.builder import Builder
from mallette_print.rulebook.figures import Qr, Svg
from mallette_print.rulebook.styles import Paragraph, Table
from mallette_print.rulebook.words import curly, word

# Text between tags: quotes left as they are (see draw/markup.py); attribute values take escape() itself.
esc = partial(escape, quotes=False)


def credits_file(root: Path, lang: str) -> Path:
    """The asset credits in the build's language: assets/CREDITS.<lang> (or .<base language>), else assets/CREDITS."""
    for tag in (lang, lang.split("-")[0]):
        path = root / "assets" / f"CREDITS.{tag}"
        if path.is_file():
            return path
    return root / "assets" / "CREDITS"


def _assets_credits(root: Path, b: Builder, lang: str, d: str) -> list[Flowable]:
    """assets/CREDITS.<lang> (else assets/CREDITS) as it is written: titles underlined with dashes become
    subheadings."""
    path = credits_file(root, lang)
    if not path.is_file():
        return [b.para(esc(word("no_assets_credits", lang, d)))]
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[Flowable] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        pairs = [re.match(r"^\s+(\S+)\s{2,}(.+)$", line) for line in block]
        if all(line.startswith(" ") for line in block) and all(pairs):
            # An indented "name   description" list: a compact two-column table.
            rows = [
                [Paragraph(esc(m.group(1)), b.st.small), Paragraph(esc(m.group(2)), b.st.small)] for m in pairs if m
            ]
            t = Table(rows, colWidths=[b.width * 0.36, b.width * 0.64], hAlign="LEFT")
            t.setStyle(
                TableStyle(
                    [
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            t.spaceAfter = 6
            out.append(t)
        elif all(line.startswith(" ") for line in block):
            out.append(Paragraph("<br/>".join(esc(line.strip()) for line in block), b.st.body))
        else:  # a hard-wrapped paragraph: reflow it
            out.append(Paragraph(esc(" ".join(line.strip() for line in block)), b.st.body))
        block.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and nxt.strip() and set(nxt.strip()) <= set("-=") and len(nxt.strip()) >= 3:
            flush()
            if i > 0:  # the file's own title line is replaced by the section heading
                out += b.heading(3, esc(line.strip()))
            i += 2
            continue
        if not line.strip():
            flush()
        else:
            block.append(line)
        i += 1
    flush()
    return out


def credits(data: GameData, lang: str, b: Builder) -> list[Flowable]:
    """Full attribution (TASL), the licence with a QR code to its deed, the adaptation chain, assets credits."""
    st = b.st
    g = data.game
    d = g.default_language
    out: list[Flowable] = [PageBreak()]
    out += b.heading(1, esc(word("credits", lang, d)))
    out += b.heading(2, esc(word("work", lang, d)))
    deed = deed_url(data, lang)
    info = [
        (word("w_title", lang, d), esc(tr(g.title, lang, d))),
        (word("w_authors", lang, d), esc(curly(", ".join(g.authors)))),
        (word("w_source", lang, d), f'<a href="{escape(g.source_url)}" color="#0072B2">{esc(g.source_url)}</a>'),
        (
            word("w_licence", lang, d),
            f'{esc(g.licence.name)} – <a href="{escape(deed)}" color="#0072B2">{esc(deed)}</a>',
        ),
        (word("w_version", lang, d), f"{esc(g.version)} ({g.year})"),
    ]
    qr = mm(LICENCE_QR_MM)
    label_w = st.body.fontSize * 7
    rows = [[Paragraph(f"<b>{esc(k)}</b>", st.cell), Paragraph(v, st.cell)] for k, v in info]
    inner = Table(rows, colWidths=[label_w, b.width - label_w - qr - 10])
    inner.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    icons = [Path(data.root) / "assets" / "icons" / f"licence-{n}.svg" for n in ("cc", "by", "sa")]
    badge: list[Any] = [Qr(b.ctx.qr_code(deed), qr)]
    if all(p.is_file() for p in icons):
        row = Table([[Svg(p, mm(7), mm(7), b.ctx.svgs) for p in icons]], colWidths=[qr / 3] * 3)
        row.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ]
            )
        )
        badge.append(row)
    outer = Table([[inner, badge]], colWidths=[b.width - qr - 10, qr + 10])
    outer.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ]
        )
    )
    out.append(KeepTogether([outer, Spacer(1, 4)]))
    out.append(b.para(esc(word("licence_text", lang, d, licence=g.licence.name))))
    out += b.heading(2, esc(word("how_to_credit", lang, d)))
    out.append(b.box([Paragraph(esc(curly(attribution(data, lang))), st.body)], b.width))
    if g.adapted_from:
        out += b.heading(2, esc(word("adapted", lang, d)))
        for a in g.adapted_from:
            line = (
                f"<b>{esc(tr(a.title, lang, d))}</b> – {esc(', '.join(a.authors))}"
                f"{f' ({a.year})' if a.year else ''} – {esc(a.source_url)} – {esc(a.licence.name)}"
            )
            out.append(b.para(line))
            if a.changes:
                out.append(b.para(esc(word("changes", lang, d, text=tr(a.changes, lang, d))), st.small))
    out += b.heading(2, esc(word("assets_credits", lang, d)))
    out += _assets_credits(Path(data.root), b, lang, d)
    out.append(Spacer(1, 6))
    out.append(b.para(esc(word("software", lang, d)), st.small))
    return out
