"""The fixed words of the generated rulebook sections: the phrasebook's `rulebook.*` entries.

Numbers and lists never live here: they come from the data (rulebook/content.py). `{name}` fields are filled
with str.format, then the text gets its language's typography (core/typography.py).
"""

from __future__ import annotations

from mallette_print.core.phrasebook import text
from mallette_print.core.typography import typeset

# The rulebook prints one apostrophe, the typographic one, as its Markdown text gets it (rulebook/source.py).
APOSTROPHE = "\u2019"


def curly(text: str) -> str:
    """The text with its straight apostrophes made typographic (’)."""
    return text.replace("'", APOSTROPHE)


def word(key: str, lang: str, default: str | None = None, **fields: object) -> str:
    """A fixed phrase in `lang` (else in the game's default language `default`), its `{fields}` filled."""
    return curly(typeset(text(f"rulebook.{key}", lang, default, **fields), lang))
