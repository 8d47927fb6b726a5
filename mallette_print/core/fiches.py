"""The fiches' texts: cards/fiches/<id>.yaml beside game.yaml, one file per fiche of `fiches.items`.

Each file is optional (a fiche without its file still has a title, a number and a URL; `mallette check --strict`
lists the missing ones). A file holds the notion in two sentences, its key ideas, an example, two debrief
questions and further reading, in the game's languages like the rest of the data. What the fiche looks like in
the game (the cards that cite it) is never written: `citing_cards` derives it from the decks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field, StrictInt, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from mallette_print.core.checks import Collector, check_url, load_located, validate_model
from mallette_print.core.errors import Problem, problem
from mallette_print.core.fields import Id, Strict, Text, Url
from mallette_print.core.i18n import coerce_text, describe

if TYPE_CHECKING:
    from mallette_print.core.manifest import Game
    from mallette_print.core.model import Card, Deck, GameData

FICHES_DIR = Path("cards") / "fiches"


def coerce_text_list(value: Any, info: ValidationInfo) -> dict[str, list[str]]:
    """Accept a list of texts (default language) or {lang: [texts]}; check the languages like `Text`."""
    if isinstance(value, list):
        value = {(info.context or {}).get("default_language", "fr"): value}
    if isinstance(value, dict):
        for lang, items in value.items():
            if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
                raise PydanticCustomError(
                    "text_list",
                    "the '{lang}' items must be a list of texts, got {got}",
                    {"lang": lang, "got": describe(items)},
                )
        checked = coerce_text({k: "-" for k in value}, info)  # the same language checks as a text
        return {k: list(value[k]) for k in checked}
    raise PydanticCustomError(
        "text_list", "expected a list of texts or a mapping {{language: [texts]}}, got {got}", {"got": describe(value)}
    )


TextList = Annotated[
    dict[str, list[str]],
    BeforeValidator(coerce_text_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    "propertyNames": {"pattern": "^[a-z]{2}(-[A-Z]{2})?$"},
                },
            ],
            "description": "Texts in the default language, or a mapping {language: [texts]}",
        }
    ),
]


class Example(Strict):
    """A real example of the kind the MES's member networks run."""

    title: Text
    text: Text


class Reading(Strict):
    """A checkable reference: a book, an article, a web page."""

    authors: str = Field(min_length=1, max_length=300)
    title: str = Field(min_length=1, max_length=400)
    publisher: str | None = None
    year: StrictInt | None = Field(default=None, ge=1500, le=2200)
    url: Url | None = None


class FicheText(Strict):
    """cards/fiches/<id>.yaml: what a fiche says."""

    id: Id
    summary: Text
    key_ideas: TextList
    example: Example
    questions: TextList
    reading: list[Reading] = Field(default=[], max_length=12)


def load_fiche_texts(root: Path, game: Game, context: dict[str, Any], col: Collector) -> dict[str, FicheText]:
    """The fiche files found in cards/fiches/, by fiche id; their problems (located) go to `col`."""
    folder = root / FICHES_DIR
    if not folder.is_dir():
        return {}
    known = {f.id for f in game.fiches.items}
    out: dict[str, FicheText] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.stem not in known:
            from mallette_print.core.diagnostics import suggest

            col.problems.append(
                problem(
                    path, 0, 0, "", f"no fiche '{path.stem}' in game.yaml's fiches.items{suggest(path.stem, known)}"
                )
            )
            continue
        doc = load_located(path, col)
        if doc is None:
            continue
        fiche = validate_model(FicheText, doc.data, doc, col, context)
        if fiche is None:
            continue
        if fiche.id != path.stem:
            col.add(doc, ("id",), "", f"id '{fiche.id}' differs from the file name: expected '{path.stem}'")
            continue
        for what in ("key_ideas", "questions"):
            for lang, items in getattr(fiche, what).items():
                if not 1 <= len(items) <= (5 if what == "key_ideas" else 4):
                    most = 5 if what == "key_ideas" else 4
                    col.add(doc, (what, lang), "", f"{len(items)} items in '{lang}': expected 1 to {most}")
        for i, ref in enumerate(fiche.reading):
            check_url(ref.url, doc, ("reading", i, "url"), f"reading {i + 1}", col)
        out[fiche.id] = fiche
    return out


def missing_fiche_texts(data: GameData) -> list[Problem]:
    """One problem per fiche of game.yaml without its cards/fiches/<id>.yaml (for `mallette check --strict`)."""
    found: list[Problem] = []
    for f in data.game.fiches.items:
        if f.id not in data.fiche_texts:
            path, line, col = data.where(f"fiche:{f.id}")
            found.append(
                Problem(path, line, col, f"fiche '{f.id}'", f"no text: write {(FICHES_DIR / f.id).as_posix()}.yaml")
            )
    return found


def citing_cards(data: GameData, fiche_id: str) -> list[tuple[Deck, Card]]:
    """The cards that cite a fiche (their `fiche:` field), in deck order: what the fiche looks like in the game."""
    return [(deck, card) for deck, card in data.cards() if card.fiche == fiche_id]
