"""Rich card text -> reportlab Paragraph markup, and shrink-to-fit into a box.

This module measures text with reportlab's Paragraph (the only reliable way to
know how a paragraph wraps, hyphenation included) but draws nothing: fitting
returns a frozen result or an overflow report, and the renderer draws it.

Markup written in the data: `**bold**`, `*italic*`, and inline icons
`:name:` (a family, resource kind, zone or track id, or an icon file name
without `.svg`). An inline icon is reserved as a run of non-breaking spaces
(so it sticks to the next word and wraps with it) and drawn as a vector icon
by an `<onDraw>` callback at the position reportlab gives it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from mallette_print.core.model import TextStyle
from mallette_print.core.typography import hyphenation, typeset
from mallette_print.core.units import parse_length
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.markup import escape, unescape

NBSP = "\u00a0"
ICON_SPACES = 4  # an inline icon is as wide as 4 non-breaking spaces (1.12 em in Atkinson Hyperlegible)
ICON_CALLBACK = "mallette_icon"
_ICON = re.compile(r"(?<![\w:/]):([a-z0-9][a-z0-9_-]*):(?![\w/])")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", re.S)
_TAKING = threading.Lock()
STEP = 0.25  # pt: shrink step; small enough to look continuous, coarse enough to be cheap


_HELD = re.compile("\x00(\\d+)\x00")


def icon_names(text: str) -> list[str]:
    """The inline icon names `:name:` used in a text, in order."""
    return _ICON.findall(text)


def to_markup(text: str, lang: str) -> str:
    """Card text with **bold**, *italic* and :icons: -> Paragraph markup (escaped, the language's typography)."""
    # Icons become placeholders first, so that the colons of `:name:` never get a space before them.
    names: list[str] = []

    def hold(m: re.Match[str]) -> str:
        names.append(m.group(1))
        return f"\x00{len(names) - 1}\x00"

    # (Each step only runs when its characters are there: card texts are many and short.)
    out = text.replace("\u202f", NBSP)
    if ":" in out:
        out = _ICON.sub(hold, out)
    out = escape(out, quotes=False)
    if "*" in out:
        out = _emphasis(out)
    out = typeset(out, lang)
    return _HELD.sub(lambda m: icon_markup(names[int(m.group(1))]), out) if names else out


def _emphasis(text: str) -> str:
    """**bold** and *italic* as tags, always well nested (reportlab refuses `<b>a <i>b</b> c</i>`)."""
    out = _ITALIC.sub(r"<i>\1</i>", _BOLD.sub(r"<b>\1</b>", text))
    if "<i>" not in out or _well_nested(out):
        return out
    # Stars that cross each other (`**a *b ** c*`): the italics are looked for inside and outside each bold run
    # separately, so that no pair of tags can overlap; a star without its pair stays a star.
    parts = [_ITALIC.sub(r"<i>\1</i>", p) for p in _BOLD.split(text)]
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))


_BI_TAG = re.compile(r"</?[bi]>")


def _well_nested(markup: str) -> bool:
    stack: list[str] = []
    for m in _BI_TAG.finditer(markup):
        tag = m.group()
        if tag[1] != "/":
            stack.append(tag[1])
        elif not stack or stack.pop() != tag[2]:
            return False
    return not stack


def icon_markup(name: str) -> str:
    """Markup drawing the icon `name` inline, glued to the word after it."""
    # The callback sits after a first non-breaking space: reportlab hangs a zero-width callback that starts
    # a word onto the previous word, which would let the icon and its word end up on different lines.
    return NBSP + f'<onDraw name="{ICON_CALLBACK}" label="{escape(name)}"/>' + NBSP * ICON_SPACES


@dataclass(frozen=True)
class Block:
    """One paragraph of a card's body: which data field it shows and its markup."""

    field: str
    markup: str
    italic: bool = False
    boxed: bool = False
    gap_before: float = 0.0  # pt
    hyphenate: bool = True


@dataclass(frozen=True)
class Style:
    """What a fit needs to know about a text style."""

    size: float
    min_size: float
    leading: float = 1.2
    bold: bool = False
    italic: bool = False
    align: str = "left"
    colour: str = "#1A1A1A"


@dataclass(frozen=True)
class Fitted:
    """Blocks fitted into a box: the font size chosen and each block's height."""

    size: float
    blocks: tuple[Block, ...]
    heights: tuple[float, ...]
    total: float
    width: float
    style: Style
    lang: str
    full_gaps: bool = False  # gaps between blocks at their full gap_before, else scaled by size / style.size
    # The paragraphs wrapped while fitting (one per block), for a renderer to draw once instead of parsing and
    # wrapping them again; not part of the value. See take_wrapped.
    wrapped: list[Paragraph] = field(default_factory=list, compare=False, hash=False, repr=False)

    def take_wrapped(self) -> list[Paragraph]:
        """The paragraphs wrapped while fitting, handed out once (then forgotten, to free their memory)."""
        with _TAKING:  # a paragraph is drawn on one canvas only, even by concurrent renderers (watch)
            got = self.wrapped[:]
            self.wrapped.clear()
        return got

    def gap(self, block: Block) -> float:
        """The space above a block (points)."""
        return block.gap_before if self.full_gaps else block.gap_before * self.size / self.style.size


