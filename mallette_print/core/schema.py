"""JSON Schemas of the YAML files, for editors (yaml-language-server) and `mallette schema`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError, create_model

from mallette_print.core.board import Board
from mallette_print.core.cardtypes import CardTypeDef
from mallette_print.core.fiches import FicheText
from mallette_print.core.model import Back, Game, Id, Strict, Template, Text


class _DeckBase(Strict):
    id: Id
    title: Text
    template: Id
    back: Back


class TemplatesFile(Strict):
    templates: dict[Id, Template]


def _schema(target: Any, title: str) -> dict[str, Any]:
    if isinstance(target, type) and issubclass(target, BaseModel):
        schema = target.model_json_schema()
    else:
        schema = TypeAdapter(target).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def _decks(card_types: dict[str, CardTypeDef]) -> list[type[_DeckBase]]:
    """A deck model per card type, made from its definition (core/custom.py): the built-in ones, then the game's."""
    from mallette_print.core.custom import models_for

    decks: list[type[_DeckBase]] = []
    for name, card in models_for(card_types).items():
        fields: dict[str, Any] = {"type": (Literal[(name,)], ...), "cards": (list[card], Field(min_length=1))}  # type: ignore[valid-type]
        decks.append(create_model(f"{card.__name__.removesuffix('Card')}Deck", __base__=_DeckBase, **fields))
    return decks


def _deck_schema(card_types: dict[str, CardTypeDef] | None = None) -> dict[str, Any]:
    """One schema per card type, chosen by the file's `type` with if/then.

    A top-level `oneOf` (with the OpenAPI-only `discriminator`) makes a generic validator try every branch, so one
    misspelled key was reported against all six deck shapes (459 errors for one typo); with if/then only the branch
    of the file's own type applies and the typo is one error at its key.
    """
    defs: dict[str, Any] = {}
    branches = []
    types = []
    for deck in _decks(card_types or {}):
        sub = deck.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(sub.pop("$defs", {}))
        defs[deck.__name__] = sub
        kind = deck.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
        types.append(kind)
        branches.append(
            {
                "if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{deck.__name__}"},
            }
        )
    return {
        "$defs": dict(sorted(defs.items())),
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": types, "description": "The card type of every card in this file"}},
        "allOf": branches,
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mallette-print deck file (cards/<deck>.yaml)",
    }


def schemas(card_types: dict[str, CardTypeDef] | None = None) -> dict[str, dict[str, Any]]:
    """Every schema by file name: game, deck, templates, board and fiche files; the deck schema with a branch for
    each of `card_types`, a game's own card types."""
    out = {
        "game.schema.json": _schema(Game, "mallette-print game manifest (cards/game.yaml)"),
        "deck.schema.json": _deck_schema(card_types),
        "templates.schema.json": _schema(TemplatesFile, "mallette-print card templates (cards/templates.yaml)"),
        "board.schema.json": _schema(Board, "mallette-print board (cards/board.yaml)"),
        "fiche.schema.json": _schema(FicheText, "mallette-print fiche text (cards/fiches/<id>.yaml)"),
    }
    return out


def dumps(schema: dict[str, Any]) -> str:
    """Stable JSON text for a schema (sorted keys, so the committed files diff cleanly)."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def game_card_types(root: Path) -> dict[str, CardTypeDef]:
    """The card types a game defines in its cards/game.yaml, or none when it has no valid `card_types:`
    (`mallette check` says what is wrong with them)."""
    import yaml

    path = root / "cards" / "game.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(raw, dict) or not raw.get("card_types"):
        return {}
    lang = raw.get("default_language", "fr")
    try:
        return TypeAdapter(dict[str, CardTypeDef]).validate_python(
            raw["card_types"], context={"default_language": lang if isinstance(lang, str) else "fr"}
        )
    except ValidationError:
        return {}
