"""The printed rulebook and booklet pages, read back as a reader sees them (fr and en, A4 and Letter): no heading
alone at a page foot, no line of a paragraph alone on a page, no word cut across pages, no page less than a third
full except at a chapter's end; one apostrophe; credits in the build's language; the rules answer the questions a
table asks, with the same debrief minutes as the facilitator guide."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from mallette_print.core.phrasebook import text
from mallette_print.core.validate import load_game
from mallette_print.rulebook.content import debrief_phases
from mallette_print.rulebook.story import render_both
from mallette_print.rulebook.styles import page_spec

ROOT = Path(__file__).resolve().parent.parent
ENDS = (".", ":", ";", "?", "!", "»", "”", ")", "…")


def _chars(page) -> list[dict]:
    """Each character of a page: its text, font size and box (top measured from the page's top)."""
    tp = page.get_textpage()
    height = page.get_height()
    out = []
    for k in range(tp.count_chars()):
        left, bottom, right, top = tp.get_charbox(k, loose=True)
        size = round(pdfium_c.FPDFText_GetFontSize(tp.raw, k), 1)
        out.append({"text": tp.get_text_range(k, 1), "size": size, "top": height - top, "x0": left, "x1": right})
    return out


def _lines(chars: list[dict]) -> list[dict]:
    # Characters whose tops are within 2.5 pt make a line (bold and regular letters of one line differ by a
    # fraction of a point: fixed 3-pt buckets could split a line at a bucket's edge).
    rows: list[list[dict]] = []
    for ch in sorted((c for c in chars if c["text"].strip() and c["x1"] > c["x0"]), key=lambda c: c["top"]):
        if rows and ch["top"] - rows[-1][0]["top"] <= 2.5:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out = []
    for row in rows:
        chs = sorted(row, key=lambda c: c["x0"])
        words, prev = "", None
        for c in chs:  # a space where reportlab left a gap between words
            if prev is not None and c["x0"] - prev["x1"] > c["size"] * 0.15:
                words += " "
            words += c["text"]
            prev = c
        size = Counter(c["size"] for c in chs).most_common(1)[0][0]
        top = min(c["top"] for c in chs)
        out.append({"text": words.strip(), "size": size, "top": top, "x0": chs[0]["x0"], "x1": chs[-1]["x1"]})
    return out


class Doc:
    """A laid-out PDF: per page its lines inside the text frame (running header and folio left out)."""

    def __init__(self, pdf: bytes, paper: str, booklet: bool, card_callout: str) -> None:
        spec = page_spec(paper, booklet)
        self.pages: list[list[dict]] = []
        self.text: list[str] = []
        doc = pdfium.PdfDocument(pdf)
        for p in doc:
            chars = _chars(p)
            top, bottom = spec.top, p.get_height() - spec.bottom
            lines = _lines(chars)
            self.pages.append([ln for ln in lines if top - 2 <= ln["top"] and ln["top"] <= bottom])
            text = " ".join(ln["text"] for ln in lines)
            # The anatomy's card faces print the cards' own text: they are not the rulebook's typography.
            self.text.append("" if card_callout in text else text)
        self.width = doc[0].get_width() - 2 * spec.margin
        self.top = spec.top
        self.height = doc[0].get_height() - spec.top - spec.bottom
        self.body = Counter(ln["size"] for page in self.pages for ln in page).most_common(1)[0][0]


@pytest.fixture(scope="module", params=[("fr", "a4"), ("en", "a4"), ("fr", "letter"), ("en", "letter")])
def docs(request) -> tuple[str, Doc, Doc]:
    lang, paper = request.param
    full, _, small, _ = render_both(load_game(ROOT), lang, paper, [])
    callout = text("rulebook.a_title", lang)
    return lang, Doc(full, paper, False, callout), Doc(small, paper, True, callout)


def _problems(doc: Doc) -> list[str]:
    out = []
    body, n = doc.body, len(doc.pages)
    for i, page in enumerate(doc.pages[:-1]):
        if i < 2 or not page:  # the cover and the contents
            continue
        last, nxt = page[-1], doc.pages[i + 1]
        where = f"page {i + 1} ({last['text'][:50]!r})"
        if last["size"] > body * 1.05:
            out.append(f"{where}: a heading alone at the foot")
        chapter_next = bool(nxt) and nxt[0]["size"] >= body * 1.8
        fill = (last["top"] + last["size"] - doc.top) / doc.height
        if fill < 1 / 3 and not chapter_next:
            out.append(f"{where}: only {fill:.0%} full, not a chapter's end")
        if last["size"] == body and last["text"].endswith(("-", "\u00ad")) and nxt:
            out.append(f"{where}: a word cut across pages")
        full_line = last["x1"] - last["x0"] > doc.width * 0.8 and not last["text"].endswith(ENDS)
        gap_before = len(page) < 2 or last["top"] - page[-2]["top"] > body * 1.6
        if last["size"] == body and full_line and gap_before:
            out.append(f"{where}: the first line of a paragraph alone at the foot")
        if nxt and last["size"] == body and full_line and nxt[0]["size"] == body:
            first = nxt[0]
            gap_after = len(nxt) < 2 or nxt[1]["top"] - first["top"] > body * 1.6
            if gap_after and first["text"].endswith(ENDS):
                out.append(f"page {i + 2} ({first['text'][:50]!r}): the last line of a paragraph alone at the top")
    assert n > 4
    return out


def test_pages_break_well(docs):
    lang, full, small = docs
    assert _problems(full) == []
    assert _problems(small) == []


def test_one_apostrophe_and_credits_in_the_build_language(docs):
    lang, full, small = docs
    for doc in (full, small):
        text = "".join(doc.text)
        assert "'" not in text, [t[max(0, t.find("'") - 30) : t.find("'") + 30] for t in doc.text if "'" in t][:3]
        assert "’" in text
    credits = "".join(full.text[-3:])
    if lang == "fr":
        assert "Tous les fichiers de assets/icons/" in credits and "All files in" not in credits
    else:
        assert "All files in assets/icons/" in credits


def test_rules_answer_the_tables_questions(docs):
    lang, full, _ = docs
    game = load_game(ROOT)
    joined = " ".join(ln["text"] for page in full.pages for ln in page).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", re.sub(r"(\w)- (\w)", r"\1\2", joined))  # words hyphenated at a line end
    values = sorted({c.value for _, c in game.cards() if hasattr(c, "value") and isinstance(c.value, int)})
    fr = [
        "Donner une carte Coopération",
        "Pas de limite de main",
        "Passer :",
        "Une ressource de plus quand vous mobilisez",
        "Piocher une coopération de plus avec une main pleine",
        "L’alerte se lit au début de chaque phase Événements",
        "sur la défausse des coopérations",
        "Défis perdus",
        "glissez-le sous la coopération qui l’a relevé",
        "Qui propose est partenaire",
        "En cas de désaccord",
        "Arrêter plus tôt",
        f"(de {values[0]} à {values[-1]})",
    ]
    en = [
        "Giving a Cooperation card",
        "No hand limit",
        "Passing:",
        "One more resource when you mobilise",
        "Drawing one more cooperation with a full hand",
        "The alert is checked at the start of each Events phase",
        "on the cooperation discard pile",
        "Lost challenges",
        "tuck it under the cooperation that solved it",
        "The proposer is a partner",
        "When partners disagree",
        "Stopping early",
        f"({values[0]} to {values[-1]})",
    ]
    for phrase in fr if lang == "fr" else en:
        assert phrase in text, phrase


def test_debrief_minutes_agree_and_the_session_plan_is_printed_once(docs):
    lang, full, _ = docs
    game = load_game(ROOT)
    minutes = debrief_phases(game)
    assert sum(minutes) == game.game.parameters.debrief_minutes
    lines = [ln["text"].replace("\u00a0", " ") for page in full.pages for ln in page]
    for step, m in enumerate(minutes, start=1):
        in_rules = [t for t in lines if re.match(rf"{step}\. .*\({m} min\)$", t)]
        in_guide = [t for t in lines if re.match(rf"{step}\. .* · {m} min$", t)]
        assert len(in_rules) == 1 and len(in_guide) == 1, (step, m)
        # The same step name in the rules and in the guide.
        assert in_rules[0].rsplit(" (", 1)[0] == in_guide[0].rsplit(" · ", 1)[0]
    welcome = "Accueil" if lang == "fr" else "Welcome"
    assert sum(1 for t in lines if t.startswith(welcome) and "min" in t) == 1
    themes = "Relier la partie à la recherche-action du MES" if lang == "fr" else "Linking the game to the MES"
    at = next(i for i, t in enumerate(lines) if t.startswith(themes))
    prompts = [t for t in lines[at + 1 : at + 30] if t.startswith("•")]
    assert len(prompts) >= 6
