"""The few words the card renderer adds around the data (labels, badges): the phrasebook's `card.*` entries."""

from __future__ import annotations

from mallette_print.core.phrasebook import text


def label(key: str, lang: str, default: str | None = None) -> str:
    """A card label in the language (else in the game's default language `default`)."""
    return text(f"card.{key}", lang, default)
