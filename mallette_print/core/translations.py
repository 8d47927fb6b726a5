"""Every translatable string of a game's files, located: what `check --strict --lang L` lists, what a build warns
about when it falls back, and what `mallette i18n export` writes.

A translatable string is a mapping whose keys are language codes and whose values are texts, such as
`title: {fr: ..., en: ...}`, found anywhere in the game's YAML files: the manifest (cards/game.yaml), the
templates, the decks, the board, the fiches (cards/fiches/*.yaml). The files are read again here with PyYAML's
composer, so every string has its exact place in the file (start and end offsets), which is what lets
`mallette i18n import` rewrite one text without touching the rest of the file.

Fallbacks are stated in the manifest: `fallback: {es: [pt, fr]}` reads "a Spanish text that is missing is taken
from Portuguese, then French"; every chain ends with the default language, so a game without `fallback` keeps
today's behaviour (everything falls back to the default language), but each fallen-back string is now named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mallette_print.core.errors import Problem, display_path
from mallette_print.core.phrasebook import FOLDER

if TYPE_CHECKING:
    from mallette_print.core.model import GameData

LANG_KEY = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
MAX_NODES = 200_000


@dataclass(frozen=True)
class Entry:
    """One translatable string: where it is, what it says in each language."""

    file: Path  # the YAML file
    path: tuple[str | int, ...]  # the YAML path of the mapping {lang: text}
    context: str  # msgctxt: card id and field, or the YAML path
    texts: dict[str, str]  # language -> text
    line: dict[str, int]  # language -> 1-based line of its text
    col: dict[str, int]
    span: dict[str, tuple[int, int]]  # language -> (start, end) offsets of the scalar in the file's text
    key_col: int  # column of the mapping's keys (0-based), for a new line in a block mapping
    flow: bool  # written {fr: ..., en: ...} on one line
    end: int  # offset of the end of the mapping's last value
    item: int = -1  # in a list of texts per language ({fr: [...], en: [...]}): the item's index
    items: int = 0  # and the number of items in the source language


def data_files(root: Path, decks: list[str] | None = None, templates: str = "templates.yaml") -> list[Path]:
    """The game's YAML files that may hold texts, in a stable order."""
    cards = root / "cards"
    names = ["game.yaml", templates, *(decks or []), "board.yaml"]
    found = [cards / n for n in names if n.endswith((".yaml", ".yml"))]
    found += sorted((cards / "fiches").glob("*.yaml")) if (cards / "fiches").is_dir() else []
    seen: list[Path] = []
    for p in found:
        if p.is_file() and p not in seen:
            seen.append(p)
    return seen


