"""draw/markup.py: the one escaper, and plain-text paragraphs that print exactly the text they were given."""

from __future__ import annotations

import html
import io
from pathlib import Path

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


def _credits_page(pdf: Path) -> tuple[str, list[tuple[str, float]]]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:  # the cover (licensor) and the credits page (authors, licensor)
        pages = [doc.pages[0], next(p for p in reversed(doc.pages) if "CC BY-SA" in (p.extract_text() or ""))]
        words = [w for p in pages for w in p.extract_words(extra_attrs=["size", "fontname"])]
        return " ".join(p.extract_text() or "" for p in pages), [(w["fontname"], round(w["size"], 2)) for w in words]


def test_markup_in_data_prints_as_text_and_leaves_the_credits_page_geometry_alone(
    sample_game: Path, tmp_path: Path
) -> None:
    """An A4 build: data holding markup and attribute-breaking quotes prints them literally, sizes unchanged."""
    from click.testing import CliRunner

    from mallette_print.cli import main

    def credits(out: Path) -> tuple[str, list[tuple[str, float]]]:
        result = CliRunner().invoke(main, ["build", "--out", str(out), "-q"])
        assert result.exit_code == 0, result.output
        return _credits_page(out / "rulebook.pdf")

    game = sample_game / "cards" / "game.yaml"
    good_text, good_words = credits(tmp_path / "good")
    hostile = 'X\\" fontSize=\\"60\\" color=\\"red</b><font size=\'60\'>&amp;'
    body = game.read_text(encoding="utf-8")
    game.write_text(
        body.replace("licensor: Mouvement", f'licensor: "{hostile} Mouvement', 1)
        .replace("(MES)\n", '(MES)"\n', 1)
        .replace("  - Mouvement", f'  - "{hostile}"\n  - Mouvement', 1),
        encoding="utf-8",
    )
    text, words = credits(tmp_path / "bad")
    # The rulebook prints apostrophes typographic (’): the hostile text is otherwise printed as written.
    printed = text.replace("\n", " ").replace("\u2019", "'")
    assert printed.count('X" fontSize="60" color="red</b><font size=\'60\'>&amp;') >= 2
    assert {s for _, s in words} == {s for _, s in good_words}  # no 60 pt text
    assert {f for f, _ in words} == {f for f, _ in good_words}
