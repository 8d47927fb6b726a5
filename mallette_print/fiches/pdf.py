"""fiches.pdf: one page per fiche (two at most), each with the QR code of its own web page.

Laid out with reportlab's platypus on the build's paper: the fiche's number and title beside its QR code, the
notion, key ideas, an example, the cards citing it, debrief questions and further reading; on every page's foot
the companion-fiche mark and the licence notice. A fiche longer than two pages is a located error on its file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from mallette_print.core.errors import DataError, problem
from mallette_print.core.fiches import FICHES_DIR
from mallette_print.core.licensing import PdfMeta
from mallette_print.core.phrasebook import Phrases
from mallette_print.core.qrfit import FICHE_QR_MM
from mallette_print.core.units import mm
from mallette_print.draw.fonts import FontFamily, register_family
from mallette_print.draw.markup import escape
from mallette_print.draw.pdf import add_xmp, doc_settings
from mallette_print.draw.qr import QrCode, draw_qr
from mallette_print.fiches.content import FichePage

INK = HexColor("#1A1A1A")
ACCENT = HexColor("#00507F")  # the notion deck's blue
MUTED = HexColor("#4D4D4D")
MAX_PAGES = 2  # a fiche is printed on one sheet, two at most
MARGIN = mm(14)
FOOT = mm(15)


class _Mark(Flowable):
    """Zero-size marker recording the page a fiche starts on (and the end of the document)."""

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key, self.pages = key, pages
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


class _Qr(Flowable):
    """A QR code, quiet zone included, `size` points wide."""

    def __init__(self, code: QrCode, size: float) -> None:
        super().__init__()
        self.code, self.size = code, size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.code, 0, 0, self.size)


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, size: tuple[float, float], meta: PdfMeta, fam: FontFamily, foot: str) -> None:
        super().__init__(
            buf,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=FOOT + mm(4),
            **doc_settings(meta, fam),
        )
        self.meta, self.fam, self.foot = meta, fam, foot
        w, h = size
        frame = Frame(MARGIN, FOOT + mm(4), w - 2 * MARGIN, h - MARGIN - FOOT - mm(4), id="body", showBoundary=0)
        frame.leftPadding = frame.rightPadding = frame.topPadding = frame.bottomPadding = 0
        self.addPageTemplates([PageTemplate("fiche", [frame], onPage=self._page)])

    def _page(self, canv: Any, doc: Any) -> None:
        w, _ = self.pagesize
        canv.saveState()
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, FOOT, w - MARGIN, FOOT)
        canv.setFillColor(MUTED)
        canv.setFont(self.fam.regular, 8)
        y = FOOT - mm(4.5)
        for line in self.foot.split("\n"):
            canv.drawString(MARGIN, y, line)
            y -= 10
        canv.restoreState()

    def handle_documentBegin(self) -> None:
        add_xmp(self.canv, self.meta)
        super().handle_documentBegin()


def _styles(fam: FontFamily, lang: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fam.regular, fontSize=10, leading=13.2, textColor=INK, spaceAfter=3)
    base.hyphenationLang = ""
    return {
        "body": base,
        "label": ParagraphStyle("label", parent=base, fontName=fam.bold, fontSize=11, textColor=ACCENT, spaceAfter=2),
        "title": ParagraphStyle("title", parent=base, fontName=fam.bold, fontSize=19, leading=23, spaceAfter=4),
        "companion": ParagraphStyle("companion", parent=base, fontName=fam.italic, fontSize=9.5, textColor=MUTED),
        "lead": ParagraphStyle("lead", parent=base, fontSize=11.5, leading=15.5, spaceBefore=2, spaceAfter=4),
        "h": ParagraphStyle(
            "h", parent=base, fontName=fam.bold, fontSize=12, leading=15, textColor=ACCENT, spaceBefore=6
        ),
        "item": ParagraphStyle(
            "item", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=1.5, bulletFontName=fam.regular
        ),
        "ref": ParagraphStyle(
            "ref",
            parent=base,
            fontSize=9,
            leading=11.5,
            leftIndent=12,
            bulletIndent=2,
            spaceAfter=1.5,
            bulletFontName=fam.regular,
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED, spaceAfter=0),
    }


def _esc(text: str) -> str:
    return escape(text, quotes=False)


def fiche_story(page: FichePage, st: dict[str, ParagraphStyle], words: Phrases, code: QrCode) -> list[Flowable]:
    """The flowables of one fiche, starting with its header (number, title, QR code)."""
    qr = mm(FICHE_QR_MM) + mm(6)
    head_left = [
        Paragraph(_esc(page.label), st["label"]),
        Paragraph(_esc(page.title), st["title"]),
        Paragraph(_esc(page.companion), st["companion"]),
    ]
    head_right = [
        Paragraph(_esc(words("fiche.online")), st["small"]),
        _Qr(code, qr),
        Paragraph(_esc(page.url), st["small"]),
    ]
    head = Table([[head_left, head_right]], colWidths=[None, qr + mm(14)])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), st["body"].fontName),  # never a base-14 font, even unused
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, -1), mm(3)),
            ]
        )
    )
    out: list[Flowable] = [head, Spacer(1, mm(3))]
    if not page.written:
        out.append(Paragraph(_esc(words("fiche.not_written")), st["lead"]))
    else:
        out.append(Paragraph(_esc(page.summary), st["lead"]))
        out.append(
            _section(
                words("fiche.key_ideas"), [Paragraph(_esc(x), st["item"], bulletText="•") for x in page.key_ideas], st
            )
        )
        example = [Paragraph(_esc(page.example_text), st["body"])]
        out.append(_section(words("fiche.example", title=page.example_title), example, st))
    # The cards citing the fiche, one line per deck: "Acteurs : Accorderie (SEL), Régie de quartier".
    decks: dict[str, list[str]] = {}
    for c in page.cards:
        decks.setdefault(c.deck, []).append(c.title)
    colon = words("fiche.deck_colon")
    cards = [
        Paragraph(f"<b>{_esc(deck)}</b>{colon}{_esc(', '.join(titles))}", st["item"], bulletText="•")
        for deck, titles in decks.items()
    ]
    intro = words("fiche.in_game_intro") if page.cards else words("fiche.no_card")
    out.append(_section(words("fiche.in_game"), [Paragraph(_esc(intro), st["body"]), *cards], st))
    if page.questions:
        qs = [Paragraph(_esc(q), st["item"], bulletText=f"{i}.") for i, q in enumerate(page.questions, start=1)]
        out.append(_section(words("fiche.questions"), qs, st))
    if page.reading:
        refs = []
        for r in page.reading:
            bits = f"{_esc(r.authors)}, <i>{_esc(r.title)}</i>" + (f", {_esc(r.details)}" if r.details else "")
            if r.url:
                bits += f" — {_esc(r.url)}"
            refs.append(Paragraph(bits, st["ref"], bulletText="•"))
        out.append(_section(words("fiche.reading"), refs, st))
    return out


def _section(title: str, body: Sequence[Flowable], st: dict[str, ParagraphStyle]) -> Flowable:
    """A heading kept with the start of its section."""
    return KeepTogether([Paragraph(_esc(title), st["h"]), *body])


def fiches_pdf(
    pages: list[FichePage],
    size: tuple[float, float],
    meta: PdfMeta,
    lang: str,
    default: str,
    qr: Any,
    root: Path,
    foot: str,
) -> tuple[bytes, int]:
    """The PDF bytes and page count; DataError when a fiche takes more than two pages (located on its file)."""
    fam = register_family()
    words = Phrases(lang, default)
    st = _styles(fam, lang)
    starts: dict[str, int] = {}
    story: list[Flowable] = []
    for i, page in enumerate(pages):
        if i:
            story.append(PageBreak())
        story.append(_Mark(page.id, starts))
        story += fiche_story(page, st, words, qr(page.url))
    story.append(_Mark("", starts))
    buf = io.BytesIO()
    doc = _Doc(buf, size, meta, fam, foot)
    doc.build(story)
    total = doc.page
    problems = []
    for i, page in enumerate(pages):
        end = starts.get(pages[i + 1].id, total + 1) if i + 1 < len(pages) else total + 1
        n = end - starts.get(page.id, end)
        if n > MAX_PAGES:
            path = root / FICHES_DIR / f"{page.id}.yaml"
            problems.append(
                problem(
                    path,
                    1 if path.is_file() else 0,
                    1 if path.is_file() else 0,
                    f"fiche '{page.id}'",
                    f"takes {n} pages in fiches.pdf ({lang}); at most {MAX_PAGES}: shorten its texts",
                )
            )
    if problems:
        raise DataError(problems)
    return buf.getvalue(), total