def _compose(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # the loader (core/yamlio.py) reports it, located


def _context(path: tuple[str | int, ...], ids: dict[tuple[str | int, ...], str]) -> str:
    """`card-id.field` for a card's text (the nearest mapping with an id), else the YAML path."""
    for cut in range(len(path) - 1, -1, -1):
        owner = ids.get(path[:cut])
        if owner is not None:
            rest = ".".join(str(p) for p in path[cut:])
            return f"{owner}.{rest}"
    return ".".join(str(p) for p in path) or "(top)"


def scan_file(file: Path, languages: list[str]) -> list[Entry]:
    """Every {lang: text} mapping of one YAML file (keys among `languages`), in file order."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    root = _compose(text)
    if root is None:
        return []
    out: list[Entry] = []
    ids: dict[tuple[str | int, ...], str] = {}
    count = 0
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        count += 1
        if count > MAX_NODES:
            break
        if isinstance(node, SequenceNode):
            stack.extend((child, (*path, i)) for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value if isinstance(k, ScalarNode)]
            keys = [k.value for k, _ in pairs]
            if pairs and all(k in languages for k in keys) and all(isinstance(v, ScalarNode) for _, v in pairs):
                out.append(_entry(file, path, pairs, node, ids))
                continue
            if pairs and all(k in languages for k in keys) and all(_texts(v) for _, v in pairs):
                out.extend(_list_entries(file, path, pairs))
                continue
            for k, v in pairs:
                if k.value == "id" and isinstance(v, ScalarNode):
                    ids[path] = v.value
            stack.extend((v, (*path, k.value)) for k, v in reversed(pairs))
    for i, e in enumerate(out):
        out[i] = replace(e, context=_context(e.path, ids))
    return sorted(out, key=lambda e: min(e.span.values()))


def _entry(file: Path, path: tuple[str | int, ...], pairs: list[tuple[Any, Any]], node: MappingNode, ids: Any) -> Entry:
    return Entry(
        file=file,
        path=path,
        context="",
        texts={k.value: str(v.value) for k, v in pairs},
        line={k.value: v.start_mark.line + 1 for k, v in pairs},
        col={k.value: v.start_mark.column + 1 for k, v in pairs},
        span={k.value: (v.start_mark.index, v.end_mark.index) for k, v in pairs},
        key_col=pairs[0][0].start_mark.column,
        flow=bool(node.flow_style),
        end=pairs[-1][1].end_mark.index,
    )


def _texts(node: Node) -> bool:
    return isinstance(node, SequenceNode) and bool(node.value) and all(isinstance(x, ScalarNode) for x in node.value)


def _list_entries(file: Path, path: tuple[str | int, ...], pairs: list[tuple[Any, Any]]) -> list[Entry]:
    """One entry per item of a list of texts in each language: item i of each language is its translation."""
    longest = max(len(v.value) for _, v in pairs)
    end = pairs[-1][1].end_mark.index
    out: list[Entry] = []
    for i in range(longest):
        have = [(k, v.value[i]) for k, v in pairs if i < len(v.value)]
        out.append(
            Entry(
                file=file,
                path=(*path, i),
                context="",
                texts={k.value: str(x.value) for k, x in have},
                line={k.value: x.start_mark.line + 1 for k, x in have},
                col={k.value: x.start_mark.column + 1 for k, x in have},
                span={k.value: (x.start_mark.index, x.end_mark.index) for k, x in have},
                key_col=pairs[0][0].start_mark.column,
                flow=False,
                end=end,
                item=i,
                items=longest,
            )
        )
    return out


def scan_game(root: Path, languages: list[str], decks: list[str] | None = None, templates: str = "") -> list[Entry]:
    """Every translatable string of the game's files."""
    out: list[Entry] = []
    for f in data_files(root, decks, templates or "templates.yaml"):
        out.extend(scan_file(f, languages))
    return out


def chain(lang: str, default: str, fallback: dict[str, list[str]] | None) -> list[str]:
    """The languages a missing `lang` text is taken from, in order; always ends with the default language."""
    out = [x for x in (fallback or {}).get(lang, []) if x != lang]
    return list(dict.fromkeys([*out, default]))


def untranslated(
    entries: list[Entry], lang: str, default: str, fallback: dict[str, list[str]] | None = None
) -> list[Problem]:
    """One located problem per string without a `lang` text, at the source language's line."""
    if lang == default:
        return []
    order = chain(lang, default, fallback)
    out: list[Problem] = []
    for e in entries:
        if e.texts.get(lang, "").strip():
            continue
        src = next((x for x in order if e.texts.get(x, "").strip()), None)
        if src is None:
            continue
        shown = e.texts[src] if len(e.texts[src]) <= 50 else e.texts[src][:47] + "..."
        out.append(
            Problem(
                display_path(e.file),
                e.line[src],
                e.col[src],
                e.context,
                f"no '{lang}' text: falls back to '{src}' ({shown!r})",
            )
        )
    return out


@dataclass(frozen=True)
class Phrase:
    """One scalar of a phrasebook file: its dotted key (`card.brings`, `list.2` for a list's third item)."""

    key: str
    text: str
    line: int
    col: int
    span: tuple[int, int]


SETTINGS = ("language.", "typography.")  # per-language settings, not words: never exported for translation


def scan_phrasebook(file: Path) -> list[Phrase]:
    """Every text of a phrasebook file, located, in file order."""
    if not file.is_file():
        return []
    root = _compose(file.read_text(encoding="utf-8"))
    out: list[Phrase] = []

    def walk(node: Node, key: str) -> None:
        if isinstance(node, MappingNode):
            for k, v in node.value:
                walk(v, f"{key}.{k.value}" if key else str(k.value))
        elif isinstance(node, SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, f"{key}.{i}")
        elif isinstance(node, ScalarNode):
            m = node.start_mark
            out.append(Phrase(key, str(node.value), m.line + 1, m.column + 1, (m.index, node.end_mark.index)))

    if root is not None:
        walk(root, "")
    return out


def phrasebook_missing(folder: Path, lang: str, default: str) -> list[Problem]:
    """The phrases of the default language's file that `lang`'s file lacks (all of them when it has no file),
    each located in the default language's file."""
    base = lang.replace("_", "-").split("-")[0]
    own = folder / f"{lang}.yaml"
    if not own.is_file():
        own = folder / f"{base}.yaml"
    have = {p.key for p in scan_phrasebook(own)}
    have |= {k.rsplit(".", 1)[0] for k in have if k.rsplit(".", 1)[-1].isdigit()}  # lists may differ in length
    source = folder / f"{default}.yaml"
    if not own.is_file():
        return [
            Problem(
                display_path(source),
                0,
                0,
                "phrasebook",
                f"no phrasebook for '{lang}' ({own.name}): every fixed word falls back to '{default}'",
            )
        ]
    return [
        Problem(display_path(source), p.line, p.col, f"phrasebook {p.key}", f"no '{lang}' text in {own.name}")
        for p in scan_phrasebook(source)
        if p.key not in have
        and not (p.key.rsplit(".", 1)[-1].isdigit() and p.key.rsplit(".", 1)[0] in have)
        and not p.key.startswith("_")
    ]


def rules_missing(root: Path, lang: str) -> list[Problem]:
    """A problem when the game has a rules/ folder but no rules/<lang>.md."""
    folder = root / "rules"
    path = folder / f"{lang}.md"
    if not folder.is_dir() or path.is_file():
        return []
    return [
        Problem(
            display_path(path),
            0,
            0,
            "rulebook",
            f"no rulebook text for '{lang}': the rulebook holds only its generated parts (components, cards, print"
            " guide, credits); write this file to add the rules",
        )
    ]


def language_problems(data: GameData, lang: str) -> list[Problem]:
    """Every string of the game not translated into `lang`, located: the data files, the phrasebook and the
    rules (nothing for the default language)."""
    g = data.game
    root = Path(data.root)
    entries = scan_game(root, list(dict.fromkeys([*g.languages, lang])), list(g.decks), g.templates)
    if lang == g.default_language:
        return typography_problems(entries, lang)
    return [
        *untranslated(entries, lang, g.default_language, g.fallback),
        *typography_problems(entries, lang),
        *phrasebook_missing(FOLDER, lang, g.default_language),
        *rules_missing(root, lang),
    ]


def tr_title(data: GameData) -> str:
    """The game's title in its default language (a PO file's project name)."""
    g = data.game
    return g.title.get(g.default_language) or next(iter(g.title.values()), "")


def typography_problems(entries: list[Entry], lang: str) -> list[Problem]:
    """Warnings on the language's punctuation and line breaks: a question or an exclamation without the opening
    mark the language's phrasebook asks for (Spanish ¿ ¡), and no hyphenation dictionary in pyphen."""
    from mallette_print.core.phrasebook import setting_text
    from mallette_print.core.typography import hyphenation

    out: list[Problem] = []
    marks = [
        ("?", setting_text("typography.question_open", lang), "question"),
        ("!", setting_text("typography.exclamation_open", lang), "exclamation"),
    ]
    for e in entries:
        text = e.texts.get(lang, "")
        for close, opening, what in marks:
            if opening and text.count(close) > text.count(opening):
                out.append(
                    Problem(
                        display_path(e.file),
                        e.line[lang],
                        e.col[lang],
                        e.context,
                        f"a {what} without its opening '{opening}' in the '{lang}' text",
                    )
                )
    if not hyphenation(lang):
        msg = (
            f"no hyphenation dictionary for '{lang}' (neither in its phrasebook nor in pyphen): long words are not cut"
        )
        out.append(Problem(display_path(FOLDER / f"{lang}.yaml"), 0, 0, "hyphenation", msg))
    return out