def with_full_gaps(fitted: Fitted, height: float) -> Fitted:
    """The same fit with unscaled gaps between blocks when the blocks still fit the box with them."""
    total = sum(fitted.heights) + sum(b.gap_before for b in fitted.blocks)
    if fitted.full_gaps or total > height + 1e-6:
        return fitted
    return replace(fitted, total=total, full_gaps=True)


@dataclass(frozen=True)
class Overflow:
    """Text that does not fit even at the minimum size: where and by how much (points)."""

    field: str
    excess: float
    size: float
    lang: str
    # Every field of a box that holds several, at `size`: (field, lines, height in points), in the order printed.
    # `field` is then the one that takes most room: the first to shorten, not merely the one crossing the bottom.
    parts: tuple[tuple[str, int, float], ...] = ()


Alignment = Literal[0, 1, 2, 4]  # a ParagraphStyle alignment: TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY
_ALIGN: dict[str, Alignment] = {"left": TA_LEFT, "centre": TA_CENTER, "justify": TA_JUSTIFY}
BOX_PAD = 2.5  # pt of padding inside a boxed block


def paragraph_style(
    fam: FontFamily,
    style: Style,
    size: float,
    lang: str,
    italic: bool = False,
    colour: Color | None = None,
    hyphenate: bool = True,
) -> ParagraphStyle:
    """A ParagraphStyle at a given size, hyphenated in the text's language."""
    return ParagraphStyle(
        "card",
        fontName=fam.pick(style.bold, style.italic or italic),
        fontSize=size,
        leading=size * style.leading,
        # The colour as a Color object: as a string, reportlab would parse it again for every line it draws.
        alignment=_ALIGN.get(style.align, TA_LEFT),
        textColor=colour or HexColor(style.colour),
        hyphenationLang=hyphenation(lang) if hyphenate else "",
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        splitLongWords=1,
    )


def make_paragraph(
    fam: FontFamily, block: Block, style: Style, size: float, lang: str, colour: Color | None = None
) -> Paragraph:
    """The Paragraph for a block at a given size."""
    markup = f"<i>{block.markup}</i>" if block.italic else block.markup
    return Paragraph(markup, paragraph_style(fam, style, size, lang, colour=colour, hyphenate=block.hyphenate))


def _measure(
    fam: FontFamily,
    blocks: Sequence[Block],
    style: Style,
    size: float,
    width: float,
    lang: str,
    paras: list[Paragraph] | None = None,
) -> list[float]:
    heights = []
    for b in blocks:
        w = width - 2 * BOX_PAD if b.boxed else width
        p = make_paragraph(fam, b, style, size, lang)
        _, h = p.wrap(w, 1e6)
        heights.append(h + (2 * BOX_PAD if b.boxed else 0.0))
        if paras is not None:
            paras.append(_slim(p))
    return heights


def _slim(p: Paragraph) -> Paragraph:
    # Drawing a wrapped paragraph needs its lines only; the parsed fragments are half its memory.
    del p.frags
    return p


def _sizes(style: Style) -> list[float]:
    sizes, s = [], style.size
    while s > style.min_size + 1e-6:
        sizes.append(round(s, 3))
        s -= STEP
    sizes.append(style.min_size)
    return sizes


_TAG = re.compile(r"<[^>]*>")


