"""The one typography function for every printed text: no-break spaces where the text's language puts them.

The rules are the language's phrasebook settings (`typography.*`, see core/phrasebook.py), so no code here
knows French. With French's settings (`nbsp_before: ";:!?»"`, `nbsp_after_always: "«"`,
`nbsp_before_always: "»"`):

- the spaces or tabs before ; : ! ? » become one no-break space, and none is added where there was no space
  (`10:30`, `https://`, `:icon:` stay intact);
- « is always followed, and » always preceded, by exactly one no-break space (added when missing, never doubled:
  Markdown's smart quotes already bring one).

In every language a narrow no-break space (U+202F) becomes a no-break space (U+00A0): reportlab breaks lines at
U+202F, which would let a colon start a line.

This replaces three functions with slightly different rules (draw.drawing.fr_spacing,
draw.textfit.french_spacing and rulebook.words.french_spacing); the differences are told in
tests/test_typography.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mallette_print.core.errors import DataError, problem
from mallette_print.core.phrasebook import chain, entries, path_of, setting, setting_text

NBSP = "\u00a0"
NNBSP = "\u202f"


@dataclass(frozen=True)
class _Rules:
    before: re.Pattern[str] | None  # spaces then a mark -> NBSP + mark
    after_always: re.Pattern[str] | None  # a mark then any spaces -> mark + NBSP
    before_always: re.Pattern[str] | None  # a mark right after a visible character -> NBSP + mark
    opening: str
    closing: str


def _marks(text: str) -> str:
    return "".join(re.escape(ch) for ch in text)


@cache
def _rules(lang: str) -> _Rules:
    before = setting_text("typography.nbsp_before", lang)
    opening = setting_text("typography.nbsp_after_always", lang)
    closing = setting_text("typography.nbsp_before_always", lang)
    return _Rules(
        re.compile(f"[ \t]+([{_marks(before)}])") if before else None,
        re.compile(f"([{_marks(opening)}])[ \t{NBSP}]*") if opening else None,
        re.compile(f"(?<=\\S)([{_marks(closing)}])") if closing else None,
        opening,
        closing,
    )


def typeset(text: str, lang: str) -> str:
    """The text with its language's no-break spaces (the phrasebook's typography settings)."""
    if NNBSP in text:
        text = text.replace(NNBSP, NBSP)
    r = _rules(lang)
    # (Each rule only runs when its marks are there: card texts are many and short.)
    if r.before is not None:
        text = r.before.sub(NBSP + r"\1", text)
    if r.after_always is not None and any(m in text for m in r.opening):
        text = r.after_always.sub(r"\1" + NBSP, text)
    if r.before_always is not None and any(m in text for m in r.closing):
        text = r.before_always.sub(NBSP + r"\1", text)
    return text


@cache
def colon(lang: str) -> str:
    """The colon after a label, with the space the language puts before it."""
    return setting_text("typography.colon", lang)


@cache
def hyphenation(lang: str) -> str:
    """The pyphen dictionary name for line breaks in the language ('' for none): the phrasebook's setting, else
    (a language without a phrasebook file) pyphen's own dictionary for the language, when it has one."""
    name = setting_text("language.hyphenation", lang)
    if name or any(entries(tag) is not None for tag in chain(lang)):
        return name
    import pyphen

    return pyphen.language_fallback(lang.replace("-", "_")) or ""


@cache
def quotes(lang: str) -> tuple[str, str, str, str]:
    """What straight quotes become: double opening, double closing, single opening, single closing."""
    value = setting("typography.quotes", lang)
    q = [value] if isinstance(value, str) else value
    if len(q) != 4:
        raise DataError(
            [problem(path_of(lang), 0, 0, "phrasebook", f"'typography.quotes' must list 4 quotes, got {len(q)}")]
        )
    return q[0], q[1], q[2], q[3]
