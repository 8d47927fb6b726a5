"""Fitted card layouts kept across builds by long-running commands (`mallette watch`).

Fitting text is the most expensive part of drawing cards, and a designer's
edit touches one deck at a time. Watch gives its BuildContext one of these, and
fitting asks it for a deck's layouts first; the key holds everything fitting reads (the deck,
the templates, the game manifest, the icon names, the language and the card
size), so a layout is reused only when it would come out the same. One entry is
kept per deck, language and size, so the cache never grows past the game.
A one-shot build has none and fits everything.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mallette_print.core.model import Deck, GameData

if TYPE_CHECKING:
    from mallette_print.cards.faces import FaceLayout

Slot = tuple[str, str, str]


@dataclass
class LayoutCache:
    """Deck layouts by (deck id, language, size), each with the key it was fitted for."""

    entries: dict[Slot, tuple[str, dict[str, FaceLayout]]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    # The manifest and templates are hashed once per loaded game, not once per deck. The game object itself is
    # kept (not its id(), which a later game could reuse once this one is freed).
    _game: tuple[GameData, str, str] | None = None

    def _game_key(self, data: GameData, icons: dict[str, str]) -> str:
        icon_key = json.dumps(sorted(icons.items()))
        if self._game is not None and self._game[0] is data and self._game[1] == icon_key:
            return self._game[2]
        body = [
            data.game.model_dump(mode="json"),
            {k: t.model_dump(mode="json") for k, t in sorted(data.templates.items())},
            icon_key,
            str(data.root),
        ]
        key = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode("utf-8")).hexdigest()
        self._game = (data, icon_key, key)
        return key

    def key(self, data: GameData, deck: Deck, icons: dict[str, str], lang: str, size: object) -> str:
        """Everything a deck's fitting depends on, hashed."""
        body = json.dumps(
            [self._game_key(data, icons), deck.model_dump(mode="json"), lang, repr(size)], sort_keys=True, default=str
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def get(self, slot: Slot, key: str) -> dict[str, FaceLayout] | None:
        """The layouts fitted for this key, or None."""
        entry = self.entries.get(slot)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1]
        self.misses += 1
        return None

    def put(self, slot: Slot, key: str, layouts: dict[str, FaceLayout]) -> None:
        """Keep a deck's layouts (replacing the ones fitted for an older version of it)."""
        self.entries[slot] = (key, dict(layouts))

    def clear(self) -> None:
        """Forget everything (an asset changed: icons and images may differ)."""
        self.entries.clear()
        self._game = None