def _least_height(fam: FontFamily, block: Block, style: Style, size: float, width: float) -> float:
    """A lower bound of a block's height at a size: its text laid end to end cannot take fewer lines."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = unescape(_TAG.sub("", block.markup))
    run = min(stringWidth(text, name, size) for name in (fam.regular, fam.italic))
    return -(-run // max(width, 1.0)) * size * style.leading


_WIDEST: dict[tuple[str, str], float] = {}


def _widest(fam: FontFamily) -> float:
    """The widest advance (em) of a glyph in the regular and italic fonts: an upper bound for any character."""
    key = (fam.regular, fam.italic)
    if key not in _WIDEST:
        from reportlab.pdfbase.pdfmetrics import getFont

        widths = [1.0]
        for name in key:
            face = getattr(getFont(name), "face", None)
            widths += [
                max(getattr(face, "charWidths", {}).values(), default=1000) / 1000,
                getattr(face, "defaultWidth", 1000) / 1000,
            ]
        _WIDEST[key] = max(widths)
    return _WIDEST[key]


def hopeless(fam: FontFamily, blocks: Sequence[Block], style: Style, width: float, height: float) -> float:
    """How far text certainly overflows a box even at the smallest size (0 when it may fit).

    Only an overflow of more than the box itself counts, so that real overflows are still measured exactly
    (with their precise excess) while a pasted novel is refused at once instead of being wrapped at every size.
    """
    # Most texts are settled from their length alone: even with every character as wide as the widest glyph
    # (and the markup counted as text) they take less than twice the box.
    size, em = style.min_size, _widest(fam)
    most = sum(-(-len(b.markup) * em * size // max(width, 1.0)) * size * style.leading for b in blocks)
    if most <= 2 * height:
        return 0.0
    least = sum(_least_height(fam, b, style, style.min_size, width) for b in blocks)
    return least - height if least > 2 * height else 0.0


def fit_blocks(
    fam: FontFamily,
    blocks: Sequence[Block],
    style: Style,
    width: float,
    height: float,
    lang: str,
    scale_gaps: bool = True,
    start: float | None = None,
) -> Fitted | Overflow:
    """The largest size (from style.size, or `start` when lower, down to style.min_size) at which every block fits.

    The gaps between blocks (gap_before, meant at style.size) scale with size / style.size whatever size the
    search starts from, so whether a text fits at a size does not depend on where the search started.
    """
    excess = hopeless(fam, blocks, style, width, height)
    if excess:
        return Overflow(max(blocks, key=lambda b: len(b.markup)).field, excess, style.min_size, lang)
    if len({b.field for b in blocks}) > 1:
        fitted = _fit_sizes(fam, blocks, style, width, height, lang, scale_gaps, start)
        if isinstance(fitted, Fitted):
            return fitted
        return _with_parts(fam, blocks, style, width, lang, fitted)
    return _fit_sizes(fam, blocks, style, width, height, lang, scale_gaps, start)


def _with_parts(
    fam: FontFamily, blocks: Sequence[Block], style: Style, width: float, lang: str, ov: Overflow
) -> Overflow:
    """The overflow with each field's lines and height at the overflowing size, blamed on the longest field."""
    paras: list[Paragraph] = []
    heights = _measure(fam, blocks, style, ov.size, width, lang, paras)
    parts: dict[str, tuple[int, float]] = {}
    for b, h, p in zip(blocks, heights, paras):
        lines = len(p.blPara.lines) if hasattr(p, "blPara") else 0
        n, total = parts.get(b.field, (0, 0.0))
        parts[b.field] = (n + lines, total + h)
    listed = tuple((f, n, h) for f, (n, h) in parts.items())
    longest = max(listed, key=lambda part: part[2])[0]
    return Overflow(longest, ov.excess, ov.size, lang, listed)


def _fit_sizes(
    fam: FontFamily,
    blocks: Sequence[Block],
    style: Style,
    width: float,
    height: float,
    lang: str,
    scale_gaps: bool,
    start: float | None,
) -> Fitted | Overflow:
    total = 0.0
    heights: list[float] = []
    size = style.size
    sizes = _sizes(style)
    if start is not None:
        sizes = [s for s in sizes if s <= start + 1e-6] or [style.min_size]
    for size in sizes:
        paras: list[Paragraph] = []
        heights = _measure(fam, blocks, style, size, width, lang, paras)
        gaps = [b.gap_before * (size / style.size if scale_gaps else 1.0) for b in blocks]
        total = sum(heights) + sum(gaps)
        if total <= height + 1e-6:
            return Fitted(size, tuple(blocks), tuple(heights), total, width, style, lang, wrapped=paras)
    # Name the field that crosses the bottom of the box.
    y, culprit = 0.0, blocks[-1].field if blocks else "?"
    for b, h in zip(blocks, heights):
        y += b.gap_before * (size / style.size if scale_gaps else 1.0) + h
        if y > height + 1e-6:
            culprit = b.field
            break
    return Overflow(culprit, total - height, size, lang)


def fit_lines(
    fam: FontFamily, block: Block, style: Style, width: float, max_lines: int, lang: str
) -> Fitted | Overflow:
    """The largest size at which a block (a title) takes at most `max_lines` lines."""
    room = max_lines * style.min_size * style.leading
    excess = hopeless(fam, [block], style, width, room)
    if excess:
        return Overflow(block.field, excess, style.min_size, lang)
    size = style.size
    h = 0.0
    for size in _sizes(style):
        p = make_paragraph(fam, block, style, size, lang)
        _, h = p.wrap(width, 1e6)
        if h <= max_lines * size * style.leading + 1e-6:
            return Fitted(size, (block,), (h,), h, width, style, lang, wrapped=[_slim(p)])
    return Overflow(block.field, h - max_lines * size * style.leading, size, lang)


DrawIcon = Callable[[object, str, float, float, float], None]


def text_style(ts: TextStyle, min_default: float | None = None) -> Style:
    """A template's text style in points (`min_default` when it names no min_size; never above its size)."""
    size = parse_length(ts.size)
    min_raw = ts.min_size
    min_size = parse_length(min_raw) if min_raw else (min_default if min_default is not None else size)
    return Style(
        size=size,
        min_size=min(min_size, size),
        leading=ts.leading,
        bold=ts.bold,
        italic=ts.italic,
        align=ts.align,
        colour=ts.colour,
    )
