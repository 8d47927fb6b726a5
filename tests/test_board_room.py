"""The board agrees with the rules: every zone holds a card at its true size below its name, at every board size;
the spaces are the ones the rules name (lost challenges, the cooperation discard), the supply is face up."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mallette_print.board.layout import layout_board
from mallette_print.board.room import card_places, label_plate
from mallette_print.board.tiling import Box
from mallette_print.core.phrasebook import Phrases
from mallette_print.core.typography import typeset
from mallette_print.core.units import MM
from mallette_print.core.validate import load_game
from mallette_print.draw.fonts import register_family

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def game():
    return load_game(ROOT)


@pytest.mark.parametrize("size", ["a3", "a2", "a1", "tabloid", "ledger"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_zone_holds_a_card_at_true_size_below_its_name(game, size, lang):
    lay = layout_board(game, lang, size)
    fam = register_family()
    places = card_places(lay, fam, 63 * MM, 88 * MM)
    assert set(places) == {z.id for z in game.game.zones}
    for z in lay.zones:
        place = places[z.id]
        assert place is not None, f"{size} {lang}: zone '{z.id}' cannot hold a 63×88 mm card"
        # The card really is 63×88 mm on the printed board (upright or turned), whatever the board's scale.
        assert sorted((round(place.w / MM, 1), round(place.h / MM, 1))) == [63.0, 88.0]
        # ... and leaves every zone's name readable.
        for other in lay.zones:
            _, name, _ = label_plate(fam, lay, other, typeset(other.description, lang))
            apart = (
                place.x + place.w <= name.x
                or name.x + name.w <= place.x
                or place.y + place.h <= name.y
                or name.y + name.h <= place.y
            )
            assert apart, f"{size} {lang}: a card in '{z.id}' covers the name of '{other.id}'"


def test_a_zone_too_small_for_a_card_has_no_place(game):
    # The old centre-bourg (an ellipse of 74×48 mm at A3) held no card: the check sees it.
    lay = layout_board(game, "fr", "a3")
    assert card_places(lay, register_family(), 63 * MM, 88 * MM)["centre-bourg"] is not None
    centre = next(z for z in lay.zones if z.id == "centre-bourg")
    cx, cy = centre.label_at
    small = replace(centre, shape="ellipse", points=(), box=Box(cx - 37 * MM, cy - 40 * MM, 74 * MM, 48 * MM))
    lay = replace(lay, zones=tuple(small if z.id == "centre-bourg" else z for z in lay.zones))
    assert card_places(lay, register_family(), 63 * MM, 88 * MM)["centre-bourg"] is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_board_spaces_and_legend_say_what_the_rules_say(game, lang):
    lay = layout_board(game, lang, "a3")
    words = Phrases(lang, "fr")
    spaces = {(s.deck, s.role): s for s in lay.decks}
    # Lost challenges and the cooperation discard have their place; the supply is not a face-down pile.
    assert spaces[("challenges", "discard")].title == {"fr": "Défis perdus", "en": "Lost challenges"}[lang]
    assert ("cooperations", "discard") in spaces
    assert ("resources", "draw") not in spaces
    assert all(s.role_text == words(f"board.{s.role}_pile") for s in lay.decks)
    legend = " ".join(line.text for line in lay.legend)
    supply = {"fr": "face visible, une pile par titre", "en": "face up, one pile per title"}[lang]
    assert supply in legend
