"""A game's own card types: unlisted deck files, card types defined in game.yaml, their checks and their print."""

from __future__ import annotations

import shutil
from pathlib import Path

from mallette_print.core.coherence import check_coherence
from mallette_print.core.validate import load_game


def test_a_deck_file_not_listed_in_decks_is_a_located_warning(sample_game: Path) -> None:
    shutil.copy(sample_game / "cards" / "notions.yaml", sample_game / "cards" / "projets.yaml")
    warnings = [str(w) for w in check_coherence(load_game(sample_game)).warnings]
    assert any(
        w.startswith("cards/projets.yaml:1:1:") and "'projets.yaml' is not listed in game.yaml `decks:`" in w
        for w in warnings
    ), warnings
    # The listed decks, the templates file and the manifest are never reported.
    assert not any("notions.yaml' is not listed" in w or "templates.yaml' is not" in w for w in warnings)
