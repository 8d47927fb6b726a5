"""The summary `mallette check` prints for a valid game."""

from __future__ import annotations

from mallette_print.core.i18n import tr
from mallette_print.core.model import GameData


def summary_lines(data: GameData) -> list[str]:
    """Cards per deck, languages and the fiches the cards reference."""
    g = data.game
    lang = g.default_language
    lines = [f"{tr(g.title, lang)} v{g.version}: the data is valid."]
    total_entries = total_printed = 0
    for deck in data.decks:
        lines.append(
            f"  {deck.id:<14} {len(deck.cards):>3} cards, {deck.total:>3} printed  ({deck.source.rsplit('/', 1)[-1]})"
        )
        total_entries += len(deck.cards)
        total_printed += deck.total
    lines.append(f"  {'total':<14} {total_entries:>3} cards, {total_printed:>3} printed")
    lines.append(f"Languages: {', '.join(g.languages)} (default {lang})")
    used: dict[str, int] = {}
    for _, card in data.cards():
        if card.fiche:
            used[card.fiche] = used.get(card.fiche, 0) + 1
    fiches = g.fiches.items
    lines.append(f"Fiches referenced: {sum(1 for f in fiches if f.id in used)} of {len(fiches)}")
    unused = [f.id for f in fiches if f.id not in used]
    if unused:
        lines.append(f"  not referenced by any card: {', '.join(unused)}")
    if data.board is not None:
        b = data.board.board
        lines.append(
            f"Board: {len(b.map.zones)} zones, {len(b.tracks)} tracks + {g.parameters.rounds} rounds, "
            f"{len(b.deck_spaces)} deck spaces (board.yaml)"
        )
    return lines
