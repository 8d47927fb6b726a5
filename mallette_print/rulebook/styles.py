"""The rulebook's page formats and paragraph styles: A4 / Letter pages, A5 / half-letter booklet pages, and the
styles of one format in one language, all in the embedded font family.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab import platypus
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from mallette_print.core.typography import hyphenation
from mallette_print.core.units import mm
from mallette_print.draw.fonts import FontFamily, register_family

INK = colors.HexColor("#1A1A1A")
ACCENT = colors.HexColor("#0072B2")  # Okabe-Ito blue: headings are also bigger and bold, never colour alone
SHADE = colors.HexColor("#EEF3F7")
RULE = colors.HexColor("#9AA5AD")


def table_font() -> tuple[Any, ...]:
    """The table style command giving every cell the embedded font (reportlab's default is Helvetica, which a
    table selects on the canvas even when each cell is a paragraph with its own font: an unembedded font)."""
    return ("FONT", (0, 0), (-1, -1), register_family().regular, 10, 12)


class Table(platypus.Table):
    """reportlab's table, its cells in the embedded font (see `table_font`); later styles still apply on top."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle(platypus.TableStyle([table_font()]))


_WRAP_STATE = ("width", "_wrapWidths", "blPara", "height", "_width_max", "_hyphenations", "_splitLongWordCount")


class Paragraph(platypus.Paragraph):
    """reportlab's paragraph that never ends a page on a hyphenated word: the split moves that line over.

    Its lines are remembered: platypus wraps a paragraph several times in a pass (to place it, to keep it with
    the next, in a table's cells), and the rulebook is laid out in several passes, every time at the same width
    with the same text and style. Wrapped again at that width, it takes the lines of the last wrap (the same
    lines reportlab would find again) instead of breaking them anew; a split, a new text or style wraps anew.
    """

    _kept_wrap: tuple[Any, ...] | None = None  # (width, frags, style, the attributes the wrap set)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        kept = self._kept_wrap
        if kept is not None and kept[0] == availWidth and kept[1] is self.frags and kept[2] is self.style:
            for name, value in kept[3]:
                setattr(self, name, value)
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        state = tuple((name, getattr(self, name)) for name in _WRAP_STATE if hasattr(self, name))
        self._kept_wrap = (availWidth, self.frags, self.style, state)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        leading = float(self.style.leading)
        while len(parts) == 2 and _ends_hyphenated(parts[0], availWidth, availHeight) and availHeight > leading:
            availHeight -= leading
            parts = super().split(availWidth, availHeight)
        self._kept_wrap = None  # a split may change the words' frags: the next wrap breaks anew
        return parts


def _ends_hyphenated(part: Any, width: float, height: float) -> bool:
    """Whether the last line of a paragraph (the first part of a split) ends with a hyphen."""
    if not isinstance(part, platypus.Paragraph):
        return False
    part.wrap(width, height)
    lines = getattr(getattr(part, "blPara", None), "lines", None)
    if not lines:
        return False
    last = lines[-1]
    words = getattr(last, "words", None)
    text = "".join(getattr(w, "text", "") for w in words) if words is not None else " ".join(last[1])
    return text.rstrip().endswith(("-", "\u00ad"))


@dataclass(frozen=True)
class PageSpec:
    """A page format for the rulebook: size, margins and body text size."""

    name: str
    size: tuple[float, float]
    margin: float
    top: float
    bottom: float
    body: float


def page_spec(paper: str, booklet: bool = False) -> PageSpec:
    """A4 / Letter for the rulebook, A5 / half-letter for the booklet pages."""
    if paper == "letter":
        size = (5.5 * 72, 8.5 * 72) if booklet else (8.5 * 72, 11 * 72)
    else:
        size = (mm(148), mm(210)) if booklet else (mm(210), mm(297))
    if booklet:
        return PageSpec(paper, size, mm(14), mm(17), mm(15), 10.0)
    return PageSpec(paper, size, mm(22), mm(22), mm(20), 11.0)


