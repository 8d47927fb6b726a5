"""The rules text as a small typed model: headings, paragraphs, lists, tables, quotes, images, rules, code and the
places of the generated sections, each block a frozen value with its line in rules/<lang>.md.

source.py builds it from the Markdown; builder.py turns it into flowables. No reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union


@dataclass(frozen=True)
class Span:
    """A run of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None
    linebreak: bool = False


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    spans: Inline
    line: int

    @property
    def text(self) -> str:
        """The heading as plain text (for the table of contents and tests)."""
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Para:
    spans: Inline
    line: int


@dataclass(frozen=True)
class Image:
    path: Path
    alt: str
    line: int


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    aligns: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class SectionSlot:
    """Where a generated section goes (a line holding only `{{components}}`, ...)."""

    name: str
    line: int


Block = Union[Heading, Para, Image, ListBlock, Table, Quote, Code, Rule, SectionSlot]  # noqa: UP007 (read at run time)


@dataclass(frozen=True)
class RulesDoc:
    """A parsed rulebook source."""

    path: Path
    blocks: tuple[Block, ...]

    def headings(self) -> list[Heading]:
        """Every heading, in order."""
        return [b for b in self.blocks if isinstance(b, Heading)]

    def slots(self) -> list[str]:
        """The generated sections this source places itself."""
        return [b.name for b in self.blocks if isinstance(b, SectionSlot)]
