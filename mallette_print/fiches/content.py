"""What one fiche page says, in one language, from the data: shared by fiches.pdf and the website.

Pure data (no reportlab): the texts of cards/fiches/<id>.yaml when the file exists, and what is always derived
from the game: number, title, URL, the companion-fiche mark, the cards that cite the fiche, the licence notice.
"""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.core.fiches import citing_cards
from mallette_print.core.i18n import tr
from mallette_print.core.licensing import deed_url, notice
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.core.typography import typeset


@dataclass(frozen=True)
class CardRef:
    """A card citing the fiche: its deck's title and its own."""

    deck: str
    title: str
    card_id: str


@dataclass(frozen=True)
class Ref:
    """A further-reading reference, ready to print."""

    authors: str
    title: str
    details: str  # publisher and year, comma separated ("" when neither)
    url: str | None


@dataclass(frozen=True)
class FichePage:
    """Everything a fiche page shows, in one language."""

    id: str
    number: int
    slug: str
    title: str
    label: str  # "Fiche 3"
    url: str
    companion: str  # "Fiche compagnon du jeu « … »"
    written: bool
    summary: str
    key_ideas: tuple[str, ...]
    example_title: str
    example_text: str
    cards: tuple[CardRef, ...]
    questions: tuple[str, ...]
    reading: tuple[Ref, ...]
    licence: str  # "© MES · CC BY-SA 4.0"
    licence_url: str


def fiche_slug(data: GameData, fiche_id: str) -> str:
    """The fiche's path under fiches.base_url: its slug, or its id."""
    f = data.fiche(fiche_id)
    return f.slug or f.id


def fiche_pages(data: GameData, lang: str) -> list[FichePage]:
    """Every fiche of the game in number order, in `lang` (else the game's default language)."""
    d = data.game.default_language
    words = Phrases(lang, d)
    game_title = tr(data.game.title, lang, d)
    out: list[FichePage] = []
    for f in sorted(data.game.fiches.items, key=lambda f: f.number):
        t = data.fiche_texts.get(f.id)
        cards = tuple(
            CardRef(tr(deck.title, lang, d), tr(card.title, lang, d), card.id)
            for deck, card in citing_cards(data, f.id)
        )
        reading = tuple(
            Ref(r.authors, r.title, ", ".join(x for x in (r.publisher, str(r.year) if r.year else None) if x), r.url)
            for r in (t.reading if t else [])
        )
        out.append(
            FichePage(
                id=f.id,
                number=f.number,
                slug=fiche_slug(data, f.id),
                title=tr(f.title, lang, d),
                label=words("fiche.label", number=f.number),
                url=data.fiche_url(f.id),
                companion=words("fiche.companion", title=game_title),
                written=t is not None,
                summary=typeset(tr(t.summary, lang, d), lang) if t else "",
                key_ideas=tuple(typeset(x, lang) for x in (t.key_ideas.get(lang) or t.key_ideas.get(d) or []))
                if t
                else (),
                example_title=typeset(tr(t.example.title, lang, d), lang) if t else "",
                example_text=typeset(tr(t.example.text, lang, d), lang) if t else "",
                cards=cards,
                questions=tuple(typeset(x, lang) for x in (t.questions.get(lang) or t.questions.get(d) or []))
                if t
                else (),
                reading=reading,
                licence=notice(data),
                licence_url=deed_url(data, lang),
            )
        )
    return out
