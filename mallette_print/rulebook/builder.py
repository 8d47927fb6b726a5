"""The rulebook's flowables: the Markdown text, headings, tables, lists, boxes, the contents page and the cover.

The Markdown model (rules_source.py) becomes flowables here (laid out on pages by passes.py); the generated
sections (components, facilitator guide, fiches, print guide, credits) come
from rulebook_sections.py. Headings keep with what follows and chapters start
on a fresh page when less than a third of the page is left, so no heading is
stranded at a page bottom. The same code lays out a full page (A4/Letter) and
an A5 / half-letter page for the booklet (page formats and styles: rulebook_styles.py; the cover's
picture: cover.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from mallette_print.core.i18n import tr
from mallette_print.core.model import GameData
from mallette_print.core.units import mm
from mallette_print.draw.markup import escape
from mallette_print.draw.svg import SvgCache
from mallette_print.draw.textfit import icon_markup
from mallette_print.pipeline.context import BuildContext
from mallette_print.rulebook import source as rs
from mallette_print.rulebook.figures import scaled_image
from mallette_print.rulebook.styles import ACCENT, INK, RULE, SHADE, Paragraph, Styles, Table
from mallette_print.rulebook.words import curly, word

ICON_NAME = re.compile(r"(?<![\w:/]):([a-z0-9][a-z0-9_-]*):(?![\w/])")


KEEP_TABLE_ROWS = 15


class Grid(Table):
    """A table that moves whole to the next page when it is short (a long one splits, its header repeated)."""

    keep_within: float = 0.0  # the frame's height: a short table taller than that must split after all

    def __init__(self, data: Sequence[list[Any] | tuple[Any, ...]], *args: Any, **kwargs: Any) -> None:
        # reportlab makes the parts of a split table with the same class: they count their own rows.
        super().__init__(data, *args, **kwargs)
        self.row_count = len(data)
        self.laid_height = 0.0  # the height the last wrap gave

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = super().wrap(availWidth, availHeight)
        self.laid_height = height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.row_count <= KEEP_TABLE_ROWS + 1 and self.laid_height <= self.keep_within:
            return []  # reportlab then sets it at the top of the next page
        return super().split(availWidth, availHeight)


def markup(spans: rs.Inline, icons: Collection[str] = ()) -> str:
    """reportlab paragraph markup for inline spans (text escaped; `:name:` drawn as an icon when it is one)."""
    out: list[str] = []
    for s in spans:
        if s.linebreak:
            out.append("<br/>")
            continue
        t = escape(s.text, quotes=False)
        if icons and not s.code:
            t = ICON_NAME.sub(lambda m: icon_markup(m.group(1)) if m.group(1) in icons else m.group(0), t)
        if s.code:
            t = f'<font backColor="#EEEEEE">{t}</font>'
        if s.strike:
            t = f"<strike>{t}</strike>"
        if s.italic:
            t = f"<i>{t}</i>"
        if s.bold:
            t = f"<b>{t}</b>"
        if s.href:
            href = escape(s.href)
            t = f'<a href="{href}" color="#0072B2"><u>{t}</u></a>'
            # On paper a link is only useful if the address is visible.
            if s.text.strip() != s.href and not s.href.startswith("#"):
                t += f' <font size="-1">({href})</font>'
        out.append(t)
    return "".join(out)


class Heading(Paragraph):
    """A heading that reports itself to the table of contents and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, plain: str, in_toc: bool = True) -> None:
        super().__init__(text, style)
        self.level, self.plain, self.in_toc = level, plain, in_toc


class Count(Paragraph):
    """A paragraph whose text changes between layout passes: the print guide's page and sheet counts."""

    def show(self, text: str) -> None:
        """Show `text` from the next pass on (the paragraph made again, in its style)."""
        super().__init__(text, self.style)


