"""Which characters the data may hold: refused everywhere, or not drawable by the game's fonts.

Two rules, both located at file:line:col with the card and field:

- some characters can never be printed and only hide or reorder what is printed: surrogates, control
  characters (tab and line ends excepted), bidirectional controls, noncharacters. The YAML loader and the
  rules loader refuse them (`FORBIDDEN`), whatever the font;
- every other character must be in the fonts that draw the text. The covered set comes from the fonts
  (draw/fonts.py); this module only compares, so core never reads a font itself.

No reportlab here: `uncovered_in_doc` takes the covered code points as a plain set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mallette_print.core.errors import Problem, problem

if TYPE_CHECKING:
    from mallette_print.core.yamlio import Located

# Never printable, whatever the font: C0 controls but tab, line feed and carriage return; DEL and the C1
# controls; the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E-F, U+202A-E, U+2066-9);
# surrogates (only a YAML escape such as "\uD800" can make one); noncharacters.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# Drawn without a glyph of the font of their own (line ends; a narrow no-break space becomes a no-break space).
_LAYOUT = {0x09, 0x0A, 0x0D, 0x202F}  # U+202F is set as a no-break space (draw/textfit.py)


def describe(ch: str) -> str:
    """`U+1F600 (GRINNING FACE)`: a character named for a message, even one that cannot be shown."""
    name = unicodedata.name(ch, "") or {"Cc": "control character", "Cs": "surrogate"}.get(
        unicodedata.category(ch), "noncharacter"
    )
    return f"U+{ord(ch):04X} ({name})"


def forbidden_message(ch: str) -> str:
    """What to say about a forbidden character."""
    return f"character {describe(ch)} cannot be printed (a control, bidi or invalid character): delete it"


def field_context(data: Any, loc: tuple[Any, ...]) -> str:
    """`card 'regie-quartier', field text.fr` for a path into a loaded YAML document."""
    where = ".".join(str(p) for p in loc) or "(document)"
    for i, part in enumerate(loc[:-1]):
        if isinstance(part, int) and i > 0:
            node = data
            try:
                for p in loc[: i + 1]:
                    node = node[p]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                kind = "card" if loc[0] == "cards" and i == 1 else str(loc[i - 1]).rstrip("s")
                rest = ".".join(str(p) for p in loc[i + 1 :])
                return f"{kind} '{node['id'][:60]}', field {rest or '(item)'}"
    return f"field {where}"


def forbidden_in(text: str) -> tuple[int, str] | None:
    """The offset and character of the first forbidden character of a text, or None."""
    m = FORBIDDEN.search(text)
    return (m.start(), m.group()) if m else None


def uncovered(text: str, covered: Container[int]) -> Iterable[tuple[int, str]]:
    """Offsets and characters of a text that the fonts cannot draw (each character once)."""
    if text.isascii() and all(ord(c) in covered or ord(c) in _LAYOUT for c in set(text)):
        return []
    seen: set[str] = set()
    out = []
    for i, ch in enumerate(text):
        if ch in seen:
            continue
        seen.add(ch)
        if ord(ch) not in covered and ord(ch) not in _LAYOUT and not FORBIDDEN.match(ch):
            out.append((i, ch))
    return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def uncovered_in_doc(doc: Located, covered: Container[int], font: str) -> list[Problem]:
    """Every string value of a loaded YAML file holding a character the fonts lack, at its line, card and field."""
    problems: list[Problem] = []

    def walk(node: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(node, str):
            for _, ch in uncovered(node, covered):
                problems.append(
                    doc.problem(
                        loc,
                        field_context(doc.data, loc),
                        f"character {describe(ch)} is not in the font ({font}): it would print as an empty box; "
                        "remove it or write it with characters the font has",
                    )
                )
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, loc + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, loc + (i,))

    walk(doc.data, ())
    return problems


def unprintable_in_text(path: Path, text: str, covered: Container[int], font: str, what: str) -> list[Problem]:
    """A plain text file (the rules): every forbidden or undrawable character, at its line and column."""
    problems: list[Problem] = []
    for m in FORBIDDEN.finditer(text):
        problems.append(problem(path, *_line_col(text, m.start()), what, forbidden_message(m.group())))
    for _, ch in uncovered(text, covered):
        for m in re.finditer(re.escape(ch), text):
            problems.append(
                problem(
                    path,
                    *_line_col(text, m.start()),
                    what,
                    f"character {describe(ch)} is not in the font ({font}): it would print as an empty box; "
                    "remove it or write it with characters the font has",
                )
            )
            if len(problems) > 50:
                return problems
    return problems
