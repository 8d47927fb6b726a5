"""Assemble the rulebook (cover, contents, the Markdown text, generated sections) and produce its two PDFs.

Default places for generated sections: components and card anatomy after the
first chapter of the text (where a rulebook presents its material), the
facilitator guide, fiches index, print guide and credits at the end. A line
`{{components}}` (etc.) in the Markdown puts a section elsewhere.

The print guide states the pages and sheets of every file, the rulebook's own
included, so the rulebook is laid out until its page counts stop changing
(usually twice).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from reportlab.platypus import Flowable

from .. import rules_source as rs
from ..booklet import padded
from ..licensing import pdf_meta
from ..i18n import tr
from ..model import GameData
from ..rulebook_content import PrintItem, duplex_sheets, placeholder_values
from ..rulebook_words import word
from . import rulebook_sections as sec
from .rulebook import Builder, PageSpec, build_pdf, cover, page_spec, styles_for, toc
from .colours import Palette
from .icons import IconSet, icon_index, inline_icon_drawer

FRONT = ("components", "anatomy")
BACK = ("facilitator", "fiches", "print", "credits")

SectionMaker = Callable[[str], list[Flowable]]


def front_position(blocks: tuple[rs.Block, ...]) -> int:
    """Index of the block before which the front sections go: the start of the text's second chapter."""
    heads = [(i, b.level) for i, b in enumerate(blocks) if isinstance(b, rs.Heading)]
    for level in sorted({lv for _, lv in heads}):
        at = [i for i, lv in heads if lv == level]
        if len(at) >= 2:
            return at[1]
    return 0


def story(data: GameData, lang: str, spec: PageSpec, doc: rs.RulesDoc | None, items: list[PrintItem],
          anatomy: Callable[[Builder], list[Flowable]] | None = None) -> list[Flowable]:
    """Every flowable of the rulebook, in order."""
    st = styles_for(spec, lang)
    w, h = spec.size
    b = Builder(st, w - 2 * spec.margin, h - spec.top - spec.bottom)
    b.icons = frozenset(icon_index(data))

    def section(name: str) -> list[Flowable]:
        if name == "components":
            return sec.components(data, lang, b)
        if name == "anatomy":
            return anatomy(b) if anatomy else []
        if name == "facilitator":
            return sec.facilitator(data, lang, b)
        if name == "fiches":
            return sec.fiches(data, lang, b)
        if name == "print":
            return sec.print_guide(data, lang, b, items, spec.name)
        return sec.credits(data, lang, b)

    blocks = doc.blocks if doc else ()
    placed = set(doc.slots()) if doc else set()
    at = front_position(blocks)
    out = cover(data, st, lang, b.height) + toc(st, lang)
    out += b.blocks(blocks[:at], section)
    first = blocks[at] if at < len(blocks) else None
    chapter = first.level if isinstance(first, rs.Heading) else 1
    for name in FRONT:
        if name not in placed:
            out += b.nested(chapter - 1, section, name)
    out += b.blocks(blocks[at:], section)
    for name in BACK:
        if name not in placed:
            out += section(name)
    return out


def header_text(data: GameData, lang: str) -> str:
    """The running header: title and version."""
    g = data.game
    return f"{tr(g.title, lang, g.default_language)} · {word('version', lang, version=g.version)}"


def render(data: GameData, lang: str, spec: PageSpec, doc: rs.RulesDoc | None, items: list[PrintItem],
           anatomy: Callable[[Builder], list[Flowable]] | None = None) -> tuple[bytes, int]:
    """The rulebook PDF at one page format, and its page count."""
    meta = pdf_meta(data, lang, "Règles" if lang == "fr" else "Rulebook")
    drawer = inline_icon_drawer(IconSet(Path(data.root), Palette(False)), icon_index(data))
    return build_pdf(story(data, lang, spec, doc, items, anatomy), spec, meta, header_text(data, lang), drawer)


def load_text(data: GameData, lang: str) -> rs.RulesDoc | None:
    """rules/<lang>.md parsed with the game's values (None when the game has no rules/ folder)."""
    return rs.load(Path(data.root), lang, placeholder_values(data, lang))


def own_items(lang: str, pages: int, booklet_pages: int) -> list[PrintItem]:
    """The print-guide rows of the rulebook and the booklet."""
    n = padded(booklet_pages) if booklet_pages else 0
    return [PrintItem("rulebook.pdf", word("how_rulebook", lang), pages, duplex_sheets(pages)),
            PrintItem("rulebook-booklet.pdf", word("how_booklet", lang), n // 2, n // 4)]


def render_both(data: GameData, lang: str, paper: str, others: list[PrintItem],
                anatomy: Callable[[Builder], list[Flowable]] | None = None) -> tuple[bytes, int, bytes, int]:
    """The full-page rulebook and the booklet pages, laid out until the print guide's counts are stable."""
    doc = load_text(data, lang)
    full_spec, small_spec = page_spec(paper), page_spec(paper, booklet=True)
    counts = (0, 0)
    full = small = b""
    for _ in range(4):
        items = others + own_items(lang, *counts)
        full, n_full = render(data, lang, full_spec, doc, items, anatomy)
        small, n_small = render(data, lang, small_spec, doc, items, anatomy)
        if (n_full, n_small) == counts:
            break
        counts = (n_full, n_small)
    return full, counts[0], small, counts[1]
