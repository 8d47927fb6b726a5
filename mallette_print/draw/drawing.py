"""What is left of the board's old grab-bag of helpers: French spacing for the board's texts.

Everything else moved to the module named after it (colours, patterns, icons,
svg, qr, markup). `fr_spacing` stays here for now: the French-spacing functions
(this one, textfit.french_spacing, rulebook/words.french_spacing) are being
brought together with the phrasebook, elsewhere; this module goes when it moves.
"""

from __future__ import annotations


def fr_spacing(text: str, lang: str) -> str:
    """French typography: non-breaking spaces before : ; ! ? and inside « » (never U+202F)."""
    if not lang.startswith("fr"):
        return text
    for mark in (":", ";", "!", "?", "»"):
        text = text.replace(f" {mark}", f"\u00a0{mark}")
    return text.replace("« ", "«\u00a0")