class Styles:
    """Paragraph styles for one page format and language, all in the embedded family."""

    def __init__(self, fam: FontFamily, spec: PageSpec, lang: str) -> None:
        b = spec.body
        hy = hyphenation(lang)
        self.fam = fam
        self.body = ParagraphStyle(
            "body",
            fontName=fam.regular,
            # Bullets, question marks and step numbers (bulletText) in the embedded font, not reportlab's Helvetica.
            bulletFontName=fam.regular,
            fontSize=b,
            leading=b * 1.35,
            textColor=INK,
            spaceAfter=b * 0.6,
            hyphenationLang=hy,
            embeddedHyphenation=1,
            uriWasteReduce=0.3,
            # No line of a paragraph alone at the foot (orphan) or the head (widow) of a page.
            allowWidows=0,
            allowOrphans=0,
        )
        # A sentence that introduces a table: it goes to the next page with the table rather than stay alone.
        self.lead_in = ParagraphStyle("leadin", parent=self.body, keepWithNext=1)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=b - 1.5, leading=(b - 1.5) * 1.3, spaceAfter=2)
        self.cell = ParagraphStyle("cell", parent=self.body, spaceAfter=0, fontSize=b - 0.5, leading=(b - 0.5) * 1.3)
        self.cell_head = ParagraphStyle("cellhead", parent=self.cell, fontName=fam.bold)
        self.cell_right = ParagraphStyle("cellright", parent=self.cell, alignment=TA_RIGHT)
        self.cell_centre = ParagraphStyle("cellcentre", parent=self.cell, alignment=TA_CENTER)
        self.caption = ParagraphStyle(
            "caption", parent=self.small, fontName=fam.italic, alignment=TA_CENTER, spaceBefore=2, spaceAfter=b
        )
        self.h = [
            ParagraphStyle(
                "h1",
                fontName=fam.bold,
                fontSize=b * 2.0,
                leading=b * 2.4,
                textColor=ACCENT,
                spaceBefore=b * 0.5,
                spaceAfter=b * 0.9,
                keepWithNext=1,
                hyphenationLang="",
            ),
            ParagraphStyle(
                "h2",
                fontName=fam.bold,
                fontSize=b * 1.4,
                leading=b * 1.75,
                textColor=INK,
                spaceBefore=b * 1.1,
                spaceAfter=b * 0.45,
                keepWithNext=1,
            ),
            ParagraphStyle(
                "h3",
                fontName=fam.bold,
                fontSize=b * 1.12,
                leading=b * 1.4,
                textColor=INK,
                spaceBefore=b * 0.8,
                spaceAfter=b * 0.3,
                keepWithNext=1,
            ),
        ]
        self.title = ParagraphStyle(
            "title",
            fontName=fam.bold,
            fontSize=b * 3.2,
            leading=b * 3.7,
            textColor=INK,
            alignment=TA_LEFT,
            spaceAfter=b,
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=fam.regular, fontSize=b * 1.5, leading=b * 1.9, textColor=INK, spaceAfter=b * 1.5
        )
        # Contents rows carry no cell padding (see contents_flowable): the space is in the leading and before each
        # chapter, so that the whole contents fits one A5 booklet page.
        self.toc = [
            ParagraphStyle(
                "toc1",
                fontName=fam.bold,
                fontSize=b + 0.5,
                leading=(b + 0.5) * 1.4,
                leftIndent=0,
                firstLineIndent=0,
                spaceBefore=b * 0.7,
            ),
            ParagraphStyle(
                "toc2", fontName=fam.regular, fontSize=b, leading=b * 1.4, leftIndent=b * 1.5, firstLineIndent=0
            ),
        ]


def styles_for(spec: PageSpec, lang: str) -> Styles:
    """The styles of a page format in a language."""
    return Styles(register_family(), spec, lang)
