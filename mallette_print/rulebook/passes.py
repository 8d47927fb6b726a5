"""Laying a rulebook document out on its pages, pass after pass, until its table of contents is settled.

RulebookDoc is the page template (cover, then body pages with a running header and page numbers); Passes
runs reportlab's multiBuild on it one pass at a time, the caller deciding when to stop (see Passes), with
Contents, the table of contents kept across passes. The flowables come from builder.py.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any, Literal

from reportlab.lib.styles import ParagraphStyle, PropertySet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from mallette_print.core.licensing import PdfMeta
from mallette_print.draw.fonts import FontFamily, register_family
from mallette_print.draw.icons import OnDraw
from mallette_print.draw.pdf import add_xmp, doc_settings
from mallette_print.draw.textfit import ICON_CALLBACK
from mallette_print.rulebook.builder import Heading
from mallette_print.rulebook.styles import INK, RULE, PageSpec, Styles, styles_for, table_font


def _skip_drawing(*args: Any, **kwargs: Any) -> None:
    pass


class _Frame(Frame):
    """A frame that can lay flowables out without drawing them (a dry pass: only page numbers are wanted)."""

    dry = False

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> Literal[0, 1]:
        if not self.dry:
            return super().add(flowable, canv, trySplit)
        # Where a flowable goes never depends on its drawing: platypus wraps and splits before it draws. The
        # flowable's drawOn is shadowed for the call (mypy flags assigning to a method; here it is the point).
        flowable.drawOn = _skip_drawing  # type: ignore[method-assign]
        try:
            return super().add(flowable, canv, trySplit)
        finally:
            del flowable.drawOn


class RulebookDoc(BaseDocTemplate):
    """Doc template: cover page, then body pages with a running header and a page number."""

    def __init__(self, buf: io.BytesIO, spec: PageSpec, meta: PdfMeta, fam: FontFamily, header: str) -> None:
        super().__init__(
            buf,
            pagesize=spec.size,
            leftMargin=spec.margin,
            rightMargin=spec.margin,
            topMargin=spec.top,
            bottomMargin=spec.bottom,
            **doc_settings(meta, fam),
        )
        self.spec, self.fam, self.header, self.meta = spec, fam, header, meta
        self.icon_drawer: OnDraw | None = None  # draws `:name:` icons in the text (draw/icons.inline_icon_drawer)
        self.chapter = self._top_chapter = self._opened = ""
        self._seq = 0
        w, h = spec.size
        frame = self.frame_ = _Frame(
            spec.margin,
            spec.bottom,
            w - 2 * spec.margin,
            h - spec.top - spec.bottom,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPageEnd=self._cover_page),
                PageTemplate("body", [frame], onPage=self._page_start, onPageEnd=self._body_page),
            ]
        )

    def _cover_page(self, canv: Any, doc: Any) -> None:
        pass

    def _page_start(self, canv: Any, doc: Any) -> None:
        if self.icon_drawer is not None:
            canv.setNamedCB(ICON_CALLBACK, self.icon_drawer)
        # The header names the chapter in force at the top of the page, or the one that opens on it.
        self._top_chapter, self._opened = self.chapter, ""

    def _body_page(self, canv: Any, doc: Any) -> None:
        spec, fam = self.spec, self.fam
        w, h = spec.size
        size = max(8.0, spec.body - 2)
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(fam.regular, size)
        y = h - spec.top + size * 1.6
        canv.drawString(spec.margin, y, self.header)
        chapter = self._opened or self._top_chapter
        if chapter:
            canv.drawRightString(w - spec.margin, y, chapter)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(spec.margin, y - size * 0.6, w - spec.margin, y - size * 0.6)
        canv.setFont(fam.bold, size + 1)
        canv.drawCentredString(w / 2, spec.bottom - size * 2.4, str(canv.getPageNumber()))
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        """Register headings with the table of contents and the PDF outline; track the running chapter."""
        if not isinstance(flowable, Heading):
            return
        if flowable.level == 1:
            self.chapter = flowable.plain
            self._opened = self._opened or flowable.plain
        self._seq += 1
        key = f"h{self._seq}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.plain, key, level=flowable.level - 1, closed=flowable.level > 1)
        if flowable.in_toc and flowable.level <= 2:
            self.notify("TOCEntry", (flowable.level - 1, flowable.plain, self.page, key))

    def handle_documentBegin(self) -> None:
        self.chapter = ""
        self._seq = 0
        add_xmp(self.canv, self.meta)
        super().handle_documentBegin()


class Contents(TableOfContents):
    """The table of contents. It also keeps the entries of the pass under way where we can read them (reportlab's
    list is private), and lets its owner answer multiBuild's question at the end of each pass (see Passes)."""

    def __init__(self, level_styles: Sequence[ParagraphStyle], table_style: TableStyle) -> None:
        self.entries: list[tuple[int, str, int, str | None]] = []  # this pass's: (level, text, page, key)
        # The stub wants the level styles as a list of PropertySet (ParagraphStyle's base class).
        levels: list[PropertySet] = list(level_styles)
        super().__init__(levelStyles=levels, dotsMinLevel=0, tableStyle=table_style)
        # Called with "are the entries settled?" after each pass; returns whether the layout may stop there.
        self.end_of_pass: Callable[[bool], bool] | None = None

    def clearEntries(self) -> None:
        super().clearEntries()
        self.entries = []

    def addEntry(self, level: int, text: str, pageNum: int, key: str | None = None) -> None:
        super().addEntry(level, text, pageNum, key)
        self.entries.append((level, text, pageNum, key))

    def isSatisfied(self) -> bool:
        settled = super().isSatisfied()
        return settled if self.end_of_pass is None else self.end_of_pass(settled)


