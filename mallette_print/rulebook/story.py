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

from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Flowable
from reportlab.platypus.tableofcontents import TableOfContents

from mallette_print.core.i18n import tr
from mallette_print.core.licensing import pdf_meta
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import text
from mallette_print.draw.colours import Palette
from mallette_print.draw.icons import IconSet, icon_index, inline_icon_drawer
from mallette_print.pipeline.context import BuildContext
from mallette_print.rulebook import sections as sec
from mallette_print.rulebook import source as rs
from mallette_print.rulebook.booklet_order import padded
from mallette_print.rulebook.builder import Builder, Count, cover, toc
from mallette_print.rulebook.content import PrintItem, duplex_sheets, placeholder_values
from mallette_print.rulebook.credits import credits
from mallette_print.rulebook.passes import Passes, contents_flowable
from mallette_print.rulebook.styles import PageSpec, page_spec, styles_for
from mallette_print.rulebook.words import word

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


def story(
    data: GameData,
    lang: str,
    spec: PageSpec,
    doc: rs.RulesDoc | None,
    items: list[PrintItem],
    anatomy: Callable[[Builder], list[Flowable]] | None = None,
    contents: TableOfContents | None = None,
    live: dict[str, list[tuple[Count, Count]]] | None = None,
    ctx: BuildContext | None = None,
) -> list[Flowable]:
    """Every flowable of the rulebook, in order (live: gets the print guide's count cells by file name)."""
    st = styles_for(spec, lang)
    w, h = spec.size
    b = Builder(st, w - 2 * spec.margin, h - spec.top - spec.bottom)
    b.live = live
    b.ctx = ctx or BuildContext()
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
        if name == "setup_sets":
            return sec.setup_sets(data, lang, b)
        if name == "print":
            return sec.print_guide(data, lang, b, items, spec.name)
        return credits(data, lang, b)

    blocks = doc.blocks if doc else ()
    placed = set(doc.slots()) if doc else set()
    at = front_position(blocks)
    out = cover(data, st, lang, b.height, b.ctx.svgs) + toc(
        st, lang, contents or contents_flowable(st), data.game.default_language
    )
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
    return f"{tr(g.title, lang, g.default_language)} · {word('version', lang, g.default_language, version=g.version)}"


def load_text(data: GameData, lang: str) -> rs.RulesDoc | None:
    """rules/<lang>.md parsed with the game's values (None when the game has no rules/ folder)."""
    return rs.load(Path(data.root), lang, placeholder_values(data, lang))


def own_items(lang: str, pages: int, booklet_pages: int, default: str | None = None) -> list[PrintItem]:
    """The print-guide rows of the rulebook and the booklet."""
    n = padded(booklet_pages) if booklet_pages else 0
    return [
        PrintItem("rulebook.pdf", word("how_rulebook", lang, default), pages, duplex_sheets(pages)),
        PrintItem("rulebook-booklet.pdf", word("how_booklet", lang, default), n // 2, n // 4),
    ]


def render_both(
    data: GameData,
    lang: str,
    paper: str,
    others: list[PrintItem],
    anatomy: Callable[[Builder], list[Flowable]] | None = None,
    ctx: BuildContext | None = None,
) -> tuple[bytes, int, bytes, int]:
    """The full-page rulebook and the booklet pages, laid out until the print guide's counts are stable.

    Each print guide shows the page counts of both documents, so the two are laid out in turns, each pass with
    the latest counts, until both tables of contents are settled and each document's last pass showed the
    final counts: usually 4 passes in all (each document needs 2 for its table of contents), the first of each
    without drawing.
    """
    doc = load_text(data, lang)
    meta = pdf_meta(data, lang, text("pdf.rulebook", lang, data.game.default_language))
    header = header_text(data, lang)
    ctx = ctx or BuildContext()
    drawer = inline_icon_drawer(IconSet(Path(data.root), Palette(False), ctx.svgs), icon_index(data))
    runs = [Passes(page_spec(paper, booklet=booklet), meta, header, lang, drawer) for booklet in (False, True)]
    shown: list[tuple[int, int] | None] = [None, None]

    def counts() -> tuple[int, int]:
        return runs[0].pages, runs[1].pages

    stories: list[list[Flowable]] = [[], []]
    live: list[dict[str, list[tuple[Count, Count]]]] = [{}, {}]

    def lay_out(i: int) -> None:
        shown[i] = counts()
        run = runs[i]
        mine = own_items(lang, *counts(), data.game.default_language)
        if not stories[i]:
            stories[i] = story(data, lang, run.spec, doc, others + mine, anatomy, run.contents, live[i], ctx)
        else:
            # The same flowables pass after pass (as multiBuild does); only the rulebook's own counts change.
            for it in mine:
                for pages, sheets in live[i].get(it.name, []):
                    pages.show(str(it.pages))
                    sheets.show(sec.sheets_text(it))
        # A document's first pass cannot be its last (its table of contents is still empty): no drawing.
        run.run(stories[i], dry=run.passes == 0)

    try:
        lay_out(0)
        # The booklet's contents list the same headings: showing the full-page ones (other page numbers, same
        # lines) in its first pass gives the contents their real length at once, so its page count settles a
        # pass earlier.
        runs[1].contents.addEntries(runs[0].contents.entries)
        lay_out(1)
        # The booklet first: its page count moves most (its contents take two pages).
        for _ in range(10):
            pending = [i for i in (1, 0) if runs[i].dry or not (runs[i].satisfied and shown[i] == counts())]
            if not pending:
                break
            lay_out(pending[0])
        return runs[0].save(), runs[0].pages, runs[1].save(), runs[1].pages
    finally:
        for run in runs:
            run.close()
