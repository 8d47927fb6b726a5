"""Fitted card layouts, computed once per game, deck, language and card size for the whole process.

Fitting text is the costly part of drawing a card (every trial size wraps a
Paragraph), and several outputs of one build draw the same cards: the card
sheets, the print-shop file, the PNG previews, and the rulebook's anatomy
figure (whose document is laid out several times, each pass on a new canvas).
A layout depends only on the game data, the deck, the language, the card size
and the fonts, so it is kept here rather than on a canvas.

The cache is memo.per_game: the layouts of the few most recent games only.
"""

from __future__ import annotations

from ..cardsize import CardSize
from ..errors import Problem
from ..fonts import FontFamily
from ..memo import per_game
from ..model import Deck, GameData
from .faces import FaceLayout, layout_face

DeckLayouts = dict[str, FaceLayout] | list[Problem]


def _fit_deck(data: GameData, deck: Deck, lang: str, size: CardSize, fam: FontFamily) -> DeckLayouts:
    """Every card of a deck fitted, the body text at one size for the whole deck (the largest that fits all)."""
    problems: list[Problem] = []
    got: dict[str, FaceLayout] = {}
    for card in deck.cards:
        lay = layout_face(data, deck, card, lang, size, fam)
        if isinstance(lay, list):
            problems.extend(lay)
        else:
            got[card.id] = lay
    if problems:
        return problems
    sizes = [lay.body.size for lay in got.values() if lay.body]
    cap = min(sizes) if sizes else None
    out: dict[str, FaceLayout] = {}
    for card in deck.cards:
        lay = got[card.id]
        if cap is not None and lay.body and lay.body.size > cap:
            again = layout_face(data, deck, card, lang, size, fam, body_cap=cap)
            assert not isinstance(again, list)  # a smaller size always fits when a larger one did
            lay = again
        out[card.id] = lay
    return out


def deck_layouts(data: GameData, deck: Deck, lang: str, size: CardSize, fam: FontFamily) -> DeckLayouts:
    """The fitted layouts of a deck's cards by card id, or the located problems of the texts that do not fit."""
    return per_game(data, ("layouts", deck.id, lang, size, fam), lambda: _fit_deck(data, deck, lang, size, fam))
