"""Where a card's field is written (file, line, column, sheet), for the problems found while laying it out."""

from __future__ import annotations

from pathlib import Path

from mallette_print.core.errors import Problem, problem
from mallette_print.core.model import Card, Deck
from mallette_print.core.sheets import load_deck_file
from mallette_print.core.units import to_mm
from mallette_print.core.yamlio import YamlError
from mallette_print.draw.textfit import Overflow


def card_location(deck: Deck, card_id: str, field: str, lang: str) -> tuple[str, int, int, str]:
    """file, line and column of a card's field (of its text in `lang` when it has one per language), and its sheet
    (a row and a column in a spreadsheet deck, core/sheets.py)."""
    try:
        doc = load_deck_file(Path(deck.source))
    except YamlError:
        return deck.source, 0, 0, ""
    cards = doc.data.get("cards", []) if isinstance(doc.data, dict) else []
    for i, raw in enumerate(cards):
        if isinstance(raw, dict) and raw.get("id") == card_id:
            loc: tuple[object, ...] = ("cards", i, field)
            if isinstance(raw.get(field), dict) and lang in raw[field]:
                loc += (lang,)
            elif field not in raw:
                loc = ("cards", i)
            line, col = doc.where(loc)
            return deck.source, line, col, doc.sheet_of(loc)
    return deck.source, 0, 0, ""


def overflow_problem(deck: Deck, card: Card, ov: Overflow, what: str = "") -> Problem:
    path, line, col, sheet = card_location(deck, card.id, ov.field, ov.lang)
    if len(ov.parts) > 1:
        # The texts of a box as a whole: each field's share, and the longest one, located, as the first to shorten.
        shares = ", ".join(f"{f} {n} line{'s' if n != 1 else ''}" for f, n, _ in ov.parts)
        message = (
            f"the {ov.lang} texts{what} do not fit together: {shares}: {to_mm(ov.excess):.1f} mm too tall at "
            f"{ov.size:g} pt, the smallest size allowed; the longest is {ov.field} (shorten it, or choose a larger "
            "card size)"
        )
    else:
        message = (
            f"the {ov.lang} text of '{ov.field}'{what} does not fit: it overflows by "
            f"{to_mm(ov.excess):.1f} mm at {ov.size:g} pt, the smallest size allowed "
            f"(shorten the text or choose a larger card size)"
        )
    return problem(path, line, col, f"card '{card.id}'", message, sheet)
