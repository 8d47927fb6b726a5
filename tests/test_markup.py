"""draw/markup.py: the one escaper, and plain-text paragraphs that print exactly the text they were given."""

from __future__ import annotations

import html
import io

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from mallette_print.draw.markup import escape, paragraph, unescape

TRICKY = ["Tom & Jerry", "a < b > c", 'il dit "oui"', "l'eau", "&amp; déjà écrit", "<b>pas gras</b>", ""]


def test_escape_turns_markup_characters_and_quotes_into_entities() -> None:
    assert escape('<b>Tom & "Jerry"</b> l\'eau') == "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; l&#x27;eau"


def test_text_between_tags_keeps_its_quotes() -> None:
    assert escape('<a> & "b" l\'eau', quotes=False) == '&lt;a&gt; &amp; "b" l\'eau'


@pytest.mark.parametrize("text", TRICKY)
def test_unescape_gives_back_the_text(text: str) -> None:
    assert unescape(escape(text)) == text
    assert unescape(escape(text, quotes=False)) == text


@pytest.mark.parametrize("text", TRICKY)
def test_the_gallery_html_is_escaped_as_html_escape_does(text: str) -> None:
    assert escape(text) == html.escape(text)


def test_a_paragraph_prints_data_text_literally() -> None:
    text = 'R&D <nouveau> : « l\'eau » & "le feu"'
    buf = io.BytesIO()
    c = Canvas(buf)
    para = paragraph(text, "Helvetica", 10)
    para.wrap(400, 100)
    para.drawOn(c, 50, 700)
    c.showPage()
    c.save()
    assert PdfReader(buf).pages[0].extract_text().strip() == text
