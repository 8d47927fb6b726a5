"""Plain text into markup: the one escaper (reportlab paragraphs, the gallery's HTML, XMP), and plain paragraphs.

Any text that comes from the data (titles, card texts, rules, names, URLs) goes
through `escape` before it is put into markup, so that `&`, `<` and `>` print as
themselves instead of being read as tags or entities.

Quotes are escaped by default, as an attribute value needs them to be. Text set
between tags is escaped with `quotes=False`: reportlab's paragraph parser cuts
a text run at every entity, so an escaped apostrophe would be written to the
PDF as three strings instead of one (`(l) Tj (') Tj (eau) Tj`): the same print,
but every PDF with an apostrophe in its text would change.
"""

from __future__ import annotations

import html
from typing import Literal

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from mallette_print.draw.colours import INK, colour


def escape(text: str, quotes: bool = True) -> str:
    """Text safe in markup: & < > as entities, and " ' too unless quotes=False (text between tags)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quotes:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def unescape(markup: str) -> str:
    """The text an escaped string stands for (entities back to characters; tags are the caller's to strip)."""
    return html.unescape(markup)


def paragraph(
    text: str, font: str, size: float, colour_: str = INK, align: Literal[0, 1, 2, 4] = 0, leading: float = 1.2
) -> Paragraph:
    """A wrapped paragraph of plain text in one font and size."""
    style = ParagraphStyle(
        "p", fontName=font, fontSize=size, leading=size * leading, textColor=colour(colour_), alignment=align
    )
    return Paragraph(escape(text, quotes=False), style)