def contents_flowable(st: Styles) -> Contents:
    """The table of contents itself (kept across layout passes: it shows the entries of the previous one)."""
    # reportlab's default table style pads every row by 3 pt above and below (6 pt a line): 25 lines of the
    # booklet's contents then spilled onto a second page.
    style = TableStyle(
        [
            table_font(),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return Contents(st.toc, style)


MAX_PASSES = 50  # multiBuild's own limit, never reached: the caller stops a document sooner (rulebook/story.py)
_AGAIN, _DONE, _STOP = "again", "done", "stop"  # the caller's answers at the end of a pass


class _Stopped(Exception):
    """Ends a layout under way without writing it (Passes.close)."""


class Passes:
    """One rulebook document laid out by reportlab's multiBuild a pass at a time, the caller deciding when to stop.

    The full-page rulebook and the booklet print each other's page counts, so they are laid out in turns, each
    pass showing the latest counts (rulebook/story.py), with one table of contents kept across passes.

    multiBuild lays the story out again until its indexing flowables are satisfied, and undoes between passes
    what a pass changed in the flowables. Here the table of contents, the story's only indexing flowable, asks
    the caller at the end of each pass. multiBuild runs in a thread of its own that waits there while the
    caller works (lays out the other document), until the caller answers: `run` (another pass) or `save`
    (stop: multiBuild writes the PDF of that last pass). One of the two threads works at a time, never both.
    """

    def __init__(
        self, spec: PageSpec, meta: PdfMeta, header: str, lang: str, icon_drawer: OnDraw | None = None
    ) -> None:
        self.spec = spec
        self.buf = io.BytesIO()
        self.doc = RulebookDoc(self.buf, spec, meta, register_family(), header)
        self.doc.icon_drawer = icon_drawer
        self.contents = contents_flowable(styles_for(spec, lang))
        self.contents.end_of_pass = self._end_of_pass
        self.passes = 0
        self.pages = 0
        self.satisfied = False
        self.dry = False
        self._story: list[Flowable] | None = None
        self._builder: threading.Thread | None = None
        self._answers: queue.SimpleQueue[str] = queue.SimpleQueue()  # caller -> multiBuild's thread
        self._reports: queue.SimpleQueue[BaseException | None] = queue.SimpleQueue()  # and back: a pass done

    def run(self, story: list[Flowable], dry: bool = False) -> bool:
        """Lay the story out once more (the same list every time); True when the table of contents is settled.

        A dry pass lays out without drawing (half the time): fine for a pass known not to be the last.
        """
        self.doc.frame_.dry = self.dry = dry
        if self._builder is None:
            if [f for f in story if f.isIndexing()] != [self.contents]:
                raise ValueError("the story's only indexing flowable must be this document's table of contents")
            self._story = story
            self._builder = threading.Thread(
                target=self._multi_build, args=(story,), name="rulebook-passes", daemon=True
            )
            self._builder.start()
        else:
            if story is not self._story:
                raise ValueError("every pass lays out the same story")
            self._answers.put(_AGAIN)
        self._wait()
        return self.satisfied

    def save(self) -> bytes:
        """The PDF of the last pass."""
        assert self._builder is not None and not self.dry
        self._answers.put(_DONE)
        self._wait()
        self._builder.join()
        return self.buf.getvalue()

    def close(self) -> None:
        """End a layout still under way without writing it (the caller gives up, on an error)."""
        if self._builder is not None and self._builder.is_alive():
            self._answers.put(_STOP)
            self._builder.join()

    def _multi_build(self, story: list[Flowable]) -> None:
        """multiBuild's thread."""
        try:
            self.doc.multiBuild(story, maxPasses=MAX_PASSES)
        except _Stopped:
            return
        except BaseException as exc:  # any of them: the caller's thread raises it
            self._reports.put(exc)
            return
        self._reports.put(None)

    def _end_of_pass(self, settled: bool) -> bool:
        """In multiBuild's thread after each pass: report it, wait for the caller's answer; True stops there."""
        self.passes += 1
        self.pages = self.doc.page
        self.satisfied = settled
        self._reports.put(None)
        answer = self._answers.get()
        if answer == _STOP:
            raise _Stopped
        return answer == _DONE

    def _wait(self) -> None:
        """Wait for multiBuild's thread to finish a pass (or the document); raise what it raised."""
        problem = self._reports.get()
        if problem is not None:
            raise problem