class Builder:
    """Turns the Markdown model into flowables for one page format."""

    def __init__(self, st: Styles, width: float, height: float) -> None:
        self.st, self.width, self.height = st, width, height
        # Generated sections write their headings from level 1; placed among the text's chapters
        # they go `depth` levels deeper, so the table of contents keeps the text's hierarchy.
        self.depth = 0
        self.last_level = 1
        self.icons: frozenset[str] = frozenset()  # names written `:name:` in the text that are icons
        # The print guide's page and sheet cells by file name, when the caller updates them between passes.
        self.live: dict[str, list[tuple[Count, Count]]] | None = None
        # The build's caches: parsed SVG drawings, QR codes (story() gives the build's own).
        self.ctx = BuildContext()

    def heading(self, level: int, text: str, plain: str | None = None) -> list[Flowable]:
        """A heading of a generated section (shifted by `depth`)."""
        return self._heading(level + self.depth, text, plain)

    def _heading(self, level: int, text: str, plain: str | None = None) -> list[Flowable]:
        """A heading; chapters (level 1) need a third of a page left, else start a new one."""
        level = max(1, min(level, 3))
        plain = plain if plain is not None else text
        head = Heading(text, self.st.h[level - 1], level, plain)
        if level == 1:
            return [CondPageBreak(self.height / 3), head]
        return [CondPageBreak(self.height / 8), head]

    def nested(self, depth: int, section: Callable[[str], list[Flowable]], name: str) -> list[Flowable]:
        """A generated section placed `depth` levels below the top."""
        saved, self.depth = self.depth, max(0, depth)
        try:
            return section(name)
        finally:
            self.depth = saved

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A body paragraph."""
        return Paragraph(text, style or self.st.body)

    def blocks(
        self,
        blocks: tuple[rs.Block, ...] | list[rs.Block],
        section: Callable[[str], list[Flowable]],
        width: float | None = None,
    ) -> list[Flowable]:
        """Flowables for blocks; `section(name)` supplies generated sections placed by a slot."""
        width = width or self.width
        out: list[Flowable] = []
        for b in blocks:
            if isinstance(b, rs.Heading):
                self.last_level = b.level
                out.extend(self._heading(b.level, markup(b.spans, self.icons), b.text))
            elif isinstance(b, rs.Para):
                out.append(self.para(markup(b.spans, self.icons)))
            elif isinstance(b, rs.ListBlock):
                out.append(self.list_block(b, section, width))
            elif isinstance(b, rs.Table):
                out.append(self.table(b, width))
            elif isinstance(b, rs.Image):
                out.extend(self.image(b, width))
            elif isinstance(b, rs.Quote):
                out.append(self.box(self.blocks(b.blocks, section, width - mm(8)), width))
            elif isinstance(b, rs.Code):
                text = escape(b.text, quotes=False).replace("\n", "<br/>")
                out.append(self.box([Paragraph(text, self.st.cell)], width))
            elif isinstance(b, rs.Rule):
                out.append(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4, spaceAfter=8))
            elif isinstance(b, rs.SectionSlot):
                out.extend(self.nested(self.last_level - 1, section, b.name))
        return out

    def list_block(self, b: rs.ListBlock, section: Callable[[str], list[Flowable]], width: float) -> ListFlowable:
        """A bulleted or numbered list (nested lists indent further)."""
        st = self.st
        items: list[ListItem] = []
        for item in b.items:
            flows = self.blocks(item, section, width - st.body.fontSize * 1.6)
            for f in flows:
                if isinstance(f, Paragraph):
                    f.style = ParagraphStyle("li", parent=f.style, spaceAfter=st.body.fontSize * 0.25)
            items.append(ListItem(flows))
        kw: dict[str, Any] = dict(
            bulletFontName=st.fam.regular,
            bulletFontSize=st.body.fontSize,
            leftIndent=st.body.fontSize * 1.6,
            spaceAfter=st.body.fontSize * 0.5,
        )
        # ListFlowable takes ListItems (reportlab's documented use); the stub's item type leaves them out.
        if b.ordered:
            return ListFlowable(items, bulletType="1", start=b.start, bulletFormat="%s.", **kw)  # type: ignore[arg-type]
        return ListFlowable(items, bulletType="bullet", start="•", **kw)  # type: ignore[arg-type]

    def table(self, b: rs.Table, width: float, fixed: dict[int, float] | None = None) -> Table:
        """A Markdown table, columns sized to their content (or `fixed`), header repeated on every page."""
        st = self.st
        aligns = list(b.aligns) + ["left"] * 20

        def cell(spans: rs.Inline, col: int, head: bool = False) -> Paragraph:
            style = (
                st.cell_head if head else {"right": st.cell_right, "center": st.cell_centre}.get(aligns[col], st.cell)
            )
            if head and aligns[col] in ("right", "center"):
                style = ParagraphStyle("h", parent=style, alignment=TA_RIGHT if aligns[col] == "right" else TA_CENTER)
            return Paragraph(markup(spans, self.icons), style)

        rows = [[cell(c, i, True) for i, c in enumerate(b.header)]] + [
            [cell(c, i) for i, c in enumerate(r)] for r in b.rows
        ]
        texts = [["".join(s.text for s in c) for c in b.header]] + [
            ["".join(s.text for s in c) for c in r] for r in b.rows
        ]
        return self.grid(rows, texts, width, fixed)

    def grid(
        self,
        rows: list[list[Any]],
        texts: list[list[str]],
        width: float,
        fixed: dict[int, float] | None = None,
        header: bool = True,
    ) -> Table:
        """A full-width table whose columns share the width by content; the header row repeats."""
        st = self.st
        ncol = max(len(r) for r in rows)
        font, size, pad = st.fam.regular, st.cell.fontSize, 10.0
        natural = [0.0] * ncol
        minimum = [0.0] * ncol
        for r in texts:
            for i, t in enumerate(r):
                natural[i] = max(natural[i], stringWidth(t, font, size) + pad)
                longest = max((stringWidth(wd, font, size) for wd in t.split()), default=0.0)
                minimum[i] = max(minimum[i], min(longest, width / ncol) + pad)
        fixed = fixed or {}
        free = width - sum(fixed.values())
        cols = [i for i in range(ncol) if i not in fixed]
        nat = sum(natural[i] for i in cols)
        widths: dict[int, float] = dict(fixed)
        if nat <= free:
            for i in cols:
                widths[i] = natural[i] * free / nat if nat else free / len(cols)
        else:
            mins = sum(minimum[i] for i in cols)
            extra = sum(natural[i] - minimum[i] for i in cols) or 1.0
            for i in cols:
                widths[i] = minimum[i] + max(0.0, free - mins) * (natural[i] - minimum[i]) / extra
        style = TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
        if header:
            style.add("BACKGROUND", (0, 0), (-1, 0), SHADE)
            style.add("LINEBELOW", (0, 0), (-1, 0), 1.0, INK)
        table = Grid(
            rows,
            colWidths=[widths[i] for i in range(ncol)],
            repeatRows=1 if header else 0,
            hAlign="LEFT",
            spaceBefore=2,
            spaceAfter=st.body.fontSize,
        )
        table.keep_within = self.height
        table.setStyle(style)
        return table

    def image(self, b: rs.Image, width: float) -> list[Flowable]:
        """An image scaled to the text width (at most 40% of the page height), its alt text as caption."""
        flow = scaled_image(b.path, width, self.height * 0.4, self.ctx.svgs)
        out: list[Flowable] = [flow]
        if b.alt:
            out.append(Paragraph(escape(b.alt, quotes=False), self.st.caption))
        return [KeepTogether(out)]

    def box(self, flows: list[Flowable], width: float) -> Table:
        """A shaded box with a bar on the left: quotes, tips, code."""
        t = Table([[flows]], colWidths=[width])
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        t.spaceAfter = self.st.body.fontSize
        return t


def toc(st: Styles, lang: str, contents: TableOfContents, default: str | None = None) -> list[Flowable]:
    """The table of contents page (`contents`: the flowable kept across layout passes, passes.contents_flowable)."""
    title = word("contents", lang, default)
    return [Heading(title, st.h[0], 1, title, in_toc=False), contents, PageBreak()]


def cover(data: GameData, st: Styles, lang: str, height: float, svgs: SvgCache | None = None) -> list[Flowable]:
    """The first page: title, subtitle, who and how long, version and licence."""
    g = data.game
    p = g.parameters
    d = g.default_language
    facts = word(
        "facts", lang, d, players=f"{p.players_min}–{p.players_max}", play=p.play_minutes, debrief=p.debrief_minutes
    )
    from mallette_print.rulebook.cover import FamilyRow

    return [
        Spacer(1, height * 0.16),
        Paragraph(escape(tr(g.title, lang, d), quotes=False), st.title),
        Paragraph(escape(tr(g.subtitle, lang, d), quotes=False), st.subtitle) if g.subtitle else Spacer(1, 1),
        HRFlowable(width="100%", thickness=2, color=ACCENT, spaceBefore=6, spaceAfter=14),
        Paragraph(escape(facts, quotes=False), st.body),
        Spacer(1, height * 0.07),
        FamilyRow(data, lang, st.fam, height * 0.2, svgs),
        Spacer(1, height * 0.1),
        Paragraph(
            escape(curly(f"{word('version', lang, d, version=g.version)} · {g.year} · {g.licensor}"), quotes=False),
            st.body,
        ),
        Paragraph(escape(word("cover_licence", lang, d, licence=g.licence.name), quotes=False), st.small),
        NextPageTemplate("body"),
        PageBreak(),
    ]
