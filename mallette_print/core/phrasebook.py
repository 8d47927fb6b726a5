"""The fixed words the outputs print, one YAML file per language: mallette_print/phrasebook/<tag>.yaml.

A phrase is looked up by a normalised language tag, most specific first: `fr-CA` -> `fr` -> the game's default
language (and its primary language) -> a DataError naming the key and the file. A regional file (fr-CA.yaml)
may hold only the keys that differ from its language's file.

Settings (hyphenation, typography, see core/typography.py) follow the text's own language only, never the
game's default: French spacing on German text would be wrong. A language without a file gets neutral settings
(no hyphenation, no spacing rules).

No code here or elsewhere knows a particular language: adding one is adding its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mallette_print.core.errors import DataError, problem

FOLDER = Path(__file__).resolve().parent.parent / "phrasebook"
# A language, a region or a UN M.49 area: fr, fr-CA, es-419 (also written fr_ca, FR-ca).
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")

Value = str | list[str]

# The settings of a language that has no file (markdown-it's own quotes; nothing else).
NEUTRAL: dict[str, Value] = {
    "language.hyphenation": "",
    "language.pdf_tag": "",
    "language.licence_deed": "",
    "typography.nbsp_before": "",
    "typography.nbsp_after_always": "",
    "typography.nbsp_before_always": "",
    "typography.quotes": ["“", "”", "‘", "’"],
    "typography.colon": ":",
    # optional settings (a full language file may leave them out): the opening marks a question or an exclamation
    # must have in the language, checked by `mallette check` (Spanish: question_open: "¿", exclamation_open: "¡")
    "typography.question_open": "",
    "typography.exclamation_open": "",
}
OPTIONAL = ("typography.question_open", "typography.exclamation_open")


def normalise(tag: str) -> str:
    """A language tag in its usual form: 'fr_ca' and 'FR-ca' -> 'fr-CA' (anything else is kept as it is)."""
    m = _TAG.match(tag.strip())
    if not m:
        return tag
    lang, region = m.groups()
    return lang.lower() + (f"-{region.upper()}" if region else "")


@cache
def chain(lang: str, default: str | None = None) -> tuple[str, ...]:
    """The tags to look a phrase up in, most specific first: fr-CA, fr, then the default language's."""
    tags: list[str] = []
    for tag in (lang, default):
        if tag:
            full = normalise(tag)
            tags += [full, full.split("-")[0]]
    return tuple(dict.fromkeys(tags))


def path_of(tag: str) -> Path:
    """The file of a language tag."""
    return FOLDER / f"{normalise(tag)}.yaml"


def languages() -> list[str]:
    """The tags that have a file, sorted."""
    return sorted(p.stem for p in FOLDER.glob("*.yaml"))


def entries(tag: str) -> dict[str, Value] | None:
    """Every entry of a language's own file by dotted key ('card.brings'), or None when it has no file.

    The files ship with the package and do not change while it runs: each is read once per process.
    """
    return _entries(FOLDER, tag)


@cache
def _entries(folder: Path, tag: str) -> dict[str, Value] | None:
    return _load(folder / f"{normalise(tag)}.yaml")


@cache
def _load(path: Path) -> dict[str, Value] | None:
    if not path.is_file():
        return None
    try:
        # libyaml's parser when the machine has it (ten times faster; the same safe resolvers).
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise DataError(
            [problem(path, line, col, "phrasebook", f"not valid YAML: {getattr(exc, 'problem', exc)}")]
        ) from None
    if not isinstance(raw, dict):
        raise DataError([problem(path, 0, 0, "phrasebook", "expected a mapping of sections to phrases")])
    out: dict[str, Value] = {}
    bad: list[str] = []
    _flatten(raw, "", out, bad)
    if bad:
        raise DataError(
            [problem(path, 0, 0, "phrasebook", f"'{key}' must be a text or a list of texts") for key in bad]
        )
    return out


def _flatten(node: dict[Any, Any], prefix: str, out: dict[str, Value], bad: list[str]) -> None:
    for name, value in node.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            _flatten(value, key + ".", out, bad)
        elif isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            out[key] = value
        else:
            bad.append(key)


def _find(key: str, tags: tuple[str, ...]) -> tuple[str, Value] | list[str]:
    """(tag, value) from the first file of `tags` that has the key, else the tags whose files were searched."""
    searched: list[str] = []
    for tag in tags:
        book = entries(tag)
        if book is None:
            continue
        if key in book:
            return tag, book[key]
        searched.append(tag)
    return searched


def _missing(key: str, lang: str, default: str | None, searched: list[str]) -> DataError:
    if searched:
        files = ", ".join(f"{t}.yaml" for t in searched)
        return DataError(
            [
                problem(
                    path_of(searched[0]),
                    0,
                    0,
                    "phrasebook",
                    f"no phrase '{key}' for language '{lang}' (looked in {files})",
                )
            ]
        )
    also = f" nor for the game's default language '{default}'" if default and default != lang else ""
    return DataError(
        [
            problem(
                path_of(lang.split("-")[0]),
                0,
                0,
                "phrasebook",
                f"no phrasebook for language '{lang}'{also}: no phrase '{key}' (add the file)",
            )
        ]
    )


def phrase(key: str, lang: str, default: str | None = None) -> Value:
    """The phrase `key` (dotted: 'card.brings') as written, from the most specific file that has it."""
    found = _find(key, chain(lang, default))
    if isinstance(found, list):
        raise _missing(key, lang, default, found)
    return found[1]


def text(key: str, lang: str, default: str | None = None, **fields: object) -> str:
    """The phrase `key` as a text, its `{fields}` filled when some are given."""
    found = _find(key, chain(lang, default))
    if isinstance(found, list):
        raise _missing(key, lang, default, found)
    tag, value = found
    if not isinstance(value, str):
        raise DataError([problem(path_of(tag), 0, 0, "phrasebook", f"'{key}' must be a text, not a list")])
    if not fields:
        return value
    try:
        return value.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise DataError(
            [
                problem(
                    path_of(tag), 0, 0, "phrasebook", f"'{key}': cannot fill {value!r} with {sorted(fields)} ({exc!r})"
                )
            ]
        ) from None


def texts(key: str, lang: str, default: str | None = None) -> list[str]:
    """The phrase `key` as a list of texts."""
    value = phrase(key, lang, default)
    return [value] if isinstance(value, str) else list(value)


def setting(key: str, lang: str) -> Value:
    """A setting of the text's own language (its tag, then its primary language), neutral when it has no file."""
    found = _find(key, chain(lang))
    if isinstance(found, list):
        if (found and key not in OPTIONAL) or key not in NEUTRAL:
            raise _missing(key, lang, None, found)
        return NEUTRAL[key]
    return found[1]


def setting_text(key: str, lang: str) -> str:
    """A setting that is one text."""
    value = setting(key, lang)
    if not isinstance(value, str):
        raise DataError([problem(path_of(lang), 0, 0, "phrasebook", f"'{key}' must be a text, not a list")])
    return value


@dataclass(frozen=True)
class Phrases:
    """The phrasebook of one language, falling back to the game's default language: `words('card.brings')`."""

    lang: str
    default: str | None = None

    def __call__(self, key: str, **fields: object) -> str:
        return text(key, self.lang, self.default, **fields)

    def texts(self, key: str) -> list[str]:
        """A phrase that is a list of texts."""
        return texts(key, self.lang, self.default)
